// Checks a CloudFormation template against AWS's CloudFormation resource specification, as
// `@aws-cdk/aws-service-spec` carries it (the CDK's own source for every L1 construct): each
// resource type exists, each property it sets exists on that type (or on the nested property
// type), values have the specified type, required properties are present. An oracle the project
// did not write: a property gatevault invents, misspells or nests wrongly fails here, in tests
// and in the offline plan, before CloudFormation would refuse the stack instance.
//
// Intrinsic functions (`Ref`, `Fn::*`) are accepted wherever a value goes; what they resolve to
// is CloudFormation's business. Resource attributes follow the template anatomy (AWS
// CloudFormation User Guide, resources-section-structure.html, aws-attribute-deletionpolicy.html).
//
// The database is 2.6 MB of gzip and takes a second or two to load, so the properties of the
// resource types asked for are kept in node_modules/.cache (components/shared/disk-cache.ts),
// keyed by the package's version and the database file, and the database is loaded only when a
// type is not in that cache.

import * as fs from "node:fs";
import * as path from "node:path";
import { CACHE_ROOT, DiskCache } from "../../components/shared/disk-cache";

type PropertyType =
    | { type: "string" | "number" | "integer" | "boolean" | "json" | "date-time" | "null" | "tag" }
    | { type: "array" | "map"; element: PropertyType }
    | { type: "union"; types: PropertyType[] }
    | { type: "ref"; reference: { $ref: string } };

interface PropertySpec {
    type: PropertyType;
    required?: boolean;
}

interface SpecExtract {
    key: string;
    /** Resource type → properties. */
    resources: Record<string, Record<string, PropertySpec>>;
    /** Property type definitions by database id, for `ref` types. */
    types: Record<string, { name: string; properties: Record<string, PropertySpec> }>;
}

const PACKAGE_DIR = path.dirname(require.resolve("@aws-cdk/aws-service-spec/package.json"));
const DB_FILE = path.join(PACKAGE_DIR, "db.json.gz");
const CACHE = new DiskCache(CACHE_ROOT);
const CACHE_NAME = "cfn-spec.json";

function databaseKey(): string {
    const version = (JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string }).version;
    const stat = fs.statSync(DB_FILE);
    return `${version}/${stat.size}/${stat.mtimeMs}`;
}

let extract: SpecExtract | undefined;

function readCache(key: string): SpecExtract {
    try {
        const cached = JSON.parse(CACHE.read(CACHE_NAME) ?? "null") as SpecExtract | null;
        if (cached?.key === key) return cached;
    } catch {
        // An unreadable cache: start afresh.
    }
    return { key, resources: {}, types: {} };
}

/** Copies the resource types (and every property type they use) out of the full database. */
function extractFromDatabase(into: SpecExtract, cfnTypes: string[]): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadAwsServiceSpecSync } = require("@aws-cdk/aws-service-spec") as typeof import("@aws-cdk/aws-service-spec");
    const db = loadAwsServiceSpecSync();
    const addType = (t: PropertyType): void => {
        if (t.type === "array" || t.type === "map") addType(t.element);
        else if (t.type === "union") t.types.forEach(addType);
        else if (t.type === "ref" && !into.types[t.reference.$ref]) {
            const def = db.get("typeDefinition", t.reference.$ref) as unknown as { name: string; properties: Record<string, PropertySpec> };
            into.types[t.reference.$ref] = { name: def.name, properties: def.properties };
            Object.values(def.properties).forEach((p) => addType(p.type));
        }
    };
    for (const cfnType of cfnTypes) {
        const found = db.lookup("resource", "cloudFormationType", "equals", cfnType);
        if (found.length === 0) continue;
        const properties = (found[0] as unknown as { properties: Record<string, PropertySpec> }).properties;
        into.resources[cfnType] = properties;
        Object.values(properties).forEach((p) => addType(p.type));
    }
}

/** The properties of each resource type, or undefined for a type the specification does not have. */
function specFor(cfnTypes: string[]): SpecExtract {
    // The installed database does not change while a process runs: its key is read once.
    extract ??= readCache(databaseKey());
    const missing = cfnTypes.filter((t) => !(t in extract!.resources));
    if (missing.length > 0) {
        extractFromDatabase(extract, missing);
        // Types the specification lacks are remembered as such, so they never reload the database.
        for (const t of missing) if (!(t in extract.resources)) (extract.resources as Record<string, unknown>)[t] = null;
        CACHE.write(CACHE_NAME, JSON.stringify(extract));
    }
    return extract;
}

export interface TemplateSpecProblem {
    /** `Resources.VaultX.Properties.LockConfiguration.MinRetentionDays` */
    path: string;
    message: string;
}

