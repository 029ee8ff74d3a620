import { expect } from "chai";
import { ConfigValidationError, parseStackConfig } from "../../components/config";
import { decodeConfigValue } from "../../components/config/source";
import { configProblems, problemsOf } from "../support/config-problems";
import { editedStack, shippedStack, sourceOf } from "../support/stacks";
import { invalidConfigCases } from "./invalid-configs";

describe("stack config", () => {
    it("parses the dev stack into typed config with defaults filled in", () => {
        const config = parseStackConfig(sourceOf(shippedStack("dev")));
        expect(config.environment).to.equal("dev");
        expect(config.region).to.equal("eu-west-1");
        expect(config.accountId).to.equal("111111111111");
        expect(config.apis.map((a) => a.name)).to.include("orders");
        expect(config.apis[0].throttle.burstLimit).to.be.at.least(config.apis[0].throttle.rateLimit);
    });

    it("parses the prod stack", () => {
        const config = parseStackConfig(sourceOf(shippedStack("prod")));
        expect(config.environment).to.equal("prod");
        expect(config.tags).to.include({ Owner: "platform-team" });
    });

    it("fills schema defaults for omitted optional keys", () => {
        const config = parseStackConfig(
            sourceOf(editedStack("dev", (c) => delete c["gatevault:apis"][0].endpointType)),
        );
        expect(config.apis[0].endpointType).to.equal("REGIONAL");
    });

    describe("rejects invalid config with the key path and what is expected", () => {
        for (const c of invalidConfigCases) {
            it(c.name, () => {
                const problems = configProblems(c.edit);
                const match = problems.find((p) => p.path === c.path);
                expect(match, `no problem at ${c.path}; got ${JSON.stringify(problems)}`).to.not.equal(undefined);
                expect(match!.message).to.match(c.message);
            });
        }
    });

    it("reports every problem at once, not just the first", () => {
        const independent = invalidConfigCases.filter((c) =>
            ["wrong type: account id as an unquoted number", "unknown top-level key", "missing required: environment", "bad region code"].includes(c.name),
        );
        const problems = configProblems((config) => independent.forEach((c) => c.edit(config)));
        expect(problems.map((p) => p.path)).to.include.members(independent.map((c) => c.path));
        const error = new ConfigValidationError(problems);
        expect(error.message).to.match(new RegExp(`^Invalid stack config \\(${problems.length} problems\\)`));
    });

    it("reports invalid JSON in an object-valued key with its path", () => {
        const problems = problemsOf(() =>
            parseStackConfig({ values: { "aws:region": "eu-west-1", "gatevault:apis": "[{oops" }, secretKeys: new Set() }),
        );
        expect(problems.find((p) => p.path === "gatevault:apis")?.message).to.match(/not valid JSON/);
    });

    it("keeps scalar config values as the strings the engine passes", () => {
        expect(decodeConfigValue("111111111111")).to.deep.equal({ ok: true, value: "111111111111" });
        expect(decodeConfigValue('{"a":1}')).to.deep.equal({ ok: true, value: { a: 1 } });
    });
});
