// Feature 12: API Gateway limits checked before anything is created, each message naming
// the API and, where one is to blame, the route.

import { expect } from "chai";
import { resourcePaths } from "@gatevault/aws-model/apigateway/paths";
import { API_LIMITS } from "../../components/api/openapi";
import { apiConfig, build, buildProblems, configProblems, editApi, expectProblem, LAMBDA_ARN } from "./support";

const mockRoute = (path: string, method = "GET") => ({ path, method, integration: { type: "MOCK" } });

describe("OpenAPI builder: limits", () => {
    it("counts resources as API Gateway does: the root and each distinct path prefix", () => {
        expect([...resourcePaths(["/orders/{id}/items", "/orders", "/orders/{id}", "/health"])].sort()).to.deep.equal([
            "/",
            "/health",
            "/orders",
            "/orders/{id}",
            "/orders/{id}/items",
        ]);
        const built = build(apiConfig({ routes: [mockRoute("/a/b/c"), mockRoute("/a/b/c", "POST"), mockRoute("/a/d")] }));
        expect(built.resourceCount).to.equal(5);
    });

    it("allows 300 resources and names the route that takes an API past them", () => {
        const fits = Array.from({ length: API_LIMITS.resourcesPerApi - 1 }, (_, i) => mockRoute(`/r${i}`));
        expect(build(apiConfig({ routes: fits })).resourceCount).to.equal(300);

        const tooMany = [...fits, mockRoute("/r0", "POST"), mockRoute("/one-more")];
        const problems = buildProblems(apiConfig({ routes: tooMany }));
        expectProblem(problems, "gatevault:apis[0].routes[300].path", /route GET \/one-more takes API "orders" past 300 API Gateway resources/);
        expectProblem(problems, "gatevault:apis[0].routes", /API "orders" needs 301 API Gateway resources \(its quota is 300: resourceQuota\)/);
    });

    // "Resources per API: 300, can be increased"; a per-API quota "can only be increased on
    // specific APIs, not for all the APIs in an account"
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html).
    it("holds an API whose quota was raised to its own resourceQuota, and no other API", () => {
        const paths = (n: number) => Array.from({ length: n }, (_, i) => mockRoute(`/items/${i}`));
        // 1,000 paths under /items: 1,002 resources with /items and the root.
        expect(build(apiConfig({ resourceQuota: 1002, routes: paths(1000) })).resourceCount).to.equal(1002);
        const over = buildProblems(apiConfig({ resourceQuota: 1001, routes: paths(1000) }));
        expectProblem(over, "gatevault:apis[0].routes[999].path", /route GET \/items\/999 takes API "orders" past 1001 API Gateway resources.*set resourceQuota/);
        expectProblem(over, "gatevault:apis[0].routes", /API "orders" needs 1002 API Gateway resources \(its quota is 1001: resourceQuota\)/);
        expectProblem(buildProblems(apiConfig({ routes: paths(1000) })), "gatevault:apis[0].routes[298].path", /past 300 API Gateway resources/);
    });

    it("takes resourceQuota as a whole number no lower than API Gateway's default of 300, naming the key", () => {
        expect(apiConfig().resourceQuota).to.equal(300);
        expectProblem(
            configProblems(editApi((api) => (api.resourceQuota = 299))),
            "gatevault:apis[0].resourceQuota",
            /must be at least 300, API Gateway's default quota of resources per API \(got 299\); set it only to a quota raised for this API/,
        );
        const fractional = configProblems(editApi((api) => (api.resourceQuota = 450.5)));
        expect(fractional.map((p) => p.path)).to.deep.equal(["gatevault:apis[0].resourceQuota"]);
    });

    it("rejects two differently named variables at one position", () => {
        const problems = buildProblems(apiConfig({ routes: [mockRoute("/orders/{id}"), mockRoute("/orders/{orderId}/items")] }));
        expectProblem(problems, "gatevault:apis[0].routes[1].path", /route GET \/orders\/\{orderId\}\/items puts variable \{orderId\} where route GET \/orders\/\{id\} has \{id\}/);
    });

    it("allows 10 authorizers per API, not 11", () => {
        const authorizers = (n: number) =>
            Object.fromEntries(Array.from({ length: n }, (_, i) => [`auth${i}`, { type: "TOKEN", function: LAMBDA_ARN }]));
        expect(() => build(apiConfig({ authorizers: authorizers(10) }))).to.not.throw();
        expectProblem(buildProblems(apiConfig({ authorizers: authorizers(11) })), "gatevault:apis[0].authorizers", /API "orders" has 11 authorizers \(limit 10 per API\)/);
    });

    it("keeps a private API's resource policy within 8,192 characters", () => {
        const ids = (n: number) => Array.from({ length: n }, (_, i) => `vpce-${i.toString(16).padStart(17, "0")}`);
        expect(() => build(apiConfig({ endpointType: "PRIVATE", vpcEndpointIds: ids(150) }))).to.not.throw();
        expectProblem(
            buildProblems(apiConfig({ endpointType: "PRIVATE", vpcEndpointIds: ids(250) })),
            "gatevault:apis[0].vpcEndpointIds",
            /the resource policy of API "orders" would be \d+ characters \(limit 8192\)/,
        );
    });

    it("keeps the document within the 6 MB API Gateway imports", () => {
        const big = { type: "object", description: "x".repeat(7 * 1024 * 1024) };
        expectProblem(buildProblems(apiConfig({ models: { Big: big } })), "gatevault:apis[0].routes", /OpenAPI document of API "orders" would be about 7\.0 MB \(API Gateway imports at most 6 MB\)/);
    });

    it("reports every problem at once", () => {
        const problems = buildProblems(
            apiConfig({
                routes: [mockRoute("/a/{x}"), mockRoute("/a/{y}"), { path: "/l", method: "GET", integration: { type: "LAMBDA", function: "missing" } }],
            }),
        );
        expect(problems.map((p) => p.path)).to.have.members(["gatevault:apis[0].routes[1].path", "gatevault:apis[0].routes[2].integration.function"]);
    });
});