const RESOURCE_ATTRIBUTES = new Set(["Type", "Properties", "Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy"]);
const TEMPLATE_SECTIONS = new Set(["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs"]);
// DeletionPolicy's values (aws-attribute-deletionpolicy.html). UpdateReplacePolicy is checked
// against the same set, though its page lists only Delete, Retain and Snapshot
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html):
// RetainExceptOnCreate there passes this check.
const DELETION_POLICIES = new Set(["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]);

function isIntrinsic(value: unknown): boolean {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"));
}

class Checker {
    readonly problems: TemplateSpecProblem[] = [];

    constructor(private readonly spec: SpecExtract) {}

    private problem(at: string, message: string): void {
        this.problems.push({ path: at, message });
    }

    properties(props: Record<string, PropertySpec>, value: unknown, at: string, what: string): void {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            this.problem(at, `must be an object (${what})`);
            return;
        }
        for (const [name, v] of Object.entries(value)) {
            const spec = props[name];
            if (!spec) {
                this.problem(`${at}.${name}`, `is not a property of ${what} (it has ${Object.keys(props).sort().join(", ")})`);
                continue;
            }
            this.value(spec.type, v, `${at}.${name}`);
        }
        for (const [name, spec] of Object.entries(props)) {
            if (spec.required && !(name in value)) this.problem(`${at}.${name}`, `is required by ${what}`);
        }
    }

    /** True when the value fits the type; records problems only when `record`. */
    value(type: PropertyType, value: unknown, at: string, record = true): boolean {
        if (isIntrinsic(value)) return true;
        const fail = (message: string) => {
            if (record) this.problem(at, message);
            return false;
        };
        switch (type.type) {
            case "string":
            case "date-time":
                return typeof value === "string" || typeof value === "number" ? true : fail("must be a string");
            case "number":
            case "integer":
                return typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) ? true : fail(`must be a ${type.type}`);
            case "boolean":
                return typeof value === "boolean" || value === "true" || value === "false" ? true : fail("must be a boolean");
            case "json":
                return typeof value === "object" && value !== null ? true : fail("must be a JSON object");
            case "null":
                return value === null ? true : fail("must be null");
            case "tag":
                return this.properties({ Key: { type: { type: "string" }, required: true }, Value: { type: { type: "string" }, required: true } }, value, at, "a tag"), true;
            case "array":
                if (!Array.isArray(value)) return fail("must be a list");
                return value.map((v, i) => this.value(type.element, v, `${at}[${i}]`, record)).every(Boolean);
            case "map":
                if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("must be a map");
                return Object.entries(value).map(([k, v]) => this.value(type.element, v, `${at}.${k}`, record)).every(Boolean);
            case "union":
                return type.types.some((t) => this.value(t, value, at, false)) ? true : fail(`must be one of: ${type.types.map((t) => t.type).join(", ")}`);
            case "ref": {
                const def = this.spec.types[type.reference.$ref];
                if (!record) {
                    const probe = new Checker(this.spec);
                    probe.properties(def.properties, value, at, def.name);
                    return probe.problems.length === 0;
                }
                this.properties(def.properties, value, at, `property type ${def.name}`);
                return true;
            }
        }
    }
}

/** Every way the template disagrees with AWS's CloudFormation resource specification. */
export function templateSpecProblems(template: unknown): TemplateSpecProblem[] {
    if (typeof template !== "object" || template === null) return [{ path: "$", message: "must be a JSON object" }];
    const doc = template as Record<string, unknown>;
    const out: TemplateSpecProblem[] = [];
    for (const key of Object.keys(doc)) if (!TEMPLATE_SECTIONS.has(key)) out.push({ path: key, message: "is not a template section" });
    const resources = (doc.Resources ?? {}) as Record<string, Record<string, unknown>>;
    if (Object.keys(resources).length === 0) out.push({ path: "Resources", message: "must declare at least one resource" });
    const spec = specFor([...new Set(Object.values(resources).map((r) => String(r.Type)))]);
    const checker = new Checker(spec);
    for (const [id, resource] of Object.entries(resources)) {
        const at = `Resources.${id}`;
        if (!/^[A-Za-z0-9]+$/.test(id)) out.push({ path: at, message: "logical ids are alphanumeric" });
        for (const key of Object.keys(resource)) if (!RESOURCE_ATTRIBUTES.has(key)) out.push({ path: `${at}.${key}`, message: "is not a resource attribute" });
        for (const policy of ["DeletionPolicy", "UpdateReplacePolicy"]) {
            const value = resource[policy];
            if (value !== undefined && !DELETION_POLICIES.has(String(value))) out.push({ path: `${at}.${policy}`, message: `must be one of ${[...DELETION_POLICIES].join(", ")}` });
        }
        const properties = spec.resources[String(resource.Type)];
        if (!properties) {
            out.push({ path: `${at}.Type`, message: `${String(resource.Type)} is not a resource type in the CloudFormation resource specification` });
            continue;
        }
        checker.properties(properties, resource.Properties ?? {}, `${at}.Properties`, String(resource.Type));
    }
    return [...out, ...checker.problems];
}

/** A StackSet whose template CloudFormation would refuse; the offline plan stops on it. */
export class TemplateSpecError extends Error {
    constructor(
        readonly urn: string,
        readonly problems: TemplateSpecProblem[],
    ) {
        super(
            [
                `CloudFormation would refuse the template of ${urn} (checked against its resource specification, @aws-cdk/aws-service-spec):`,
                ...problems.map((p) => `  ${p.path}: ${p.message}`),
            ].join("\n"),
        );
        this.name = "TemplateSpecError";
    }
}

/** The template body of a registration that carries one (StackSet, Stack), checked; throws TemplateSpecError. */
export function checkTemplateBody(type: string, urn: string, inputs: Record<string, unknown>): void {
    if (type !== "aws:cloudformation/stackSet:StackSet" && type !== "aws:cloudformation/stack:Stack") return;
    const body = inputs.templateBody;
    if (typeof body !== "string") return;
    let template: unknown;
    try {
        template = JSON.parse(body);
    } catch {
        // YAML bodies are left to the provider's ValidStringIsJSONOrYAML; gatevault writes JSON.
        return;
    }
    const problems = templateSpecProblems(template);
    if (problems.length > 0) throw new TemplateSpecError(urn, problems);
}
