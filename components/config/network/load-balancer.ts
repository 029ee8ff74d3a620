// Internal network load balancers gatevault creates: one listener, one target group with
// instance or IP targets and a health check. VPC links and endpoint services point at them
// by name.

import { z } from "zod";
import { certificateArnSchema, distinct, instanceIdSchema, ipv4Schema, subnetIdSchema } from "./ids";

export const listenerProtocols = ["TCP", "TLS", "UDP", "TCP_UDP"] as const;
export type ListenerProtocol = (typeof listenerProtocols)[number];

/** Which target-group protocols each listener protocol can forward to. */
export const targetProtocolsFor: Record<ListenerProtocol, readonly ListenerProtocol[]> = {
    TCP: ["TCP"],
    TLS: ["TCP", "TLS"],
    UDP: ["UDP", "TCP_UDP"],
    TCP_UDP: ["TCP_UDP"],
};

const portSchema = z.int().min(1).max(65535);

/**
 * Load balancer names become part of NLB and target group names, which AWS limits to 32
 * characters: with the `network-` prefix, `-tg` and Pulumi's 8-character suffix, 12 remain.
 */
export const loadBalancerNameSchema = z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/, "must be 2-12 lower-case letters, digits and hyphens, starting with a letter (NLB and target group names are limited to 32 characters)");

export const healthCheckSchema = z
    .strictObject({
        protocol: z.enum(["TCP", "HTTP", "HTTPS"]).default("TCP").describe("How targets are probed."),
        port: z.union([z.literal("traffic-port"), portSchema]).default("traffic-port").describe("`traffic-port` (the target's own port) or a port number."),
        path: z
            .string()
            .regex(/^\/[^\s]*$/, "must be a path starting with /")
            .max(1024)
            .optional()
            .describe("HTTP and HTTPS only: the path probed. Default: `/`."),
        matcher: z
            .string()
            .regex(/^[1-5]\d\d(-[1-5]\d\d)?(,[1-5]\d\d(-[1-5]\d\d)?)*$/, 'must be status codes such as "200", "200,204" or "200-399"')
            .optional()
            .describe('HTTP and HTTPS only: healthy status codes, such as `"200"` or `"200-399"`. Default: `200-399`.'),
        intervalSeconds: z.int().min(5).max(300).default(30).describe("Seconds between probes."),
        timeoutSeconds: z.int().min(2).max(120).default(10).describe("Seconds a probe may take; below `intervalSeconds`."),
        healthyThreshold: z.int().min(2).max(10).default(3).describe("Passed probes before a target counts as healthy."),
        unhealthyThreshold: z.int().min(2).max(10).default(3).describe("Failed probes before a target counts as unhealthy."),
    })
    .superRefine((hc, ctx) => {
        const http = hc.protocol !== "TCP";
        for (const field of ["path", "matcher"] as const) {
            if (!http && hc[field] !== undefined) {
                ctx.addIssue({ code: "custom", path: [field], message: "is only used by HTTP and HTTPS health checks (protocol is TCP)", input: hc[field] });
            }
        }
        if (hc.timeoutSeconds >= hc.intervalSeconds) {
            ctx.addIssue({
                code: "custom",
                path: ["timeoutSeconds"],
                message: `must be < intervalSeconds (got ${hc.timeoutSeconds} >= ${hc.intervalSeconds})`,
                input: hc.timeoutSeconds,
            });
        }
    });

export const targetSchema = z
    .strictObject({
        instanceId: instanceIdSchema.optional().describe("Instance targets: the instance id. Exactly one of `instanceId` and `ip`."),
        ip: ipv4Schema.optional().describe("IP targets: the address."),
        port: portSchema.optional().describe("Port on the target. Default: the target group's port."),
        availabilityZone: z.literal("all").optional().describe("IP targets outside the VPC (peered or on-premises): `all`."),
    })
    .superRefine((t, ctx) => {
        if ((t.instanceId === undefined) === (t.ip === undefined)) {
            ctx.addIssue({ code: "custom", path: ["instanceId"], message: "needs exactly one of instanceId or ip", input: t });
        }
        if (t.availabilityZone !== undefined && t.ip === undefined) {
            ctx.addIssue({ code: "custom", path: ["availabilityZone"], message: "is only used by IP targets", input: t.availabilityZone });
        }
    });

