// Resolves a policy pack config file the way the Pulumi CLI does for
// `--policy-pack-config`: schema defaults, then `all`, then per-policy levels and
// properties, then validation of every policy's properties against its schema.

import * as fs from "node:fs";
import * as path from "node:path";
import type { default as Ajv, Options as AjvOptions, ValidateFunction } from "ajv";
import type { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import { CACHE_ROOT, contentKey, DiskCache } from "../../components/shared/disk-cache";
import { PlanUsageError } from "./project";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export type ResolvedPackConfig = Record<string, ResolvedPolicyConfig>;

interface GivenConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

/** Parses the file's JSON into per-policy levels and properties, rejecting bad levels. */
export function parsePolicyConfig(json: unknown, source: string): Record<string, GivenConfig> {
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
        throw new PlanUsageError(`${source}: a policy config must be a JSON object`);
    }
    const out: Record<string, GivenConfig> = {};
    for (const [name, value] of Object.entries(json)) {
        if (typeof value === "string") {
            if (!isLevel(value)) {
                throw new PlanUsageError(`${source}: parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
            }
            out[name] = { enforcementLevel: value };
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                throw new PlanUsageError(`${source}: parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
            }
            out[name] = { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties };
        } else {
            throw new PlanUsageError(`${source}: parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
    }
    return out;
}

export function readPolicyConfigFile(file: string): Record<string, GivenConfig> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new PlanUsageError(`cannot read policy config ${file}`);
    }
    if (text.trim() === "") {
        return {};
    }
    try {
        return parsePolicyConfig(JSON.parse(text), file);
    } catch (err) {
        if (err instanceof PlanUsageError) throw err;
        throw new PlanUsageError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
}

function apply(result: ResolvedPackConfig, given: Record<string, GivenConfig>): void {
    const all = given.all?.enforcementLevel;
    if (all) {
        for (const name of Object.keys(result)) {
            result[name] = { ...result[name], enforcementLevel: all };
        }
    }
    for (const [name, cfg] of Object.entries(given)) {
        if (name === "all" || !result[name]) {
            continue;
        }
        result[name] = {
            enforcementLevel: cfg.enforcementLevel ?? result[name].enforcementLevel,
            properties: { ...result[name].properties, ...(cfg.properties ?? {}) },
        };
    }
}

// Compiling the pack's 31 config schemas is about 0.2 s of every plan; ajv writes each compiled
// validator out as a module (its "standalone" code), kept on disk by the schema's content, ajv's
// version and these options (components/shared/disk-cache.ts), so a later plan only loads it.
const AJV_OPTIONS: AjvOptions = { allErrors: true, strict: false, code: { source: true } };
const AJV_VERSION = (require("ajv/package.json") as { version: string }).version;
const VALIDATORS = new DiskCache(path.join(CACHE_ROOT, "policy-config-validators"));
let ajv: Ajv | undefined;

// The pack's policies are the same objects from one plan to the next, so each schema is looked up
// once per process.
const validators = new WeakMap<object, ValidateFunction>();

function compiledValidator(schema: object): ValidateFunction {
    const name = `${contentKey(AJV_VERSION, JSON.stringify(AJV_OPTIONS), JSON.stringify(schema))}.js`;
    try {
        return require(path.join(VALIDATORS.dir, name)) as ValidateFunction;
    } catch {
        // Not cached yet (or unreadable): compiled below.
    }
    // ajv itself (about 65 modules) is loaded only to compile: a plan whose validators are all
    // cached never loads it.
    ajv ??= new (require("ajv") as { default: typeof Ajv }).default(AJV_OPTIONS);
    const validate = ajv.compile(schema);
    const standaloneCode = (require("ajv/dist/standalone") as { default: (ajv: Ajv, validate: ValidateFunction) => string }).default;
    VALIDATORS.write(name, standaloneCode(ajv, validate));
    return validate;
}

function validatorFor(schema: NonNullable<Policies[number]["configSchema"]>): ValidateFunction {
    let validate = validators.get(schema);
    if (!validate) {
        validate = compiledValidator({ type: "object", properties: schema.properties, required: schema.required });
        validators.set(schema, validate);
    }
    return validate;
}

/**
 * @param packLevel the pack's own `enforcementLevel` (the SDK reports each policy's level
 *   as its own, else the pack's, else advisory)
 * @param initialConfig the config passed to the PolicyPack constructor, applied before the file
 */
export function resolvePolicyConfig(
    policies: Policies,
    packLevel: EnforcementLevel | undefined,
    fileConfig: Record<string, GivenConfig> | undefined,
    initialConfig: PolicyPackConfig = {},
): ResolvedPackConfig {
    const result: ResolvedPackConfig = {};
    for (const p of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                defaults[key] = (schema as { default: unknown }).default;
            }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel ?? packLevel ?? "advisory", properties: defaults };
    }
    apply(result, parsePolicyConfig(initialConfig, "PolicyPack initial config"));
    if (fileConfig) {
        apply(result, fileConfig);
    }

    const errors: string[] = [];
    for (const p of policies) {
        if (!p.configSchema) {
            continue;
        }
        const validate = validatorFor(p.configSchema);
        if (!validate(result[p.name].properties)) {
            for (const e of validate.errors ?? []) {
                errors.push(`Policy "${p.name}": ${e.instancePath || "(root)"} ${e.message}`);
            }
        }
    }
    if (errors.length > 0) {
        throw new PlanUsageError(`invalid policy pack config:\n  ${errors.join("\n  ")}`);
    }
    return result;
}
