// Route: which resource and method of the document answer a request.
// API Gateway: a request is served by the resource whose path matches (literal segments,
// `{param}` for one segment, `{proxy+}` greedy for the rest: set-up-lambda-proxy-integrations.html
// "API Gateway proxy resource"), then by that resource's method, or its ANY method
// (x-amazon-apigateway-any-method). A resource or method the API does not have answers 403
// MISSING_AUTHENTICATION_TOKEN, "including the cases when the client attempts to invoke an
// unsupported API method or resource" (supported-gateway-response-types.html).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
// Deliberately not modelled: HEAD answered by GET (API Gateway does not either), trailing-slash
// and double-slash normalisation, custom domain base paths.

import type { Operation } from "./document";
import { GatewayFailure } from "./types";

interface ResourceNode {
    path: string;
    literals: Map<string, ResourceNode>;
    variable?: { name: string; node: ResourceNode };
    greedy?: { name: string; node: ResourceNode };
    methods: Map<string, Operation>;
}

export interface RouteMatch {
    operation: Operation;
    /** Decoded values, by variable name (`proxy` for `{proxy+}`). */
    pathParameters: Record<string, string>;
}

const newNode = (path: string): ResourceNode => ({ path, literals: new Map(), methods: new Map() });

/** The resource tree: every prefix of every path is a resource, as in API Gateway. */
export function compileRoutes(operations: readonly Operation[]): ResourceNode {
    const root = newNode("/");
    for (const op of operations) {
        let node = root;
        for (const segment of op.resourcePath.split("/").filter((s) => s !== "")) {
            const path = `${node.path === "/" ? "" : node.path}/${segment}`;
            const variable = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/.exec(segment);
            if (!variable) {
                let next = node.literals.get(segment);
                if (!next) node.literals.set(segment, (next = newNode(path)));
                node = next;
            } else if (variable[2] === "+") {
                node.greedy ??= { name: variable[1], node: newNode(path) };
                node = node.greedy.node;
            } else {
                node.variable ??= { name: variable[1], node: newNode(path) };
                node = node.variable.node;
            }
        }
        node.methods.set(op.method, op);
    }
    return root;
}

function decode(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}

/** Most specific first: a literal segment, then `{param}`, then `{proxy+}`; backtracks when a branch ends short. */
function findResource(node: ResourceNode, segments: readonly string[], params: Record<string, string>): ResourceNode | undefined {
    if (segments.length === 0) return node;
    const [first, ...rest] = segments;
    const literal = node.literals.get(decode(first)) ?? node.literals.get(first);
    const viaLiteral = literal && findResource(literal, rest, params);
    if (viaLiteral) return viaLiteral;
    if (node.variable) {
        const found = findResource(node.variable.node, rest, params);
        if (found) {
            params[node.variable.name] = decode(first);
            return found;
        }
    }
    if (node.greedy) {
        params[node.greedy.name] = segments.map(decode).join("/");
        return node.greedy.node;
    }
    return undefined;
}

export function matchRoute(root: ResourceNode, method: string, resourcePath: string): RouteMatch | GatewayFailure {
    const params: Record<string, string> = {};
    const resource = findResource(root, resourcePath.split("/").filter((s) => s !== ""), params);
    const operation = resource?.methods.get(method.toUpperCase()) ?? resource?.methods.get("ANY");
    if (!operation) {
        return new GatewayFailure("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");
    }
    return { operation, pathParameters: params };
}

export type RouteTable = ResourceNode;
