// The provider's shared string validators, transcribed:
// - `verify.ValidARN` (internal/verify/validate.go): parses with aws-sdk-go's `arn.Parse` (an
//   `arn:` prefix and six colon-separated sections), then checks the partition
//   (`^aws(-[a-z]+)*$`), the region when present (`^[a-z]{2}(-[a-z]+)+-\d$`), the account when
//   present (`^(aws|aws-managed|third-party|\d{12}|cw.{10})$`) and a non-empty resource.
//   An empty string passes.
// - `verify.ValidIAMPolicyJSON` (same file): not empty, starts with `{` (no leading space), valid
//   JSON, no duplicate keys.
// - `validation.StringIsJSON` (terraform-plugin-sdk helper/validation): valid JSON or empty.
// - CIDR blocks, all parsed as Go's `net.ParseCIDR` does (an IP address, `/`, a decimal prefix no
//   longer than the address; IPv4 octets without leading zeros):
//   - `validation.IsCIDR` (helper/validation/network.go): parses, nothing more; a host address
//     such as 10.0.0.1/22 passes.
//   - `verify.ValidCIDRNetworkAddress` (internal/verify/validate.go, through
//     `types.ValidateCIDRBlock`): parses, and is the network address of its block.
//   - `fwvalidators.IPv4CIDRNetworkAddress` (internal/framework/validators): the same, IPv4 only.
//   IPv6 blocks are parsed but their network address is not judged here (gatevault writes IPv4
//   only): a rule may miss that refusal, never invent one.

import { isIPv6 } from "node:net";

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

const IPV4_CIDR = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(\d{1,3})$/;

/** An IPv4 block as numbers, or undefined when it does not parse as one. */
function parseIpv4Cidr(cidr: string): { address: number; bits: number } | undefined {
    const m = IPV4_CIDR.exec(cidr);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const bits = Number(m[5]);
    if (octets.some((o) => o > 255) || bits > 32) return undefined;
    return { address: octets.reduce((acc, o) => acc * 256 + o, 0), bits };
}

function parsesAsIpv6Cidr(cidr: string): boolean {
    const slash = cidr.lastIndexOf("/");
    const bits = cidr.slice(slash + 1);
    return slash > 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= 128 && isIPv6(cidr.slice(0, slash));
}

/** The block's own network address (`10.0.3.7/16` → `10.0.0.0/16`), or undefined when it is one. */
function ipv4NetworkProblem(cidr: string, block: { address: number; bits: number }): string | undefined {
    const size = 2 ** (32 - block.bits);
    const network = Math.floor(block.address / size) * size;
    if (network === block.address) return undefined;
    const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
    return `"${cidr}" is not a valid CIDR block; did you mean "${dotted}/${block.bits}"?`;
}

/** `validation.IsCIDR`. */
export function cidrProblem(cidr: string): string | undefined {
    return parseIpv4Cidr(cidr) || parsesAsIpv6Cidr(cidr) ? undefined : `"${cidr}" is not a valid CIDR block`;
}

/** `verify.ValidCIDRNetworkAddress` (IPv6: parsed only, see the header). */
export function cidrNetworkAddressProblem(cidr: string): string | undefined {
    const block = parseIpv4Cidr(cidr);
    if (block) return ipv4NetworkProblem(cidr, block);
    return parsesAsIpv6Cidr(cidr) ? undefined : `"${cidr}" is not a valid CIDR block`;
}

/** `fwvalidators.IPv4CIDRNetworkAddress`: refuses 10.0.0.1/8 ("did you mean 10.0.0.0/8?"). */
export function ipv4CidrProblem(cidr: string): string | undefined {
    const block = parseIpv4Cidr(cidr);
    return block ? ipv4NetworkProblem(cidr, block) : `"${cidr}" is not a valid IPv4 CIDR block`;
}
