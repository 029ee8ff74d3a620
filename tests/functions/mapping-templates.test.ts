import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { MAPPING_TEMPLATES_DIR, mappingTemplates, readMappingTemplate } from "../../mapping-templates";
import { planStackWiring } from "../../components/wiring";
import { REPO_ROOT } from "../../tools/plan/index";
import { stackConfig } from "../support/config-problems";
import { renderVtl, renderVtlJson, type VtlRequest } from "../support/vtl";

const callerContext = (principalId = "alice", scopes = "orders/read orders/write") => ({
    requestId: "6f1c2a8e-req",
    authorizer: { principalId, scopes },
    identity: { sourceIp: "192.0.2.10" },
});

const rendered = new Set<string>();
function render(template: keyof typeof mappingTemplates, request: VtlRequest) {
    rendered.add(mappingTemplates[template].file);
    return renderVtlJson(readMappingTemplate(mappingTemplates[template]), request);
}

const storedOrder = {
    order_id: "ord-42",
    customer_id: "cus-7",
    customer_email: "alice@example.com",
    status: "PAID",
    created_at: "2026-02-01T10:00:00Z",
    lines: [
        { sku: "BOOK-1", qty: 2, unit_price_cents: 1250, cost_cents: 700 },
        { sku: "PEN-9", qty: 1, unit_price_cents: 300, cost_cents: 90 },
    ],
    total_cents: 2800,
    payment: { card_number: "4111111111111111", card_token: "tok_secret" },
    internal_notes: "VIP, manual review",
    risk_score: 0.12,
};

