// The operations a document will have, each with the config that shapes it: from routes,
// or from a bring-your-own document with routes as overlays.

import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import type { IntegrationConfig, RouteConfig } from "../../config/api";
import { routeKey } from "../../config/api/http";
import type { KeyPath } from "../../config/problems";
import type { BuildContext } from "./context";

export interface PlannedOperation {
    method: HttpMethod;
    path: string;
    /** "GET /orders/{id}". */
    key: string;
    /** Where the operation comes from in the stack file: routes[i], or openApi.file. */
    at: KeyPath;
    route?: RouteConfig;
    integration?: IntegrationConfig;
    integrationAt?: KeyPath;
    /** HTTP defaultIntegration of a document: the operation's path is appended to its base URL. */
    appendPath: boolean;
    /** The operation object of a bring-your-own document. */
    document?: Record<string, unknown>;
}

export function operationsFromRoutes(ctx: BuildContext): PlannedOperation[] {
    return ctx.api.routes.map((route, i) => ({
        method: route.method,
        path: route.path,
        key: routeKey(route.method, route.path),
        at: [...ctx.at, "routes", i],
        route,
        integration: route.integration,
        integrationAt: [...ctx.at, "routes", i, "integration"],
        appendPath: false,
    }));
}
