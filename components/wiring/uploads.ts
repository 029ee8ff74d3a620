// Routes to the upload function gatevault builds (`integration: { type: LAMBDA, function:
// uploads }`). The handler serves three POST routes, recognised by the last path part, and
// keys every upload by the caller the authorizer identified; so each route must be one of
// those three and sit behind an authorizer, and multipart uploads need all three.

import type { GatevaultConfig } from "../config";
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
