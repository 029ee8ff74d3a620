// The policy pack over a synthetic stack of 10,000 recorded resources (no program run),
// in-process through the offline plan's evaluator with the prod policy config.
// Goal: at least 50,000 resource-policy evaluations per second of the whole pack's time, its
// stack policies included.

import * as path from "node:path";
import { policies } from "../policy/policies";
import { evaluatePolicies } from "../tools/plan/evaluate";
import { readPolicyConfigFile, resolvePolicyConfig } from "../tools/plan/policy-config";
import type { RecordedResource } from "../tools/plan/recorder";
import { Benchmark, BenchRow, median, REPO_ROOT } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_PER_SECOND = 50_000;
const API_UNITS = 500; // 12 resources each
const BACKUP_UNITS = 500; // 8 resources each
const ACCOUNT = "222222222222";
const REGION = "eu-west-1";

const urnOf = (type: string, name: string) => `urn:pulumi:prod::gatevault::${type}::${name}`;
const PROVIDER_URN = urnOf("pulumi:providers:aws", "aws");
const PROVIDER: RecordedResource = record("pulumi:providers:aws", "aws", {
    region: REGION,
    allowedAccountIds: JSON.stringify([ACCOUNT]),
    defaultTags: JSON.stringify({ tags: { Owner: "platform", CostCenter: "cc-1", Environment: "prod", DataClassification: "confidential" } }),
});

function record(type: string, name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}, deps: Record<string, string[]> = {}): RecordedResource {
    return {
        urn: urnOf(type, name),
        type,
        name,
        custom: true,
        remote: false,
        read: false,
        providerRef: type.startsWith("pulumi:providers:") ? undefined : `${PROVIDER_URN}::provider-id`,
        dependencies: [...new Set(Object.values(deps).flat())],
        propertyDependencies: deps,
        options: {
            protect: false,
            retainOnDelete: false,
            ignoreChanges: [],
            replaceOnChanges: [],
            additionalSecretOutputs: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        },
        wireInputs: inputs,
        id: `${name}-id`,
        wireOutputs: { ...inputs, ...outputs },
    };
}

const document = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

