// A throwaway policy pack, defined here, proves that violations, enforcement levels,
// config properties and schema defaults flow through the offline plan as the CLI applies them.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { validateResourceOfType } from "@pulumi/policy";
import { expect } from "chai";
import { PolicyPackDefinition, runPlan } from "../../tools/plan/index";
import { writeTempJson } from "../support/temp-json";

function topicProgram(topicNames: string[], opts: { unknownName?: boolean } = {}) {
    return () => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        for (const name of topicNames) {
            new aws.sns.Topic(name, { name, kmsMasterKeyId: name === "plain" ? undefined : "alias/aws/sns" }, { provider });
        }
        if (opts.unknownName) {
            // An input that depends on an output the mocks do not provide stays unknown in a preview.
            const queue = new aws.sqs.Queue("q", {}, { provider });
            new aws.sns.Topic("late", { name: queue.urn.apply(() => pulumi.unknown as unknown as string) }, { provider });
        }
        return {};
    };
}

const encryptedTopics = {
    name: "topics-encrypted",
    description: "SNS topics must be encrypted.",
    remediationSteps: "Set kmsMasterKeyId.",
    controls: ["SecurityHub:SNS.1"],
    severity: "high",
    validateResource: validateResourceOfType(aws.sns.Topic, (topic, _args, report) => {
        if (!topic.kmsMasterKeyId) {
            report(`topic ${topic.name} is not encrypted`);
        }
    }),
};

const nameLength = {
    name: "topic-name-length",
    description: "Topic names must be short.",
    configSchema: { properties: { maxLength: { type: "integer", default: 5, minimum: 1 } } },
    validateResource: validateResourceOfType(aws.sns.Topic, (topic, args, report) => {
        const { maxLength } = args.getConfig<{ maxLength: number }>();
        if (String(topic.name).length > maxLength) {
            report(`"${topic.name}" is longer than ${maxLength}`);
        }
    }),
};

const atLeastTwoTopics = {
    name: "at-least-two-topics",
    description: "A stack needs two topics.",
    validateStack: (args: any, report: (m?: string) => void) => {
        const topics = args.resources.filter((r: any) => r.isType(aws.sns.Topic));
        if (topics.length < 2) report(`found ${topics.length}`);
    },
};

const pack: PolicyPackDefinition = { name: "throwaway", policies: [encryptedTopics, nameLength, atLeastTwoTopics] as any };

async function plan(program: () => unknown, config?: unknown) {
    return runPlan({
        stack: "dev",
        program,
        policyPack: pack,
        policyConfigFile: writeTempJson(config === undefined ? {} : config),
    });
}

describe("policy evaluation in the offline plan", () => {
    it("reports violations at the pack's default level (advisory) with exit 0", async () => {
        const result = await plan(topicProgram(["plain"]));
        const v = result.violations.find((x) => x.policy === "topics-encrypted");
        expect(v?.enforcementLevel).to.equal("advisory");
        expect(v?.message).to.contain("topic plain is not encrypted");
        expect(v?.urn).to.match(/aws:sns\/topic:Topic::plain$/);
        expect(v?.remediation).to.equal("Set kmsMasterKeyId.");
        expect(v?.controls).to.deep.equal(["SecurityHub:SNS.1"]);
        expect(result.summary.exitCode).to.equal(0);
    });

    it('"all": "mandatory" makes every violation mandatory and the exit code 1', async () => {
        const result = await plan(topicProgram(["plain"]), { all: "mandatory" });
        expect(result.violations.map((v) => v.enforcementLevel)).to.include("mandatory").and.not.include("advisory");
        expect(result.summary.exitCode).to.equal(1);
    });

    it("a per-policy level overrides all, and disabled silences a policy", async () => {
        const result = await plan(topicProgram(["plain"]), {
            all: "mandatory",
            "topics-encrypted": "advisory",
            "at-least-two-topics": { enforcementLevel: "disabled" },
        });
        expect(result.violations.find((v) => v.policy === "topics-encrypted")?.enforcementLevel).to.equal("advisory");
        expect(result.violations.some((v) => v.policy === "at-least-two-topics")).to.equal(false);
        expect(result.summary.exitCode).to.equal(0);
    });

    it("applies schema defaults, and config properties override them", async () => {
        const byDefault = await plan(topicProgram(["longname", "ab"]));
        expect(byDefault.violations.filter((v) => v.policy === "topic-name-length").map((v) => v.message)).to.deep.equal([
            'Topic names must be short.\n"longname" is longer than 5',
        ]);
        const relaxed = await plan(topicProgram(["longname", "ab"]), { "topic-name-length": { maxLength: 20 } });
        expect(relaxed.violations.some((v) => v.policy === "topic-name-length")).to.equal(false);
    });

    it("rejects policy config that breaks a policy's schema, as a usage error", async () => {
        const result = await plan(topicProgram(["ab"]), { "topic-name-length": { maxLength: 0 } });
        expect(result.summary.exitCode).to.equal(2);
        expect(result.error?.message).to.match(/topic-name-length.*maxLength/s);
    });

    it("rejects an invalid enforcement level", async () => {
        const result = await plan(topicProgram(["ab"]), { all: "strict" });
        expect(result.summary.exitCode).to.equal(2);
        expect(result.error?.message).to.contain('"strict" is not a valid enforcement level');
    });

    it("runs stack policies over all resources", async () => {
        const one = await plan(topicProgram(["ab"]), { all: "mandatory" });
        expect(one.violations.find((v) => v.policy === "at-least-two-topics")?.message).to.contain("found 1");
        const two = await plan(topicProgram(["ab", "cd"]), { all: "mandatory" });
        expect(two.violations.some((v) => v.policy === "at-least-two-topics")).to.equal(false);
    });

    it("turns a value unknown during preview into an advisory 'cannot judge yet', not a pass or a crash", async () => {
        const result = await plan(topicProgram(["ab", "cd"], { unknownName: true }), { all: "mandatory" });
        const late = result.violations.filter((v) => v.urn?.endsWith("::late"));
        expect(late.length).to.be.greaterThan(0);
        expect(late.every((v) => v.enforcementLevel === "advisory" && /can't run policy .* during preview/.test(v.message))).to.equal(true);
    });
});
