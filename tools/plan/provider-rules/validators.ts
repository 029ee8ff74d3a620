// The provider's shared string validators, transcribed:
// - `verify.ValidARN` (internal/verify/validate.go): parses with aws-sdk-go's `arn.Parse` (an
//   `arn:` prefix and six colon-separated sections), then checks the partition
//   (`^aws(-[a-z]+)*$`), the region when present (`^[a-z]{2}(-[a-z]+)+-\d$`), the account when
//   present (`^(aws|aws-managed|third-party|\d{12}|cw.{10})$`) and a non-empty resource.
//   An empty string passes.
// - `verify.ValidIAMPolicyJSON` (same file): not empty, starts with `{` (no leading space), valid
//   JSON, no duplicate keys.
// - `validation.StringIsJSON` (terraform-plugin-sdk helper/validation): valid JSON or empty.

const PARTITION = /^aws(-[a-z]+)*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^(aws|aws-managed|third-party|\d{12}|cw.{10})$/;

/** The problem with an ARN, in the provider's words, or undefined when it is valid. */
export function arnProblem(value: string): string | undefined {
    if (value === "") return undefined;
    if (!value.startsWith("arn:")) return "is an invalid ARN: arn: invalid prefix";
    const sections = value.split(":");
    if (sections.length < 6) return "is an invalid ARN: arn: not enough sections";
    const [, partition, , region, account] = sections;
    const resource = sections.slice(5).join(":");
    if (partition === "") return "is an invalid ARN: missing partition value";
    if (!PARTITION.test(partition)) return `is an invalid ARN: invalid partition value (expecting to match regular expression: ${PARTITION.source})`;
    if (region !== "" && !REGION.test(region)) return `is an invalid ARN: invalid region value (expecting to match regular expression: ${REGION.source})`;
    if (account !== "" && !ACCOUNT.test(account)) return `is an invalid ARN: invalid account ID value (expecting to match regular expression: ${ACCOUNT.source})`;
    if (resource === "") return "is an invalid ARN: missing resource value";
    return undefined;
}

/** The first key that appears twice in one object of a valid JSON text. */
export function duplicateJsonKey(text: string): string | undefined {
    // One entry per open container: the keys seen so far for an object, null for an array.
    const open: (Set<string> | null)[] = [];
    let expectKey = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "{" || c === "[") {
            open.push(c === "{" ? new Set() : null);
            expectKey = c === "{";
        } else if (c === "}" || c === "]") {
            open.pop();
            expectKey = false;
        } else if (c === ",") {
            expectKey = open[open.length - 1] instanceof Set;
        } else if (c === '"') {
            let j = i + 1;
            while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
            const keys = open[open.length - 1];
            if (expectKey && keys) {
                const key = JSON.parse(text.slice(i, j + 1)) as string;
                if (keys.has(key)) return key;
                keys.add(key);
            }
            expectKey = false;
            i = j;
        }
    }
    return undefined;
}

export function iamPolicyJsonProblem(value: string): string | undefined {
    if (value.length < 1) return "is an empty string, which is not a valid JSON value";
    const first = value[0];
    if (first !== "{") {
        if (" \t\r\n".includes(first)) return "contains an invalid JSON policy: leading space characters are not allowed";
        if (first === '"') return "contains an invalid JSON policy: contains a JSON-encoded string, not a JSON-encoded object";
        if (first === "[") return "contains an invalid JSON policy: contains a JSON array, not a JSON object";
        return "contains an invalid JSON policy: not a JSON object";
    }
    try {
        JSON.parse(value);
    } catch (err) {
        return `contains an invalid JSON policy: ${(err as Error).message}`;
    }
    const duplicate = duplicateJsonKey(value);
    return duplicate === undefined ? undefined : `contains duplicate JSON keys: duplicate key "${duplicate}"`;
}

export function jsonProblem(value: string): string | undefined {
    if (value === "") return undefined;
    try {
        JSON.parse(value);
        return undefined;
    } catch (err) {
        return `contains an invalid JSON: ${(err as Error).message}`;
    }
}