function openApi(i: number): string {
    const integration = { type: "aws_proxy", httpMethod: "POST", uri: `arn:aws:apigateway:${REGION}:lambda:path/functions/api-${i}/invocations` };
    const path = (name: string) => ({
        get: { security: [{ jwt: [] }], parameters: [{ name: "limit", in: "query", required: true }], "x-amazon-apigateway-integration": integration },
        post: { security: [{ jwt: [] }], requestBody: { content: { "application/json": {} } }, "x-amazon-apigateway-integration": integration },
        options: {
            "x-amazon-apigateway-integration": {
                type: "mock",
                responses: { default: { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'" } } },
            },
        },
        summary: name,
    });
    return JSON.stringify({
        openapi: "3.0.1",
        info: { title: `api-${i}`, version: "1" },
        "x-amazon-apigateway-request-validators": { all: { validateRequestBody: true, validateRequestParameters: true } },
        "x-amazon-apigateway-request-validator": "all",
        "x-amazon-apigateway-binary-media-types": ["image/png"],
        components: { securitySchemes: { jwt: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "custom", "x-amazon-apigateway-authorizer": { type: "token" } } } },
        paths: { "/orders": path("orders"), "/orders/{id}": path("order"), "/customers": path("customers") },
    });
}

function apiUnit(i: number): RecordedResource[] {
    const apiId = `api${i}`;
    const api = record("aws:apigateway/restApi:RestApi", `api-${i}`, { name: `api-${i}`, body: openApi(i), endpointConfiguration: { types: "REGIONAL" } }, { arn: `arn:aws:apigateway:${REGION}::/restapis/${apiId}` });
    const deployment = record("aws:apigateway/deployment:Deployment", `api-${i}-deployment`, { restApi: apiId }, {}, { restApi: [api.urn] });
    const logs = record("aws:cloudwatch/logGroup:LogGroup", `api-${i}-access`, { name: `/gatevault/api-${i}`, retentionInDays: 365 }, { arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/gatevault/api-${i}` });
    const stageArn = `arn:aws:apigateway:${REGION}::/restapis/${apiId}/stages/v1`;
    const stage = record(
        "aws:apigateway/stage:Stage",
        `api-${i}-stage`,
        {
            restApi: apiId,
            deployment: `dep-${i}`,
            stageName: "v1",
            xrayTracingEnabled: true,
            accessLogSettings: { destinationArn: logs.wireOutputs!.arn, format: '{"requestId":"$context.requestId","status":$context.status}' },
        },
        { arn: stageArn },
        { restApi: [api.urn], deployment: [deployment.urn], accessLogSettings: [logs.urn] },
    );
    const settings = record(
        "aws:apigateway/methodSettings:MethodSettings",
        `api-${i}-all`,
        { restApi: apiId, stageName: "v1", methodPath: "*/*", settings: { throttlingRateLimit: 100, throttlingBurstLimit: 200, loggingLevel: "ERROR", metricsEnabled: true } },
        {},
        { restApi: [api.urn], stageName: [stage.urn] },
    );
    const plan = record(
        "aws:apigateway/usagePlan:UsagePlan",
        `api-${i}-plan`,
        { apiStages: [{ apiId, stage: "v1" }], throttleSettings: { rateLimit: 100, burstLimit: 200 }, quotaSettings: { limit: 100000, period: "MONTH" } },
        {},
        { apiStages: [api.urn, stage.urn] },
    );
    const key = record("aws:apigateway/apiKey:ApiKey", `api-${i}-key`, { name: `client-${i}` });
    const planKey = record("aws:apigateway/usagePlanKey:UsagePlanKey", `api-${i}-plan-key`, { keyId: `key-${i}`, keyType: "API_KEY", usagePlanId: `plan-${i}` }, {}, { keyId: [key.urn], usagePlanId: [plan.urn] });
    const waf = record("aws:wafv2/webAclAssociation:WebAclAssociation", `api-${i}-waf`, { resourceArn: stageArn, webAclArn: "arn:aws:wafv2:eu-west-1:222222222222:regional/webacl/gatevault/1" }, {}, { resourceArn: [stage.urn] });
    const role = record("aws:iam/role:Role", `api-${i}-handler-role`, {
        assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
        inlinePolicies: [{ name: "logs", policy: document({ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }) }],
    });
    const fn = record("aws:lambda/function:Function", `api-${i}-handler`, { runtime: "nodejs20.x", handler: "index.handler", role: `arn:aws:iam::${ACCOUNT}:role/r${i}` }, {}, { role: [role.urn] });
    const permission = record("aws:lambda/permission:Permission", `api-${i}-invoke`, { action: "lambda:InvokeFunction", function: `fn-${i}`, principal: "apigateway.amazonaws.com" }, {}, { function: [fn.urn] });
    return [api, deployment, logs, stage, settings, plan, key, planKey, waf, role, fn, permission];
}

function backupUnit(i: number): RecordedResource[] {
    const key = record("aws:kms/key:Key", `vault-${i}-key`, {
        enableKeyRotation: true,
        policy: document({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }),
    }, { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${i}` });
    const vault = record("aws:backup/vault:Vault", `vault-${i}`, { name: `vault-${i}`, kmsKeyArn: key.wireOutputs!.arn }, { arn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:vault-${i}` }, { kmsKeyArn: [key.urn] });
    const lock = record("aws:backup/vaultLockConfiguration:VaultLockConfiguration", `vault-${i}-lock`, { backupVaultName: `vault-${i}`, minRetentionDays: 90, maxRetentionDays: 3650 }, {}, { backupVaultName: [vault.urn] });
    const vaultPolicy = record(
        "aws:backup/vaultPolicy:VaultPolicy",
        `vault-${i}-policy`,
        { backupVaultName: `vault-${i}`, policy: document({ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource: "*" }) },
        {},
        { backupVaultName: [vault.urn] },
    );
    const plan = record(
        "aws:backup/plan:Plan",
        `plan-${i}`,
        {
            name: `plan-${i}`,
            rules: [
                {
                    ruleName: "daily",
                    targetVaultName: `vault-${i}`,
                    schedule: "cron(0 5 ? * * *)",
                    lifecycle: { coldStorageAfter: 30, deleteAfter: 365 },
                    copyActions: [{ destinationVaultArn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:vault-${i}`, lifecycle: { coldStorageAfter: 30, deleteAfter: 365 } }],
                },
            ],
        },
        {},
        { rules: [vault.urn] },
    );
    const role = record("aws:iam/role:Role", `plan-${i}-role`, { assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }) });
    const selection = record("aws:backup/selection:Selection", `plan-${i}-selection`, { planId: `plan-${i}`, iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/b${i}` }, {}, { planId: [plan.urn], iamRoleArn: [role.urn] });
    const framework = record("aws:backup/framework:Framework", `audit-${i}`, { controls: [{ name: "BACKUP_RECOVERY_POINT_ENCRYPTED" }] });
    return [key, vault, lock, vaultPolicy, plan, role, selection, framework];
}

export function syntheticStack(): RecordedResource[] {
    const out: RecordedResource[] = [PROVIDER];
    for (let i = 0; i < API_UNITS; i++) out.push(...apiUnit(i));
    for (let i = 0; i < BACKUP_UNITS; i++) out.push(...backupUnit(i));
    return out;
}

/** The prod policy config, with the cross-region copy vaults declared as managed elsewhere. */
function prodConfig(only: typeof policies) {
    const given = readPolicyConfigFile(path.join(REPO_ROOT, "policy", "config", "prod.json"));
    const copyVaults = Array.from({ length: BACKUP_UNITS }, (_, i) => `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:vault-${i}`);
    given["backup-plan-target-vaults"] = { properties: { externalVaults: copyVaults } };
    return resolvePolicyConfig(only, "advisory", given);
}

interface Measurement {
    coldMs: number;
    ms: number;
    /** Median CPU time of this process (user + system): less sensitive than wall time to other load. */
    cpuMs: number;
    evaluations: number;
    violations: number;
}

async function measure(resources: RecordedResource[], only: typeof policies): Promise<Measurement> {
    const config = prodConfig(only);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let coldMs = 0;
    let evaluations = 0;
    let violations = 0;
    // The first runs load @pulumi/aws's lazily required modules and warm the JIT.
    const WARMUP = 2;
    for (let round = 0; round < ROUNDS + WARMUP; round++) {
        const start = process.hrtime.bigint();
        const cpuStart = process.cpuUsage();
        const result = await evaluatePolicies(only, config, resources);
        const cpu = process.cpuUsage(cpuStart);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (round === 0) coldMs = ms;
        if (round >= WARMUP) {
            times.push(ms);
            cpuTimes.push((cpu.user + cpu.system) / 1000);
        }
        evaluations = result.resourceEvaluations;
        violations = result.violations.length;
    }
    return { coldMs, ms: median(times), cpuMs: median(cpuTimes), evaluations, violations };
}

export const benchmark: Benchmark = {
    name: "policy pack",
    async run(): Promise<BenchRow[]> {
        const resources = syntheticStack();
        const count = resources.length - 1; // the provider is not counted
        const resourcePolicies = policies.filter((p) => "validateResource" in p);
        const resourcePhase = await measure(resources, resourcePolicies);
        const whole = await measure(resources, policies);
        const perSecond = (evaluations: number, ms: number) => evaluations / (ms / 1000);
        const rate = (evaluations: number, ms: number) => Math.round(perSecond(evaluations, ms)).toLocaleString("en-US");
        const notes = (m: Measurement) =>
            `${m.evaluations} resource-policy evaluations: ${rate(m.evaluations, m.ms)}/s wall, ${rate(m.evaluations, m.cpuMs)}/s CPU ` +
            `(${m.cpuMs.toFixed(0)} ms); first run ${m.coldMs.toFixed(0)} ms; ${m.violations} violations; median of ${ROUNDS}`;
        const met = perSecond(whole.evaluations, whole.ms) >= TARGET_PER_SECOND ? "met" : "missed";
        return [
            { benchmark: this.name, case: `${count} resources, ${resourcePolicies.length} resource policies`, medianMs: resourcePhase.ms, notes: notes(resourcePhase) },
            {
                benchmark: this.name,
                case: `${count} resources, whole pack (${policies.length} policies)`,
                medianMs: whole.ms,
                notes: `${notes(whole)} (goal >= ${TARGET_PER_SECOND.toLocaleString("en-US")}/s of the whole pack's time: ${met})`,
            },
        ];
    },
};
