// IAM's pattern matching, as the IAM User Guide states it:
// - Action: "case-insensitive", `*` and `?` wildcards
//   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html);
// - Resource: `*` matches any run of characters, `?` one, case-sensitive
//   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html);
// - StringLike: "case-sensitive matching ... multi-character match wildcard (*) and the
//   single-character match wildcard (?) anywhere in the string";
// - ArnLike/ArnEquals: "each of the six colon-delimited components of the ARN is checked
//   separately and each can include ... wildcards"
//   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).

const cache = new Map<string, RegExp>();

/** `*` any run of characters, `?` exactly one; everything else literal. */
export function globMatch(pattern: string, value: string, opts: { ignoreCase?: boolean } = {}): boolean {
    if (!pattern.includes("*") && !pattern.includes("?")) {
        return opts.ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
    }
    const key = `${opts.ignoreCase ? "i" : "s"}:${pattern}`;
    let re = cache.get(key);
    if (!re) {
        const source = [...pattern].map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
        re = new RegExp(`^${source}$`, opts.ignoreCase ? "i" : "");
        cache.set(key, re);
    }
    return re.test(value);
}

/** IAM action matching: case-insensitive, with wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
    return globMatch(pattern, action, { ignoreCase: true });
}

/** The Resource element: case-sensitive, with wildcards; `*` alone matches every resource. */
export function resourceMatches(pattern: string, resource: string): boolean {
    return pattern === "*" || globMatch(pattern, resource);
}

/**
 * ArnLike: the first five colon-delimited parts compared one by one, the sixth (the resource
 * part, which may itself hold colons) as the rest; a wildcard never reaches into the next part.
 */
export function arnLike(pattern: string, arn: string): boolean {
    if (pattern === "*") return true;
    const p = splitArn(pattern);
    const a = splitArn(arn);
    if (!p || !a) return false;
    return p.every((part, i) => globMatch(part, a[i]));
}

function splitArn(value: string): string[] | undefined {
    const parts = value.split(":");
    if (parts.length < 6) return undefined;
    return [...parts.slice(0, 5), parts.slice(5).join(":")];
}
