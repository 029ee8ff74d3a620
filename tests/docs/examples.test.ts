// examples/: every stack file is one the program accepts (the zod schema, the stack-file JSON
// Schema editors use, and the cross-part checks components/program.ts runs before registering
// anything), and every organisation policy path gives an effective policy through the
// effective-policy command itself, in-process.

import Ajv2020 from "ajv/dist/2020";
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { parseStackConfig } from "../../components/config";
import { stackFileJsonSchema } from "../../components/config/json-schema";
import { checkStack } from "../../components/program";
import { effectivePolicyCommand } from "../../tools/effective-policy/command";
import { REPO_ROOT } from "../../tools/plan/index";
import { sourceOf, type StackDocument } from "../support/stacks";

const STACKS_DIR = path.join(REPO_ROOT, "examples", "stacks");
const POLICIES_DIR = path.join(REPO_ROOT, "examples", "policies");

const stackFiles = fs.readdirSync(STACKS_DIR).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

describe("examples/stacks: every stack file is accepted", () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(stackFileJsonSchema());

    it("has the four common shapes", () => {
        expect(stackFiles.sort()).to.include.members(["Pulumi.api-private.yaml", "Pulumi.api-regional.yaml", "Pulumi.backup-single-account.yaml", "Pulumi.org-stacksets.yaml"]);
    });

    for (const file of stackFiles) {
        it(`${file} passes the schema and the program's cross-part checks`, () => {
            const doc = parseYaml(fs.readFileSync(path.join(STACKS_DIR, file), "utf8")) as StackDocument;
            expect(validate(doc), JSON.stringify(validate.errors)).to.equal(true);
            // Throws a ConfigValidationError listing every problem with its key path.
            const config = parseStackConfig(sourceOf(doc));
            const wiring = checkStack(config, { projectDir: REPO_ROOT });
            expect(wiring.config.apis.map((a) => a.name)).to.deep.equal(config.apis.map((a) => a.name));
        });
    }
});

// The inheritance rules AWS documents for management policies ("Understanding management policy
// inheritance", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html):
// @@assign replaces, @@append adds to and @@remove takes from an inherited list, and a child's
// operator that @@operators_allowed_for_child_policies does not allow is ignored.
const ROOT = path.join(POLICIES_DIR, "root.json");
const OU = path.join(POLICIES_DIR, "ou-workloads.json");
const ACCOUNT = path.join(POLICIES_DIR, "account-payments.json");
const PATHS = [[ROOT], [ROOT, OU], [ROOT, OU, ACCOUNT]];

describe("examples/policies: every path gives an effective policy", () => {
    it("uses every policy file in some path", () => {
        const used = new Set(PATHS.flat().map((f) => path.basename(f)));
        expect(fs.readdirSync(POLICIES_DIR).filter((f) => f.endsWith(".json"))).to.have.members([...used]);
    });

    for (const files of PATHS) {
        it(`${files.map((f) => path.basename(f)).join(" → ")} exits 0 with an effective policy`, () => {
            const result = effectivePolicyCommand(["--retention", ...files]);
            expect(result.exitCode, result.stderr).to.equal(0);
            const { effectivePolicy, retention } = JSON.parse(result.stdout);
            expect(effectivePolicy.plans.daily.rules.daily.lifecycle.delete_after_days).to.equal("120");
            expect(retention.minimumDays).to.equal(120);
        });
    }

    it("the account's path: regions assigned, appended and removed; tag values appended; the forbidden retention change cancelled", () => {
        const result = effectivePolicyCommand([ROOT, OU, ACCOUNT]);
        const daily = JSON.parse(result.stdout).plans.daily;
        expect(daily.regions).to.deep.equal(["eu-west-1", "eu-north-1"]);
        expect(daily.selections.tags.daily.tag_value).to.deep.equal(["Daily", "Critical"]);
        expect(daily.rules.daily.lifecycle.delete_after_days).to.equal("120");
        expect(result.stderr).to.contain(`cancelled: @@assign at $.plans.daily.rules.daily.lifecycle.delete_after_days in ${ACCOUNT}`);
    });
});
