// Identifiers and addresses the network config takes: EC2 ids, load balancer and certificate
// ARNs, IPv4 addresses and CIDR blocks. Pure checks, shared by the schema and the components.

import { z } from "zod";
import { VPC_ENDPOINT_ID } from "../api/references";
import { checkedString } from "../primitives";

const ec2Id = (prefix: string, example: string) =>
    z.string().regex(new RegExp(`^${prefix}-[0-9a-f]{8,17}$`), `must be an id such as ${example}`);

export const vpcIdSchema = ec2Id("vpc", "vpc-0a1b2c3d4e5f60718");
export const subnetIdSchema = ec2Id("subnet", "subnet-0a1b2c3d4e5f60718");
export const securityGroupIdSchema = ec2Id("sg", "sg-0a1b2c3d4e5f60718");
export const instanceIdSchema = ec2Id("i", "i-0a1b2c3d4e5f60718");
export const vpcEndpointIdSchema = z.string().regex(VPC_ENDPOINT_ID, "must be an id such as vpce-0a1b2c3d4e5f60718");

/** `arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>`: network load balancers only. */
export const NLB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d):(\d{12}):loadbalancer\/net\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;

export const nlbArnSchema = z
    .string()
    .regex(NLB_ARN, "must be a network load balancer ARN (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>)");

/** The region and account an NLB ARN names. */
export function nlbArnParts(arn: string): { region: string; accountId: string } | undefined {
    const match = NLB_ARN.exec(arn);
    return match ? { region: match[1], accountId: match[2] } : undefined;
}

export interface LoadBalancerArnRef {
    arn: string;
    /** Under gatevault:network. */
    path: (string | number)[];
    kind: "vpcLink" | "endpointService";
}

/** Every load balancer the network names by ARN: VPC links' first, then endpoint services'. */
export function loadBalancerArnRefs(network: {
    vpcLinks: Record<string, { loadBalancerArn?: string }>;
    endpointServices: Record<string, { loadBalancerArns?: string[] }>;
}): LoadBalancerArnRef[] {
    const refs: LoadBalancerArnRef[] = [];
    for (const [name, link] of Object.entries(network.vpcLinks)) {
        if (link.loadBalancerArn) refs.push({ arn: link.loadBalancerArn, path: ["vpcLinks", name, "loadBalancerArn"], kind: "vpcLink" });
    }
    for (const [name, svc] of Object.entries(network.endpointServices)) {
        svc.loadBalancerArns?.forEach((arn, i) => refs.push({ arn, path: ["endpointServices", name, "loadBalancerArns", i], kind: "endpointService" }));
    }
    return refs;
}

export const certificateArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, "must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)");

/** An IPv4 address as a 32-bit number, or undefined when the text is not one. */
export function parseIpv4(text: string): number | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) {
        return undefined;
    }
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export interface Cidr {
    base: number;
    prefix: number;
}

/** A CIDR block, or a message saying what is wrong with it. */
export function parseCidr(text: string): Cidr | string {
    const [address, prefixText, extra] = text.split("/");
    const base = parseIpv4(address ?? "");
    const prefix = /^\d{1,2}$/.test(prefixText ?? "") ? Number(prefixText) : NaN;
    if (extra !== undefined || base === undefined || !(prefix >= 0 && prefix <= 32)) {
        return "must be an IPv4 CIDR block such as 10.20.0.0/16";
    }
    const size = 2 ** (32 - prefix);
    if (base % size !== 0) {
        const network = base - (base % size);
        return `must start at its network address (${formatIpv4(network)}/${prefix}, not ${text})`;
    }
    return { base, prefix };
}

export function formatIpv4(n: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

export function cidrContains(cidr: Cidr, address: number): boolean {
    const size = 2 ** (32 - cidr.prefix);
    return address >= cidr.base && address < cidr.base + size;
}

export const cidrSchema = checkedString((value) => {
    const parsed = parseCidr(value);
    return typeof parsed === "string" ? parsed : undefined;
});

export const ipv4Schema = z.string().refine((value) => parseIpv4(value) !== undefined, "must be an IPv4 address such as 10.20.1.15");

/** Lists whose entries must be distinct (subnets, CIDRs, security groups). */
export function distinct<T extends z.ZodType<string>>(item: T) {
    return z.array(item).superRefine((values, ctx) => {
        values.forEach((value, i) => {
            const first = values.indexOf(value);
            if (first !== i) {
                ctx.addIssue({ code: "custom", path: [i], message: `duplicates entry [${first}] ("${value}")`, input: value });
            }
        });
    });
}
