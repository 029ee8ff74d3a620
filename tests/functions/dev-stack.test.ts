import { expect } from "chai";
import { uploadSettingsFromEnv } from "../../functions/uploads/settings";
import { renderHuman } from "../../tools/plan/render";
import { shippedPlan } from "../support/shipped-plans";

describe("dev stack: functions, upload bucket and Cognito in the offline plan", () => {
    it("plans the authorizer and upload functions with their roles, the bucket and the user pool, exit 0", async () => {
        const result = await shippedPlan("dev");
        expect(result.error, result.error?.message).to.equal(undefined);
        expect(result.summary.exitCode).to.equal(0);
        const named = (type: string) => result.resources.filter((r) => r.type === type).map((r) => r.name);
        expect(named("gatevault:functions:JwtAuthorizer")).to.deep.equal(["orders-jwt"]);
        expect(named("aws:lambda/function:Function")).to.have.members(["orders-jwt-fn-function", "uploads-fn-function"]);
        expect(named("aws:iam/role:Role")).to.include.members(["orders-jwt-fn-role", "uploads-fn-role"]);
        expect(named("aws:iam/rolePolicy:RolePolicy")).to.have.members(["orders-jwt-fn-policy", "uploads-fn-policy"]);
        expect(named("gatevault:uploads:UploadBucket")).to.deep.equal(["uploads"]);
        expect(named("aws:s3/bucket:Bucket")).to.deep.equal(["uploads-bucket"]);
        expect(named("gatevault:auth:CognitoUserPool")).to.deep.equal(["orders-users"]);
        expect(result.outputs?.uploads).to.include({ functionName: "uploads-dev" });
        expect(result.outputs?.authorizerFunctions).to.deep.equal({ "orders-jwt": "orders-jwt-dev" });
        expect((result.outputs?.cognito as { scopes?: string[] }).scopes).to.deep.equal(["orders/read", "orders/write"]);
        const text = renderHuman(result);
        expect(text).to.contain("aws:lambda/function:Function  orders-jwt-fn-function");
        expect(text).to.contain("aws:iam/role:Role  uploads-fn-role");
    });

    // The upload routes are proxy integrations: API Gateway passes the function's headers through unchanged,
    // so the function is the only place the orders API's CORS headers can come from.
    it("gives the upload function the CORS settings of the API whose proxy routes reach it", async () => {
        const result = await shippedPlan("dev");
        const fn = result.resources.find((r) => r.name === "uploads-fn-function")! as { inputs: Record<string, any> };
        const settings = uploadSettingsFromEnv(fn.inputs.environment.variables);
        expect(settings.cors).to.deep.equal({ allowOrigins: ["http://localhost:3000"], allowCredentials: false, exposeHeaders: [] });
    });
});
