// The offline plan as a library: load project and stack config, run the program under
// mocks, evaluate the policy pack. The CLI (tools/plan.ts) and the tests both call runPlan.

import * as fs from "node:fs";
import * as path from "node:path";
import type { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import { previewFromConfigSource, TargetPreview } from "../../components/backup/org-policy/preview";
import { stableHex } from "./mocks/ids";
import { Evaluation, evaluatePolicies, NotApplicable, Violation } from "./evaluate";
import { ExemptionReport, exemptionReports } from "./exemptions";
import { readPolicyConfigFile, resolvePolicyConfig } from "./policy-config";
import { containsSecret, displayView } from "./properties";
import type { TargetContext } from "./mocks";
import { EngineConfig, engineConfig, loadProject, PlanUsageError } from "./project";
import { ProviderRuleError, type RuleViolation } from "./provider-rules";
import { PlannedOptions, plannedOptions } from "./options";
import type { RecordedResource } from "./recorder";
import { Program, runProgram } from "./run-program";
import type { SettleOptions } from "./settle";

export { PlanUsageError } from "./project";
export type { Violation } from "./evaluate";
export type { ExemptionReport } from "./exemptions";
export type { PlannedOptions, PlannedProvider } from "./options";
export type { RecordedResource } from "./recorder";
export type { Program } from "./run-program";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface PolicyPackDefinition {
    name: string;
    /** The pack's package.json version, which the analyzer names in "can't run during preview" messages. */
    version?: string;
    enforcementLevel?: EnforcementLevel;
    policies: Policies;
    initialConfig?: PolicyPackConfig;
}

export interface PlanOptions {
    stack: string;
    projectDir?: string;
    /** Stack config file; default `Pulumi.<stack>.yaml` in the project. */
    configFile?: string;
    /** Program file or function; default the project's `main`. */
    program?: Program;
    /** Policy config file; default `policy/config/<stack>.json` when it exists. */
    policyConfigFile?: string;
    /** Policy pack to evaluate; default the project's pack in `policy/`. */
    policyPack?: PolicyPackDefinition;
    /** When the program counts as stuck (tests shorten it). */
    settle?: SettleOptions;
}

export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /** Inputs with secrets masked and unknowns marked. */
    inputs: Record<string, unknown>;
    options: PlannedOptions;
    /** The full record, for tests and tools that need options or dependencies. */
    record: RecordedResource;
}

export type PlanErrorKind = "usage" | "config" | "program";

/** A registration the AWS provider would refuse, with the resource it belongs to. */
export type RefusedRegistration = RuleViolation & { urn: string; name: string };

export interface PlanError {
    kind: PlanErrorKind;
    message: string;
    /** Invalid stack config: every problem with its key path. */
    problems?: { path: string; message: string }[];
    /** Registrations the AWS provider's own checks refuse (tools/plan/provider-rules). */
    providerRules?: RefusedRegistration[];
}

export interface PlanResult {
    project: string;
    stack: string;
    region?: string;
    accountId?: string;
    policyConfigFile?: string;
    resources: PlannedResource[];
    violations: Violation[];
    notApplicable: NotApplicable[];
    /** Exemptions the policy config grants, with what each did in this plan. */
    exemptions: ExemptionReport[];
    outputs?: Record<string, unknown>;
    /** Stack outputs that are secret, by name. */
    secretOutputs: string[];
    /** Warnings the program logged (`pulumi.log.warn`), which `pulumi preview` would print too. */
    warnings: string[];
    error?: PlanError;
    /** Effective organization backup policy per OU and account, when the config has org policies. */
    orgBackupPolicies?: TargetPreview[];
    summary: PlanSummary;
}

export interface PlanSummary {
    /** Resources the program registered (the root stack resource is not counted). */
    resources: number;
    mandatory: number;
    advisory: number;
    exitCode: 0 | 1 | 2 | 3;
}

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function defaultPolicyPack(): PolicyPackDefinition {
    const pack = require(path.join(REPO_ROOT, "policy", "policies")) as {
        packName: string;
        packEnforcementLevel?: EnforcementLevel;
        policies: Policies;
    };
    // @pulumi/policy's PolicyPack takes its version from the package.json in the pack's directory.
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "package.json"), "utf8")) as { version: string };
    return { name: pack.packName, version, enforcementLevel: pack.packEnforcementLevel, policies: pack.policies };
}

function summarize(resources: PlannedResource[], violations: Violation[], error: PlanResult["error"]): PlanSummary {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = violations.filter((v) => v.enforcementLevel === "advisory").length;
    const exitCode = error ? (error.kind === "program" ? 3 : 2) : mandatory > 0 ? 1 : 0;
    return { resources: resources.filter((r) => r.type !== ROOT_STACK_TYPE).length, mandatory, advisory, exitCode };
}

