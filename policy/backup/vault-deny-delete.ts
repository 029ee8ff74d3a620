import * as aws from "../common/aws-types";
import { appliesToEveryone, parsePolicyDocument, Statement, statementCovers } from "../common/iam-policy-document";
import { ofClass } from "../common/links";
import type { GatevaultStackPolicy } from "../types";
import { VaultSettings, vaultLabel } from "./vault-links";

interface Config {
    deniedActions: string[];
}

/**
 * A Deny counts when it applies to everyone and every recovery point, with at most exceptions
 * for named principals (`ArnNotEquals`/`ArnNotLike`/`StringNot*` on aws:PrincipalArn), as the
 * AWS Config rule allows.
 */
function isBlanketDeny(s: Statement): boolean {
    if (s.effect !== "Deny" || !appliesToEveryone(s) || !s.resources.includes("*")) return false;
    return Object.entries(s.conditions).every(
        ([operator, byKey]) => /^(ArnNot|StringNot)/i.test(operator) && Object.keys(byKey).every((k) => k.toLowerCase() === "aws:principalarn"),
    );
}

export const vaultDenyDelete: GatevaultStackPolicy = {
    name: "backup-vault-deny-delete",
    description: "Every backup vault's access policy denies deleting recovery points and shortening their lifecycle.",
    severity: "high",
    controls: ["AWSConfig:backup-recovery-point-manual-deletion-disabled", "BackupAuditManager:BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED"],
    remediationSteps:
        'Add an aws.backup.VaultPolicy for the vault with a statement { Effect: "Deny", Principal: "*", Resource: "*", Action: ' +
        '["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"] }, optionally excepting a break-glass role with ' +
        "ArnNotEquals on aws:PrincipalArn.",
    configSchema: {
        properties: {
            deniedActions: {
                type: "array",
                items: { type: "string", pattern: "^backup:" },
                minItems: 1,
                default: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
                description: "Actions the vault policy must deny to everyone.",
            },
        },
    },
    validateStack: (args, report) => {
        const { deniedActions } = args.getConfig<Config>();
        const policies = new VaultSettings(ofClass(args.resources, aws.backup.VaultPolicy));
        for (const vault of ofClass(args.resources, aws.backup.Vault)) {
            const attached = policies.of(vault);
            if (attached.length === 0) {
                report(`${vaultLabel(vault)} has no access policy, so anyone with IAM permission can delete its recovery points.`, vault.urn);
                continue;
            }
            const denies: Statement[] = [];
            for (const p of attached) {
                const parsed = parsePolicyDocument(p.props.policy, "the vault access policy");
                if (!parsed.ok) report(`${vaultLabel(vault)}: ${parsed.problem}.`, p.urn);
                else denies.push(...parsed.value.statements.filter(isBlanketDeny));
            }
            const allowed = deniedActions.filter((action) => !denies.some((s) => statementCovers(s, action)));
            if (allowed.length > 0) {
                report(`${vaultLabel(vault)}: the access policy does not deny ${allowed.join(", ")} to everyone.`, attached[0].urn);
            }
        }
    },
};
