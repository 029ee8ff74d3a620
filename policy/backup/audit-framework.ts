import * as aws from "../common/aws-types";
import { ofClass } from "../common/links";
import type { GatevaultStackPolicy } from "../types";

interface Config {
    requiredControls: string[];
}

export const auditFramework: GatevaultStackPolicy = {
    name: "backup-audit-framework",
    description: "A stack that backs up has an AWS Backup Audit Manager framework with the required controls.",
    severity: "medium",
    controls: [],
    remediationSteps:
        "Add an aws.backup.Framework whose controls include the policy config's requiredControls (for example " +
        "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK and BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED); AWS Config " +
        "recording must be on for the framework to deploy.",
    configSchema: {
        properties: {
            requiredControls: {
                type: "array",
                items: { type: "string", pattern: "^[A-Z0-9_]+$" },
                default: [],
                description: "Audit Manager control names some framework must include.",
            },
        },
    },
    validateStack: (args, report) => {
        const backsUp = args.resources.some((r) => r.isType(aws.backup.Plan) || r.isType(aws.backup.Vault));
        if (!backsUp) {
            args.notApplicable("the stack has no backup plan or vault");
        }
        const frameworks = ofClass(args.resources, aws.backup.Framework);
        const controls = new Set(frameworks.flatMap((f) => (f.props.controls ?? []).map((c: { name: string }) => c.name)));
        if (controls.size === 0) {
            report("The stack backs up but has no backup audit framework with controls.");
            return;
        }
        const missing = args.getConfig<Config>().requiredControls.filter((c) => !controls.has(c));
        if (missing.length > 0) {
            report(`No audit framework includes ${missing.join(", ")}.`);
        }
    },
};
