import * as aws from "../common/aws-types";
import type { PolicyResource } from "@pulumi/policy";
import { ofClass, ValueIndex } from "../common/links";
import { tryKnown } from "../common/unknowns";
import type { GatevaultStackPolicy } from "../types";
import { copyActionsOf, rulesOf } from "./plan-rules";

interface Config {
    externalVaults: string[];
}

function nameOfVaultArn(arn: string): string | undefined {
    return /:backup-vault:([^:/]+)$/.exec(arn)?.[1];
}

export const planTargetVaults: GatevaultStackPolicy = {
    name: "backup-plan-target-vaults",
    description: "Every vault a backup plan writes to or copies to is created in this stack or declared as external.",
    severity: "high",
    controls: [],
    remediationSteps:
        "Create the vault in this stack and reference it (targetVaultName: vault.name, destinationVaultArn: vault.arn), or list " +
        "vaults managed elsewhere (by name or ARN) in the policy config's `externalVaults`.",
    configSchema: {
        properties: {
            externalVaults: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Vault names or ARNs managed outside this stack that plans may use.",
            },
        },
    },
    validateStack: (args, report) => {
        const { externalVaults } = args.getConfig<Config>();
        const vaults = ofClass(args.resources, aws.backup.Vault);
        const vaultNames = new ValueIndex(vaults, (v) => v.props.name);
        const vaultArns = new ValueIndex(vaults, (v) => v.props.arn);
        const externalNames = new Set(externalVaults.map((v) => nameOfVaultArn(v) ?? v));
        for (const plan of ofClass(args.resources, aws.backup.Plan)) {
            // An unknown target computed from a vault of this stack refers to that vault.
            const fromStackVault = (plan.propertyDependencies.rules ?? []).some((d: PolicyResource) => d.isType(aws.backup.Vault));
            const check = (read: () => unknown, matches: (value: string) => boolean, what: string) => {
                const value = tryKnown(read);
                if (!value.known) {
                    if (fromStackVault) return;
                    throw value.error;
                }
                if (!matches(String(value.value))) report(`Plan ${plan.name}: ${what} ${value.value} is neither in this stack nor in externalVaults.`, plan.urn);
            };
            rulesOf(plan.props).forEach((rule) => {
                check(
                    () => rule.targetVaultName,
                    (name) => externalNames.has(name) || vaultNames.has(name),
                    "target vault",
                );
                for (const copy of copyActionsOf(rule)) {
                    check(
                        () => copy.destinationVaultArn,
                        (arn) => externalVaults.includes(arn) || vaultArns.has(arn),
                        "copy destination",
                    );
                }
            });
        }
    },
};
