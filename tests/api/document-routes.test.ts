// Feature 2: routes and their integrations (HTTP, HTTP_PROXY, Lambda proxy, MOCK, AWS, VPC link).

import { expect } from "chai";
import { executeApiPattern } from "../../components/api/openapi";
import { apiConfig, build, ERROR_RESPONSES, buildProblems, expectProblem, expectValidOpenApi, integration, LAMBDA_ARN, operation } from "./support";

const route = (path: string, method: string, integration: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ path, method, integration, ...extra });

describe("OpenAPI builder: routes and integrations", () => {
    it("proxies HTTP with the route's method and maps the path variables the URI uses", () => {
        const built = build(apiConfig({ routes: [route("/orders/{orderId}", "GET", { type: "HTTP_PROXY", uri: "https://backend.example.com/v2/orders/{orderId}" })] }));
        expect(integration(built, "/orders/{orderId}", "get")).to.deep.equal({
            type: "http_proxy",
            httpMethod: "GET",
            uri: "https://backend.example.com/v2/orders/{orderId}",
            timeoutInMillis: 29000,
            requestParameters: { "integration.request.path.orderId": "method.request.path.orderId" },
        });
        expect(operation(built, "/orders/{orderId}", "get").parameters).to.deep.equal([
            { name: "orderId", in: "path", required: true, schema: { type: "string" } },
        ]);
    });

    // ANY is the operation key x-amazon-apigateway-any-method
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html).
    it("spells a greedy variable {proxy+} in the path and {proxy} in the integration URI", () => {
        const built = build(apiConfig({ routes: [route("/files/{proxy+}", "ANY", { type: "HTTP_PROXY", uri: "https://files.example.com/{proxy+}" })] }));
        const ext = integration(built, "/files/{proxy+}", "x-amazon-apigateway-any-method");
        expect(ext.uri).to.equal("https://files.example.com/{proxy}");
        expect(ext.httpMethod).to.equal("ANY");
        expect(ext.requestParameters).to.deep.equal({ "integration.request.path.proxy": "method.request.path.proxy" });
    });

    it("rejects a URI placeholder that is neither a path variable nor mapped", () => {
        const api = apiConfig({ routes: [route("/orders", "GET", { type: "HTTP", uri: "https://backend.example.com/{tenant}/orders" })] });
        expectProblem(buildProblems(api), "gatevault:apis[0].routes[0].integration.uri", /placeholder \{tenant\} is neither a path variable of route GET \/orders/);
    });

    it("invokes a Lambda function by ARN through aws_proxy, in the function's own region", () => {
        const arn = "arn:aws:lambda:eu-central-1:111111111111:function:orders-handler:live";
        const built = build(apiConfig({ routes: [route("/orders", "POST", { type: "LAMBDA", function: arn })] }));
        expect(integration(built, "/orders", "post")).to.deep.equal({
            type: "aws_proxy",
            httpMethod: "POST",
            uri: `arn:aws:apigateway:eu-central-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
            timeoutInMillis: 29000,
        });
        expect(built.lambdaRoutes).to.deep.equal([{ method: "POST", path: "/orders", key: "POST /orders", function: arn }]);
    });

    it("invokes a function the program supplies by name, and names the route when the name is unknown", () => {
        const api = apiConfig({ routes: [route("/uploads", "POST", { type: "LAMBDA", function: "upload-handler" })] });
        const built = build(api, { available: { functions: ["upload-handler"] } });
        expect(integration(built, "/uploads", "post").uri).to.equal("@@gatevault:lambda-invoke-uri:upload-handler@@");
        expect(built.references.map((r) => r.kind)).to.deep.equal(["lambda-invoke-uri"]);

        expectProblem(
            buildProblems(api, { available: { functions: ["jwt-authorizer"] } }),
            "gatevault:apis[0].routes[0].integration.function",
            /names no function the program supplies \(route POST \/uploads; supplied: jwt-authorizer\)/,
        );
    });

    it("answers MOCK routes with a status template, explicit passthrough and a default response", () => {
        const built = build(apiConfig());
        expect(integration(built, "/orders", "get")).to.deep.equal({
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            passthroughBehavior: "when_no_templates",
            responses: { default: { statusCode: "200" } },
        });
        expect(operation(built, "/orders", "get").responses).to.deep.equal({ "200": { description: "200 response" } });
    });

    it("calls AWS services action-style or path-style with the role it is given", () => {
        const role = "arn:aws:iam::111111111111:role/api-sqs-writer";
        const built = build(
            apiConfig({
                routes: [
                    route("/events", "POST", { type: "AWS", service: "sqs", action: "SendMessage", credentialsRoleArn: role, responses: [{ statusCode: "200" }, ...ERROR_RESPONSES] }),
                    route("/archive", "PUT", { type: "AWS", service: "s3", path: "archive-bucket/latest", region: "us-east-1", httpMethod: "PUT", credentialsRoleArn: role, responses: [{ statusCode: "200" }, ...ERROR_RESPONSES] }),
                ],
            }),
        );
        expect(integration(built, "/events", "post")).to.include({
            type: "aws",
            httpMethod: "POST",
            uri: "arn:aws:apigateway:eu-west-1:sqs:action/SendMessage",
            credentials: role,
        });
        expect(integration(built, "/archive", "put")).to.include({ uri: "arn:aws:apigateway:us-east-1:s3:path/archive-bucket/latest", httpMethod: "PUT" });
    });

    it("reaches private backends through a VPC link given by id or by a name the program supplies", () => {
        const built = build(
            apiConfig({
                routes: [
                    route("/a", "GET", { type: "HTTP_PROXY", uri: "http://nlb.internal/a", connectionType: "VPC_LINK", vpcLinkId: "abc123" }),
                    route("/b", "GET", { type: "HTTP_PROXY", uri: "http://nlb.internal/b", connectionType: "VPC_LINK", vpcLink: "orders-nlb" }),
                ],
            }),
            { available: { vpcLinks: ["orders-nlb"] } },
        );
        expect(integration(built, "/a", "get")).to.include({ connectionType: "VPC_LINK", connectionId: "abc123" });
        expect(integration(built, "/b", "get")).to.include({ connectionType: "VPC_LINK", connectionId: "@@gatevault:vpc-link-id:orders-nlb@@" });
    });

    it("sorts paths and methods, so reordering routes leaves the document unchanged", () => {
        const routes = [
            route("/b", "POST", { type: "MOCK" }),
            route("/a", "GET", { type: "MOCK" }),
            route("/b", "GET", { type: "MOCK" }),
        ];
        const forward = build(apiConfig({ routes }));
        const reversed = build(apiConfig({ routes: [...routes].reverse() }));
        expect(Object.keys(forward.document.paths as object)).to.deep.equal(["/a", "/b"]);
        expect(forward.text).to.equal(reversed.text);
    });

    it("produces valid OpenAPI 3 with every integration type in one document", async () => {
        const role = "arn:aws:iam::111111111111:role/api-sqs-writer";
        const built = build(
            apiConfig({
                routes: [
                    route("/orders/{orderId}", "GET", { type: "HTTP_PROXY", uri: "https://backend.example.com/orders/{orderId}" }),
                    route("/orders/{orderId}", "PUT", { type: "HTTP", uri: "https://backend.example.com/orders/{orderId}", requestParameters: { "integration.request.header.X-Tenant": "method.request.header.X-Tenant" }, responses: [{ statusCode: "200" }, ...ERROR_RESPONSES] }),
                    route("/files/{proxy+}", "ANY", { type: "HTTP_PROXY", uri: "https://files.example.com/{proxy+}" }),
                    route("/orders", "POST", { type: "LAMBDA", function: LAMBDA_ARN }),
                    route("/orders", "GET", { type: "MOCK" }),
                    route("/events", "POST", { type: "AWS", service: "sqs", action: "SendMessage", credentialsRoleArn: role, responses: [{ statusCode: "200" }, ...ERROR_RESPONSES] }),
                    route("/private", "GET", { type: "HTTP_PROXY", uri: "http://nlb.internal/private", connectionType: "VPC_LINK", vpcLinkId: "abc123" }),
                    route("/", "GET", { type: "MOCK" }),
                ],
            }),
        );
        expect(operation(built, "/orders/{orderId}", "put").parameters).to.deep.include({ name: "X-Tenant", in: "header", required: false, schema: { type: "string" } });
        await expectValidOpenApi(built.document);
    });

    // arn:aws:execute-api:{regionId}:{accountId}:{apiId}/{stage}/{httpVerb}/[{resource}/[{child-resources}]]
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
    it("scopes each route's execute-api pattern to its method and path, with variables as *", () => {
        expect(executeApiPattern("GET", "/orders/{id}")).to.equal("/*/GET/orders/*");
        expect(executeApiPattern("POST", "/orders")).to.equal("/*/POST/orders");
        expect(executeApiPattern("ANY", "/files/{proxy+}")).to.equal("/*/*/files/*");
        expect(executeApiPattern("GET", "/")).to.equal("/*/GET/");
    });
});
