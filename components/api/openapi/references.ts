// Values the document needs that only exist once other resources do (ARNs of functions and
// user pools the program builds, ids of VPC links and endpoints). The builder writes a token for each; the
// component swaps tokens for the resolved values, so the builder stays pure.

import { isLambdaArn, isUserPoolArn, isVpcEndpointId } from "../../config/api/references";
import type { KeyPath, Problems } from "../../config/problems";

export type ReferenceKind = "lambda-invoke-uri" | "user-pool-arn" | "vpc-link-id" | "vpc-endpoint-id";

export interface Reference {
    token: string;
    kind: ReferenceKind;
    /** The name in ApiEndpointArgs (`functions`, `userPools`, `vpcLinks`, `vpcEndpoints`). */
    name: string;
}

/** Names the program supplies in ApiEndpointArgs. */
export interface AvailableTargets {
    functions: readonly string[];
    userPools: readonly string[];
    vpcLinks: readonly string[];
    vpcEndpoints: readonly string[];
}

export function tokenFor(kind: ReferenceKind, name: string): string {
    return `@@gatevault:${kind}:${name}@@`;
}

/** What API Gateway calls to invoke a Lambda function (region and partition from its ARN). */
export function lambdaInvokeUri(functionArn: string): string {
    const [, partition, , region] = functionArn.split(":");
    return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** Swaps every token for its value; values are JSON-escaped since the text is JSON. */
export function substituteReferences(text: string, values: Readonly<Record<string, string>>): string {
    return text.replace(/@@gatevault:[a-z-]+:[a-z0-9-]+@@/g, (token) => {
        const value = values[token];
        if (value === undefined) {
            throw new Error(`no value for ${token}`);
        }
        return JSON.stringify(value).slice(1, -1);
    });
}

const what: Record<ReferenceKind, { noun: string; arg: string; literal: string }> = {
    "lambda-invoke-uri": { noun: "function", arg: "functions", literal: "a Lambda function ARN" },
    "user-pool-arn": { noun: "user pool", arg: "userPools", literal: "a Cognito user pool ARN" },
    "vpc-link-id": { noun: "VPC link", arg: "vpcLinks", literal: "vpcLinkId" },
    "vpc-endpoint-id": { noun: "VPC endpoint", arg: "vpcEndpoints", literal: "a vpce- id" },
};

export class References {
    private readonly used = new Map<string, Reference>();

    constructor(private readonly available: AvailableTargets, private readonly problems: Problems) {}

    private named(kind: ReferenceKind, name: string, names: readonly string[], at: KeyPath, context: string): string {
        if (!names.includes(name)) {
            const supplied = names.length > 0 ? names.join(", ") : "none";
            this.problems.add(at, `names no ${what[kind].noun} the program supplies (${context}; supplied: ${supplied}); use ${what[kind].literal} or a name passed in ApiEndpointArgs.${what[kind].arg}`);
        }
        const token = tokenFor(kind, name);
        this.used.set(token, { token, kind, name });
        return token;
    }

    lambdaInvokeUri(ref: string, at: KeyPath, context: string): string {
        return isLambdaArn(ref) ? lambdaInvokeUri(ref) : this.named("lambda-invoke-uri", ref, this.available.functions, at, context);
    }

    userPoolArn(ref: string, at: KeyPath, context: string): string {
        return isUserPoolArn(ref) ? ref : this.named("user-pool-arn", ref, this.available.userPools, at, context);
    }

    vpcLinkId(name: string, at: KeyPath, context: string): string {
        return this.named("vpc-link-id", name, this.available.vpcLinks, at, context);
    }

    vpcEndpointId(ref: string, at: KeyPath, context: string): string {
        return isVpcEndpointId(ref) ? ref : this.named("vpc-endpoint-id", ref, this.available.vpcEndpoints, at, context);
    }

    list(): Reference[] {
        return [...this.used.values()];
    }
}
