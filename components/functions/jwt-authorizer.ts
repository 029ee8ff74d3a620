// A JWT Lambda authorizer: the handler in functions/authorizer deployed as a NodeFunction,
// configured through its environment. The API that uses it creates the API Gateway
// authorizer from the outputs here (function invokeArn, type, identity source, TTL).

import * as pulumi from "@pulumi/pulumi";
import { authorizerEnvironment } from "../../functions/authorizer/settings";
import type { JwtAuthorizerConfig } from "../config/authorizers";
import { NodeFunction } from "./node-function";

export const AUTHORIZER_ENTRIES = {
    TOKEN: "functions/authorizer/token-handler.ts",
    REQUEST: "functions/authorizer/request-handler.ts",
} as const;

/** Both handlers read the bearer token from the Authorization header. */
export const JWT_IDENTITY_SOURCE = "method.request.header.Authorization";

export type JwtAuthorizerArgs = Omit<JwtAuthorizerConfig, "name">;

export class JwtAuthorizer extends pulumi.ComponentResource {
    readonly function: NodeFunction;
    readonly arn: pulumi.Output<string>;
    readonly invokeArn: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    /** For the API Gateway authorizer: `TOKEN` or `REQUEST`. */
    readonly authorizerType: "TOKEN" | "REQUEST";
    /** For the API Gateway authorizer: where API Gateway reads the token. */
    readonly identitySource = JWT_IDENTITY_SOURCE;
    /** For the API Gateway authorizer: cache TTL in seconds (0-3600). */
    readonly resultTtlSeconds: number;
    /** "METHOD /path" routes this authorizer grants; methods outside them are always denied. */
    readonly routes: readonly string[];

    constructor(name: string, args: JwtAuthorizerArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:functions:JwtAuthorizer", name, {}, opts);
        this.authorizerType = args.type;
        this.resultTtlSeconds = args.resultTtlSeconds;
        this.routes = Object.keys(args.routes);
        this.function = new NodeFunction(
            `${name}-fn`,
            {
                entry: AUTHORIZER_ENTRIES[args.type],
                functionName: `${name}-${pulumi.getStack()}`,
                description: `JWT ${args.type} authorizer for ${args.issuer}`,
                environment: authorizerEnvironment(args),
                memorySize: 256,
                // JWKS fetch timeout plus verification, with room for a cold start.
                timeoutSeconds: Math.ceil(args.jwksTimeoutMs / 1000) + 5,
                logRetentionDays: args.logRetentionDays,
            },
            { parent: this },
        );
        this.arn = this.function.arn;
        this.invokeArn = this.function.invokeArn;
        this.functionName = this.function.name;
        this.registerOutputs({ arn: this.arn, invokeArn: this.invokeArn, functionName: this.functionName });
    }
}
