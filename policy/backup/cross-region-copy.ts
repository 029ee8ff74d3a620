import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { providerInput } from "../common/provider-inputs";
import type { GatevaultResourcePolicy } from "../types";
import { copyActionsOf, regionOfArn, rulesOf } from "./plan-rules";

export const crossRegionCopy: GatevaultResourcePolicy = {
    name: "backup-cross-region-copy",
    description: "Backup plans copy recovery points to a vault in another region.",
    severity: "high",
    controls: ["BackupAuditManager:BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION"],
    remediationSteps:
        "Add a copy action to a rule of the aws.backup.Plan with `destinationVaultArn` set to a vault in another region " +
        "(create it through a provider for that region), with a lifecycle at least as long as the rule's.",
    validateResource: validateResourceOfType(aws.backup.Plan, (plan, args, report) => {
        const home = providerInput(args.provider, "region");
        if (typeof home !== "string" || home === "") {
            report("Cannot tell the plan's region: it has no explicit provider with a region.");
            return;
        }
        const destinations = rulesOf(plan).flatMap((rule) => copyActionsOf(rule).map((copy) => String(copy.destinationVaultArn)));
        const regions = destinations.map(regionOfArn);
        destinations.forEach((arn, i) => {
            if (regions[i] === undefined) report(`Copy destination ${arn} is not a vault ARN.`);
        });
        if (!regions.some((r) => r !== undefined && r !== home)) {
            report(destinations.length === 0 ? `No rule copies recovery points out of ${home}.` : `Every copy stays in ${home}.`);
        }
    }),
};
