// The program's wiring checks, pure: APIs against the functions and user pool the config
// creates, before anything is registered. Each case breaks one rule of a shipped stack.

import { expect } from "chai";
import type { ConfigProblem } from "../../components/config";
import { jwtRoutesCover, planStackWiring } from "../../components/wiring";
import { REPO_ROOT } from "../../tools/plan/index";
import { expectProblem, problemsOf, stackConfig } from "../support/config-problems";

type Raw = Record<string, any>;

const wiringProblems = (stack: "dev" | "prod", edit: (c: Raw) => void): ConfigProblem[] =>
    problemsOf(() => planStackWiring(stackConfig(stack, edit), { projectDir: REPO_ROOT }));

/** Index of a route in the first API of a raw stack config. */
function routeAt(c: Raw, method: string, path: string): number {
    const i = c["gatevault:apis"][0].routes.findIndex((r: Raw) => r.method === method && r.path === path);
    expect(i, `${method} ${path}`).to.be.at.least(0);
    return i;
}
const route = (c: Raw, method: string, path: string): Raw => c["gatevault:apis"][0].routes[routeAt(c, method, path)];
const devRouteIndex = (method: string, path: string) => stackConfig("dev").apis[0].routes.findIndex((r) => r.method === method && r.path === path);

describe("wiring: APIs against the functions and user pool the config creates", () => {
    it("accepts both shipped stacks and supplies exactly the names the config creates", () => {
        const dev = planStackWiring(stackConfig("dev"), { projectDir: REPO_ROOT });
        expect(dev.available).to.deep.equal({ functions: ["orders-jwt", "uploads"], userPools: ["orders-users"], vpcLinks: ["inventory"], vpcEndpoints: ["internal"] });
        const prod = planStackWiring(stackConfig("prod"), { projectDir: REPO_ROOT });
        expect(prod.available).to.deep.equal({ functions: ["partners-jwt"], userPools: ["customers"], vpcLinks: ["inventory"], vpcEndpoints: ["shared"] });
    });

    it("takes an API authorizer's cache TTL from the JWT authorizer it names", () => {
        const config = stackConfig("dev", (c) => (c["gatevault:jwtAuthorizers"][0].resultTtlSeconds = 42));
        expect(config.apis[0].authorizers.jwt.resultTtlSeconds).to.equal(undefined);
        expect(planStackWiring(config, { projectDir: REPO_ROOT }).config.apis[0].authorizers.jwt.resultTtlSeconds).to.equal(42);
    });

    it("refuses an API authorizer that disagrees with its JWT authorizer on type, TTL or token header", () => {
        const problems = wiringProblems("dev", (c) => {
            c["gatevault:apis"][0].authorizers.jwt.type = "REQUEST";
            c["gatevault:apis"][0].authorizers.jwt.identitySources = ["method.request.header.X-Session"];
            c["gatevault:apis"][0].authorizers.jwt.resultTtlSeconds = 60;
        });
        expectProblem(problems, "gatevault:apis[0].authorizers.jwt.type", /^must be TOKEN, the type of gatevault:jwtAuthorizers\[0\] \("orders-jwt"\) \(got REQUEST\)$/);
        expectProblem(problems, "gatevault:apis[0].authorizers.jwt.resultTtlSeconds", /must be omitted \(or equal gatevault:jwtAuthorizers\[0\]\.resultTtlSeconds, 300\).*\(got 60\)$/);
        expectProblem(problems, "gatevault:apis[0].authorizers.jwt.identitySources", /must include method\.request\.header\.Authorization.*\(got method\.request\.header\.X-Session\)$/);
    });

    it("accepts a REQUEST JWT authorizer whose identity sources include the Authorization header (any case)", () => {
        const config = stackConfig("dev", (c) => {
            c["gatevault:jwtAuthorizers"][0].type = "REQUEST";
            c["gatevault:apis"][0].authorizers.jwt.type = "REQUEST";
            c["gatevault:apis"][0].authorizers.jwt.identitySources = ["method.request.header.authorization", "context.stage"];
        });
        expect(planStackWiring(config, { projectDir: REPO_ROOT }).config.apis[0].authorizers.jwt.type).to.equal("REQUEST");
    });

    it("refuses a JWT authorizer on a route its routes grant to nobody, naming where the authorizer was put", () => {
        const problems = wiringProblems("dev", (c) => {
            delete c["gatevault:jwtAuthorizers"][0].routes["ANY /sandbox/{proxy+}"];
            c["gatevault:apis"][0].routes.push({ path: "/orders/{orderId}/notes", method: "GET", authorizer: "jwt", integration: { type: "MOCK" } });
        });
        expectProblem(
            problems,
            "gatevault:apis[0].defaultAuthorizer",
            /^puts authorizer jwt on ANY \/sandbox\/\{proxy\+\}, but gatevault:jwtAuthorizers\[0\] \("orders-jwt"\) grants that route to nobody, so every call would be denied; add "ANY \/sandbox\/\{proxy\+\}" to gatevault:jwtAuthorizers\[0\]\.routes/,
        );
        // "GET /orders/{orderId}" does not grant the notes route below it: the authorizer denies what its pattern reaches there.
        expectProblem(problems, `gatevault:apis[0].routes[${stackConfig("dev").apis[0].routes.length}].authorizer`, /puts authorizer jwt on GET \/orders\/\{orderId\}\/notes, but .* grants that route to nobody/);
        expect(problems).to.have.length(2);
    });

    it("names the route's own authorizer key when the route chose the JWT authorizer itself", () => {
        const problems = wiringProblems("dev", (c) => (route(c, "GET", "/health").authorizer = "jwt"));
        expectProblem(problems, `gatevault:apis[0].routes[${devRouteIndex("GET", "/health")}].authorizer`, /puts authorizer jwt on GET \/health/);
    });

    // The authorizer denies what an entry's pattern reaches beyond its route (IAM's * crosses /), so only an
    // entry matching every request of the route grants it: a {variable} is one path part, a greedy one the rest.
    it("decides coverage as exactly as the authorizer grants: a variable is one path part, ANY and greedy entries cover what they match", () => {
        const routes = { "GET /orders/{orderId}": {}, "ANY /admin/{proxy+}": {}, "POST /uploads": {} };
        expect(jwtRoutesCover(routes, "GET", "/orders/{id}")).to.equal(true);
        expect(jwtRoutesCover(routes, "GET", "/orders/{id}/items")).to.equal(false);
        expect(jwtRoutesCover(routes, "GET", "/admin/users/{id}")).to.equal(true);
        expect(jwtRoutesCover(routes, "GET", "/orders")).to.equal(false);
        expect(jwtRoutesCover(routes, "DELETE", "/orders/{id}")).to.equal(false);
        expect(jwtRoutesCover(routes, "ANY", "/admin/{proxy+}")).to.equal(true);
        expect(jwtRoutesCover(routes, "PUT", "/admin/users")).to.equal(true);
        expect(jwtRoutesCover(routes, "ANY", "/orders/{id}")).to.equal(false);
        expect(jwtRoutesCover(routes, "POST", "/uploads/complete")).to.equal(false);
    });

    it("refuses to send requests to an authorizer function, or authorizer calls to the upload function", () => {
        const problems = wiringProblems("dev", (c) => {
            route(c, "GET", "/orders").integration = { type: "LAMBDA", function: "orders-jwt" };
            c["gatevault:apis"][0].authorizers.uploader = { type: "TOKEN", function: "uploads" };
        });
        expectProblem(
            problems,
            `gatevault:apis[0].routes[${devRouteIndex("GET", "/orders")}].integration.function`,
            /^names gatevault:jwtAuthorizers\[0\] \("orders-jwt"\), which answers API Gateway's authorizer calls, not requests \(route GET \/orders\)/,
        );
        expectProblem(problems, "gatevault:apis[0].authorizers.uploader.function", /^names the upload function \("uploads", gatevault:uploads\), which is not an authorizer/);
    });

    it("refuses an upload route the handler does not serve, or one without an authorizer", () => {
        const problems = wiringProblems("dev", (c) => {
            route(c, "POST", "/uploads/abort").path = "/uploads/cancel";
            route(c, "POST", "/uploads").authorizer = "NONE";
        });
        expectProblem(
            problems,
            `gatevault:apis[0].routes[${devRouteIndex("POST", "/uploads/abort")}]`,
            /^sends POST \/uploads\/cancel to the upload function \("uploads", gatevault:uploads\), which serves only POST \/uploads, POST \/uploads\/complete, POST \/uploads\/abort/,
        );
        expectProblem(
            problems,
            `gatevault:apis[0].routes[${devRouteIndex("POST", "/uploads")}].authorizer`,
            /^must name an authorizer .*answers 403 without one \(got NONE\)$/,
        );
        // The abort route is gone, and the dev limits allow multipart uploads.
        expectProblem(problems, "gatevault:apis[0].routes", /^must also send POST \/uploads\/abort to the upload function: uploads above gatevault:uploads\.limits\.maxSinglePartBytes are multipart/);
    });

    it("needs only the start route when the limits never allow a multipart upload", () => {
        const config = stackConfig("dev", (c) => {
            c["gatevault:uploads"].limits = { maxSinglePartBytes: 104857600, maxBytes: 104857600, partSizeBytes: 67108864 };
            c["gatevault:apis"][0].routes = c["gatevault:apis"][0].routes.filter((r: Raw) => !r.path.startsWith("/uploads/"));
            for (const key of ["POST /uploads/complete", "POST /uploads/abort"]) delete c["gatevault:jwtAuthorizers"][0].routes[key];
        });
        expect(planStackWiring(config, { projectDir: REPO_ROOT }).config.apis[0].routes.map((r) => r.path)).to.include("/uploads");
    });

    it("serves upload routes under any base path, as the handler dispatches on the last path part", () => {
        const config = stackConfig("dev", (c) => {
            for (const r of c["gatevault:apis"][0].routes) if (r.path.startsWith("/uploads")) r.path = `/v2${r.path}`;
            const grants = c["gatevault:jwtAuthorizers"][0].routes;
            for (const key of Object.keys(grants).filter((k) => k.startsWith("POST /uploads"))) {
                grants[key.replace("POST /", "POST /v2/")] = grants[key];
                delete grants[key];
            }
        });
        expect(() => planStackWiring(config, { projectDir: REPO_ROOT })).to.not.throw();
    });

    it("refuses two APIs with different CORS sending routes to the upload function, which answers both with one set of headers", () => {
        const problems = wiringProblems("dev", (c) => {
            const second = structuredClone(c["gatevault:apis"][0]);
            second.name = "orders-v2";
            second.clients = {};
            second.usagePlans = {};
            second.routes = second.routes.filter((r: { integration?: { function?: string } }) => r.integration?.function === "uploads");
            second.cors = { allowOrigins: ["https://other.example.com"] };
            c["gatevault:apis"].push(second);
        });
        expect(problems).to.deep.include({
            path: "gatevault:apis[2].cors",
            message: 'must equal the cors of apis[0] ("orders"): both send routes to the upload function ("uploads", gatevault:uploads), which answers them with one set of CORS headers',
        });
    });

    it("refuses an upload function named like a JWT authorizer: APIs could not tell them apart", () => {
        const problems = wiringProblems("dev", (c) => (c["gatevault:uploads"].name = "orders-jwt"));
        expectProblem(problems, "gatevault:uploads.name", /^duplicates the name of gatevault:jwtAuthorizers\[0\] \("orders-jwt"\); APIs name functions by these names/);
    });

    it("refuses a scope of gatevault's resource server that the server does not define", () => {
        const problems = wiringProblems("prod", (c) => (route(c, "GET", "/orders").scopes = ["orders/raed", "openid"]));
        const i = stackConfig("prod").apis[0].routes.findIndex((r) => r.method === "GET" && r.path === "/orders");
        expectProblem(
            problems,
            `gatevault:apis[0].routes[${i}].scopes[0]`,
            /^names no scope of gatevault:cognito\.resourceServer \(route GET \/orders; scopes: orders\/read, orders\/write\) \(got "orders\/raed"\)$/,
        );
        // Scopes outside the resource server (openid) are the token's business, not ours.
        expect(problems).to.have.length(1);
    });

    it("names what the program supplies when an API names a function or user pool it does not create", () => {
        const problems = wiringProblems("prod", (c) => {
            c["gatevault:apis"][0].authorizers.partners.function = "partner-jwt";
            c["gatevault:apis"][0].authorizers.customers.userPoolArns = ["shoppers"];
        });
        expectProblem(
            problems,
            "gatevault:apis[0].authorizers.partners.function",
            /^names no function the program supplies \(authorizer partners; supplied: partners-jwt\)/,
        );
        expectProblem(
            problems,
            "gatevault:apis[0].authorizers.customers.userPoolArns[0]",
            /^names no user pool the program supplies \(authorizer customers; supplied: customers\); use a Cognito user pool ARN/,
        );
    });

    it("supplies gatevault:network's VPC links by name, so a public API's route may use one", () => {
        const edit = (c: Raw) => Object.assign(route(c, "ANY", "/sandbox/{proxy+}").integration, { connectionType: "VPC_LINK", vpcLink: "inventory" });
        const wiring = planStackWiring(stackConfig("dev", edit), { projectDir: REPO_ROOT });
        expect(wiring.available.vpcLinks).to.deep.equal(["inventory"]);
        const sandbox = wiring.config.apis[0].routes.find((r) => r.path === "/sandbox/{proxy+}");
        expect(sandbox?.integration).to.include({ connectionType: "VPC_LINK", vpcLink: "inventory" });
    });

    it("reports the API's own problems and the wiring problems together", () => {
        const problems = wiringProblems("dev", (c) => {
            route(c, "GET", "/orders").integration = { type: "LAMBDA", function: "orders-handler" };
            c["gatevault:apis"][0].authorizers.jwt.type = "REQUEST";
            c["gatevault:apis"][0].authorizers.jwt.identitySources = ["method.request.header.Authorization"];
        });
        expect(problems.map((p) => p.path)).to.have.members([
            `gatevault:apis[0].routes[${devRouteIndex("GET", "/orders")}].integration.function`,
            "gatevault:apis[0].authorizers.jwt.type",
        ]);
    });
});
