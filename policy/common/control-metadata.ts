// A rule's control ids (`<framework>:<id>`, ../types.ts) in @pulumi/policy's own metadata fields,
// which the pack returns from GetAnalyzerInfo and `pulumi policy publish` uploads with each policy
// (@pulumi/policy 1.21 protoutil.js makeAnalyzerInfo; pulumi/pulumi
// pkg/backend/httpstate/client/client.go PublishPolicyPack sends severity, framework, tags,
// remediationSteps and url per policy), so the Pulumi CLI and Pulumi Cloud show them:
// - tags: every control id, as the rule lists it;
// - framework: @pulumi/policy has one per policy, so it holds the control the rule lists first:
//   the framework's name, the control's id as the reference, and the page that specifies it. The
//   controls carry no version of their own; version stays empty, and @pulumi/policy leaves empty
//   fields out of the message.
// severity and remediationSteps are @pulumi/policy fields already; every rule sets both.

import type { PolicyComplianceFramework } from "@pulumi/policy";

interface Framework {
    name: string;
    /** Where the control with this id is specified. */
    specification(id: string): string | undefined;
}

// Pages checked 2026-12: Security Hub's per-service control pages anchor each control as
// `<service>-<n>` (securityhub/latest/userguide/apigateway-controls.html#apigateway-1); each AWS
// Config managed rule has a page named after it; Control Tower's API Gateway page anchors each
// control as `ct-apigateway-pr-<n>-description`.
const FRAMEWORKS: Record<string, Framework> = {
    SecurityHub: {
        name: "AWS Security Hub",
        specification: (id) => {
            const [service, n] = id.split(".");
            return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service.toLowerCase()}-controls.html#${service.toLowerCase()}-${n}`;
        },
    },
    AWSConfig: {
        name: "AWS Config managed rules",
        specification: (id) => `https://docs.aws.amazon.com/config/latest/developerguide/${id}.html`,
    },
    BackupAuditManager: {
        name: "AWS Backup Audit Manager",
        specification: () => "https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html",
    },
    ControlTower: {
        name: "AWS Control Tower",
        specification: (id) =>
            id.startsWith("CT.APIGATEWAY.")
                ? `https://docs.aws.amazon.com/controltower/latest/controlreference/api-gateway-rules.html#${id.toLowerCase().replace(/\./g, "-")}-description`
                : undefined,
    },
    Checkov: {
        name: "Checkov",
        specification: () => "https://www.checkov.io/5.Policy%20Index/terraform.html",
    },
    "cdk-nag": {
        name: "cdk-nag",
        specification: () => "https://github.com/cdklabs/cdk-nag/blob/main/RULES.md",
    },
};

/** The framework a control id names, or undefined for a framework (or page) this file does not know. */
export function complianceFramework(control: string): PolicyComplianceFramework | undefined {
    const colon = control.indexOf(":");
    const framework = FRAMEWORKS[control.slice(0, colon)];
    const id = control.slice(colon + 1);
    const specification = framework && colon > 0 ? framework.specification(id) : undefined;
    return specification ? { name: framework.name, version: "", reference: id, specification } : undefined;
}

/** The policy with its controls in @pulumi/policy's `tags` and `framework`. */
export function withControlMetadata<P extends { controls: readonly string[] }>(policy: P): P & { tags: string[]; framework?: PolicyComplianceFramework } {
    const framework = policy.controls.length > 0 ? complianceFramework(policy.controls[0]) : undefined;
    return { ...policy, tags: [...policy.controls], ...(framework ? { framework } : {}) };
}
