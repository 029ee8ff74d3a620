// A cached method answers from the stage cache by its cache keys alone, so keys that leave out
// a path parameter or the caller serve one order, or one customer's data, to another. API
// Gateway caches GET methods once a stage has a cache, and other methods whose own method
// settings enable caching ("Cache settings for REST APIs in API Gateway":
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html); the
// keys are the integration's cacheKeyParameters (API reference, Integration:
// https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html).

import type { PolicyResource } from "@pulumi/policy";
import { methodSettingsPath } from "@gatevault/aws-model/apigateway/paths";
import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import type { GatevaultStackPolicy } from "../types";
import { Operation, OpenApiDocument, operationsOf, parseOpenApiBody, securityOf, securitySchemesOf } from "./openapi";
import { StageLinks, stageLabel } from "./stage-links";

const KEYABLE = /^method\.request\.(header|querystring)\./i;

/** Header names are case-insensitive; query strings and path names are compared as written. */
function normalised(key: string): string {
    return /^method\.request\.header\./i.test(key) ? key.toLowerCase() : key;
}

/** What the answer of one operation must be keyed by, as alternatives: one of each inner list. */
function requiredKeys(doc: OpenApiDocument, op: Operation): { needs: string[][]; unkeyable: string[] } {
    const needs: string[][] = [...op.path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => [`method.request.path.${m[1]}`]);
    const unkeyable: string[] = [];
    const schemes = securitySchemesOf(doc);
    for (const requirement of securityOf(doc, op)) {
        for (const name of Object.keys(requirement)) {
            const scheme = schemes[name];
            const authorizer = scheme?.["x-amazon-apigateway-authorizer"];
            if (authorizer && typeof authorizer === "object") {
                const sources = String(authorizer.identitySource ?? "method.request.header.Authorization").split(",").map((s) => s.trim());
                const keyable = sources.filter((s) => KEYABLE.test(s));
                if (keyable.length > 0) needs.push(keyable);
                else unkeyable.push(`${name} (${sources.join(", ")})`);
            } else if (scheme?.type === "apiKey" && scheme.in === "header" && doc["x-amazon-apigateway-api-key-source"] !== "AUTHORIZER") {
                needs.push([`method.request.header.${scheme.name}`]);
            }
        }
    }
    return { needs, unkeyable };
}

/** The settings that decide an operation's caching: its own method settings, else the stage's. */
function cachingOf(links: StageLinks, stage: PolicyResource, op: Operation, stageCaching: boolean): boolean {
    const method = op.method as HttpMethod;
    for (const methodPath of [methodSettingsPath(method, op.path), methodSettingsPath("ANY", op.path)]) {
        const [own] = links.methodSettingsOf(stage, methodPath);
        const enabled = own?.props.settings?.cachingEnabled;
        if (typeof enabled === "boolean") return enabled;
    }
    // GET by default; ANY serves GET requests too, so it is judged as cached.
    return stageCaching && (op.method === "GET" || op.method === "ANY");
}

export const cacheKeys: GatevaultStackPolicy = {
    name: "apigateway-cache-keys",
    description: "Cached methods key their cached answers on every path parameter and on the caller's identity.",
    severity: "high",
    controls: [],
    remediationSteps:
        "In the RestApi body, list each path parameter (method.request.path.<name>) and the caller's identity (an identity source of " +
        "the method's authorizer such as method.request.header.Authorization, or method.request.header.x-api-key) in the operation's " +
        "x-amazon-apigateway-integration.cacheKeyParameters, declaring each as a method request parameter; or turn caching off for the " +
        "method with an aws.apigateway.MethodSettings override (settings.cachingEnabled: false).",
    validateStack: (args, report) => {
        const links = new StageLinks(args.resources);
        for (const stage of links.stages) {
            if (stage.props.cacheClusterEnabled !== true) continue;
            const api = links.restApiOf(stage);
            if (api?.props.body === undefined) continue;
            const doc = parseOpenApiBody(api.props.body);
            if (!doc.ok) {
                report(`Cannot check the cache keys of ${stageLabel(stage)}: ${doc.problem}.`, stage.urn);
                continue;
            }
            const [stageSettings] = links.methodSettingsOf(stage);
            const stageCaching = stageSettings?.props.settings?.cachingEnabled !== false;
            for (const op of operationsOf(doc.value)) {
                if (!cachingOf(links, stage, op, stageCaching)) continue;
                const keys = (op.operation["x-amazon-apigateway-integration"]?.cacheKeyParameters ?? []) as unknown[];
                const present = new Set(keys.filter((k): k is string => typeof k === "string").map(normalised));
                const { needs, unkeyable } = requiredKeys(doc.value, op);
                const missing = needs.filter((alternatives) => !alternatives.some((k) => present.has(normalised(k)))).map((a) => a.join(" or "));
                const label = `${op.method} ${op.path}`;
                if (unkeyable.length > 0) {
                    report(`${label} is cached by ${stageLabel(stage)}, but its authorizer ${unkeyable.join(", ")} names no request parameter that could key the cache by caller.`, stage.urn);
                }
                if (missing.length > 0) {
                    report(`${label} is cached by ${stageLabel(stage)} without ${missing.join(", ")} among its cache keys: one request's cached answer is served for another.`, stage.urn);
                }
            }
        }
    },
};