describe("mapping templates the stacks ship", () => {
    describe("POST /orders request", () => {
        it("reshapes the client's order and adds the caller from the authorizer context", () => {
            const out = render("createOrderRequest", {
                body: JSON.stringify({ customerId: "cus-7", items: [{ sku: "BOOK-1", quantity: 2, unitPrice: 1 }, { sku: "PEN-9", quantity: 1 }], note: "Ring twice" }),
                params: { header: { "Idempotency-Key": "idem-1" } },
                context: callerContext(),
            });
            expect(out).to.deep.equal({
                order: { customer_id: "cus-7", lines: [{ sku: "BOOK-1", quantity: 2 }, { sku: "PEN-9", quantity: 1 }], note: "Ring twice" },
                caller: { principal_id: "alice", scopes: "orders/read orders/write", request_id: "6f1c2a8e-req", source_ip: "192.0.2.10", idempotency_key: "idem-1" },
            });
        });

        it("leaves out the note and the idempotency key when the request has none", () => {
            const out = render("createOrderRequest", { body: JSON.stringify({ customerId: "cus-7", items: [{ sku: "A", quantity: 1 }] }), context: callerContext() });
            expect(out.order).to.deep.equal({ customer_id: "cus-7", lines: [{ sku: "A", quantity: 1 }] });
            expect(out.caller).to.not.have.property("idempotency_key");
        });

        // maxItems and minItems "are not included in simple request validation" (API Gateway important notes,
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html), and #foreach
        // stops after 1,000 iterations: the template is where the 1-100 line limit holds.
        it("never forwards an order with no lines or more than 100, which request validation lets through", () => {
            const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `S${i}`, quantity: 1 }));
            for (const n of [0, 101, 1001, 5000]) {
                const out = render("createOrderRequest", { body: JSON.stringify({ customerId: "cus-7", items: lines(n) }), context: callerContext() });
                expect(out, String(n)).to.deep.equal({ rejected: `an order has 1 to 100 items (got ${n})` });
            }
            for (const n of [1, 100]) {
                const out = render("createOrderRequest", { body: JSON.stringify({ customerId: "cus-7", items: lines(n) }), context: callerContext() });
                expect(out.order.lines, String(n)).to.have.length(n);
            }
        });

        it("ignores a caller block or prices in the body: who calls comes from the authorizer only", () => {
            const out = render("createOrderRequest", {
                body: JSON.stringify({ customerId: "cus-7", items: [{ sku: "A", quantity: 1, unitPrice: 0 }], caller: { principal_id: "admin" }, principal_id: "admin" }),
                context: callerContext("alice"),
            });
            expect(out.caller.principal_id).to.equal("alice");
            expect(JSON.stringify(out)).to.not.contain("admin");
            expect(out.order.lines).to.deep.equal([{ sku: "A", quantity: 1 }]);
        });

        it("keeps the output valid JSON for hostile strings in the body, principal and headers", () => {
            const hostile = `x", "injected": true, "y": "O'Brien \\ é\n`;
            const out = render("createOrderRequest", {
                body: JSON.stringify({ customerId: hostile, items: [{ sku: hostile, quantity: 1 }], note: hostile }),
                params: { header: { "Idempotency-Key": hostile } },
                context: callerContext(hostile),
            });
            expect(out.order.customer_id).to.equal(hostile);
            expect(out.order.lines[0].sku).to.equal(hostile);
            expect(out.caller.principal_id).to.equal(hostile);
            expect(out.caller.idempotency_key).to.equal(hostile);
            expect(out).to.not.have.property("injected");
            expect(out.caller).to.not.have.property("injected");
        });
    });

    describe("GET /orders/{orderId} response", () => {
        it("drops payment details, e-mail, internal notes, risk and cost; renames to camelCase", () => {
            const out = render("getOrderResponse", { body: JSON.stringify(storedOrder) });
            expect(out).to.deep.equal({
                id: "ord-42",
                status: "PAID",
                createdAt: "2026-02-01T10:00:00Z",
                items: [
                    { sku: "BOOK-1", quantity: 2, unitPriceCents: 1250 },
                    { sku: "PEN-9", quantity: 1, unitPriceCents: 300 },
                ],
                totalCents: 2800,
            });
            const text = JSON.stringify(out);
            for (const secret of ["4111111111111111", "tok_secret", "alice@example.com", "VIP", "risk", "cost", "customer"]) {
                expect(text, secret).to.not.contain(secret);
            }
        });

        it("renders an order without lines as an empty item list", () => {
            const { lines: _lines, ...withoutLines } = storedOrder;
            expect(render("getOrderResponse", { body: JSON.stringify(withoutLines) }).items).to.deep.equal([]);
        });
    });

    describe("GET /orders response", () => {
        const second = { ...storedOrder, order_id: "ord-43", status: "NEW", total_cents: 100 };

        it("summarises each order without lines or customer data, with the next token when there is one", () => {
            const out = render("listOrdersResponse", { body: JSON.stringify({ orders: [storedOrder, second], next_token: "page-2" }) });
            expect(out).to.deep.equal({
                items: [
                    { id: "ord-42", status: "PAID", createdAt: "2026-02-01T10:00:00Z", totalCents: 2800 },
                    { id: "ord-43", status: "NEW", createdAt: "2026-02-01T10:00:00Z", totalCents: 100 },
                ],
                nextToken: "page-2",
            });
            expect(JSON.stringify(out)).to.not.contain("alice@example.com");
        });

        it("renders the last (or an empty) page without a next token", () => {
            expect(render("listOrdersResponse", { body: JSON.stringify({ orders: [second] }) })).to.deep.equal({
                items: [{ id: "ord-43", status: "NEW", createdAt: "2026-02-01T10:00:00Z", totalCents: 100 }],
            });
            expect(render("listOrdersResponse", { body: JSON.stringify({ orders: [] }) })).to.deep.equal({ items: [] });
        });
    });

    describe("the 1,000-iteration #foreach limit (API Gateway quotas)", () => {
        it("answers a page of more than 1,000 orders, or an order of more than 1,000 lines, as the service's 502 in valid JSON", () => {
            const context = { responseOverride: {} as Record<string, unknown> };
            const orders = Array.from({ length: 1001 }, (_, i) => ({ order_id: `ord-${i}`, status: "NEW", created_at: "2026-02-01T10:00:00Z", total_cents: 1 }));
            expect(render("listOrdersResponse", { body: JSON.stringify({ orders }), context })).to.deep.equal({ message: "the orders service returned more than 1000 orders in one page" });
            expect(context.responseOverride.status).to.equal(502);
            const atLimit = render("listOrdersResponse", { body: JSON.stringify({ orders: orders.slice(0, 1000) }), context: { responseOverride: {} } });
            expect(atLimit.items).to.have.length(1000);

            const long = { responseOverride: {} as Record<string, unknown> };
            const lines = Array.from({ length: 1001 }, (_, i) => ({ sku: `S${i}`, qty: 1, unit_price_cents: 1 }));
            expect(render("getOrderResponse", { body: JSON.stringify({ ...storedOrder, lines }), context: long })).to.deep.equal({ message: "the orders service returned an order with more than 1000 lines" });
            expect(long.responseOverride.status).to.equal(502);
        });
    });

    describe("GET /orders/{orderId}/status (DynamoDB GetItem)", () => {
        it("asks for the path's order in the stage's table, escaping the id", () => {
            const out = render("getOrderStatusRequest", {
                params: { path: { orderId: 'ord-42"}, "x": {"S": "1' } },
                stageVariables: { ordersTable: "orders-prod" },
            });
            expect(out).to.deep.equal({
                TableName: "orders-prod",
                Key: { orderId: { S: 'ord-42"}, "x": {"S": "1' } },
                ProjectionExpression: "orderId, #status, updatedAt",
                ExpressionAttributeNames: { "#status": "status" },
            });
        });

        it("reshapes the item DynamoDB returns and drops its type wrappers", () => {
            const item = { orderId: { S: "ord-42" }, status: { S: "SHIPPED" }, updatedAt: { S: "2026-02-03T08:00:00Z" } };
            expect(render("getOrderStatusResponse", { body: JSON.stringify({ Item: item }), context: { responseOverride: {} } })).to.deep.equal({
                orderId: "ord-42",
                status: "SHIPPED",
                updatedAt: "2026-02-03T08:00:00Z",
            });
        });

        // $util.escapeJavaScript "escapes the characters in a string using JavaScript string rules", so ' becomes \',
        // which JSON does not allow; API Gateway's own example undoes it with .replaceAll("\\'","'")
        // ("Variables for data transformations": https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
        it("keeps the answer valid JSON for quotes, backslashes, control and non-ASCII characters in the item and the path", () => {
            const hostile = `O'Brien "x" \\ \n\t\u0001 é 😀 '`;
            const item = { orderId: { S: hostile }, status: { S: hostile }, updatedAt: { S: hostile } };
            expect(render("getOrderStatusResponse", { body: JSON.stringify({ Item: item }), context: { responseOverride: {} } })).to.deep.equal({ orderId: hostile, status: hostile, updatedAt: hostile });
            expect(render("getOrderStatusRequest", { params: { path: { orderId: hostile } }, stageVariables: { ordersTable: "orders-prod" } }).Key.orderId.S).to.equal(hostile);
        });

        it("answers 404 with a message when there is no such order", () => {
            const context = { responseOverride: {} as Record<string, unknown> };
            expect(render("getOrderStatusResponse", { body: "{}", context })).to.deep.equal({ message: "order not found" });
            expect(context.responseOverride.status).to.equal(404);
        });
    });

    // Every template the shipped stacks send — files, inline templates, the CORS origin echo before them,
    // preflights — rendered with hostile strings everywhere a caller or a backend can put one, and parsed
    // as JSON where the content type is JSON (an empty body is no body: the preflight's).
    describe("every template the shipped stacks send, under hostile input", () => {
        const H = `x", "injected": true, "y": "O'Brien \\ é \n\t\u0001 😀 </script> '`;
        const body = JSON.stringify({
            customerId: H, items: [{ sku: H, quantity: 1 }], note: H,
            order_id: H, status: H, created_at: H, lines: [{ sku: H, qty: 1, unit_price_cents: 1 }], total_cents: 1,
            orders: [{ order_id: H, status: H, created_at: H, total_cents: 1 }], next_token: H,
            Item: { orderId: { S: H }, status: { S: H }, updatedAt: { S: H } },
        });
        for (const stack of ["dev", "prod"] as const) {
            it(`${stack}: renders valid JSON for quotes, backslashes, control characters and unicode in body, parameters and context`, () => {
                const config = stackConfig(stack);
                const wiring = planStackWiring(config, { projectDir: REPO_ROOT });
                let parsed = 0;
                wiring.documents.forEach((doc, i) => {
                    for (const t of doc!.templates) {
                        const path = t.route.split(" ")[1];
                        const variables = Object.fromEntries([...path.matchAll(/\{(\w+)\+?\}/g)].map((m) => [m[1], H]));
                        const out = renderVtl(t.text, {
                            body,
                            params: { path: variables, querystring: { cursor: H }, header: { Origin: H, "Idempotency-Key": H } },
                            context: { requestId: H, stage: config.apis[i].stage.name, authorizer: { principalId: H, scopes: H }, identity: { sourceIp: H }, responseOverride: { header: {} } },
                            stageVariables: config.apis[i].stage.variables,
                        });
                        if (!/json/.test(t.contentType) || out.trim() === "") continue;
                        let value: unknown;
                        expect(() => (value = JSON.parse(out)), `${t.route} ${t.direction} ${t.statusCode ?? ""}:\n${out}`).to.not.throw();
                        expect(JSON.stringify(value), `${t.route} ${t.direction}`).to.not.match(/"injected":true/);
                        parsed++;
                    }
                });
                expect(parsed, "templates parsed").to.be.greaterThan(stack === "dev" ? 4 : 2);
            });
        }
    });

    // A suite of its own so it runs after the suites above have rendered their templates.
    describe("catalogue", () => {
        it("covers every template in mapping-templates/ and lists each one in the catalogue", () => {
            const files = (dir: string): string[] =>
                fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".vtl") ? [path.join(dir, e.name)] : []));
            const shipped = files(MAPPING_TEMPLATES_DIR).map((f) => path.relative(MAPPING_TEMPLATES_DIR, f).split(path.sep).join("/"));
            expect(shipped.sort()).to.deep.equal(Object.values(mappingTemplates).map((t) => t.file).sort());
            expect([...rendered].sort()).to.deep.equal(shipped.sort());
        });
    });
});
