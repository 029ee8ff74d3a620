// The shipped stacks through the program (index.ts) and the offline plan: each uses a VPC
// link route and a private API (dev through the demo VPC, prod through ids from config), and
// exports where private APIs are called from inside the VPC.

import { expect } from "chai";
import type { PlanResult } from "../../tools/plan/index";
import { planLookups, rawInputs } from "../support/plan-program";
import { planEditedStack } from "../support/stacks";
import { shippedPlan } from "../support/shipped-plans";

const named = (plan: PlanResult, type: string, name: string) => rawInputs(planLookups(plan).one(type, name));
const count = (plan: PlanResult, type: string) => planLookups(plan).ofType(type).length;

describe("private connectivity in the shipped stacks", () => {
    const plans: Record<string, PlanResult> = {};
    before(async () => {
        for (const stack of ["dev", "prod"] as const) {
            plans[stack] = await shippedPlan(stack);
        }
    });

    for (const [stack, stage, endpoint] of [
        ["dev", "dev", "internal"],
        ["prod", "v1", "shared"],
    ]) {
        it(`${stack}: plans with exit 0, a PRIVATE API whose routes go through the VPC link, and its invoke URLs as outputs`, () => {
            const plan = plans[stack];
            expect(plan.summary.exitCode, plan.error?.message).to.equal(0);
            const restApi = named(plan, "aws:apigateway/restApi:RestApi", "inventory-rest-api");
            expect(restApi.endpointConfiguration.types).to.equal("PRIVATE");
            const linkId = plan.resources.find((r) => r.name === "network-link-inventory")!.record.id;
            const integration = JSON.parse(restApi.body).paths["/items"].get["x-amazon-apigateway-integration"];
            expect(integration).to.include({ connectionType: "VPC_LINK", connectionId: linkId });

            const urls = (plan.outputs!.privateApis as Record<string, any>).inventory;
            expect(urls.privateDnsUrl).to.match(new RegExp(`^https://[a-z0-9]{10}\\.execute-api\\.eu-west-1\\.amazonaws\\.com/${stage}$`));
            expect(Object.keys(urls.viaEndpoint)).to.deep.equal([endpoint]);
            expect(urls.viaEndpoint[endpoint].headers["x-apigw-api-id"]).to.match(/^[a-z0-9]{10}$/);
            expect(Object.keys((plan.outputs!.privateNetwork as Record<string, any>).vpcLinks)).to.deep.equal(["inventory"]);
        });
    }

    it("dev builds the demo VPC and its own endpoint; prod builds neither and uses the VPC and endpoint from config", () => {
        expect(count(plans.dev, "awsx:ec2:Vpc")).to.equal(1);
        expect(count(plans.dev, "aws:ec2/vpcEndpoint:VpcEndpoint")).to.equal(1);
        expect(count(plans.prod, "awsx:ec2:Vpc")).to.equal(0);
        expect(count(plans.prod, "aws:ec2/vpcEndpoint:VpcEndpoint")).to.equal(0);
        expect((plans.prod.outputs!.privateNetwork as Record<string, any>).vpcId).to.equal("vpc-0a1b2c3d4e5f60718");
        expect(named(plans.prod, "aws:lb/targetGroup:TargetGroup", "network-inventory-tg").vpcId).to.equal("vpc-0a1b2c3d4e5f60718");
    });

    it("checks every API against the network's names before creating any of the network", async () => {
        const plan = await planEditedStack("dev", (c) => (c["gatevault:apis"][0].routes[1].integration = { type: "LAMBDA", function: "orders-handler" }));
        expect(plan.summary.exitCode).to.equal(2);
        expect(plan.error?.problems?.map((p) => p.path)).to.deep.equal(["gatevault:apis[0].routes[1].integration.function"]);
        const networkTypes = /^(gatevault:network:|awsx:|aws:lb\/|aws:ec2\/|aws:vpc\/|aws:apigateway\/)/;
        expect(plan.resources.filter((r) => networkTypes.test(r.type)).map((r) => r.type)).to.deep.equal([]);
    });
});
