// Exemptions: a stack's policy config may exempt one resource from one rule, with a reason and an
// expiry date, as cdk-nag's suppressions do (NagPackSuppression: a rule id and a reason of at
// least 10 characters; https://github.com/cdklabs/cdk-nag#suppressing-a-rule). Unlike a cdk-nag
// suppression, every exemption expires: from the day after `expires` (UTC) the rule judges the
// resource again, so its violation fails the stack at the rule's own level.
//
// The exemption lives inside the pack: every policy's config schema gains an `exemptions`
// property, and a wrapper around each validation drops the violations an active exemption
// covers. `pulumi preview --policy-pack policy --policy-pack-config policy/config/<stack>.json`
// and the offline plan run the same wrapper over the same config, so they agree.
//
//   "backup-vault-lock": {
//       "exemptions": [
//           { "resource": "<urn or name>", "reason": "Lock added with the vault migration (GV-123)", "expires": "2026-09-30" }
//       ]
//   }

import type { PolicyConfigSchema, ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidation, StackValidationArgs } from "@pulumi/policy";
import type { GatevaultPolicy, GatevaultResourcePolicy, GatevaultStackPolicy } from "../types";

export interface Exemption {
    /** The resource's URN, or its logical name (every resource of that name). */
    resource: string;
    /** Why the rule does not apply, for reviewers: at least 10 characters, as cdk-nag requires. */
    reason: string;
    /** Last day (UTC, YYYY-MM-DD) the exemption applies. */
    expires: string;
}

export const EXEMPTIONS_PROPERTY = "exemptions";
export const MIN_REASON_LENGTH = 10;

type ParameterSchema = PolicyConfigSchema["properties"][string];

export const exemptionsSchema: ParameterSchema = {
    type: "array",
    description: "Resources this rule does not judge, each with a reason and an expiry date (YYYY-MM-DD, UTC, inclusive).",
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1, description: "The resource's URN, or its logical name." },
            reason: { type: "string", minLength: MIN_REASON_LENGTH, description: "Why the rule does not apply to it." },
            expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Last day the exemption applies (UTC)." },
        },
        required: ["resource", "reason", "expires"],
        additionalProperties: false,
    },
    default: [],
};

export type ExemptionStatus = "active" | "expired";

/** What happened to one violation an exemption matched. */
export interface ExemptionEvent {
    policy: string;
    exemption: Exemption;
    status: ExemptionStatus;
    urn: string;
    message: string;
}

/**
 * Where the offline plan's evaluator listens for exemption events (a property it adds to the
 * validation arguments). The Pulumi analyzer passes no sink; the violations reported are the
 * same either way.
 */
export const EXEMPTION_SINK = "__gatevaultExemptionSink";
export type ExemptionSink = (event: ExemptionEvent) => void;

/** The last moment an exemption applies: the end of its `expires` day, UTC. NaN for a non-date. */
export function expiryTime(exemption: Exemption): number {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(exemption.expires);
    if (!match) return Number.NaN;
    const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
    const start = Date.UTC(year, month, day);
    const date = new Date(start);
    // 2026-02-30 is not a date: it would roll over into March.
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return Number.NaN;
    return start + 24 * 60 * 60 * 1000 - 1;
}

/** Active until the end of its expiry day; a date that is not one counts as expired. */
export function exemptionStatus(exemption: Exemption, now: number = Date.now()): ExemptionStatus {
    const until = expiryTime(exemption);
    return Number.isNaN(until) || now > until ? "expired" : "active";
}

/** The logical name in a URN: its last `::` part. */
function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

export function exemptionMatches(exemption: Exemption, urn: string, name?: string): boolean {
    return exemption.resource === urn || exemption.resource === (name ?? nameOf(urn));
}

function configuredExemptions(config: unknown): Exemption[] {
    const list = (config as Record<string, unknown> | undefined)?.[EXEMPTIONS_PROPERTY];
    return Array.isArray(list) ? (list as Exemption[]) : [];
}

/**
 * Reports one violation of `policy` at `target` through the exemptions that match the resource:
 * an active one swallows it, an expired one lets it through with a note.
 */
function reportThrough(policy: string, matching: Exemption[], target: string, report: ReportViolation, sink: ExemptionSink | undefined, message: string, urn?: string): void {
    const active = matching.find((e) => exemptionStatus(e) === "active");
    const applied = active ?? matching[0];
    if (!applied) {
        report(message, urn);
        return;
    }
    sink?.({ policy, exemption: applied, status: active ? "active" : "expired", urn: target, message });
    if (active) return;
    const note = `exemption expired on ${applied.expires} (reason given: ${applied.reason}); renew it with a new date or fix the resource`;
    report(message ? `${message}\n${note}` : note, urn);
}

/** Keeps the markers evaluators dispatch on (`__pulumiType`, `__gatevaultTypes`). */
function keepMarkers<F extends object>(wrapped: F, original: object): F {
    for (const marker of ["__pulumiType", "__gatevaultTypes"]) {
        if (marker in original) Object.assign(wrapped, { [marker]: (original as Record<string, unknown>)[marker] });
    }
    return wrapped;
}

function sinkOf(args: object): ExemptionSink | undefined {
    return (args as Record<string, ExemptionSink | undefined>)[EXEMPTION_SINK];
}

function exemptResourceValidation(policy: string, validation: ResourceValidation): ResourceValidation {
    const wrapped: ResourceValidation = (args: ResourceValidationArgs, report: ReportViolation) => {
        const exemptions = configuredExemptions(args.getConfig());
        if (exemptions.length === 0) return validation(args, report);
        const sink = sinkOf(args);
        // A violation belongs to the resource judged unless it names another URN.
        return validation(args, (message: string, urn?: string) => {
            const target = urn ?? args.urn;
            const matching = exemptions.filter((e) => exemptionMatches(e, target, target === args.urn ? args.name : undefined));
            reportThrough(policy, matching, target, report, sink, message, urn);
        });
    };
    return keepMarkers(wrapped, validation);
}

function exemptStackValidation(policy: string, validation: StackValidation): StackValidation {
    return (args: StackValidationArgs, report: ReportViolation) => {
        const exemptions = configuredExemptions(args.getConfig());
        if (exemptions.length === 0) return validation(args, report);
        const sink = sinkOf(args);
        const names = new Map(args.resources.map((r) => [r.urn, r.name]));
        // A stack policy's violation is exempt when it names an exempted resource's URN.
        return validation(args, (message: string, urn?: string) => {
            const matching = urn === undefined ? [] : exemptions.filter((e) => exemptionMatches(e, urn, names.get(urn)));
            reportThrough(policy, matching, urn ?? "", report, sink, message, urn);
        });
    };
}

/** The policy with an `exemptions` config property and its validations wrapped to honour it. */
export function withExemptions<P extends GatevaultPolicy>(policy: P): P {
    const configSchema = {
        ...policy.configSchema,
        properties: { ...(policy.configSchema?.properties ?? {}), [EXEMPTIONS_PROPERTY]: exemptionsSchema },
    };
    const stack = (policy as GatevaultStackPolicy).validateStack;
    if (typeof stack === "function") {
        return { ...policy, configSchema, validateStack: exemptStackValidation(policy.name, stack) };
    }
    const validations = (policy as GatevaultResourcePolicy).validateResource;
    const validateResource = Array.isArray(validations)
        ? validations.map((v) => exemptResourceValidation(policy.name, v))
        : exemptResourceValidation(policy.name, validations as ResourceValidation);
    return { ...policy, configSchema, validateResource };
}
