// Invalid stack configs and the problem each must produce: shared by the pure parser tests
// and the plan tests that check exit code 2 and an empty plan.

import { withOrgPolicies } from "../org-policy/fixtures";

export interface InvalidConfigCase {
    name: string;
    edit: (config: Record<string, any>) => void;
    path: string;
    message: RegExp;
}

export const invalidConfigCases: InvalidConfigCase[] = [
    {
        // An unquoted id with a leading zero loses it in YAML: 012345678901 reads as 12345678901.
        name: "wrong type: account id as an unquoted number",
        edit: (c) => (c["gatevault:accountId"] = 12345678901),
        path: "gatevault:accountId",
        message: /12-digit AWS account id/,
    },
    {
        name: "wrong type: throttle as a string",
        edit: (c) => (c["gatevault:apis"][0].throttle = "fast"),
        path: "gatevault:apis[0].throttle",
        message: /must be an object \(got "fast"\)/,
    },
    {
        name: "unknown top-level key",
        edit: (c) => (c["gatevault:apiz"] = []),
        path: "gatevault:apiz",
        message: /unknown key \(did you mean "apis"\?\)/,
    },
    {
        name: "unknown nested key",
        edit: (c) => (c["gatevault:apis"][0].throtle = { rateLimit: 1, burstLimit: 1 }),
        path: "gatevault:apis[0].throtle",
        message: /unknown key \(did you mean "throttle"\?\)/,
    },
    {
        name: "missing required: environment",
        edit: (c) => delete c["gatevault:environment"],
        path: "gatevault:environment",
        message: /is required/,
    },
    {
        name: "missing required: aws:region",
        edit: (c) => delete c["aws:region"],
        path: "aws:region",
        message: /is required/,
    },
    {
        name: "missing required: rateLimit",
        edit: (c) => delete c["gatevault:apis"][0].throttle.rateLimit,
        path: "gatevault:apis[0].throttle.rateLimit",
        message: /is required \(expected a number\)/,
    },
    {
        name: "out of range: negative rate",
        edit: (c) => (c["gatevault:apis"][0].throttle = { rateLimit: -1, burstLimit: 10 }),
        path: "gatevault:apis[0].throttle.rateLimit",
        message: /must be >= 0 \(got -1\)/,
    },
    {
        name: "out of range: fractional burst",
        edit: (c) => (c["gatevault:apis"][0].throttle = { rateLimit: 1, burstLimit: 2.5 }),
        path: "gatevault:apis[0].throttle.burstLimit",
        message: /must be a whole number \(got 2.5\)/,
    },
    {
        name: "bad enum: endpoint type in lower case",
        edit: (c) => (c["gatevault:apis"][0].endpointType = "regional"),
        path: "gatevault:apis[0].endpointType",
        message: /must be one of "EDGE", "REGIONAL", "PRIVATE" \(got "regional"\)/,
    },
    {
        name: "cross-field: burst below rate",
        edit: (c) => (c["gatevault:apis"][0].throttle = { rateLimit: 10, burstLimit: 5 }),
        path: "gatevault:apis[0].throttle.burstLimit",
        message: /^must be >= rateLimit \(got 5 < 10\)$/,
    },
    {
        name: "cross-field: duplicate API names",
        edit: (c) => c["gatevault:apis"].push({ ...c["gatevault:apis"][0] }),
        path: "gatevault:apis[1].name",
        message: /duplicates the name of apis\[0\]/,
    },
    {
        name: "bad region code",
        edit: (c) => (c["aws:region"] = "Ireland"),
        path: "aws:region",
        message: /AWS region code .*got "Ireland"/,
    },
    {
        name: "reserved tag key",
        edit: (c) => (c["gatevault:tags"] = { "aws:owner": "me" }),
        path: "gatevault:tags.aws:owner",
        message: /reserved by AWS/,
    },
    {
        name: "org backup policy: a 5-field cron schedule",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].rules[0].schedule = "cron(0 3 * * *)")),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].rules[0].schedule",
        message: /must have 6 fields .*\(policy "workloads-backup", plan "Daily", rule "Nightly"\)$/,
    },
    {
        name: "org backup policy: deletion sooner than 90 days after cold storage",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].rules[0].lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 60 })),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].rules[0].lifecycle.deleteAfterDays",
        message: /must be >= moveToColdStorageAfterDays \+ 90 \(got 60 < 30 \+ 90\)/,
    },
    {
        name: "org backup policy: a vault name AWS rejects",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].rules[0].targetVaultName = "my vault")),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].rules[0].targetVaultName",
        message: /must be a backup vault name/,
    },
    {
        name: "org backup policy: a target outside the described organization",
        edit: withOrgPolicies((b) => (b.policies[0].targets = ["444444444444"])),
        path: "gatevault:orgBackupPolicies.policies[0].targets[0]",
        message: /declared under organization/,
    },
    {
        name: "org backup policy: unknown key in a plan",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].region = ["eu-west-1"])),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].region",
        message: /unknown key \(did you mean "regions"\?\)/,
    },
];