/** A plan that stopped before running the program (or failed outside it): no resources, only the error. */
export function failedPlan(stack: string, kind: PlanErrorKind, message: string): PlanResult {
    const error = { kind, message };
    return { project: "", stack, resources: [], violations: [], notApplicable: [], exemptions: [], secretOutputs: [], warnings: [], error, summary: summarize([], [], error) };
}

function configProblemsOf(err: Error): { path: string; message: string }[] | undefined {
    const problems = (err as { problems?: unknown }).problems;
    return err.name === "ConfigValidationError" && Array.isArray(problems) ? (problems as { path: string; message: string }[]) : undefined;
}

/** Where the mocks place resources that no provider places elsewhere: the stack's region and account. */
export function stackTarget(project: string, config: EngineConfig): TargetContext {
    const region = config.values["aws:region"];
    const accountId = config.values[`${project}:accountId`];
    return {
        partition: "aws",
        region: region ?? "us-east-1",
        accountId: accountId && /^\d{12}$/.test(accountId) ? accountId : "000000000000",
        organizationId: `o-${stableHex(`${project}/${accountId}`, 10)}`,
    };
}

export async function runPlan(opts: PlanOptions): Promise<PlanResult> {
    const projectDir = path.resolve(opts.projectDir ?? REPO_ROOT);
    let project, config, policyConfig, pack: PolicyPackDefinition;
    const policyConfigFile = opts.policyConfigFile ?? path.join(projectDir, "policy", "config", `${opts.stack}.json`);
    try {
        project = loadProject(projectDir);
        const configFile = opts.configFile ?? path.join(projectDir, `Pulumi.${opts.stack}.yaml`);
        if (!fs.existsSync(configFile)) {
            throw new PlanUsageError(`no stack config file ${configFile} (pass --config-file to use another)`);
        }
        config = engineConfig(project, configFile);
        pack = opts.policyPack ?? defaultPolicyPack();
        const given = opts.policyConfigFile || fs.existsSync(policyConfigFile) ? readPolicyConfigFile(policyConfigFile) : undefined;
        policyConfig = resolvePolicyConfig(pack.policies, pack.enforcementLevel, given, pack.initialConfig);
    } catch (err) {
        if (err instanceof PlanUsageError) {
            return failedPlan(opts.stack, "usage", err.message);
        }
        throw err;
    }

    const region = config.values["aws:region"];
    const accountId = config.values[`${project.name}:accountId`];
    const run = await runProgram({
        project: project.name,
        stack: opts.stack,
        config,
        program: opts.program ?? path.join(projectDir, project.main),
        settle: opts.settle,
        target: stackTarget(project.name, config),
    });

    const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
    const resources: PlannedResource[] = run.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent,
        inputs: displayView(r.wireInputs) as Record<string, unknown>,
        options: plannedOptions(r, byUrn),
        record: r,
    }));

    let error: PlanResult["error"];
    const failure = run.error ?? run.failures[0];
    if (failure) {
        const problems = configProblemsOf(failure);
        const all = [failure, ...run.failures.filter((f) => f !== failure)];
        const refused = all.flatMap((f) => (f instanceof ProviderRuleError ? f.violations.map((v) => ({ ...v, urn: f.urn, name: f.resourceName })) : []));
        error = problems
            ? { kind: "config", message: failure.message, problems }
            : { kind: "program", message: all.map((f) => f.message).join("\n"), ...(refused.length > 0 ? { providerRules: refused } : {}) };
    }

    let evaluation: Evaluation = { violations: [], notApplicable: [], resourceEvaluations: 0, exemptionEvents: [] };
    if (!error) {
        const label = pack.version ? { name: pack.name, version: pack.version } : undefined;
        evaluation = await evaluatePolicies(pack.policies, policyConfig, run.resources, new Map(), label);
    }

    const stackResource = run.resources.find((r) => r.type === ROOT_STACK_TYPE);
    const outputsWire = (stackResource?.registeredOutputs ?? {}) as Record<string, unknown>;
    return {
        project: project.name,
        stack: opts.stack,
        region,
        accountId,
        policyConfigFile: opts.policyConfigFile || fs.existsSync(policyConfigFile) ? path.relative(process.cwd(), policyConfigFile) : undefined,
        resources,
        violations: evaluation.violations,
        notApplicable: evaluation.notApplicable,
        // Without an evaluation there is nothing to say about what an exemption did.
        exemptions: error ? [] : exemptionReports(policyConfig, run.resources, evaluation.exemptionEvents),
        outputs: error ? undefined : (displayView(outputsWire) as Record<string, unknown>),
        secretOutputs: Object.keys(outputsWire).filter((k) => containsSecret(outputsWire[k])),
        warnings: run.warnings,
        error,
        orgBackupPolicies: error ? undefined : previewFromConfigSource({ values: config.values, secretKeys: new Set(config.secretKeys) }),
        summary: summarize(resources, evaluation.violations, error),
    };
}
