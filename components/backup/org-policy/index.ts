// Organization backup policies: the pure model (render, validate; the effective policy and
// retention, which the policy pack reads too, are in @gatevault/aws-model/org-policy) and the
// component that deploys them.

export { BackupOrganisationPolicy, deployOrgBackupPolicies } from "./component";
export type { BackupOrganisationPolicyArgs } from "./component";
export { orgBackupPolicyConfigProblems } from "./config-problems";
export { memberRequirements } from "./member-requirements";
export type { MemberRequirements } from "./member-requirements";
export { deployMemberAccountBackups, MemberAccountBackup, memberProvider } from "./member-account";
export type { MemberAccountBackupArgs } from "./member-account";
export { accountLayout, memberAccountDeployments, splitRoleRef } from "./member-deployments";
export { memberDeploymentProblems } from "./member-problems";
export { memberPlacementProblems } from "./member-placement";
export type { MemberAccountDeployment, MemberRole, MemberVault } from "./member-deployments";
export { previewFromConfigSource, previewOrgBackupPolicies } from "./preview";
export type { TargetPreview } from "./preview";
export { policyContent, renderBackupPolicy } from "./render";
export { backupPolicyProblems, orgBackupPoliciesProblems } from "./validate";
export { deployMemberStackSets, MemberStackSet } from "./stack-set/component";
export type { MemberStackSetArgs } from "./stack-set/component";
export { stackSetDeploymentProblems, stackSetDeployments } from "./stack-set/deployments";
export type { StackSetDeployment } from "./stack-set/deployments";
export { ouStackSets } from "./stack-set/layout";
export type { OuStackSet } from "./stack-set/layout";
export { memberTemplate } from "./stack-set/template";
