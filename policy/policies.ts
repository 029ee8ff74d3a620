// The pack's policies as a plain list, importable by tests and tools without starting the
// pack's analyzer server (which `new PolicyPack` does).

import type { EnforcementLevel } from "@pulumi/policy";
import { orgPolicyRetention } from "./backup/org-policy-retention";
import type { GatevaultPolicy } from "./types";

export const packName = "gatevault";

/** Stacks choose their levels in policy/config/<stack>.json; unconfigured runs only advise. */
export const packEnforcementLevel: EnforcementLevel = "advisory";

export const policies: GatevaultPolicy[] = [orgPolicyRetention];
