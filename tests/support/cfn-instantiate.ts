// A StackSet template as one stack instance sees it: `Fn::Sub` resolved with the instance's
// account (`${AWS::AccountId}`, AWS CloudFormation User Guide pseudo-parameter-reference.html)
// and what `Ref` returns for a resource's `${LogicalId}` (intrinsic-function-reference-sub.html).
// Enough for the policies gatevault writes; other intrinsics stay as they are.

export function instantiate(value: unknown, accountId: string, refs: Record<string, string> = {}): unknown {
    if (Array.isArray(value)) return value.map((v) => instantiate(v, accountId, refs));
    if (typeof value !== "object" || value === null) return value;
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === "Fn::Sub" && typeof entries[0][1] === "string") {
        return entries[0][1].replace(/\$\{([A-Za-z0-9:]+)\}/g, (whole, name: string) => (name === "AWS::AccountId" ? accountId : (refs[name] ?? whole))).replace(/\$\{!/g, "${");
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, instantiate(v, accountId, refs)]));
}
