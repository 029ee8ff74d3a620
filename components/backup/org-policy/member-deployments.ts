// The member accounts this stack deploys backup resources into (`deployBackupResources: true`)
// and, for each, exactly what to create there: the vaults and roles its effective policy (from
// this stack's policies) names in the account itself. Vault names, regions and role names come
// from the effective policy, never from a second copy in config, so the two cannot drift.

import type { JsonObject } from "@gatevault/aws-model/org-policy/json";
import type { MemberBackupResourcesConfig, OrgBackupPoliciesConfig } from "../../config/org-backup-policies";
import { memberRequirements, MemberRequirements } from "./member-requirements";
import { OrganizationTree } from "./organization";

export interface MemberVault {
    region: string;
    name: string;
}

export interface MemberRole {
    /** As written after `role/` in the policy's `iam_role_arn`, path included (`service-role/backup`). */
    ref: string;
    /** IAM path, `/` or `/service-role/`. */
    path: string;
    name: string;
}

export interface MemberAccountDeployment {
    accountId: string;
    name: string;
    assumeRoleArn: string;
    /** Position under `organization.accounts`, for key paths in error messages. */
    configIndex: number;
    settings: MemberBackupResourcesConfig;
    /** The backup policy the account receives from this stack's policies. */
    effective: JsonObject;
    /** Vaults and roles the account's effective policy (from this stack) needs, wherever they are. */
    requirements: MemberRequirements;
    /** The vaults to create in this account, sorted by region and name. */
    vaults: MemberVault[];
    /** The backup roles to create in this account. */
    roles: MemberRole[];
    /** Other accounts its plans copy into (a central backup account): they may copy back for a restore. */
    copyTargetAccounts: string[];
}

/** `service-role/backup` → path `/service-role/`, name `backup`. */
export function splitRoleRef(ref: string): MemberRole {
    const slash = ref.lastIndexOf("/");
    return slash < 0 ? { ref, path: "/", name: ref } : { ref, path: `/${ref.slice(0, slash)}/`, name: ref.slice(slash + 1) };
}

/** What to create in one account, given what its effective policy needs. */
export function accountLayout(accountId: string, needs: MemberRequirements): Pick<MemberAccountDeployment, "vaults" | "roles" | "copyTargetAccounts"> {
    // A policy attached to one account may name it by id instead of `$account`.
    const own = (account: string) => account === "$account" || account === accountId;
    const vaults = needs.vaults.filter((v) => own(v.account)).map(({ region, name }) => ({ region, name }));
    const ownRoleRefs = needs.externalRoles
        .map((arn) => arn.split(":"))
        .filter((parts) => parts[4] === accountId && parts[5]?.startsWith("role/"))
        .map((parts) => parts.slice(5).join(":").slice("role/".length));
    const roles = [...new Set([...needs.roles, ...ownRoleRefs])].sort().map(splitRoleRef);
    const copyTargetAccounts = [...new Set(needs.vaults.filter((v) => !own(v.account)).map((v) => v.account))].sort();
    return { vaults, roles, copyTargetAccounts };
}

// The policy rules (config-problems.ts), the placement checks and the deployment each ask for
// the same parsed config; rendering every effective policy once is enough. Parsed config is
// never edited.
const deploymentsByConfig = new WeakMap<OrgBackupPoliciesConfig, MemberAccountDeployment[]>();

/**
 * Accounts whose config asks for the backup vaults and roles to be deployed
 * (`deployBackupResources: true`), with what their effective policy needs there.
 * `MemberAccountBackup` consumes this. The result is shared between callers: do not mutate it.
 */
export function memberAccountDeployments(config: OrgBackupPoliciesConfig): MemberAccountDeployment[] {
    const cached = deploymentsByConfig.get(config);
    if (cached) return cached;
    const tree = new OrganizationTree(config);
    const deployments = config.organization.accounts.flatMap((a, configIndex) => {
        if (!a.deployBackupResources || !a.assumeRoleArn || !a.backupResources) return [];
        const effective = tree.state(a.id).render();
        const requirements = memberRequirements(effective);
        const settings = a.backupResources;
        return [{ accountId: a.id, name: a.name, assumeRoleArn: a.assumeRoleArn, configIndex, settings, effective, requirements, ...accountLayout(a.id, requirements) }];
    });
    deploymentsByConfig.set(config, deployments);
    return deployments;
}
