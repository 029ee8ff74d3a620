import { expect } from "chai";
import { engineConfigFromDocument, namespacedKey, offlineSecretPlaceholder, PlanUsageError, ProjectInfo } from "../../tools/plan/project";

const project: ProjectInfo = { name: "gatevault", dir: "/x", main: "index.ts", config: { "gatevault:environment": "dev", "aws:region": "us-east-1" } };

describe("stack config as the engine passes it", () => {
    it("puts keys without a namespace in the project's namespace", () => {
        expect(namespacedKey("apis", "gatevault", "f")).to.equal("gatevault:apis");
        expect(namespacedKey("aws:region", "gatevault", "f")).to.equal("aws:region");
        expect(() => namespacedKey("a:b:c", "gatevault", "f")).to.throw(PlanUsageError);
    });

    it("encodes objects as JSON and scalars as strings; stack values override project config", () => {
        const cfg = engineConfigFromDocument(project, { config: { "aws:region": "eu-west-1", tags: { A: "1" }, count: 3, on: true } }, "f");
        expect(cfg.values).to.deep.equal({
            "gatevault:environment": "dev",
            "aws:region": "eu-west-1",
            "gatevault:tags": '{"A":"1"}',
            "gatevault:count": "3",
            "gatevault:on": "true",
        });
        expect(cfg.secretKeys).to.deep.equal([]);
    });

    it("turns secure values into stable placeholders and marks their keys secret", () => {
        const cfg = engineConfigFromDocument(
            project,
            { config: { "gatevault:token": { secure: "AAAB1" }, "gatevault:keys": { a: { secure: "AAAB2" }, b: "plain" } } },
            "f",
        );
        expect(cfg.values["gatevault:token"]).to.equal(offlineSecretPlaceholder("AAAB1"));
        expect(JSON.parse(cfg.values["gatevault:keys"])).to.deep.equal({ a: offlineSecretPlaceholder("AAAB2"), b: "plain" });
        expect(cfg.secretKeys).to.have.members(["gatevault:token", "gatevault:keys"]);
        expect(offlineSecretPlaceholder("AAAB1")).to.equal(offlineSecretPlaceholder("AAAB1")).and.not.equal(offlineSecretPlaceholder("AAAB2"));
    });

    it("refuses stack files that import ESC environments, which it cannot resolve", () => {
        expect(() => engineConfigFromDocument(project, { environment: ["shared"], config: {} }, "Pulumi.x.yaml")).to.throw(/ESC environments/);
    });
});
