// The GitHub workflows cannot run here; this reads them as GitHub does (YAML, duplicate keys
// refused) and checks what would otherwise only fail on GitHub: jobs and `needs`, action
// versions and inputs (tests/toolchain/support/actions.ts), the Node versions against
// package.json, the Pulumi CLI against the SDK, and that nothing is deployed before the tests pass.
// Workflow syntax: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax

import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import * as semver from "semver";
import { parse } from "yaml";
import { REPOSITORY_ROOT } from "../../components/functions/bundle";
import { ACTIONS } from "./support/actions";

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
}

interface Job {
    "runs-on": string;
    needs?: string | string[];
    strategy?: { matrix?: Record<string, unknown[]> };
    steps: Step[];
}

interface Workflow {
    on: unknown;
    env?: Record<string, string | number>;
    jobs: Record<string, Job>;
}

const WORKFLOW_DIR = path.join(REPOSITORY_ROOT, ".github", "workflows");
const workflows: Record<string, Workflow> = Object.fromEntries(
    fs.readdirSync(WORKFLOW_DIR).filter((f) => f.endsWith(".yml")).map((f) => [f, parse(fs.readFileSync(path.join(WORKFLOW_DIR, f), "utf8")) as Workflow]),
);
const engines: string = require(path.join(REPOSITORY_ROOT, "package.json")).engines.node;
const sdkVersion: string = require("@pulumi/pulumi/package.json").version;

const needsOf = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const actionOf = (step: Step) => step.uses?.split("@")[0];

/** A `with` value with the workflow's `${{ env.NAME }}` references filled in (the only expression resolved here). */
function resolved(workflow: Workflow, value: unknown): string {
    return String(value).replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (_, name: string) => String(workflow.env?.[name] ?? `<unset env.${name}>`));
}

function* steps(): Generator<{ file: string; workflow: Workflow; jobName: string; job: Job; step: Step }> {
    for (const [file, workflow] of Object.entries(workflows)) {
        for (const [jobName, job] of Object.entries(workflow.jobs)) {
            for (const step of job.steps) yield { file, workflow, jobName, job, step };
        }
    }
}

/** The jobs a job waits for, directly or through others. */
function upstream(workflow: Workflow, jobName: string, seen = new Set<string>()): Set<string> {
    for (const need of needsOf(workflow.jobs[jobName])) {
        if (!seen.has(need)) {
            seen.add(need);
            upstream(workflow, need, seen);
        }
    }
    return seen;
}

/** Runs `npm test` after installing with `npm ci`. */
function runsTheSuite(job: Job): boolean {
    const runs = job.steps.map((s) => s.run?.trim() ?? "");
    const ci = runs.findIndex((r) => /^npm ci\b/.test(r));
    const test = runs.findIndex((r) => /^npm test\b/.test(r));
    return ci >= 0 && test > ci;
}

describe("GitHub workflows", () => {
    it("has the pull-request and deploy workflows, each job with a runner and steps that each run or use one thing", () => {
        expect(Object.keys(workflows).sort()).to.deep.equal(["deploy.yml", "pull-request.yml"]);
        for (const { file, jobName, job, step } of steps()) {
            expect(job["runs-on"], `${file} ${jobName}`).to.be.a("string");
            expect(Number(step.uses !== undefined) + Number(step.run !== undefined), `${file} ${jobName}: ${JSON.stringify(step)}`).to.equal(1);
        }
        for (const [file, workflow] of Object.entries(workflows)) {
            for (const [jobName, job] of Object.entries(workflow.jobs)) {
                expect(needsOf(job).filter((n) => !(n in workflow.jobs)), `${file} ${jobName} needs`).to.deep.equal([]);
            }
        }
    });

    it("uses the current major of every action, and passes each only inputs its action.yml declares", () => {
        const problems: string[] = [];
        for (const { file, jobName, step } of steps()) {
            if (!step.uses) continue;
            const [action, ref] = step.uses.split("@");
            const facts = ACTIONS[action];
            if (!facts) {
                problems.push(`${file} ${jobName}: ${step.uses} is not a reviewed action`);
                continue;
            }
            if (ref !== facts.major) problems.push(`${file} ${jobName}: ${step.uses}, not @${facts.major}`);
            for (const input of Object.keys(step.with ?? {})) {
                if (!facts.inputs.includes(input)) problems.push(`${file} ${jobName}: ${action} has no input "${input}"`);
            }
        }
        expect(problems).to.deep.equal([]);
    });

    // The SDK's automation API, which pulumi/actions drives, installs "the CLI version matching the
    // SDK version" unless told otherwise (PulumiCommandOptions.version, sdk/nodejs/automation/cmd.ts).
    it("pins the Pulumi CLI to the release of the @pulumi/pulumi that npm installed", () => {
        const pulumiSteps = [...steps()].filter(({ step }) => actionOf(step) === "pulumi/actions");
        expect(pulumiSteps.map(({ file, jobName }) => `${file} ${jobName}`)).to.deep.equal(["deploy.yml dev", "deploy.yml prod", "pull-request.yml preview"]);
        for (const { file, workflow, jobName, step } of pulumiSteps) {
            expect(resolved(workflow, step.with?.["pulumi-version"]), `${file} ${jobName}`).to.equal(sdkVersion);
        }
    });

    it("runs the test job on Node 20 and Node 24, and every job on a Node line package.json supports", () => {
        for (const [file, workflow] of Object.entries(workflows)) {
            const test = workflow.jobs.test;
            expect(test.strategy?.matrix?.node, file).to.deep.equal([20, 24]);
            expect(runsTheSuite(test), `${file} test runs npm ci, then npm test`).to.equal(true);
        }
        for (const { file, workflow, job, jobName, step } of steps()) {
            if (actionOf(step) !== "actions/setup-node") continue;
            const versions = resolved(workflow, step.with?.["node-version"]) === "${{ matrix.node }}" ? (job.strategy?.matrix?.node ?? []) : [resolved(workflow, step.with?.["node-version"])];
            // A bare major makes setup-node install that line's newest release.
            for (const v of versions) {
                expect(String(v), `${file} ${jobName}`).to.match(/^\d+$/);
                expect(semver.satisfies(`${v}.999.0`, engines), `${file} ${jobName}: node ${v} against ${engines}`).to.equal(true);
            }
        }
    });

    it("deploys only after the suite passed: every `pulumi up` job waits for a job that runs npm test", () => {
        const deploy = workflows["deploy.yml"];
        const upJobs = Object.entries(deploy.jobs).filter(([, job]) => job.steps.some((s) => actionOf(s) === "pulumi/actions" && s.with?.command === "up"));
        expect(upJobs.map(([name]) => name)).to.deep.equal(["dev", "prod"]);
        for (const [name] of upJobs) {
            const tested = [...upstream(deploy, name)].filter((n) => runsTheSuite(deploy.jobs[n]));
            expect(tested, `${name} waits for`).to.deep.equal(["test"]);
        }
        expect(needsOf(deploy.jobs.prod)).to.deep.equal(["dev"]);
    });
});
