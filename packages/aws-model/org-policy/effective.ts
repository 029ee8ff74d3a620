// The effective policy an account receives from the management policies attached along its
// path in the organization (root, OUs from the top down, the account itself), by the
// inheritance rules AWS documents for management policy types:
//
// - `@@assign` replaces the inherited value (a whole list, for lists); `@@append` adds values
//   to an inherited list; `@@remove` takes values out of it.
// - `@@operators_allowed_for_child_policies` on a setting limits which of those operators
//   policies further down may use on that setting (`@@all`, a subset, `@@none`); a lower
//   policy can never widen it. A change a restriction forbids is ignored (and reported).
//   Adding a new setting under a group of settings counts as `@@append` on the group; writing
//   a value over a group needs the operator on the group and `@@assign` on everything in it.
// - Several policies attached to one node are applied in attachment order and do not
//   restrict each other; their restrictions are intersected. When two of them assign the
//   same setting, the one attached first wins.
// - Keys are case-insensitive and come out lowercased; operators disappear from the output.
//
// It works on any content, not only backup policies, and keeps settings it does not know.
// What it does not model: a restriction applies to the setting it is written on, not to the
// settings nested inside it (AWS's own examples repeat `@@none` at every level to lock a plan).

import { formatJsonPath, isJsonObject, Json, JsonObject } from "./json";
import { ALL_BITS, APPEND, ASSIGN, DocumentProblem, LoweredNode, lowerPolicy, OP_BIT, REMOVE, ValueOperator } from "./operators";

/** A policy checked and lowered once, so that merging it many times is cheap. */
export interface CompiledPolicy {
    readonly root: LoweredNode;
}

export interface LocatedProblem extends DocumentProblem {
    /** Position of the node in the path (0 = root) and of the policy among that node's policies. */
    level?: number;
    policy?: number;
}

export class PolicyDocumentError extends Error {
    constructor(readonly problems: LocatedProblem[]) {
        super(`malformed policy document:\n${problems.map((p) => `  ${formatJsonPath(p.path)}: ${p.message}`).join("\n")}`);
        this.name = "PolicyDocumentError";
    }
}

/** Checks a policy document and prepares it for merging; throws PolicyDocumentError when malformed. */
export function compilePolicy(document: unknown): CompiledPolicy {
    const { root, problems } = lowerPolicy(document);
    if (problems.length > 0) {
        throw new PolicyDocumentError(problems);
    }
    return { root };
}

/** A setting that a policy tried to change and a restriction from above (or an earlier policy on the same node) prevented. */
export interface IgnoredChange {
    /** Node position in the path (0 = root) and policy position among that node's policies. */
    level: number;
    policy: number;
    /** Lowercased keys from the top of the document. */
    path: string[];
    operator: ValueOperator;
    reason: string;
}

interface StateNode {
    value: Json | undefined;
    children: Map<string, StateNode> | undefined;
    /** Operators that policies further down may use here (bit mask). */
    allowed: number;
    /** The level whose policy last set the value; same-level policies do not override each other. */
    setAt: number;
}

function newNode(): StateNode {
    return { value: undefined, children: undefined, allowed: ALL_BITS, setAt: -1 };
}

/**
 * A copy of one node whose children are still shared. States share every node a level does not
 * touch (copy on write), and values are never mutated in place, so sharing them is safe.
 */
function shallowCopy(node: StateNode): StateNode {
    return { value: node.value, children: node.children && new Map(node.children), allowed: node.allowed, setAt: node.setAt };
}

function identity(value: Json): string {
    return typeof value === "string" ? `s${value}` : `j${JSON.stringify(value)}`;
}

function asList(value: Json | undefined): Json[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function appendValues(existing: Json | undefined, added: Json[]): Json[] {
    const out = asList(existing).slice();
    const seen = new Set(out.map(identity));
    for (const value of added) {
        const id = identity(value);
        if (!seen.has(id)) {
            seen.add(id);
            out.push(value);
        }
    }
    return out;
}

function removeValues(existing: Json | undefined, removed: Json[]): Json | undefined {
    if (existing === undefined) return undefined;
    const ids = new Set(removed.map(identity));
    if (Array.isArray(existing)) return existing.filter((v) => !ids.has(identity(v)));
    return ids.has(identity(existing)) ? undefined : existing;
}

function copyJson(value: Json): Json {
    if (Array.isArray(value)) return value.map(copyJson);
    if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyJson(v)]));
    return value;
}

function render(node: StateNode): Json | undefined {
    if (node.value !== undefined) return copyJson(node.value);
    if (!node.children) return undefined;
    const out: JsonObject = {};
    let any = false;
    for (const [key, child] of node.children) {
        const rendered = render(child);
        if (rendered !== undefined) {
            out[key] = rendered;
            any = true;
        }
    }
    return any ? out : undefined;
}

// Read once: the merge checks these in tight loops, and some loaders turn module bindings into getters.
const ASSIGN_BIT = OP_BIT[ASSIGN];
const APPEND_BIT = OP_BIT[APPEND];
const REMOVE_BIT = OP_BIT[REMOVE];

const NOT_ALLOWED = "a policy attached higher up does not allow this operator here";
const SAME_NODE = "a policy attached earlier to the same node already set this value";
const LOCKED_INSIDE = "it would replace a group of settings in which a policy attached higher up restricts @@assign";

