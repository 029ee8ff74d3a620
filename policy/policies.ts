// The pack's policies as a plain list, importable by tests and tools without starting the
// pack's analyzer server (which `new PolicyPack` does). One rule per file, by service.

import type { EnforcementLevel } from "@pulumi/policy";
import { withControlMetadata } from "./common/control-metadata";
import { withExemptions } from "./common/exemptions";
import type { GatevaultPolicy } from "./types";

import { accessLogging } from "./apigateway/access-logging";
import { binaryMediaTypes } from "./apigateway/binary-media-types";
import { cacheEncryption } from "./apigateway/cache-encryption";
import { cacheKeys } from "./apigateway/cache-keys";
import { corsOrigins } from "./apigateway/cors-origins";
import { domainTls12 } from "./apigateway/domain-tls";
import { endpointTypes } from "./apigateway/endpoint-types";
import { executionLogging } from "./apigateway/execution-logging";
import { methodAuthorization } from "./apigateway/method-authorization";
import { privateApiVpce } from "./apigateway/private-vpce";
import { requestValidation } from "./apigateway/request-validation";
import { stageProtection } from "./apigateway/stage-protection";
import { stageThrottling } from "./apigateway/stage-throttling";
import { usagePlanLimits } from "./apigateway/usage-plan-limits";
import { wafOnPublicStages } from "./apigateway/waf";
import { xrayTracing } from "./apigateway/xray-tracing";

import { auditFramework } from "./backup/audit-framework";
import { criticalProtection } from "./backup/critical-protection";
import { coldStorageLifecycle } from "./backup/cold-storage-lifecycle";
import { copyRetention } from "./backup/copy-retention";
import { crossRegionCopy } from "./backup/cross-region-copy";
import { orgPolicyRetention } from "./backup/org-policy-retention";
import { planFrequency } from "./backup/plan-frequency";
import { planRetention } from "./backup/plan-retention";
import { planTargetVaults } from "./backup/plan-target-vaults";
import { vaultCmk } from "./backup/vault-cmk";
import { vaultDenyDelete } from "./backup/vault-deny-delete";
import { vaultLock } from "./backup/vault-lock";

import { requiredTags } from "./common/required-tags";
import { noWildcardActions } from "./iam/no-wildcard-actions";
import { keyRotation } from "./kms/key-rotation";

export const packName = "gatevault";

/** Stacks choose their levels in policy/config/<stack>.json; unconfigured runs only advise. */
export const packEnforcementLevel: EnforcementLevel = "advisory";

const apiGatewayPolicies: GatevaultPolicy[] = [
    stageThrottling,
    usagePlanLimits,
    accessLogging,
    executionLogging,
    xrayTracing,
    wafOnPublicStages,
    cacheEncryption,
    cacheKeys,
    requestValidation,
    methodAuthorization,
    endpointTypes,
    privateApiVpce,
    corsOrigins,
    binaryMediaTypes,
    domainTls12,
    stageProtection,
];

const backupPolicies: GatevaultPolicy[] = [
    planRetention,
    planFrequency,
    copyRetention,
    coldStorageLifecycle,
    vaultCmk,
    vaultLock,
    vaultDenyDelete,
    crossRegionCopy,
    auditFramework,
    planTargetVaults,
    orgPolicyRetention,
    criticalProtection,
];

const crossCuttingPolicies: GatevaultPolicy[] = [keyRotation, noWildcardActions, requiredTags];

/**
 * Every rule takes `exemptions` in its config: a resource it does not judge, with a reason and
 * an expiry date (policy/common/exemptions.ts). The wrapper is part of the pack, so the Pulumi
 * CLI's analyzer and the offline plan honour exemptions alike. Each rule's controls also go into
 * @pulumi/policy's `tags` and `framework`, which the CLI and Pulumi Cloud show
 * (policy/common/control-metadata.ts).
 */
export const policies: GatevaultPolicy[] = [...apiGatewayPolicies, ...backupPolicies, ...crossCuttingPolicies].map((p) => withControlMetadata(withExemptions(p)));
