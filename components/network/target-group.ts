// The target group's health check and target registrations, from config.

import type * as aws from "../shared/aws";
import type { HealthCheckConfig, LoadBalancerConfig, TargetConfig } from "../config/network";

export function healthCheckArgs(hc: HealthCheckConfig): aws.types.input.lb.TargetGroupHealthCheck {
    const http = hc.protocol !== "TCP";
    return {
        enabled: true,
        protocol: hc.protocol,
        port: String(hc.port),
        path: http ? (hc.path ?? "/") : undefined,
        matcher: http ? (hc.matcher ?? "200-399") : undefined,
        interval: hc.intervalSeconds,
        timeout: hc.timeoutSeconds,
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
    };
}

export interface TargetRegistration {
    /** Stable part of the attachment's resource name: the target and port, not its position. */
    key: string;
    targetId: string;
    port?: number;
    availabilityZone?: string;
}

export function targetRegistrations(lb: LoadBalancerConfig): TargetRegistration[] {
    return lb.targetGroup.targets.map((t: TargetConfig) => {
        const targetId = (t.instanceId ?? t.ip)!;
        return {
            key: `${targetId.replace(/\./g, "-")}${t.port !== undefined ? `-${t.port}` : ""}`,
            targetId,
            port: t.port,
            availabilityZone: t.availabilityZone,
        };
    });
}
