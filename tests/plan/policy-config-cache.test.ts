// The policy-config validators ajv compiles are kept on disk as ajv's standalone code
// (tools/plan/policy-config.ts): a schema compiled in an earlier plan is loaded, not compiled, and
// it refuses the same configs with the same messages.

import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import type { Policies } from "@pulumi/policy";
import { CACHE_ROOT } from "../../components/shared/disk-cache";
import { resolvePolicyConfig } from "../../tools/plan/policy-config";

const VALIDATORS = path.join(CACHE_ROOT, "policy-config-validators");
const cachedFiles = () => (fs.existsSync(VALIDATORS) ? fs.readdirSync(VALIDATORS) : []);

describe("policy-config validators cached on disk", () => {
    it("writes a new schema's validator once, and a later plan loads it and refuses the same config with the same message", () => {
        // A schema no other run has (its description names this one), so its validator is not cached yet.
        const schema = { properties: { minimumDays: { type: "integer", minimum: 1, default: 90, description: `run ${process.pid}-${Date.now()}` } }, required: ["minimumDays"] };
        // Each call gets its own policy objects, as a later plan would: looked up on disk, not in this process's memo.
        const policies = (): Policies => [{ name: "retention-check", description: "test policy", enforcementLevel: "mandatory", configSchema: structuredClone(schema) as never, validateResource: () => undefined }];
        const bad = { "retention-check": { properties: { minimumDays: 0 } } };
        const message = 'invalid policy pack config:\n  Policy "retention-check": /minimumDays must be >= 1';

        const before = new Set(cachedFiles());
        expect(() => resolvePolicyConfig(policies(), "advisory", bad)).to.throw(message);
        const written = cachedFiles().filter((f) => !before.has(f));
        expect(written).to.have.length(1);
        const file = path.join(VALIDATORS, written[0]);
        // Marked, to tell the file's validator from a fresh compile.
        fs.appendFileSync(file, "\nmodule.exports.fromDisk = true;\n");
        try {
            expect(() => resolvePolicyConfig(policies(), "advisory", bad)).to.throw(message);
            // The plan loaded the file (and its marker) rather than compiling the schema again.
            expect(require.cache[file]?.exports.fromDisk).to.equal(true);
            expect(resolvePolicyConfig(policies(), "advisory", { "retention-check": { properties: { minimumDays: 30 } } })["retention-check"].properties).to.deep.equal({ minimumDays: 30 });
        } finally {
            delete require.cache[file];
            fs.rmSync(file, { force: true });
        }
    });
});
