import * as aws from "../common/aws-types";
import type { PolicyResource } from "@pulumi/policy";
import { appliesToEveryone, conditionValues, parsePolicyDocument, Statement, statementCovers } from "../common/iam-policy-document";
import { ofClass } from "../common/links";
import type { GatevaultStackPolicy } from "../types";
import { parseOpenApiBody, resourcePolicyOf } from "./openapi";
import { endpointTypesOf } from "./stage-links";

interface Config {
    allowedVpcEndpointIds: string[];
}

const INVOKE = "execute-api:Invoke";
const SOURCE_VPCE = "aws:SourceVpce";
const NEGATED = ["StringNotEquals", "StringNotEqualsIfExists", "ForAllValues:StringNotEquals"];
const POSITIVE = ["StringEquals", "StringEqualsIfExists", "ForAnyValue:StringEquals"];

function endpointsAllowed(ids: string[], allowed: string[]): boolean {
    return allowed.length === 0 || ids.every((id) => allowed.includes(id));
}

/**
 * A private API is restricted when its resource policy denies invocation to everyone outside
 * the listed VPC endpoints, or when every statement allowing invocation is conditioned on them.
 */
export function vpceRestrictionProblem(statements: Statement[], allowed: string[]): string | undefined {
    const denies = statements.filter((s) => s.effect === "Deny" && appliesToEveryone(s) && statementCovers(s, INVOKE));
    for (const s of denies) {
        const ids = conditionValues(s, NEGATED, SOURCE_VPCE);
        if (ids && endpointsAllowed(ids, allowed)) return undefined;
    }
    const allows = statements.filter((s) => s.effect === "Allow" && statementCovers(s, INVOKE));
    if (allows.length === 0) {
        return "the resource policy allows no one to invoke the API";
    }
    const unrestricted = allows.filter((s) => {
        const ids = conditionValues(s, POSITIVE, SOURCE_VPCE);
        return !ids || !endpointsAllowed(ids, allowed);
    });
    if (unrestricted.length === 0) return undefined;
    return allowed.length > 0
        ? `invocation is not limited to the allowed VPC endpoints (${allowed.join(", ")}) by an aws:SourceVpce condition`
        : "invocation is not limited to VPC endpoints by an aws:SourceVpce condition";
}

/** A policy in the OpenAPI body (`x-amazon-apigateway-policy`) is the API's policy when the body is imported. */
function bodyPolicy(body: unknown): Record<string, any> | undefined {
    if (body === undefined) return undefined;
    const parsed = parseOpenApiBody(body);
    return parsed.ok ? resourcePolicyOf(parsed.value) : undefined;
}

/** RestApiPolicy resources by the URN of the RestApi they attach to. */
function attachedPolicies(resources: readonly PolicyResource[]): Map<string, PolicyResource[]> {
    const out = new Map<string, PolicyResource[]>();
    for (const p of ofClass(resources, aws.apigateway.RestApiPolicy)) {
        for (const d of p.propertyDependencies.restApiId ?? []) out.set(d.urn, [...(out.get(d.urn) ?? []), p]);
    }
    return out;
}

export const privateApiVpce: GatevaultStackPolicy = {
    name: "apigateway-private-vpce-only",
    description: "Private REST APIs can be invoked only through VPC endpoints named in their resource policy.",
    severity: "high",
    controls: [],
    remediationSteps:
        "Give the private aws.apigateway.RestApi a resource policy (its `policy`, `x-amazon-apigateway-policy` in its OpenAPI body, " +
        "or an aws.apigateway.RestApiPolicy) with a Deny of " +
        'execute-api:Invoke to Principal "*" under StringNotEquals {"aws:SourceVpce": [<endpoint ids>]}, next to the Allow, ' +
        "before the first deployment.",
    configSchema: {
        properties: {
            allowedVpcEndpointIds: {
                type: "array",
                items: { type: "string", pattern: "^vpce-[0-9a-f]+$" },
                default: [],
                description: "VPC endpoints private APIs may be reached through; empty allows any named endpoint.",
            },
        },
    },
    validateStack: (args, report) => {
        const { allowedVpcEndpointIds } = args.getConfig<Config>();
        const attached = attachedPolicies(args.resources);
        for (const api of ofClass(args.resources, aws.apigateway.RestApi)) {
            if (!endpointTypesOf(api.props).includes("PRIVATE")) continue;
            const inBody = bodyPolicy(api.props.body);
            const documents = [
                ...(api.props.policy ? [api.props.policy] : []),
                ...(inBody ? [inBody] : []),
                ...(attached.get(api.urn) ?? []).map((p) => p.props.policy),
            ];
            if (documents.length === 0) {
                report(`Private API ${api.name} has no resource policy, so it cannot be invoked (or, once one is added, is not limited to VPC endpoints).`, api.urn);
                continue;
            }
            const statements: Statement[] = [];
            for (const document of documents) {
                const parsed = parsePolicyDocument(document, "the resource policy");
                if (!parsed.ok) {
                    report(`Private API ${api.name}: ${parsed.problem}.`, api.urn);
                } else {
                    statements.push(...parsed.value.statements);
                }
            }
            const problem = vpceRestrictionProblem(statements, allowedVpcEndpointIds);
            if (problem) report(`Private API ${api.name}: ${problem}.`, api.urn);
        }
    },
};
