// Properties of the effective-policy merge over generated policies. Keys come from a small
// alphabet so that generated policies collide on the same settings often.

import { expect } from "chai";
import fc from "fast-check";
import { effectivePolicy } from "@gatevault/aws-model/org-policy/effective";

const CONTROL = "@@operators_allowed_for_child_policies";
const key = fc.constantFrom("alpha", "beta", "gamma");
const scalar = fc.constantFrom("x", "y", "z", "Eu-West-1");
const list = fc.array(scalar, { maxLength: 3 });
const control = fc.constantFrom(["@@all"], ["@@none"], ["@@assign"], ["@@append"], ["@@remove"], ["@@assign", "@@append"], ["@@append", "@@remove"]);

/** A setting: value operators (any mix) and maybe a child restriction. */
const setting = fc.record(
    { "@@assign": fc.oneof(scalar, list), "@@append": list, "@@remove": list, [CONTROL]: control },
    { requiredKeys: [] },
);

/** Policies nest groups of settings up to three levels deep. */
const { policy } = fc.letrec<{ group: Record<string, unknown>; node: unknown; policy: Record<string, unknown> }>((tie) => ({
    node: fc.oneof({ depthSize: "small", withCrossShrink: true }, setting, tie("group")),
    group: fc
        .tuple(fc.dictionary(key, tie("node"), { maxKeys: 3 }), fc.option(control, { nil: undefined }))
        .map(([children, restriction]) => (restriction ? { [CONTROL]: restriction, ...children } : children)),
    policy: fc.dictionary(key, tie("node"), { minKeys: 1, maxKeys: 3 }),
}));

/** Several nodes down a path, each with a few policies attached. */
const levels = fc.array(fc.array(policy, { maxLength: 3 }), { minLength: 1, maxLength: 4 });

function valueAt(doc: unknown, path: string[]): unknown {
    return path.reduce<any>((at, k) => (at && typeof at === "object" && !Array.isArray(at) ? at[k] : undefined), doc);
}

function mapKeys(doc: unknown, rename: (key: string, depth: number) => string, depth = 0): unknown {
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return doc;
    return Object.fromEntries(Object.entries(doc).map(([k, v]) => [rename(k, depth), k.startsWith("@@") ? v : mapKeys(v, rename, depth + 1)]));
}

describe("effective policy: properties", () => {
    it("with @@none on a parent's setting, nothing below changes that setting", () => {
        fc.assert(
            fc.property(fc.oneof(scalar, fc.array(scalar, { minLength: 1, maxLength: 3 })), levels, (locked, below) => {
                const parent = { alpha: { beta: { [CONTROL]: ["@@none"], "@@assign": locked } } };
                const result = effectivePolicy([[parent], ...below]);
                expect(valueAt(result.policy, ["alpha", "beta"])).to.deep.equal(locked);
            }),
            { numRuns: 200 },
        );
    });

    it('with ["@@append"] on a parent\'s list, the inherited values are never lost below', () => {
        fc.assert(
            fc.property(fc.array(scalar, { minLength: 1, maxLength: 3 }), levels, (inherited, below) => {
                const parent = { alpha: { beta: { [CONTROL]: ["@@append"], "@@assign": inherited } } };
                const value = valueAt(effectivePolicy([[parent], ...below]).policy, ["alpha", "beta"]);
                expect(value).to.be.an("array").that.includes.members(inherited);
            }),
            { numRuns: 200 },
        );
    });

    it("is deterministic and leaves its input untouched", () => {
        fc.assert(
            fc.property(levels, (input) => {
                const before = structuredClone(input);
                const first = effectivePolicy(input);
                expect(effectivePolicy(structuredClone(input))).to.deep.equal(first);
                expect(input).to.deep.equal(before);
            }),
            { numRuns: 80 },
        );
    });

    it("does not depend on the case of keys or operators", () => {
        fc.assert(
            fc.property(levels, fc.boolean(), (input, upperOperators) => {
                const recased = input.map((policies) =>
                    policies.map((p) =>
                        mapKeys(p, (k, depth) => (k.startsWith("@@") ? (upperOperators ? k.toUpperCase() : k) : depth % 2 ? k.toUpperCase() : k[0].toUpperCase() + k.slice(1))),
                    ),
                );
                expect(effectivePolicy(recased)).to.deep.equal(effectivePolicy(input));
            }),
            { numRuns: 80 },
        );
    });

    it("keeps every setting of a lone policy, whatever its name, with the operators resolved", () => {
        const name = fc.stringMatching(/^[a-z][a-z0-9_:/.-]{0,12}$/);
        const doc = fc.letrec<{ tree: unknown }>((tie) => ({
            tree: fc.oneof(
                { depthSize: "small" },
                fc.oneof(scalar, list, fc.integer(), fc.boolean()).map((v) => ({ expected: v, policy: { "@@assign": v } })),
                fc.dictionary(name, tie("tree"), { minKeys: 1, maxKeys: 3 }).map((children) => ({
                    expected: Object.fromEntries(Object.entries(children).map(([k, c]) => [k, (c as any).expected])),
                    policy: Object.fromEntries(Object.entries(children).map(([k, c]) => [k, (c as any).policy])),
                })),
            ),
        })).tree;
        fc.assert(
            fc.property(fc.dictionary(name, doc, { minKeys: 1, maxKeys: 4 }), (top) => {
                const policy = Object.fromEntries(Object.entries(top).map(([k, c]) => [k, (c as any).policy]));
                const expected = Object.fromEntries(Object.entries(top).map(([k, c]) => [k, (c as any).expected]));
                expect(effectivePolicy([[policy]]).policy).to.deep.equal(expected);
            }),
            { numRuns: 80 },
        );
    });

    it("never reports a cancelled change when no policy restricts anything", () => {
        const unrestricted = levels.map((ls) => ls.map((ps) => ps.map((p) => JSON.parse(JSON.stringify(p, (k, v) => (k === CONTROL ? undefined : v))))));
        fc.assert(
            fc.property(unrestricted, (input) => {
                const sameNodeOnly = effectivePolicy(input).ignored.every((i) => /same node/.test(i.reason));
                expect(sameNodeOnly).to.equal(true);
            }),
            { numRuns: 80 },
        );
    });
});
