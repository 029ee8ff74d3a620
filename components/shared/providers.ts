// Explicit AWS providers. Every resource gets its provider passed in, so a component can
// target another region or account, and the stack disables the ambient default provider.

import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { defaultTags } from "./default-tags";

/**
 * What the providers need from the stack config (the parsed config satisfies it): where the
 * stack deploys, and the tags every resource gets. Declared here because shared is the bottom
 * layer and may not import the config's types.
 */
export interface ProviderStack {
    region: string;
    accountId: string;
    environment: string;
    tags: Readonly<Record<string, string>>;
}

export interface ProviderTarget {
    /** Region to deploy into; defaults to the stack's `aws:region`. */
    region?: string;
    /** Role to assume for another account; its account id becomes the only allowed one. */
    assumeRoleArn?: string;
}

export function accountOfRoleArn(roleArn: string): string {
    const account = roleArn.split(":")[4];
    if (!/^\d{12}$/.test(account ?? "")) {
        throw new Error(`cannot read an account id from role ARN "${roleArn}"`);
    }
    return account;
}

/**
 * Creates each distinct provider once (per region and assumed role) and hands the same
 * instance to every component that asks, so the plan shows one provider per target.
 */
export class ProviderSet {
    readonly main: aws.Provider;
    private readonly byKey = new Map<string, aws.Provider>();

    constructor(private readonly config: ProviderStack, private readonly opts: pulumi.CustomResourceOptions = {}) {
        this.main = this.get({});
    }

    get target(): Required<Pick<ProviderTarget, "region">> & { accountId: string } {
        return { region: this.config.region, accountId: this.config.accountId };
    }

    get(target: ProviderTarget): aws.Provider {
        const region = target.region ?? this.config.region;
        const account = target.assumeRoleArn ? accountOfRoleArn(target.assumeRoleArn) : this.config.accountId;
        const key = `${account}/${region}`;
        const existing = this.byKey.get(key);
        if (existing) {
            return existing;
        }
        const isMain = account === this.config.accountId && region === this.config.region;
        const name = isMain ? "aws" : account === this.config.accountId ? `aws-${region}` : `aws-${account}-${region}`;
        const provider = new aws.Provider(
            name,
            {
                region: region as aws.Region,
                allowedAccountIds: [account],
                assumeRoles: target.assumeRoleArn
                    ? [{ roleArn: target.assumeRoleArn, sessionName: `gatevault-${pulumi.getStack()}` }]
                    : undefined,
                defaultTags: { tags: defaultTags(this.config.tags, this.config.environment) },
            },
            this.opts,
        );
        this.byKey.set(key, provider);
        return provider;
    }
}
