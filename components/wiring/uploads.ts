// Routes to the upload function gatevault builds (`integration: { type: LAMBDA, function:
// uploads }`). The handler serves three POST routes, recognised by the last path part, and
// keys every upload by the caller the authorizer identified; so each route must be one of
// those three and sit behind an authorizer, and multipart uploads need all three.

import type { CorsSettings } from "../../functions/shared/cors";
import type { GatevaultConfig } from "../config";
import type { CorsConfig } from "../config/api";
import { NO_AUTHORIZER } from "../config/api/route";
import type { Problems } from "../config/problems";
import { UPLOAD_ROUTES, UploadAction, uploadAction } from "../../functions/uploads/routes";
import { describeFunction, suppliedFunction, SuppliedNames } from "./supplied";

const ROUTE_LIST = Object.values(UPLOAD_ROUTES).join(", ");

export function uploadRouteProblems(config: GatevaultConfig, supplied: SuppliedNames, problems: Problems): void {
    const uploads = config.uploads;
    config.apis.forEach((api, i) => {
        const served = new Set<UploadAction>();
        api.routes.forEach((route, j) => {
            const ref = route.integration?.function;
            const f = suppliedFunction(ref, supplied);
            if (f?.kind !== "uploads") return;
            const key = `${route.method} ${route.path}`;
            const action = uploadAction(route.method, route.path);
            if (action === undefined) {
                problems.add(["apis", i, "routes", j], `sends ${key} to ${describeFunction(ref!, f)}, which serves only ${ROUTE_LIST} (under any base path)`);
                return;
            }
            served.add(action);
            const authorizer = route.authorizer ?? api.defaultAuthorizer;
            if (authorizer === undefined || authorizer === NO_AUTHORIZER) {
                problems.add(
                    ["apis", i, "routes", j, "authorizer"],
                    `must name an authorizer (route ${key}, or set defaultAuthorizer): the upload function keys uploads by the caller the authorizer identifies and answers 403 without one (got ${authorizer ?? "none"})`,
                );
            }
        });
        // Uploads above maxSinglePartBytes are multipart: they cannot finish (or be given up) without these.
        const multipart = uploads !== undefined && uploads.limits.maxBytes > uploads.limits.maxSinglePartBytes;
        const missing = (["start", "complete", "abort"] as const).filter((a) => !served.has(a));
        if (served.size > 0 && multipart && missing.length > 0) {
            problems.add(
                ["apis", i, "routes"],
                `must also send ${missing.map((a) => UPLOAD_ROUTES[a]).join(" and ")} to the upload function: uploads above gatevault:uploads.limits.maxSinglePartBytes are multipart and need all of ${ROUTE_LIST}`,
            );
        }
        const fallback = api.openApi?.defaultIntegration?.function;
        const f = suppliedFunction(fallback, supplied);
        if (f?.kind === "uploads") {
            problems.add(["apis", i, "openApi", "defaultIntegration", "function"], `names ${describeFunction(fallback!, f)}; send only ${ROUTE_LIST} to it, from routes`);
        }
    });
}

/** The API's cors block as the upload function's settings: origins, credentials, exposed headers. */
function corsSettingsOf(cors: CorsConfig | undefined): CorsSettings | undefined {
    return cors && { allowOrigins: [...cors.allowOrigins], allowCredentials: cors.allowCredentials, exposeHeaders: [...cors.exposeHeaders] };
}

const sameCors = (a: CorsSettings | undefined, b: CorsSettings | undefined) =>
    JSON.stringify(a && { ...a, allowOrigins: [...a.allowOrigins].sort(), exposeHeaders: [...a.exposeHeaders].sort() }) ===
    JSON.stringify(b && { ...b, allowOrigins: [...b.allowOrigins].sort(), exposeHeaders: [...b.exposeHeaders].sort() });

/**
 * The CORS settings of the upload function: those of the APIs whose routes reach it. A proxy
 * integration passes the function's headers through unchanged, so the function must send the
 * API's CORS headers itself; it answers every such API, so they must agree.
 */
export function uploadFunctionCors(config: GatevaultConfig, problems?: Problems): CorsSettings | undefined {
    const name = config.uploads?.name;
    if (name === undefined) return undefined;
    let first: { index: number; cors: CorsSettings | undefined } | undefined;
    config.apis.forEach((api, i) => {
        if (!api.routes.some((r) => r.integration?.type === "LAMBDA" && r.integration.function === name)) return;
        const cors = corsSettingsOf(api.cors);
        if (first === undefined) {
            first = { index: i, cors };
        } else if (!sameCors(first.cors, cors)) {
            problems?.add(
                ["apis", i, "cors"],
                `must equal the cors of apis[${first.index}] ("${config.apis[first.index].name}"): both send routes to the upload function ("${name}", gatevault:uploads), which answers them with one set of CORS headers`,
            );
        }
    });
    return first?.cors;
}
