// A catalogue of the mapping templates the stacks ship, with the route each one belongs to,
// for tests: the API itself reads templates from the `file:` paths in stack config (through
// projectFileReader), never from here. tests/functions/mapping-templates.test.ts renders every
// one, and tests/wiring/wired-stacks.test.ts checks the stacks send them unchanged.

import * as fs from "node:fs";
import * as path from "node:path";

export interface ShippedTemplate {
    /** Path under mapping-templates/. */
    file: string;
    /** The API route it serves. */
    route: string;
    kind: "request" | "response";
    /** Content type the template is keyed by. */
    contentType: "application/json";
    /** For response templates: the integration status it applies to. */
    statusCode?: string;
}

export const mappingTemplates = {
    createOrderRequest: { file: "orders/create-order.request.vtl", route: "POST /orders", kind: "request", contentType: "application/json" },
    getOrderResponse: { file: "orders/get-order.response.vtl", route: "GET /orders/{orderId}", kind: "response", contentType: "application/json", statusCode: "200" },
    listOrdersResponse: { file: "orders/list-orders.response.vtl", route: "GET /orders", kind: "response", contentType: "application/json", statusCode: "200" },
    getOrderStatusRequest: { file: "orders-get-order-status.request.vtl", route: "GET /orders/{orderId}/status", kind: "request", contentType: "application/json" },
    getOrderStatusResponse: {
        file: "orders-get-order-status.response.vtl",
        route: "GET /orders/{orderId}/status",
        kind: "response",
        contentType: "application/json",
        statusCode: "200",
    },
} as const satisfies Record<string, ShippedTemplate>;

export const MAPPING_TEMPLATES_DIR = __dirname;

export function readMappingTemplate(template: ShippedTemplate): string {
    return fs.readFileSync(path.join(MAPPING_TEMPLATES_DIR, template.file), "utf8");
}
