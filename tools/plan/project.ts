// Loads Pulumi.yaml and a stack's config file into the flat config map the Pulumi engine
// gives a program: `namespace:key` to string, objects JSON-encoded, secrets listed apart.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { CORE_SCHEMA, load as loadYaml } from "js-yaml";

export class PlanUsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanUsageError";
    }
}

export interface ProjectInfo {
    name: string;
    dir: string;
    /** Program entry point from `main` (default index.ts). */
    main: string;
    /** Project-level config from Pulumi.yaml, already namespaced. */
    config: Record<string, unknown>;
}

export interface EngineConfig {
    values: Record<string, string>;
    secretKeys: string[];
}

// Pulumi.yaml and stack files are read with js-yaml, the parser @pulumi/pulumi itself reads stack
// settings with (automation/localWorkspace.ts stackSettings), under YAML 1.2's core schema: a
// value such as 2026-01-31 stays a string, as the CLI's own reader gives it, rather than becoming a
// date. It parses a large stack file (1,000 routes, 128 KB) about 15 times faster than the `yaml`
// package, which was most of what a plan's time grew by with the routes of an API.
function parseYaml(text: string): unknown {
    return loadYaml(text, { schema: CORE_SCHEMA });
}

// Parsed documents by their text. A process that plans many times (the tests, hosts-check) reads
// the same Pulumi.yaml and stack files again and again, and parsing YAML is slower than reading
// the file and copying the result. Keyed by content, so an edited file is parsed afresh.
const parsedYaml = new Map<string, unknown>();
const PARSED_YAML_LIMIT = 64;

function parseYamlOnce(text: string): unknown {
    if (!parsedYaml.has(text)) {
        if (parsedYaml.size >= PARSED_YAML_LIMIT) parsedYaml.clear();
        parsedYaml.set(text, parseYaml(text));
    }
    // A copy: callers (and the ProjectInfo they return) may hold on to parts of the document.
    return structuredClone(parsedYaml.get(text));
}

function readYaml(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new PlanUsageError(`cannot read ${file}`);
    }
    try {
        return parseYamlOnce(text);
    } catch (err) {
        throw new PlanUsageError(`${file} is not valid YAML: ${(err as Error).message}`);
    }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Keys without a namespace belong to the project, as in the Pulumi CLI. */
export function namespacedKey(key: string, project: string, file: string): string {
    const parts = key.split(":");
    if (parts.length === 1) {
        return `${project}:${key}`;
    }
    if (parts.length === 2 && parts[0] && parts[1]) {
        return key;
    }
    throw new PlanUsageError(`${file}: config key "${key}" must be "name" or "namespace:name"`);
}

export function loadProject(projectDir: string): ProjectInfo {
    const file = path.join(projectDir, "Pulumi.yaml");
    const doc = readYaml(file);
    if (!isPlainObject(doc) || typeof doc.name !== "string") {
        throw new PlanUsageError(`${file} must have a "name"`);
    }
    const config: Record<string, unknown> = {};
    if (isPlainObject(doc.config)) {
        for (const [key, entry] of Object.entries(doc.config)) {
            const full = namespacedKey(key, doc.name, file);
            // Declared project config (`type`, `default`, ...) contributes its value or default.
            const declared = isPlainObject(entry) && ["type", "default", "value", "description", "secret", "items"].some((k) => k in entry);
            const value = declared ? (entry.value ?? entry.default) : entry;
            if (value !== undefined) {
                config[full] = value;
            }
        }
    }
    return { name: doc.name, dir: projectDir, main: typeof doc.main === "string" ? doc.main : "index.ts", config };
}

/**
 * Offline there is no secrets provider to decrypt `secure:` values, so each becomes a
 * stable placeholder derived from its ciphertext; the key is still marked secret, which is
 * what the program's handling of it depends on.
 */
export function offlineSecretPlaceholder(ciphertext: string): string {
    return `offline-secret-${createHash("sha256").update(ciphertext).digest("hex").slice(0, 24)}`;
}

function isSecure(v: unknown): v is { secure: string } {
    return isPlainObject(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
}

function replaceSecrets(value: unknown, found: { secret: boolean }): unknown {
    if (isSecure(value)) {
        found.secret = true;
        return offlineSecretPlaceholder(value.secure);
    }
    if (Array.isArray(value)) {
        return value.map((v) => replaceSecrets(v, found));
    }
    if (isPlainObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecrets(v, found)]));
    }
    return value;
}

function toEngineString(value: unknown): string {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return JSON.stringify(value);
}

export function engineConfig(project: ProjectInfo, stackFile: string): EngineConfig {
    return engineConfigFromDocument(project, readYaml(stackFile) ?? {}, stackFile);
}

/** As `engineConfig`, for a stack document already parsed (tests build them in code). */
export function engineConfigFromDocument(project: ProjectInfo, doc: unknown, stackFile: string): EngineConfig {
    if (!isPlainObject(doc)) {
        throw new PlanUsageError(`${stackFile} must be a YAML mapping`);
    }
    if (doc.environment !== undefined) {
        throw new PlanUsageError(`${stackFile} imports Pulumi ESC environments, which the offline plan cannot resolve; inline the values for an offline plan`);
    }
    if (doc.config !== undefined && doc.config !== null && !isPlainObject(doc.config)) {
        throw new PlanUsageError(`${stackFile}: "config" must be a mapping`);
    }
    const merged: Record<string, unknown> = { ...project.config };
    for (const [key, value] of Object.entries((doc.config as Record<string, unknown> | undefined) ?? {})) {
        merged[namespacedKey(key, project.name, stackFile)] = value;
    }
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(merged)) {
        if (value === null || value === undefined) {
            continue;
        }
        const found = { secret: false };
        values[key] = toEngineString(replaceSecrets(value, found));
        if (found.secret) {
            secretKeys.push(key);
        }
    }
    return { values, secretKeys };
}
