import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { bundleHandler } from "../../components/functions/bundle";
import { JwtAuthorizer } from "../../components/functions/jwt-authorizer";
import { NodeFunction, nodeFunctionProblems } from "../../components/functions/node-function";
import { ProviderSet } from "../../components/shared/providers";
import { authorizerSettingsFromEnv } from "../../functions/authorizer/settings";
import { planFailure, planProgram, stackConfig, type PlannedProgram } from "../support/plan-program";

const FN = "aws:lambda/function:Function";

function withProvider(build: (provider: pulumi.ProviderResource) => unknown) {
    return () => build(new ProviderSet(stackConfig("dev")).main);
}

function policyOf(plan: PlannedProgram, name: string) {
    return JSON.parse(plan.rawInputs(plan.one("aws:iam/rolePolicy:RolePolicy", name)).policy);
}

describe("NodeFunction component", () => {
    let plan: PlannedProgram;

    before(async () => {
        plan = await planProgram(
            withProvider((provider) => {
                const fn = new NodeFunction(
                    "reports",
                    {
                        entry: "functions/uploads/handler.ts",
                        environment: { MODE: "strict", BUCKET: pulumi.output("bucket-a") },
                        logRetentionDays: 14,
                        statements: [{ sid: "ReadReports", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::reports/*"] }],
                    },
                    { provider },
                );
                fn.allowInvoke("api", { principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:eu-west-1:111111111111:abc123/*" });
                return { arn: fn.arn, invokeArn: fn.invokeArn, name: fn.name };
            }),
        );
    });

    it("deploys the bundle on nodejs22.x with X-Ray tracing, JSON logs to its own log group, and the given environment", () => {
        const fn = plan.rawInputs(plan.one(FN, "reports-function"));
        expect(fn).to.include({ name: "reports-dev", runtime: "nodejs22.x", handler: "index.handler", memorySize: 256, timeout: 10 });
        expect(fn.architectures).to.deep.equal(["arm64"]);
        expect(fn.tracingConfig).to.deep.equal({ mode: "Active" });
        expect(fn.loggingConfig).to.deep.equal({ logFormat: "JSON", logGroup: "/aws/lambda/reports-dev" });
        expect(fn.environment.variables).to.deep.equal({ MODE: "strict", BUCKET: "bucket-a" });
        const code = (plan.one(FN, "reports-function").record.wireInputs as any).code;
        expect(Object.keys(code.assets)).to.deep.equal(["index.js"]);
        expect(code.assets["index.js"].text).to.equal(bundleHandler("functions/uploads/handler.ts").code);
    });

    it("creates the log group, with retention, before the function (and the role policy too)", () => {
        const logs = plan.one("aws:cloudwatch/logGroup:LogGroup", "reports-logs");
        expect(plan.rawInputs(logs)).to.include({ name: "/aws/lambda/reports-dev", retentionInDays: 14 });
        const deps = plan.one(FN, "reports-function").record.dependencies;
        expect(deps).to.include(logs.urn);
        expect(deps).to.include(plan.one("aws:iam/rolePolicy:RolePolicy", "reports-policy").urn);
    });

    it("gives the role basic execution on its own log group, X-Ray writes and the extra statements only", () => {
        const trust = JSON.parse(plan.rawInputs(plan.one("aws:iam/role:Role", "reports-role")).assumeRolePolicy);
        expect(trust.Statement).to.deep.equal([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        const policy = policyOf(plan, "reports-policy");
        expect(policy.Statement).to.deep.equal([
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/reports-dev:*"] },
            { Sid: "WriteTraces", Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
            { Sid: "ReadReports", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::reports/*"] },
        ]);
        expect(policy.Statement.flatMap((s: { Action: string[] }) => s.Action).filter((a: string) => a.includes("*"))).to.deep.equal([]);
    });

    it("exposes arn, invokeArn and name for API integrations, and grants invoke to a service", () => {
        expect(plan.outputs).to.deep.equal({
            arn: "arn:aws:lambda:eu-west-1:111111111111:function:reports-dev",
            invokeArn: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:reports-dev/invocations",
            name: "reports-dev",
        });
        const permission = plan.rawInputs(plan.one("aws:lambda/permission:Permission", "reports-api"));
        expect(permission).to.include({ action: "lambda:InvokeFunction", function: "reports-dev", principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:eu-west-1:111111111111:abc123/*" });
        const component = plan.one("gatevault:functions:NodeFunction", "reports");
        expect(Object.keys(component.record.registeredOutputs ?? {})).to.include.members(["arn", "invokeArn", "name"]);
    });

    it("refuses wildcard actions, bad names, limits and reserved variables before registering anything", async () => {
        const problems = nodeFunctionProblems("bad name!", {
            entry: "functions/uploads/handler.ts",
            logRetentionDays: 10,
            memorySize: 64,
            timeoutSeconds: 901,
            environment: { AWS_REGION: "x", "1X": "y", BIG: "v".repeat(5000) },
            statements: [{ actions: ["s3:*", "*"], resources: [] }],
        });
        expect(problems).to.deep.equal([
            'functionName: must be 1-64 letters, digits, hyphens or underscores (got "bad name!")',
            "memorySize: must be a whole number of MB from 128 to 10240 (got 64)",
            "timeoutSeconds: must be a whole number from 1 to 900 (got 901)",
            "logRetentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 10)",
            "environment.AWS_REGION: must be a variable name the Lambda runtime does not reserve",
            "environment.1X: must be a variable name the Lambda runtime does not reserve",
            "environment: must keep the function's environment within Lambda's 4096-byte limit (got 5017 bytes)",
            'statements[0]: action must be a named "service:Action" without wildcards (got "s3:*")',
            'statements[0]: action must be a named "service:Action" without wildcards (got "*")',
            "statements[0]: must list at least one resource",
        ]);
        const error = await planFailure(
            withProvider((provider) => new NodeFunction("wild", { entry: "functions/uploads/handler.ts", logRetentionDays: 14, statements: [{ actions: ["s3:*"], resources: ["*"] }] }, { provider })),
        );
        expect(error?.message).to.match(/NodeFunction wild: invalid arguments:\n {2}statements\[0\]: action must be a named/);
        expect(error?.plan?.resources.filter((r) => r.type.startsWith("gatevault:") || r.type.startsWith("aws:"))).to.deep.equal([]);
    });
});

describe("JwtAuthorizer component", () => {
    it("deploys the TOKEN or REQUEST handler with an environment the handler accepts, and exposes what an API authorizer needs", async () => {
        const config = stackConfig("dev").jwtAuthorizers[0];
        const plan = await planProgram(
            withProvider((provider) => {
                const token = new JwtAuthorizer("jwt-token", { ...config, type: "TOKEN" }, { provider });
                const request = new JwtAuthorizer("jwt-request", { ...config, type: "REQUEST", resultTtlSeconds: 0 }, { provider });
                return Object.fromEntries(
                    [token, request].map((a) => [a.authorizerType, { invokeArn: a.invokeArn, ttl: a.resultTtlSeconds, identitySource: a.identitySource, routes: a.routes }]),
                );
            }),
        );
        const token = plan.rawInputs(plan.one(FN, "jwt-token-fn-function"));
        const request = plan.rawInputs(plan.one(FN, "jwt-request-fn-function"));
        expect(token.name).to.equal("jwt-token-dev");
        expect(token.timeout).to.equal(7);
        expect(authorizerSettingsFromEnv(token.environment.variables)).to.include({ issuer: config.issuer, jwksUrl: config.jwksUrl, clockToleranceSeconds: 30 });
        expect(authorizerSettingsFromEnv(token.environment.variables).routes).to.deep.equal(config.routes);
        expect((plan.one(FN, "jwt-token-fn-function").record.wireInputs as any).code.assets["index.js"].text).to.equal(bundleHandler("functions/authorizer/token-handler.ts").code);
        expect((plan.one(FN, "jwt-request-fn-function").record.wireInputs as any).code.assets["index.js"].text).to.equal(bundleHandler("functions/authorizer/request-handler.ts").code);
        expect(request.environment).to.deep.equal(token.environment);
        const out = plan.outputs as Record<string, any>;
        expect(out.TOKEN.invokeArn).to.match(/functions\/arn:aws:lambda:eu-west-1:111111111111:function:jwt-token-dev\/invocations$/);
        expect(out.TOKEN).to.deep.include({ ttl: 300, identitySource: "method.request.header.Authorization" });
        expect(out.REQUEST.ttl).to.equal(0);
        expect(out.TOKEN.routes).to.include("GET /orders/{orderId}");
        // The authorizer role needs nothing beyond logs and traces.
        expect(policyOf(plan, "jwt-token-fn-policy").Statement.map((s: { Sid: string }) => s.Sid)).to.deep.equal(["WriteOwnLogs", "WriteTraces"]);
    });
});
