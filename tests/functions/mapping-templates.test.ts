import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { MAPPING_TEMPLATES_DIR, mappingTemplates, readMappingTemplate } from "../../mapping-templates";
import { renderVtlJson, type VtlRequest } from "../support/vtl";

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
            const out = render("createOrderRequest", { body: JSON.stringify({ customerId: "cus-7", items: [] }), context: callerContext() });
            expect(out.order).to.deep.equal({ customer_id: "cus-7", lines: [] });
            expect(out.caller).to.not.have.property("idempotency_key");
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

        it("answers 404 with a message when there is no such order", () => {
            const context = { responseOverride: {} as Record<string, unknown> };
            expect(render("getOrderStatusResponse", { body: "{}", context })).to.deep.equal({ message: "order not found" });
            expect(context.responseOverride.status).to.equal(404);
        });
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
