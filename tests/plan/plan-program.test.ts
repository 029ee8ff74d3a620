import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { ProviderSet } from "../../components/shared/providers";
import { planProgram, stackConfig } from "../support/plan-program";

describe("provider set", () => {
    it("creates one provider per target, pinned to its account, with the stack's default tags", async () => {
        const plan = await planProgram(() => {
            const providers = new ProviderSet(stackConfig("dev"));
            const again = providers.get({});
            const copy = providers.get({ region: "eu-central-1" });
            const central = providers.get({ assumeRoleArn: "arn:aws:iam::333333333333:role/backup-deployer" });
            new aws.sns.Topic("a", {}, { provider: again });
            new aws.sns.Topic("b", {}, { provider: copy });
            new aws.sns.Topic("c", {}, { provider: central });
            return { same: again === providers.main, copyAgain: copy === providers.get({ region: "eu-central-1" }) };
        });
        expect(plan.outputs).to.deep.equal({ same: true, copyAgain: true });
        const providers = plan.ofType("pulumi:providers:aws");
        expect(providers.map((p) => p.name)).to.have.members(["aws", "aws-eu-central-1", "aws-333333333333-eu-west-1"]);
        const main = plan.rawInputs(plan.one("pulumi:providers:aws", "aws"));
        expect(JSON.parse(main.allowedAccountIds)).to.deep.equal(["111111111111"]);
        expect(JSON.parse(main.defaultTags).tags).to.include({ Owner: "platform-team", Environment: "dev" });
        const central = plan.rawInputs(plan.one("pulumi:providers:aws", "aws-333333333333-eu-west-1"));
        expect(JSON.parse(central.allowedAccountIds)).to.deep.equal(["333333333333"]);
        expect(JSON.parse(central.assumeRoles)[0].roleArn).to.equal("arn:aws:iam::333333333333:role/backup-deployer");
        expect(plan.one("aws:sns/topic:Topic", "c").record.wireOutputs?.arn).to.match(/^arn:aws:sns:eu-west-1:333333333333:/);
        expect(plan.one("aws:sns/topic:Topic", "b").record.wireOutputs?.arn).to.match(/^arn:aws:sns:eu-central-1:111111111111:/);
    });
});
