// What the cloud would compute for each resource type: ids, ARNs and the other outputs
// programs read. Formats follow the AWS documentation for each service's ARNs.

import type { TargetContext } from "./context";
import { stableAlnum, stableHex, stableUuid } from "./ids";

export interface ResourceFacts {
    urn: string;
    type: string;
    /** Logical (Pulumi) name. */
    name: string;
    inputs: Record<string, any>;
    ctx: TargetContext;
}

export interface MockedOutputs {
    id: string;
    /** Computed outputs, merged over the inputs. */
    outputs: Record<string, unknown>;
}

type Rule = (f: ResourceFacts) => MockedOutputs;

/** The provider's auto-naming: logical name plus a random suffix, here derived from the URN. */
export function physicalName(f: ResourceFacts, key = "name", maxLength = 255): string {
    const given = f.inputs[key];
    if (typeof given === "string" && given !== "") {
        return given;
    }
    const prefix = typeof f.inputs[`${key}Prefix`] === "string" ? f.inputs[`${key}Prefix`] : `${f.name}-`;
    return `${prefix}${stableHex(f.urn, 7)}`.slice(0, maxLength);
}

function arn(f: ResourceFacts, service: string, resource: string, opts: { region?: boolean; account?: boolean } = {}): string {
    const region = opts.region === false ? "" : f.ctx.region;
    const account = opts.account === false ? "" : f.ctx.accountId;
    return `arn:${f.ctx.partition}:${service}:${region}:${account}:${resource}`;
}

function restApiIdOf(f: ResourceFacts): string {
    return typeof f.inputs.restApi === "string" ? f.inputs.restApi : "unknown-api";
}

const apigw = (f: ResourceFacts, path: string) => arn(f, "apigateway", path, { account: false });