/** True when some setting below the node may not be replaced (its restriction lacks @@assign). */
function restrictedInside(node: StateNode): boolean {
    if (!node.children) return false;
    for (const child of node.children.values()) {
        if (!(child.allowed & ASSIGN_BIT) || restrictedInside(child)) return true;
    }
    return false;
}

/** Merges one node's policies into a copy of the inherited state. */
class LevelMerge {
    readonly pending = new Map<StateNode, number>();
    readonly ignored: IgnoredChange[] = [];
    /** Nodes copied for this level, which it may change; all others belong to the state above. */
    private readonly owned = new Set<StateNode>();
    /** Keys from the top down to the node being merged (copied only when a change is skipped). */
    private readonly path: string[] = [];
    policy = 0;

    constructor(private readonly level: number) {}

    own(node: StateNode): StateNode {
        if (this.owned.has(node)) return node;
        const copy = shallowCopy(node);
        this.owned.add(copy);
        return copy;
    }

    private skip(operator: ValueOperator, reason: string): void {
        this.ignored.push({ level: this.level, policy: this.policy, path: [...this.path], operator, reason });
    }

    private permits(node: StateNode, bit: number, operator: ValueOperator): boolean {
        if (node.allowed & bit) return true;
        this.skip(operator, NOT_ALLOWED);
        return false;
    }

    /** A value written over a group of settings replaces them all, restricted ones included. */
    private permitsValue(node: StateNode, bit: number, operator: ValueOperator): boolean {
        if (!this.permits(node, bit, operator)) return false;
        if (bit === REMOVE_BIT || !restrictedInside(node)) return true;
        this.skip(operator, LOCKED_INSIDE);
        return false;
    }

    /** Merges `source` into `node`, which this level owns. */
    apply(node: StateNode, source: LoweredNode): void {
        if (source.childControl !== undefined) {
            this.pending.set(node, (this.pending.get(node) ?? ALL_BITS) & source.childControl);
        }
        if (source.hasAssign && this.permitsValue(node, ASSIGN_BIT, ASSIGN)) {
            if (node.setAt === this.level && node.value !== undefined) {
                this.skip(ASSIGN, SAME_NODE);
            } else {
                node.value = source.assign;
                node.children = undefined;
                node.setAt = this.level;
            }
        }
        if (source.append && this.permitsValue(node, APPEND_BIT, APPEND)) {
            node.value = appendValues(node.value, source.append);
            node.children = undefined;
            node.setAt = this.level;
        }
        if (source.remove && this.permitsValue(node, REMOVE_BIT, REMOVE)) {
            node.value = removeValues(node.value, source.remove);
        }
        for (const child of source.children) {
            this.path.push(child.key);
            const existing = node.children?.get(child.key);
            let target: StateNode | undefined;
            if (existing) {
                target = this.own(existing);
            } else if (node.value !== undefined ? this.permits(node, ASSIGN_BIT, ASSIGN) : this.permits(node, APPEND_BIT, APPEND)) {
                // A value turning into a group of settings is a replacement; a new setting in a group is an addition.
                node.value = undefined;
                target = newNode();
                this.owned.add(target);
            }
            if (target) {
                (node.children ??= new Map()).set(child.key, target);
                this.apply(target, child);
            }
            this.path.pop();
        }
    }

    commit(): void {
        for (const [node, bits] of this.pending) node.allowed &= bits;
    }
}

/**
 * The inherited state at one node of the organization. Immutable: `attach` returns the state
 * one level further down, so states of OUs can be shared by everything beneath them.
 */
export class InheritanceState {
    private constructor(
        private readonly root: StateNode,
        /** How many nodes' policies this state holds. */
        readonly depth: number,
        readonly ignored: readonly IgnoredChange[],
    ) {}

    static empty(): InheritanceState {
        return new InheritanceState(newNode(), 0, []);
    }

    /** Applies the policies attached to the next node down, in attachment order. */
    attach(policies: readonly CompiledPolicy[]): InheritanceState {
        const merge = new LevelMerge(this.depth);
        const root = merge.own(this.root);
        policies.forEach((policy, i) => {
            merge.policy = i;
            merge.apply(root, policy.root);
        });
        merge.commit();
        return new InheritanceState(root, this.depth + 1, merge.ignored.length ? [...this.ignored, ...merge.ignored] : this.ignored);
    }

    /** The effective policy: lowercased keys, operators resolved, settings that hold nothing left out. */
    render(): JsonObject {
        const out = render(this.root);
        return isJsonObject(out as Json) ? (out as JsonObject) : {};
    }
}

export interface EffectivePolicy {
    policy: JsonObject;
    ignored: IgnoredChange[];
}

/**
 * The effective policy for a path of nodes: `levels[0]` holds the policies attached to the
 * root, the last entry those attached to the account, each in attachment order.
 * Throws PolicyDocumentError, naming the level and policy, when a document is malformed.
 */
export function effectivePolicy(levels: readonly (readonly unknown[])[]): EffectivePolicy {
    const problems: LocatedProblem[] = [];
    const compiled = levels.map((policies, level) =>
        policies.map((document, policy): CompiledPolicy => {
            const lowered = lowerPolicy(document);
            problems.push(...lowered.problems.map((p) => ({ ...p, level, policy })));
            return { root: lowered.root };
        }),
    );
    if (problems.length > 0) {
        throw new PolicyDocumentError(problems);
    }
    const state = compiled.reduce((s, policies) => s.attach(policies), InheritanceState.empty());
    return { policy: state.render(), ignored: [...state.ignored] };
}
