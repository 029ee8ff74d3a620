// Integration response selection as API Gateway runs it (API reference, IntegrationResponse
// selectionPattern: https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html):
// "If the back end is an AWS Lambda function, the AWS Lambda function error header is matched.
// For all other HTTP and AWS back ends, the HTTP status code is matched", and the response
// without a pattern is the default, which answers whatever no pattern matches.

import { expect } from "chai";
import { readMappingTemplate, mappingTemplates } from "../../mapping-templates";
import { shippedPlan } from "../support/shipped-plans";
import { renderVtl } from "../support/vtl";
import { apiConfig, build, buildProblems, ERROR_RESPONSES, expectProblem } from "./support";

/** The integration response API Gateway picks for a backend status: the pattern that matches the whole code, else the default. */
function selectResponse(responses: Record<string, any>, status: number): { selection: string; statusCode: string } {
    const matches = Object.keys(responses).filter((p) => p !== "default" && new RegExp(`^(?:${p})$`).test(String(status)));
    expect(matches.length, `status ${status} matches ${matches.join(" and ")}`).to.be.at.most(1);
    const selection = matches[0] ?? "default";
    return { selection, statusCode: responses[selection].statusCode };
}

const http = (responses?: Record<string, unknown>[]) =>
    apiConfig({ routes: [{ path: "/orders/{id}", method: "GET", integration: { type: "HTTP", uri: "https://backend.example.com/orders/{id}", ...(responses ? { responses } : {}) } }] });

describe("integration responses: backend errors never answer as the default", () => {
    it("refuses an HTTP or AWS route whose backend 4xx or 5xx would reach the client as its default 200, naming the route and statuses", () => {
        expectProblem(buildProblems(http()), "gatevault:apis[0].routes[0].integration.responses", /must map backend errors explicitly \(route GET \/orders\/\{id\}\): statuses 400-599 match no selectionPattern, so the default response \(200\)/);
        expectProblem(
            buildProblems(http([{ statusCode: "200" }, { statusCode: "404", selectionPattern: "404" }, { statusCode: "502", selectionPattern: "5\\d{2}" }])),
            "gatevault:apis[0].routes[0].integration.responses",
            /statuses 400-403, 405-499 match no selectionPattern/,
        );
        const aws = apiConfig({
            routes: [{ path: "/q", method: "POST", integration: { type: "AWS", service: "sqs", action: "SendMessage", credentialsRoleArn: "arn:aws:iam::111111111111:role/r", responses: [{ statusCode: "200" }] } }],
        });
        expectProblem(buildProblems(aws), "gatevault:apis[0].routes[0].integration.responses", /route POST \/q\): statuses 400-599/);
    });

    it("accepts every error status mapped, across several patterns", () => {
        const built = build(http([{ statusCode: "200" }, { statusCode: "404", selectionPattern: "404" }, { statusCode: "400", selectionPattern: "40[0-35-9]|4[1-9]\\d" }, ERROR_RESPONSES[1]]));
        const responses = (built.document.paths as any)["/orders/{id}"].get["x-amazon-apigateway-integration"].responses;
        for (let status = 400; status <= 599; status++) {
            expect(Number(selectResponse(responses, status).statusCode), String(status)).to.be.at.least(400);
        }
        expect(selectResponse(responses, 404).statusCode).to.equal("404");
        expect(selectResponse(responses, 200).selection).to.equal("default");
    });

    it("needs no status patterns where there is no backend status to match: MOCK, proxies, and Lambda through AWS (matched by error message)", () => {
        const role = "arn:aws:iam::111111111111:role/r";
        expect(() =>
            build(
                apiConfig({
                    routes: [
                        { path: "/mock", method: "GET", integration: { type: "MOCK" } },
                        { path: "/proxy", method: "GET", integration: { type: "HTTP_PROXY", uri: "https://backend.example.com/proxy" } },
                        { path: "/fn", method: "POST", integration: { type: "AWS", service: "lambda", path: "2015-03-31/functions/f/invocations", credentialsRoleArn: role } },
                    ],
                }),
            ),
        ).to.not.throw();
    });

    it("dev: every backend 4xx and 5xx of the HTTP routes reaches the client as an error, never as the success response", async () => {
        const plan = await shippedPlan("dev");
        const paths = JSON.parse((plan.resources.find((r) => r.name === "orders-rest-api")! as { inputs: Record<string, any> }).inputs.body).paths as Record<string, Record<string, any>>;
        const routes = Object.entries(paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ route: `${method} ${path}`, ext: op["x-amazon-apigateway-integration"] })));
        const httpRoutes = routes.filter((r) => r.ext?.type === "http");
        expect(httpRoutes.map((r) => r.route)).to.have.members(["get /orders", "post /orders", "get /orders/{orderId}"]);
        for (const { route, ext } of httpRoutes) {
            for (let status = 400; status <= 599; status++) {
                const picked = selectResponse(ext.responses, status);
                expect(picked.selection, `${route} ${status}`).to.not.equal("default");
                expect(Number(picked.statusCode), `${route} ${status}`).to.be.at.least(400);
            }
        }
    });

    it("prod: a DynamoDB error on GET /orders/{orderId}/status is a 500 with a fixed message, not the item template's 404", async () => {
        const plan = await shippedPlan("prod");
        const paths = JSON.parse((plan.resources.find((r) => r.name === "orders-rest-api")! as { inputs: Record<string, any> }).inputs.body).paths;
        const responses = paths["/orders/{orderId}/status"].get["x-amazon-apigateway-integration"].responses;
        // ProvisionedThroughputExceededException and ResourceNotFoundException are 400s, InternalServerError a 500.
        for (const status of [400, 404, 500, 503]) {
            const picked = selectResponse(responses, status);
            expect(picked.statusCode, String(status)).to.equal("500");
            const body = '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: orders-prod"}';
            const context = { responseOverride: { header: {} as Record<string, string> } };
            const out = renderVtl(responses[picked.selection].responseTemplates["application/json"], { body, context });
            expect(JSON.parse(out)).to.deep.equal({ message: "the order status could not be read; try again" });
            expect(out).to.not.contain("orders-prod");
        }
        // A successful GetItem without an item is the caller's 404, decided by the item template.
        expect(selectResponse(responses, 200).selection).to.equal("default");
        const context = { responseOverride: { header: {} as Record<string, string> } as Record<string, any> };
        renderVtl(readMappingTemplate(mappingTemplates.getOrderStatusResponse), { body: "{}", context });
        expect(context.responseOverride.status).to.equal(404);
    });
});
