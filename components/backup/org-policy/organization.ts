// The organization as the stack config describes it (root, OUs, accounts, each naming its
// parent) and the policies the config attaches at each node: enough to compute what every
// OU and account inherits from this stack's policies.

import { compilePolicy, CompiledPolicy, InheritanceState } from "@gatevault/aws-model/org-policy/effective";
import type { OrgBackupPoliciesConfig } from "../../config/org-backup-policies";
import { renderBackupPolicy } from "./render";

export type OrgNodeKind = "root" | "ou" | "account";

export interface OrgNode {
    kind: OrgNodeKind;
    id: string;
    name: string;
    parentId?: string;
}

export interface AttachedPolicy {
    name: string;
    compiled: CompiledPolicy;
}

export class OrganizationTree {
    private readonly nodes = new Map<string, OrgNode>();
    private readonly attached = new Map<string, AttachedPolicy[]>();
    private readonly states = new Map<string, InheritanceState>();

    constructor(config: OrgBackupPoliciesConfig) {
        const { rootId, units, accounts } = config.organization;
        this.nodes.set(rootId, { kind: "root", id: rootId, name: "Root" });
        units.forEach((u) => this.nodes.set(u.id, { kind: "ou", id: u.id, name: u.name, parentId: u.parentId }));
        accounts.forEach((a) => this.nodes.set(a.id, { kind: "account", id: a.id, name: a.name, parentId: a.parentId }));
        // Attachment order on one node is the order of the policies in the config.
        for (const policy of config.policies) {
            const compiled = compilePolicy(renderBackupPolicy(policy));
            for (const target of policy.targets) {
                const list = this.attached.get(target) ?? [];
                list.push({ name: policy.name, compiled });
                this.attached.set(target, list);
            }
        }
    }

    node(id: string): OrgNode {
        const node = this.nodes.get(id);
        if (!node) throw new Error(`"${id}" is not declared under organization`);
        return node;
    }

    /** OUs and accounts, in config order. */
    members(): OrgNode[] {
        return [...this.nodes.values()].filter((n) => n.kind !== "root");
    }

    /** From the root down to the node itself. */
    path(id: string): OrgNode[] {
        const out: OrgNode[] = [];
        for (let node: OrgNode | undefined = this.node(id); node; node = node.parentId ? this.node(node.parentId) : undefined) {
            out.unshift(node);
            if (out.length > this.nodes.size) throw new Error(`the OUs above "${id}" form a cycle`);
        }
        return out;
    }

    policiesAt(id: string): AttachedPolicy[] {
        return this.attached.get(id) ?? [];
    }

    /** What the node inherits and has attached, computed once per node and shared below it. */
    state(id: string): InheritanceState {
        const cached = this.states.get(id);
        if (cached) return cached;
        const node = this.node(id);
        const above = node.parentId ? this.state(node.parentId) : InheritanceState.empty();
        const state = above.attach(this.policiesAt(id).map((p) => p.compiled));
        this.states.set(id, state);
        return state;
    }
}
