// The settings resources (lock configuration, access policy) that belong to each vault: linked
// by `backupVaultName`, through a dependency on the vault or its name.

import type { PolicyResource } from "@pulumi/policy";
import { ReferenceIndex, referencing, refersTo } from "../common/links";

export class VaultSettings {
    private readonly index: ReferenceIndex;

    constructor(candidates: readonly PolicyResource[]) {
        this.index = new ReferenceIndex(candidates, "backupVaultName", (c) => [c.props.backupVaultName]);
    }

    of(vault: PolicyResource): PolicyResource[] {
        const candidates = this.index.mayReferTo(vault, () => [vault.props.name]);
        return referencing(candidates, (c) => refersTo(c, "backupVaultName", vault, () => c.props.backupVaultName === vault.props.name));
    }
}

export function vaultLabel(vault: PolicyResource): string {
    return `vault ${vault.name}`;
}
