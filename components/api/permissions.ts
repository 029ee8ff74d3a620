// Invoke permissions for Lambda functions behind routes and authorizers, each scoped to
// exactly the execute-api ARN that calls it (one method and path, or the API's authorizers).

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import type { ApiDocument } from "./openapi";
import { executeApiPattern } from "./openapi";
import { ApiTargets, functionArn } from "./targets";

/** A readable, stable suffix per route: method and path, plus a short hash so `/a-b` and `/a/b` never collide. */
export function routeSlug(method: string, path: string): string {
    const readable = `${method}${path}`.toLowerCase().replace(/[{}+]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "");
    const hash = createHash("sha256").update(`${method} ${path}`).digest("hex").slice(0, 6);
    return `${readable}-${hash}`;
}

/** Qualified ARNs (alias or version) go in as function plus qualifier. */
function functionAndQualifier(arn: pulumi.Input<string>): { function: pulumi.Input<string>; qualifier?: pulumi.Input<string> } {
    if (typeof arn === "string") {
        const parts = arn.split(":");
        return parts.length === 8 ? { function: parts.slice(0, 7).join(":"), qualifier: parts[7] } : { function: arn };
    }
    return { function: arn };
}

export function createLambdaPermissions(
    name: string,
    built: Pick<ApiDocument, "lambdaRoutes" | "lambdaAuthorizers">,
    executionArn: pulumi.Output<string>,
    targets: ApiTargets,
    parent: pulumi.Resource,
): aws.lambda.Permission[] {
    const permit = (suffix: string, ref: string, pattern: string) =>
        new aws.lambda.Permission(
            `${name}-${suffix}`,
            {
                action: "lambda:InvokeFunction",
                principal: "apigateway.amazonaws.com",
                ...functionAndQualifier(functionArn(ref, targets)),
                sourceArn: pulumi.interpolate`${executionArn}${pattern}`,
            },
            { parent },
        );
    return [
        ...built.lambdaRoutes.map((r) => permit(`invoke-${routeSlug(r.method, r.path)}`, r.function, executeApiPattern(r.method, r.path))),
        ...built.lambdaAuthorizers.map((a) => permit(`authorizer-${a.authorizer.toLowerCase()}`, a.function, "/authorizers/*")),
    ];
}
