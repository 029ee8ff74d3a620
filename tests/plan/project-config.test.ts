import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { engineConfig, engineConfigFromDocument, namespacedKey, offlineSecretPlaceholder, PlanUsageError, ProjectInfo } from "../../tools/plan/project";

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

    // The Pulumi CLI reads stack files with gopkg.in/yaml.v3 into untyped values: YAML 1.2 core
    // scalars, and "a timestamp-like value ... set as a string, so that code that unmarshals
    // timestamp-like values into interface{} will continue to see a string" (decode.go). `yes` is a
    // string in YAML 1.2 (a boolean only in 1.1); duplicate keys are an error.
    it("reads a stack file's scalars as the CLI does: YAML 1.2 core, dates and yes/no as strings", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-yaml-"));
        const file = path.join(dir, "Pulumi.t.yaml");
        fs.writeFileSync(file, "config:\n  gatevault:until: 2026-01-31\n  gatevault:answer: yes\n  gatevault:mode: 0o17\n  gatevault:flag: True\n  gatevault:quoted: '010'\n");
        expect(engineConfig(project, file).values).to.include({
            "gatevault:until": "2026-01-31",
            "gatevault:answer": "yes",
            "gatevault:mode": "15",
            "gatevault:flag": "true",
            "gatevault:quoted": "010",
        });
        fs.writeFileSync(file, "config:\n  gatevault:a: 1\n  gatevault:a: 2\n");
        expect(() => engineConfig(project, file)).to.throw(PlanUsageError, /Pulumi\.t\.yaml is not valid YAML: duplicated mapping key/);
    });

    it("refuses stack files that import ESC environments, which it cannot resolve", () => {
        expect(() => engineConfigFromDocument(project, { environment: ["shared"], config: {} }, "Pulumi.x.yaml")).to.throw(/ESC environments/);
    });
});
