// The management-policy syntax check every document passes before it is merged.

import { expect } from "chai";
import { effectivePolicy } from "@gatevault/aws-model/org-policy/effective";
import { formatJsonPath } from "@gatevault/aws-model/org-policy/json";
import { documentProblems } from "@gatevault/aws-model/org-policy/operators";

const malformed: [string, unknown, string, RegExp][] = [
    ["a list instead of a policy", [], "$", /a policy must be a JSON object \(got a list\)/],
    ["a bare value where a setting belongs", { plans: { p: { regions: ["eu-west-1"] } } }, "$.plans.p.regions", /must be an object holding an inheritance operator .*\(got a list\)/],
    ["@@append of a single value", { r: { "@@append": "eu-west-1" } }, "$.r.@@append", /@@append works only on multi-valued settings and takes a list \(got the string "eu-west-1"\)/],
    ["@@remove of a single value", { r: { "@@remove": 3 } }, "$.r.@@remove", /takes a list \(got the number 3\)/],
    ["@@assign of an object", { r: { "@@assign": { a: 1 } } }, "$.r.@@assign", /not an object: write nested settings as keys/],
    ["an unknown operator", { r: { "@@replace": ["a"] } }, "$.r.@@replace", /is not an inheritance operator/],
    ["child control that is not a list", { r: { "@@operators_allowed_for_child_policies": "@@none" } }, "$.r.@@operators_allowed_for_child_policies", /must be a list of "@@all", "@@none"/],
    ["child control naming an unknown operator", { r: { "@@operators_allowed_for_child_policies": ["@@merge"] } }, "$.r.@@operators_allowed_for_child_policies", /\(got "@@merge"\)/],
    ["@@none combined with another operator", { r: { "@@operators_allowed_for_child_policies": ["@@none", "@@append"] } }, "$.r.@@operators_allowed_for_child_policies", /must stand alone/],
    ["keys that differ only in case", { plans: { Daily: {}, DAILY: {} } }, "$.plans.DAILY", /duplicates the key "Daily": keys are case-insensitive/],
    ["a value and nested settings in one setting", { r: { "@@assign": "x", nested: { "@@assign": "y" } } }, "$.r", /either a value or a group of settings/],
    ["a value at the top level", { "@@assign": "x" }, "$.@@assign", /the top level of a policy holds settings, not a value/],
    ["a __proto__ setting", JSON.parse('{"plans": {"__proto__": {"x": {"@@assign": "y"}}}}'), "$.plans.__proto__", /is not allowed as a setting name/],
];

describe("management policy syntax check", () => {
    for (const [name, doc, path, message] of malformed) {
        it(`rejects ${name} at ${path}`, () => {
            const problems = documentProblems(doc).map((p) => ({ path: formatJsonPath(p.path), message: p.message }));
            const match = problems.find((p) => p.path === path);
            expect(match, JSON.stringify(problems)).to.not.equal(undefined);
            expect(match!.message).to.match(message);
        });
    }

    it("accepts AWS's documented operators in any case, and settings it does not know", () => {
        expect(
            documentProblems({
                plans: {
                    "@@Operators_Allowed_For_Child_Policies": ["@@APPEND"],
                    p: { regions: { "@@Append": ["eu-west-1"], "@@REMOVE": ["us-east-1"] }, future_setting: { deep: { "@@assign": "x" } } },
                },
            }),
        ).to.deep.equal([]);
    });

    it("treats names of Object.prototype members as ordinary settings", () => {
        const doc = { constructor: { "@@assign": "x" }, toString: { hasOwnProperty: { "@@append": ["y"] } } };
        expect(documentProblems(doc)).to.deep.equal([]);
        expect(effectivePolicy([[doc]]).policy).to.deep.equal({ constructor: "x", tostring: { hasownproperty: ["y"] } });
    });

    it("reports every problem in a document at once", () => {
        expect(documentProblems({ a: "x", b: { "@@append": 1 }, c: { "@@nope": 1 } }).map((p) => formatJsonPath(p.path))).to.deep.equal([
            "$.a",
            "$.b.@@append",
            "$.c.@@nope",
        ]);
    });

    it("writes JSON paths that survive keys with punctuation", () => {
        expect(formatJsonPath(["plans", "p", "copy_actions", "arn:aws:backup:eu-west-1:$account:backup-vault:v", 0])).to.equal(
            '$.plans.p.copy_actions["arn:aws:backup:eu-west-1:$account:backup-vault:v"][0]',
        );
    });
});