export const targetGroupSchema = z
    .strictObject({
        targetType: z.enum(["instance", "ip"]).describe("Whether targets are instances or IP addresses."),
        port: portSchema.describe("Port the targets listen on."),
        protocol: z.enum(listenerProtocols).optional().describe("Default: the listener's protocol (TCP behind a TLS listener)."),
        healthCheck: healthCheckSchema.prefault({}).describe("How the NLB decides a target is healthy."),
        deregistrationDelaySeconds: z.int().min(0).max(3600).default(30).describe("Seconds in-flight requests get when a target is deregistered."),
        targets: z.array(targetSchema).default([]).describe("Targets registered here, or none for a service (ECS, Auto Scaling) that registers itself."),
    })
    .superRefine((tg, ctx) => {
        const keys = new Map<string, number>();
        tg.targets.forEach((t, i) => {
            const field = t.instanceId !== undefined ? "instanceId" : "ip";
            if (t[field] !== undefined && (field === "instanceId") !== (tg.targetType === "instance")) {
                ctx.addIssue({ code: "custom", path: ["targets", i, field], message: `does not fit targetType ${tg.targetType}`, input: t[field] });
            }
            const key = `${t.instanceId ?? t.ip}:${t.port ?? tg.port}`;
            const first = keys.get(key);
            if (first !== undefined) {
                ctx.addIssue({ code: "custom", path: ["targets", i], message: `registers the same target and port as targets[${first}] (${key})`, input: key });
            } else {
                keys.set(key, i);
            }
        });
    });

export const listenerSchema = z
    .strictObject({
        port: portSchema.describe("The port the NLB listens on."),
        protocol: z.enum(listenerProtocols).default("TCP").describe("VPC links need TCP or TLS."),
        certificateArn: certificateArnSchema.optional().describe("TLS (required there): the ACM certificate the listener presents, in the stack's region and account."),
        sslPolicy: z
            .string()
            .regex(/^ELBSecurityPolicy-TLS13?-1-[23]-/, "must be a TLS 1.2 or TLS 1.3 ELB security policy such as ELBSecurityPolicy-TLS13-1-2-2021-06")
            .optional()
            .describe("TLS: the security policy. Default: `ELBSecurityPolicy-TLS13-1-2-2021-06` (TLS 1.3 with TLS 1.2 fallback)."),
    })
    .superRefine((l, ctx) => {
        if (l.protocol === "TLS" && l.certificateArn === undefined) {
            ctx.addIssue({ code: "custom", path: ["certificateArn"], message: "is required for a TLS listener", input: undefined });
        }
        for (const field of ["certificateArn", "sslPolicy"] as const) {
            if (l.protocol !== "TLS" && l[field] !== undefined) {
                ctx.addIssue({ code: "custom", path: [field], message: `is only used by TLS listeners (protocol is ${l.protocol})`, input: l[field] });
            }
        }
    });

export const loadBalancerSchema = z
    .strictObject({
        subnetIds: distinct(subnetIdSchema).min(1).optional().describe("Subnets of the internal NLB. Default: the VPC's private subnets."),
        crossZone: z.boolean().default(true).describe("Spread each zone's traffic over targets in every zone."),
        deletionProtection: z.boolean().optional().describe("Default: on in prod stacks, off elsewhere."),
        listener: listenerSchema.describe("The one listener."),
        targetGroup: targetGroupSchema.describe("The one target group the listener forwards to."),
    })
    .superRefine((lb, ctx) => {
        const allowed = targetProtocolsFor[lb.listener.protocol];
        const protocol = lb.targetGroup.protocol;
        if (protocol !== undefined && !allowed.includes(protocol)) {
            ctx.addIssue({
                code: "custom",
                path: ["targetGroup", "protocol"],
                message: `must be ${allowed.join(" or ")} behind a ${lb.listener.protocol} listener (got ${protocol})`,
                input: protocol,
            });
        }
    });

/** The target group's protocol: as configured, or what the listener forwards by default. */
export function targetProtocolOf(lb: LoadBalancerConfig): ListenerProtocol {
    return lb.targetGroup.protocol ?? (lb.listener.protocol === "TLS" ? "TCP" : lb.listener.protocol);
}

export type LoadBalancerConfig = z.output<typeof loadBalancerSchema>;
export type HealthCheckConfig = z.output<typeof healthCheckSchema>;
export type TargetConfig = z.output<typeof targetSchema>;
