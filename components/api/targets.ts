// What other components hand an ApiEndpoint by name (functions and user pools from the
// functions issue, VPC links and endpoints from the private-connectivity issue), and
// turning the builder's tokens into their values.

import * as pulumi from "@pulumi/pulumi";
import { isLambdaArn, isVpcEndpointId } from "../config/api/references";
import { AvailableTargets, lambdaInvokeUri, Reference, substituteReferences } from "./openapi";

/** Something the program builds that config names by ARN. */
export interface ArnTarget {
    arn: pulumi.Input<string>;
}

/** A Lambda function the program builds; an `aws.lambda.Function` fits. */
export type FunctionTarget = ArnTarget;

/** A Cognito user pool the program builds; an `aws.cognito.UserPool` fits. */
export type UserPoolTarget = ArnTarget;

/** A VPC link (an `aws.apigateway.VpcLink` fits) or an endpoint (`aws.ec2.VpcEndpoint` fits). */
export interface IdTarget {
    id: pulumi.Input<string>;
}

export interface ApiTargets {
    functions?: Readonly<Record<string, FunctionTarget>>;
    userPools?: Readonly<Record<string, UserPoolTarget>>;
    vpcLinks?: Readonly<Record<string, IdTarget>>;
    vpcEndpoints?: Readonly<Record<string, IdTarget>>;
}

export function availableNames(targets: ApiTargets): AvailableTargets {
    return {
        functions: Object.keys(targets.functions ?? {}),
        userPools: Object.keys(targets.userPools ?? {}),
        vpcLinks: Object.keys(targets.vpcLinks ?? {}),
        vpcEndpoints: Object.keys(targets.vpcEndpoints ?? {}),
    };
}

function valueOf(ref: Reference, targets: ApiTargets): pulumi.Input<string> {
    switch (ref.kind) {
        case "lambda-invoke-uri":
            return pulumi.output(targets.functions![ref.name].arn).apply(lambdaInvokeUri);
        case "user-pool-arn":
            return targets.userPools![ref.name].arn;
        case "vpc-link-id":
            return targets.vpcLinks![ref.name].id;
        case "vpc-endpoint-id":
            return targets.vpcEndpoints![ref.name].id;
    }
}

/** The document with every token replaced; a plain string when there are none. */
export function resolveDocument(text: string, references: readonly Reference[], targets: ApiTargets): pulumi.Input<string> {
    if (references.length === 0) {
        return text;
    }
    const values = Object.fromEntries(references.map((ref) => [ref.token, valueOf(ref, targets)]));
    return pulumi.all(values).apply((resolved) => substituteReferences(text, resolved));
}

export function functionArn(ref: string, targets: ApiTargets): pulumi.Input<string> {
    return isLambdaArn(ref) ? ref : targets.functions![ref].arn;
}

export function vpcEndpointIds(refs: readonly string[], targets: ApiTargets): pulumi.Input<string>[] {
    return refs.map((ref) => (isVpcEndpointId(ref) ? ref : targets.vpcEndpoints![ref].id));
}

/** Resources among the referenced VPC links, which the deployment must wait for. */
export function referencedResources(references: readonly Reference[], targets: ApiTargets): pulumi.Resource[] {
    return references
        .filter((ref) => ref.kind === "vpc-link-id" || ref.kind === "vpc-endpoint-id")
        .map((ref) => (ref.kind === "vpc-link-id" ? targets.vpcLinks : targets.vpcEndpoints)![ref.name])
        .filter((target): target is IdTarget & pulumi.Resource => pulumi.Resource.isInstance(target));
}
