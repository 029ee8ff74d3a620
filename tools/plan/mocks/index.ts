// The deterministic mocks the offline plan installs: resource outputs by type and data
// source answers, each in the region and account of the provider used.

import type * as pulumi from "@pulumi/pulumi";
import { contextOfProvider, ProviderInputs, TargetContext } from "./context";
import { answerDataSource } from "./data-sources";
import { MockedOutputs, mockResourceOutputs } from "./resource-outputs";

export { UnmockedDataSourceError, renderPolicyDocument, mockedDataSources, withMockOrganization } from "./data-sources";
export type { MockOrganizationState } from "./data-sources";
export type { TargetContext } from "./context";

export class OfflineMocks implements pulumi.runtime.Mocks {
    private readonly providers = new Map<string, TargetContext>();

    constructor(readonly stackContext: TargetContext) {}

    /** Remembers a provider's target so resources created through it get its region and account. */
    registerProvider(providerRef: string, inputs: ProviderInputs): void {
        this.providers.set(providerRef, contextOfProvider(inputs, this.stackContext));
    }

    contextOf(providerRef: string | undefined): TargetContext {
        return (providerRef && this.providers.get(providerRef)) || this.stackContext;
    }

    outputsFor(args: { urn: string; type: string; name: string; inputs: Record<string, any>; providerRef?: string }): MockedOutputs {
        if (args.type.startsWith("pulumi:providers:")) {
            return { id: `${args.name}-provider`, outputs: {} };
        }
        return mockResourceOutputs({ ...args, ctx: this.contextOf(args.providerRef) });
    }

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const urn = `urn:pulumi:offline::read::${args.type}::${args.name}`;
        const { id, outputs } = this.outputsFor({ urn, type: args.type, name: args.name, inputs: args.inputs, providerRef: args.provider });
        return { id: args.id ?? id, state: { ...args.inputs, ...outputs } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return answerDataSource(args.token, args.inputs, this.contextOf(args.provider));
    }
}
