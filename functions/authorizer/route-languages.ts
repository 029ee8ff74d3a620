// The requests a route serves and the requests an execute-api resource pattern matches, as
// languages over the tokens of a request (its method, then its path segments), so that
// questions such as "can a caller allowed route A reach a request API Gateway sends to route
// B?" are answered exactly instead of by examples.
//
// The rules behind them:
// - In IAM policy resources, "*" matches any combination of characters, "/" included (IAM
//   User Guide, "IAM JSON policy elements: Resource": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
//   So the pattern `GET/orders/*` of a route's variable matches `GET/orders/1/audit`, and the
//   `*` of an ANY route's method matches `GET/v2` as well as `GET`.
// - API Gateway sends a request to the most specific resource whose path matches it: at the
//   first path part where two resources differ, a literal part wins over a `{variable}`, which
//   wins over a greedy `{proxy+}` ("When a proxy resource has non-proxy siblings, the sibling
//   resources are excluded from the representation of the proxy resource ... a method request
//   against a specific resource takes precedence over a method request against a generic
//   resource at the same level", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html#api-gateway-proxy-resource).
//   The resource is chosen by path alone, whatever methods it has: when it lacks the request's
//   method (and ANY), API Gateway answers 403 MISSING_AUTHENTICATION_TOKEN itself ("an
//   unsupported API method or resource", https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)
//   and no authorizer is called. On one resource, a method of its own wins over ANY.
//
// Alphabet: the literal tokens that occur in the routes, plus OTHER standing for every other
// token. Nothing here can tell two tokens apart unless one of them occurs literally, so the
// answers are exact.

/** One position of a route or pattern: a literal token, one of some tokens, exactly one token, or one or more. */
export type Slot = { kind: "literal"; token: string } | { kind: "oneOf"; tokens: readonly string[] } | { kind: "one" } | { kind: "many" };

export const OTHER = "\u0000other";

interface Nfa {
    size: number;
    accept: number;
    /** Transitions: on a token (or on any token), and without one. */
    on: Map<number, { token?: string; to: number }[]>;
    free: Map<number, number[]>;
}

function nfaOf(slots: readonly Slot[]): Nfa {
    const on = new Map<number, { token?: string; to: number }[]>();
    const free = new Map<number, number[]>();
    const add = <T>(map: Map<number, T[]>, from: number, value: T) => map.set(from, [...(map.get(from) ?? []), value]);
    let state = 0;
    let next = slots.length + 1;
    slots.forEach((slot, i) => {
        if (slot.kind === "literal") add(on, i, { token: slot.token, to: i + 1 });
        else if (slot.kind === "oneOf") slot.tokens.forEach((token) => add(on, i, { token, to: i + 1 }));
        else if (slot.kind === "one") add(on, i, { to: i + 1 });
        else {
            // One token, then any more: i --any--> loop --any--> loop, loop --ε--> i+1.
            const loop = next++;
            add(on, i, { to: loop });
            add(on, loop, { to: loop });
            add(free, loop, i + 1);
        }
        state = i + 1;
    });
    return { size: next, accept: state, on, free };
}

function closure(nfa: Nfa, states: Iterable<number>): Set<number> {
    const out = new Set<number>(states);
    const stack = [...out];
    while (stack.length > 0) {
        for (const to of nfa.free.get(stack.pop()!) ?? []) {
            if (!out.has(to)) {
                out.add(to);
                stack.push(to);
            }
        }
    }
    return out;
}

function step(nfa: Nfa, states: ReadonlySet<number>, token: string): Set<number> {
    const out: number[] = [];
    for (const s of states) {
        for (const edge of nfa.on.get(s) ?? []) {
            if (edge.token === undefined || edge.token === token) out.push(edge.to);
        }
    }
    return closure(nfa, out);
}

/** A language to intersect: `negate` keeps the requests it does NOT hold. */
export interface Term {
    slots: readonly Slot[];
    negate?: boolean;
}

/**
 * Whether some request lies in every positive term and in no negated one: a breadth-first
 * walk over the product of the terms' subset-constructed automata.
 */
export function someRequestIn(terms: readonly Term[]): boolean {
    const nfas = terms.map((t) => nfaOf(t.slots));
    const literals = (s: Slot) => (s.kind === "literal" ? [s.token] : s.kind === "oneOf" ? s.tokens : []);
    const alphabet = [...new Set(terms.flatMap((t) => t.slots.flatMap(literals))), OTHER];
    const accepts = (states: Set<number>[]) => terms.every((t, i) => states[i].has(nfas[i].accept) !== (t.negate === true));
    const key = (states: Set<number>[]) => states.map((s) => [...s].sort((a, b) => a - b).join(",")).join("|");
    let frontier = [nfas.map((nfa) => closure(nfa, [0]))];
    const seen = new Set(frontier.map(key));
    while (frontier.length > 0) {
        const next: Set<number>[][] = [];
        for (const states of frontier) {
            if (accepts(states)) return true;
            for (const token of alphabet) {
                const moved = states.map((s, i) => step(nfas[i], s, token));
                // Once a positive term has no state left, nothing further can be in it.
                if (terms.some((t, i) => !t.negate && moved[i].size === 0)) continue;
                const k = key(moved);
                if (!seen.has(k)) {
                    seen.add(k);
                    next.push(moved);
                }
            }
        }
        frontier = next;
    }
    return false;
}
