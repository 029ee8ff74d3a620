// Entry point the Pulumi CLI runs for `--policy-pack policy`.

import { PolicyPack } from "@pulumi/policy";
import { packEnforcementLevel, packName, policies } from "./policies";

new PolicyPack(packName, { policies, enforcementLevel: packEnforcementLevel });