const rules: Record<string, Rule> = {
    "aws:apigateway/restApi:RestApi": (f) => {
        const id = stableAlnum(f.urn, 10);
        return {
            id,
            outputs: {
                name: physicalName(f),
                arn: apigw(f, `/restapis/${id}`),
                executionArn: arn(f, "execute-api", id),
                rootResourceId: stableAlnum(`${f.urn}/root`, 10),
                createdDate: "2026-01-01T00:00:00Z",
            },
        };
    },
    "aws:apigateway/deployment:Deployment": (f) => ({ id: stableAlnum(f.urn, 6), outputs: { createdDate: "2026-01-01T00:00:00Z" } }),
    "aws:apigateway/stage:Stage": (f) => {
        const api = restApiIdOf(f);
        const stage = String(f.inputs.stageName ?? f.name);
        return {
            id: `ags-${api}-${stage}`,
            outputs: {
                arn: apigw(f, `/restapis/${api}/stages/${stage}`),
                executionArn: arn(f, "execute-api", `${api}/${stage}`),
                invokeUrl: `https://${api}.execute-api.${f.ctx.region}.amazonaws.com/${stage}`,
            },
        };
    },
    "aws:apigateway/usagePlan:UsagePlan": (f) => {
        const id = stableAlnum(f.urn, 6);
        return { id, outputs: { arn: apigw(f, `/usageplans/${id}`) } };
    },
    "aws:apigateway/apiKey:ApiKey": (f) => {
        const id = stableAlnum(f.urn, 10);
        return {
            id,
            outputs: {
                name: physicalName(f),
                arn: apigw(f, `/apikeys/${id}`),
                value: f.inputs.value ?? stableAlnum(`${f.urn}/value`, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            },
        };
    },
    "aws:apigateway/vpcLink:VpcLink": (f) => {
        const id = stableAlnum(f.urn, 6);
        return { id, outputs: { arn: apigw(f, `/vpclinks/${id}`) } };
    },
    "aws:apigateway/authorizer:Authorizer": (f) => {
        const id = stableAlnum(f.urn, 6);
        return { id, outputs: { arn: apigw(f, `/restapis/${restApiIdOf(f)}/authorizers/${id}`) } };
    },
    "aws:apigateway/domainName:DomainName": (f) => {
        const domain = String(f.inputs.domainName ?? `${f.name}.example.com`);
        return {
            id: domain,
            outputs: {
                arn: apigw(f, `/domainnames/${domain}`),
                regionalDomainName: `d-${stableAlnum(f.urn, 10)}.execute-api.${f.ctx.region}.amazonaws.com`,
                regionalZoneId: "Z2FDTNDATAQYW2",
                cloudfrontDomainName: `${stableAlnum(f.urn, 13)}.cloudfront.net`,
                cloudfrontZoneId: "Z2FDTNDATAQYW2",
            },
        };
    },
    "aws:lambda/function:Function": (f) => {
        const name = physicalName(f, "name", 64);
        const functionArn = arn(f, "lambda", `function:${name}`);
        return {
            id: name,
            outputs: {
                name,
                arn: functionArn,
                qualifiedArn: `${functionArn}:$LATEST`,
                invokeArn: `arn:${f.ctx.partition}:apigateway:${f.ctx.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
                version: "$LATEST",
            },
        };
    },
    "aws:iam/role:Role": (f) => {
        const name = physicalName(f, "name", 64);
        const rolePath = typeof f.inputs.path === "string" ? f.inputs.path : "/";
        return {
            id: name,
            outputs: { name, arn: arn(f, "iam", `role${rolePath}${name}`, { region: false }), uniqueId: `AROA${stableAlnum(f.urn, 17).toUpperCase()}` },
        };
    },
    "aws:iam/policy:Policy": (f) => {
        const name = physicalName(f, "name", 128);
        const policyArn = arn(f, "iam", `policy/${name}`, { region: false });
        return { id: policyArn, outputs: { name, arn: policyArn, policyId: `ANPA${stableAlnum(f.urn, 17).toUpperCase()}` } };
    },
    "aws:kms/key:Key": (f) => {
        const keyId = stableUuid(f.urn);
        return { id: keyId, outputs: { keyId, arn: arn(f, "kms", `key/${keyId}`) } };
    },
    "aws:kms/alias:Alias": (f) => {
        const name = physicalName(f);
        return { id: name, outputs: { name, arn: arn(f, "kms", name) } };
    },
    "aws:backup/vault:Vault": (f) => {
        const name = physicalName(f, "name", 50);
        return { id: name, outputs: { name, arn: arn(f, "backup", `backup-vault:${name}`), recoveryPoints: 0 } };
    },
    "aws:backup/plan:Plan": (f) => {
        const id = stableUuid(f.urn);
        return { id, outputs: { arn: arn(f, "backup", `backup-plan:${id}`), version: stableHex(`${f.urn}/v`, 32) } };
    },
    "aws:backup/selection:Selection": (f) => ({ id: stableUuid(f.urn), outputs: {} }),
    "aws:backup/framework:Framework": (f) => {
        const name = physicalName(f);
        return { id: name, outputs: { arn: arn(f, "backup", `framework:${name}-${stableUuid(f.urn)}`), deploymentStatus: "COMPLETED", status: "ACTIVE" } };
    },
    "aws:backup/reportPlan:ReportPlan": (f) => {
        const name = physicalName(f);
        return { id: name, outputs: { arn: arn(f, "backup", `report-plan:${name}-${stableUuid(f.urn)}`), deploymentStatus: "COMPLETED" } };
    },
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": (f) => {
        const name = physicalName(f);
        return { id: name, outputs: { arn: arn(f, "backup", `restore-testing-plan:${name}-${stableAlnum(f.urn, 8)}`) } };
    },
    "aws:sns/topic:Topic": (f) => {
        const name = physicalName(f, "name", 256);
        const topicArn = arn(f, "sns", name);
        return { id: topicArn, outputs: { name, arn: topicArn } };
    },
    "aws:s3/bucket:Bucket": (f) => bucketOutputs(f),
    "aws:s3/bucketV2:BucketV2": (f) => bucketOutputs(f),
    "aws:cloudwatch/logGroup:LogGroup": (f) => {
        const name = physicalName(f, "name", 512);
        return { id: name, outputs: { name, arn: arn(f, "logs", `log-group:${name}`) } };
    },
    "aws:organizations/policy:Policy": (f) => {
        const id = `p-${stableAlnum(f.urn, 8)}`;
        const kind = String(f.inputs.type ?? "SERVICE_CONTROL_POLICY").toLowerCase();
        return {
            id,
            outputs: { arn: arn(f, "organizations", `policy/${f.ctx.organizationId}/${kind}/${id}`, { region: false }) },
        };
    },
    "aws:cognito/userPool:UserPool": (f) => {
        const id = `${f.ctx.region}_${stableAlnum(f.urn, 9, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;
        return {
            id,
            outputs: {
                arn: arn(f, "cognito-idp", `userpool/${id}`),
                endpoint: `cognito-idp.${f.ctx.region}.amazonaws.com/${id}`,
            },
        };
    },
    "aws:cognito/userPoolClient:UserPoolClient": (f) => ({
        id: stableAlnum(f.urn, 26),
        // Confidential clients get a generated secret; the provider marks it secret.
        outputs: f.inputs.generateSecret === true ? { clientSecret: stableAlnum(`${f.urn}/secret`, 51) } : {},
    }),
    "aws:ec2/vpc:Vpc": (f) => {
        const id = `vpc-${stableHex(f.urn, 17)}`;
        return { id, outputs: { arn: arn(f, "ec2", `vpc/${id}`), defaultSecurityGroupId: `sg-${stableHex(`${f.urn}/sg`, 17)}` } };
    },
    "aws:ec2/subnet:Subnet": (f) => {
        const id = `subnet-${stableHex(f.urn, 17)}`;
        return { id, outputs: { arn: arn(f, "ec2", `subnet/${id}`) } };
    },
    "aws:ec2/securityGroup:SecurityGroup": (f) => {
        const id = `sg-${stableHex(f.urn, 17)}`;
        return { id, outputs: { arn: arn(f, "ec2", `security-group/${id}`), name: physicalName(f) } };
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": (f) => {
        const id = `vpce-${stableHex(f.urn, 17)}`;
        const service = String(f.inputs.serviceName ?? "service");
        return {
            id,
            outputs: {
                arn: arn(f, "ec2", `vpc-endpoint/${id}`),
                dnsEntries: [{ dnsName: `${id}-${stableAlnum(f.urn, 8)}.${service.split(".").pop()}.${f.ctx.region}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }],
                networkInterfaceIds: [`eni-${stableHex(`${f.urn}/eni`, 17)}`],
            },
        };
    },
    "aws:ec2/vpcEndpointService:VpcEndpointService": (f) => {
        const id = `vpce-svc-${stableHex(f.urn, 17)}`;
        return { id, outputs: { arn: arn(f, "ec2", `vpc-endpoint-service/${id}`), serviceName: `com.amazonaws.vpce.${f.ctx.region}.${id}` } };
    },
    // The endpoint's DNS name carries a wildcard label: clients connect to
    // <random>.cvpn-endpoint-<id>.prod.clientvpn.<region>.amazonaws.com (AWS Client VPN
    // Administrator Guide, cvpn-working-endpoint-export.html: `remote-random-hostname`). The ARN
    // is the one the provider builds (internal/service/ec2/vpnclient_endpoint.go, Read).
    "aws:ec2clientvpn/endpoint:Endpoint": (f) => {
        const id = `cvpn-endpoint-${stableHex(f.urn, 17)}`;
        return {
            id,
            outputs: { arn: arn(f, "ec2", `client-vpn-endpoint/${id}`), dnsName: `*.${id}.prod.clientvpn.${f.ctx.region}.amazonaws.com` },
        };
    },
    "aws:lb/loadBalancer:LoadBalancer": (f) => {
        const name = physicalName(f, "name", 32);
        const kind = f.inputs.loadBalancerType === "network" ? "net" : f.inputs.loadBalancerType === "gateway" ? "gwy" : "app";
        const lbArn = arn(f, "elasticloadbalancing", `loadbalancer/${kind}/${name}/${stableHex(f.urn, 16)}`);
        return { id: lbArn, outputs: { name, arn: lbArn, dnsName: `${name}-${stableHex(f.urn, 16)}.elb.${f.ctx.region}.amazonaws.com` } };
    },
    "aws:lb/targetGroup:TargetGroup": (f) => {
        const name = physicalName(f, "name", 32);
        const tgArn = arn(f, "elasticloadbalancing", `targetgroup/${name}/${stableHex(f.urn, 16)}`);
        return { id: tgArn, outputs: { name, arn: tgArn } };
    },
    "aws:wafv2/webAcl:WebAcl": (f) => {
        const name = physicalName(f, "name", 128);
        const id = stableUuid(f.urn);
        const scope = f.inputs.scope === "CLOUDFRONT" ? "global" : "regional";
        return { id, outputs: { name, arn: arn(f, "wafv2", `${scope}/webacl/${name}/${id}`) } };
    },
    // awsx's Vpc is a component implemented inside its provider plugin; offline, only its
    // outputs exist, never the subnets and gateways it would create.
    "awsx:ec2:Vpc": (f) => {
        const vpcId = `vpc-${stableHex(f.urn, 17)}`;
        const azs = ["a", "b", "c"].slice(0, Number(f.inputs.numberOfAvailabilityZones ?? 2));
        return {
            id: "",
            outputs: {
                vpcId,
                privateSubnetIds: azs.map((az) => `subnet-${stableHex(`${f.urn}/private/${az}`, 17)}`),
                publicSubnetIds: azs.map((az) => `subnet-${stableHex(`${f.urn}/public/${az}`, 17)}`),
                isolatedSubnetIds: [],
                natGateways: [],
                internetGateway: undefined,
                eips: [],
                routeTables: [],
                subnets: [],
                vpc: undefined,
                vpcEndpoints: [],
            },
        };
    },
};

function bucketOutputs(f: ResourceFacts): MockedOutputs {
    const bucket = physicalName(f, "bucket", 63).toLowerCase();
    return {
        id: bucket,
        outputs: {
            bucket,
            arn: `arn:${f.ctx.partition}:s3:::${bucket}`,
            bucketDomainName: `${bucket}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${bucket}.s3.${f.ctx.region}.amazonaws.com`,
            region: f.ctx.region,
        },
    };
}

/**
 * Outputs for any resource. Types without a rule get a stable id and their inputs back,
 * which is what a preview shows for them too.
 */
export function mockResourceOutputs(f: ResourceFacts): MockedOutputs {
    const rule = rules[f.type];
    if (rule) {
        return rule(f);
    }
    return { id: `${f.name}-${stableHex(f.urn, 8)}`, outputs: {} };
}
