// Invalid stack configs and the problem each must produce: shared by the pure parser tests
// and the plan tests that check exit code 2 and an empty plan.

import { withOrgPolicies } from "../org-policy/fixtures";

export interface InvalidConfigCase {
    name: string;
    edit: (config: Record<string, any>) => void;
    path: string;
    message: RegExp;
}

export const invalidConfigCases: InvalidConfigCase[] = [
    {
        // An unquoted id with a leading zero loses it in YAML: 012345678901 reads as 12345678901.
        name: "wrong type: account id as an unquoted number",
        edit: (c) => (c["gatevault:accountId"] = 12345678901),
        path: "gatevault:accountId",
        message: /12-digit AWS account id/,
    },
    {
        name: "wrong type: throttle as a string",
        edit: (c) => (c["gatevault:apis"][0].throttle = "fast"),
        path: "gatevault:apis[0].throttle",
        message: /must be an object \(got "fast"\)/,
    },
    {
        name: "unknown top-level key",
        edit: (c) => (c["gatevault:apiz"] = []),
        path: "gatevault:apiz",
        message: /unknown key \(did you mean "apis"\?\)/,
    },
    {
        name: "unknown nested key",
        edit: (c) => (c["gatevault:apis"][0].throtle = { rateLimit: 1, burstLimit: 1 }),
        path: "gatevault:apis[0].throtle",
        message: /unknown key \(did you mean "throttle"\?\)/,
    },
    {
        name: "missing required: environment",
        edit: (c) => delete c["gatevault:environment"],
        path: "gatevault:environment",
        message: /is required/,
    },
    {
        name: "missing required: aws:region",
        edit: (c) => delete c["aws:region"],
        path: "aws:region",
        message: /is required/,
    },
    {
        name: "missing required: rateLimit",
        edit: (c) => delete c["gatevault:apis"][0].throttle.rateLimit,
        path: "gatevault:apis[0].throttle.rateLimit",
        message: /is required \(expected a number\)/,
    },
    {
        name: "out of range: negative rate",
        edit: (c) => (c["gatevault:apis"][0].throttle = { rateLimit: -1, burstLimit: 10 }),
        path: "gatevault:apis[0].throttle.rateLimit",
        message: /must be >= 0 \(got -1\)/,
    },
    {
        name: "out of range: fractional burst",
        edit: (c) => (c["gatevault:apis"][0].throttle = { rateLimit: 1, burstLimit: 2.5 }),
        path: "gatevault:apis[0].throttle.burstLimit",
        message: /must be a whole number \(got 2.5\)/,
    },
    {
        name: "bad enum: endpoint type in lower case",
        edit: (c) => (c["gatevault:apis"][0].endpointType = "regional"),
        path: "gatevault:apis[0].endpointType",
        message: /must be one of "EDGE", "REGIONAL", "PRIVATE" \(got "regional"\)/,
    },
    {
        name: "cross-field: burst below rate",
        edit: (c) => (c["gatevault:apis"][0].throttle = { rateLimit: 10, burstLimit: 5 }),
        path: "gatevault:apis[0].throttle.burstLimit",
        message: /^must be >= rateLimit \(got 5 < 10\)$/,
    },
    {
        name: "cross-field: duplicate API names",
        edit: (c) => c["gatevault:apis"].splice(1, 0, { ...c["gatevault:apis"][0] }),
        path: "gatevault:apis[1].name",
        message: /duplicates the name of apis\[0\]/,
    },
    {
        name: "secret-only: API key values in plaintext",
        edit: (c) => (c["gatevault:apiKeys"] = { "qa-team": "plaintext-key-value-0123456789" }),
        path: "gatevault:apiKeys",
        message: /must be stored encrypted/,
    },
    {
        name: "cross-field: PRIVATE API without VPC endpoints",
        edit: (c) => (c["gatevault:apis"][0].endpointType = "PRIVATE"),
        path: "gatevault:apis[0].vpcEndpointIds",
        message: /is required for PRIVATE APIs/,
    },
    {
        name: "cross-field: */* binary media type not forced",
        edit: (c) => (c["gatevault:apis"][0].binaryMediaTypes = ["*/*"]),
        path: "gatevault:apis[0].binaryMediaTypes[0]",
        message: /allowAnyBinaryMediaType: true/,
    },
    {
        name: "out of range: authorizer cache TTL above 3600 s",
        edit: (c) => (c["gatevault:apis"][0].authorizers.jwt.resultTtlSeconds = 7200),
        path: "gatevault:apis[0].authorizers.jwt.resultTtlSeconds",
        message: /must be <= 3600 \(got 7200\)/,
    },
    {
        name: "missing required: integration URI",
        edit: (c) => (c["gatevault:apis"][0].routes[1].integration = { type: "HTTP_PROXY" }),
        path: "gatevault:apis[0].routes[1].integration.uri",
        message: /is required for HTTP_PROXY integrations/,
    },
    {
        name: "cross-field: field of another integration type",
        edit: (c) => (c["gatevault:apis"][0].routes[0].integration.function = "orders-handler"),
        path: "gatevault:apis[0].routes[0].integration.function",
        message: /is not used by MOCK integrations \(only by LAMBDA\)/,
    },
    {
        name: "cross-field: wildcard CORS origin with credentials",
        edit: (c) => (c["gatevault:apis"][0].cors = { allowOrigins: ["*"], allowCredentials: true }),
        path: "gatevault:apis[0].cors.allowCredentials",
        message: /must be false when allowOrigins is \*/,
    },
    {
        name: "cross-field: client in a tier that does not exist",
        edit: (c) => (c["gatevault:apis"][0].clients["qa-team"].tier = "gold"),
        path: "gatevault:apis[0].clients.qa-team.tier",
        message: /names no tier in usagePlans/,
    },
    {
        name: "bad region code",
        edit: (c) => (c["aws:region"] = "Ireland"),
        path: "aws:region",
        message: /AWS region code .*got "Ireland"/,
    },
    {
        name: "reserved tag key",
        edit: (c) => (c["gatevault:tags"] = { "aws:owner": "me" }),
        path: "gatevault:tags.aws:owner",
        message: /reserved by AWS/,
    },
    // gatevault:backup (more cases, with the accepted edges, in tests/backup/config-validation.test.ts)
    {
        name: "backup: retention 89 days after cold storage",
        edit: (c) => (c["gatevault:backup"].plans[0].rules[0].lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 119 }),
        path: "gatevault:backup.plans[0].rules[0].lifecycle.deleteAfterDays",
        message: /^plan "standard" rule "daily": must be >= moveToColdStorageAfterDays \+ 90 \(got 119 < 30 \+ 90\)$/,
    },
    {
        name: "backup: continuous backup kept 36 days",
        edit: (c) => Object.assign(c["gatevault:backup"].plans[0].rules[0], { continuous: true, lifecycle: { deleteAfterDays: 36 } }),
        path: "gatevault:backup.plans[0].rules[0].lifecycle.deleteAfterDays",
        message: /must be <= 35 for continuous backups \(got 36\)/,
    },
    {
        name: "backup: start window of 59 minutes",
        edit: (c) => (c["gatevault:backup"].plans[0].rules[0].startWindowMinutes = 59),
        path: "gatevault:backup.plans[0].rules[0].startWindowMinutes",
        message: /must be a whole number >= 60 \(got 59\)/,
    },
    {
        name: "backup: 5-field cron schedule",
        edit: (c) => (c["gatevault:backup"].plans[0].rules[0].schedule = "cron(0 5 * * *)"),
        path: "gatevault:backup.plans[0].rules[0].schedule",
        message: /^plan "standard" rule "daily": must have 6 fields/,
    },
    {
        name: "backup: copy to the central vault when there is none",
        edit: (c) => (c["gatevault:backup"].plans[0].rules[0].copyTo = [{ central: true }]),
        path: "gatevault:backup.plans[0].rules[0].copyTo[0].central",
        message: /needs centralVault to be configured/,
    },
    {
        name: "backup: compliance-mode lock without a grace period",
        edit: (c) => (c["gatevault:backup"].vault.lock = { mode: "compliance", minRetentionDays: 7, maxRetentionDays: 365 }),
        path: "gatevault:backup.vault.lock.changeableForDays",
        message: /is required in compliance mode/,
    },
    {
        name: "backup: tier that is not a tier value",
        edit: (c) => (c["gatevault:backup"].plans[0].selection.tiers = ["Hourly"]),
        path: "gatevault:backup.plans[0].selection.tiers[0]",
        message: /must be one of tierTag.values/,
    },
    {
        name: "backup: unknown key in a plan",
        edit: (c) => (c["gatevault:backup"].plans[0].selections = {}),
        path: "gatevault:backup.plans[0].selections",
        message: /unknown key \(did you mean "selection"\?\)/,
    },
    {
        name: "org backup policy: a 5-field cron schedule",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].rules[0].schedule = "cron(0 3 * * *)")),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].rules[0].schedule",
        message: /must have 6 fields .*\(policy "workloads-backup", plan "Daily", rule "Nightly"\)$/,
    },
    {
        name: "org backup policy: deletion sooner than 90 days after cold storage",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].rules[0].lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 60 })),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].rules[0].lifecycle.deleteAfterDays",
        message: /must be >= moveToColdStorageAfterDays \+ 90 \(got 60 < 30 \+ 90\)/,
    },
    {
        name: "org backup policy: a vault name AWS rejects",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].rules[0].targetVaultName = "my vault")),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].rules[0].targetVaultName",
        message: /must be a backup vault name/,
    },
    {
        name: "org backup policy: a target outside the described organization",
        edit: withOrgPolicies((b) => (b.policies[0].targets = ["444444444444"])),
        path: "gatevault:orgBackupPolicies.policies[0].targets[0]",
        message: /declared under organization/,
    },
    {
        name: "org backup policy: unknown key in a plan",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].region = ["eu-west-1"])),
        path: "gatevault:orgBackupPolicies.policies[0].plans[0].region",
        message: /unknown key \(did you mean "regions"\?\)/,
    },
];

// JWT authorizers, uploads and Cognito (issue 4). Each edits the dev stack's own entries.
const authorizer = (c: Record<string, any>) => c["gatevault:jwtAuthorizers"][0];
const uploads = (c: Record<string, any>) => c["gatevault:uploads"];
const cognito = (c: Record<string, any>) => c["gatevault:cognito"];

invalidConfigCases.push(
    {
        name: "authorizer: plain-http issuer",
        edit: (c) => (authorizer(c).issuer = "http://auth.example.com/"),
        path: "gatevault:jwtAuthorizers[0].issuer",
        message: /must be an https:\/\/ URL \(got "http:\/\/auth.example.com\/"\)/,
    },
    {
        name: "authorizer: route that is not METHOD /path",
        edit: (c) => (authorizer(c).routes["FETCH /orders"] = { scopes: ["orders/read"] }),
        path: "gatevault:jwtAuthorizers[0].routes.FETCH /orders",
        message: /must start with one of GET, HEAD/,
    },
    {
        name: "authorizer: route nobody may call",
        edit: (c) => (authorizer(c).routes["GET /orders"] = {}),
        path: "gatevault:jwtAuthorizers[0].routes.GET /orders",
        message: /must list at least one scope or group/,
    },
    {
        name: "authorizer: HS256 among the algorithms",
        edit: (c) => (authorizer(c).algorithms = ["RS256", "HS256"]),
        path: "gatevault:jwtAuthorizers[0].algorithms[1]",
        message: /must be one of "RS256", "ES256" \(got "HS256"\)/,
    },
    {
        name: "authorizer: cache TTL above API Gateway's 3600 s",
        edit: (c) => (authorizer(c).resultTtlSeconds = 7200),
        path: "gatevault:jwtAuthorizers[0].resultTtlSeconds",
        message: /must be <= 3600 \(got 7200\)/,
    },
    {
        name: "authorizer: routes too large for a Lambda environment",
        edit: (c) => {
            for (let i = 0; i < 60; i++) authorizer(c).routes[`GET /reports/section-${i}/{reportId}`] = { scopes: ["reports/read-everything"] };
        },
        path: "gatevault:jwtAuthorizers[0].routes",
        message: /within Lambda's 4096-byte limit \(got \d+ bytes\); grant fewer, broader routes/,
    },
    {
        name: "authorizer: duplicate names",
        edit: (c) => c["gatevault:jwtAuthorizers"].push({ ...authorizer(c) }),
        path: "gatevault:jwtAuthorizers[1].name",
        message: /duplicates the name of jwtAuthorizers\[0\]/,
    },
    {
        name: "function: log retention CloudWatch does not offer",
        edit: (c) => (uploads(c).logRetentionDays = 10),
        path: "gatevault:uploads.logRetentionDays",
        message: /must be one of 1, 3, 5, 7, 14, 30.* \(got 10\)/,
    },
    {
        name: "uploads: part size below S3's 5 MiB minimum",
        edit: (c) => (uploads(c).limits.partSizeBytes = 1048576),
        path: "gatevault:uploads.limits.partSizeBytes",
        message: /must be >= 5242880 \(got 1048576\)/,
    },
    {
        name: "uploads: more parts than one response can carry",
        edit: (c) => (uploads(c).limits = { maxSinglePartBytes: 104857600, maxBytes: 1099511627776, partSizeBytes: 67108864 }),
        path: "gatevault:uploads.limits.partSizeBytes",
        message: /at most 1000 parts \(got 16384\)/,
    },
    {
        name: "uploads: content type with parameters",
        edit: (c) => (uploads(c).allowedContentTypes = ["text/csv; charset=utf-8"]),
        path: "gatevault:uploads.allowedContentTypes[0]",
        message: /lower-case media type without parameters/,
    },
    {
        name: "uploads: KMS key with SSE-S3",
        edit: (c) => (uploads(c).bucket = { encryption: "SSE-S3", kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/12345678-1234-1234-1234-123456789012" }),
        path: "gatevault:uploads.bucket.kmsKeyArn",
        message: /must be omitted unless encryption is SSE-KMS/,
    },
    {
        name: "uploads: misspelt bucket key",
        edit: (c) => (uploads(c).bucket.encrypton = "SSE-S3"),
        path: "gatevault:uploads.bucket.encrypton",
        message: /unknown key \(did you mean "encryption"\?\)/,
    },
    {
        name: "cognito: client credentials without a secret",
        edit: (c) => (cognito(c).client = { oauthFlows: ["client_credentials"] }),
        path: "gatevault:cognito.client.generateSecret",
        message: /must be true when oauthFlows includes client_credentials/,
    },
    {
        name: "cognito: existing pool with pool settings",
        edit: (c) => (cognito(c).existingUserPoolArn = "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbC123"),
        path: "gatevault:cognito.userPool",
        message: /must be omitted when existingUserPoolArn is set/,
    },
);

// Backup resources deployed into member accounts (issue 7): each edits the fixture's one
// marked account, payments-prod (333333333333), under the workloads OU.
const member = (b: Record<string, any>) => b.organization.accounts[0];
const MEMBER = "gatevault:orgBackupPolicies.organization.accounts[0]";

invalidConfigCases.push(
    {
        name: "member account: marked without its backup resources settings",
        edit: withOrgPolicies((b) => delete member(b).backupResources),
        path: `${MEMBER}.backupResources`,
        message: /^is required when deployBackupResources is true: \{ breakGlassRoleArn, lock\? \}/,
    },
    {
        name: "member account: settings without deployBackupResources",
        edit: withOrgPolicies((b) => (member(b).deployBackupResources = false)),
        path: `${MEMBER}.backupResources`,
        message: /^must be left out unless deployBackupResources is true/,
    },
    {
        name: "member account: break-glass role in another account",
        edit: withOrgPolicies((b) => (member(b).backupResources.breakGlassRoleArn = "arn:aws:iam::444444444444:role/backup-break-glass")),
        path: `${MEMBER}.backupResources.breakGlassRoleArn`,
        message: /^must be a role in account 333333333333, whose vaults it guards \(got account 444444444444\)$/,
    },
    {
        name: "member account: role to assume in another account",
        edit: withOrgPolicies((b) => (member(b).assumeRoleArn = "arn:aws:iam::444444444444:role/deployer")),
        path: `${MEMBER}.assumeRoleArn`,
        message: /^must be a role in account 333333333333 \(got account 444444444444\)$/,
    },
    {
        name: "member account: a vault in a region of another partition",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].regions = ["cn-north-1"])),
        path: `${MEMBER}.deployBackupResources`,
        message: /^cannot deploy vault "backups" in region cn-north-1: it is in partition aws-cn, and assumeRoleArn \(partition aws\) cannot reach it \(account 333333333333 "payments-prod"\)$/,
    },
    {
        name: "member account: a vault in a region the AWS provider does not know",
        edit: withOrgPolicies((b) => (b.policies[0].plans[0].rules[0].copyActions[0].targetVaultArn = "arn:aws:backup:eu-west-9:$account:backup-vault:backups-copy")),
        path: `${MEMBER}.deployBackupResources`,
        message: /^cannot deploy vault "backups-copy" in region eu-west-9: the AWS provider does not know that region/,
    },
    {
        name: "member account: a lock the effective retention breaks",
        edit: withOrgPolicies((b) => (member(b).backupResources.lock = { minRetentionDays: 7, maxRetentionDays: 100 })),
        path: `${MEMBER}.backupResources.lock`,
        message: /plan "daily" rule "nightly" deleteAfterDays must be <= the vault lock's maxRetentionDays, or AWS Backup fails the job \(got 120 > 100\)/,
    },
    {
        name: "member account: copies to another account without the organization id",
        edit: withOrgPolicies((b) => b.policies[0].plans[0].rules[0].copyActions.push({ targetVaultArn: "arn:aws:backup:eu-west-1:444444444444:backup-vault:central" })),
        path: "gatevault:orgBackupPolicies.organization.id",
        message: /^is required: account 333333333333 "payments-prod" copies to vaults in account 444444444444/,
    },
);

// Private connectivity (issue 5): the dev stack's private API (apis[1]) and gatevault:network.
const privateApi = (c: Record<string, any>) => c["gatevault:apis"].find((a: { name: string }) => a.name === "inventory");
const network = (c: Record<string, any>) => c["gatevault:network"];
const NLB_IN_OTHER_ACCOUNT = "arn:aws:elasticloadbalancing:eu-west-1:333333333333:loadbalancer/net/legacy/0123456789abcdef";

invalidConfigCases.push(
    {
        name: "network: VPC_LINK route without a link",
        edit: (c) => (privateApi(c).routes[0].integration = { type: "HTTP_PROXY", uri: "http://inventory.internal.example.com/items", connectionType: "VPC_LINK" }),
        path: "gatevault:apis[1].routes[0].integration.vpcLink",
        message: /VPC_LINK integrations need exactly one of vpcLink/,
    },
    {
        name: "network: route names a VPC link gatevault:network does not define",
        edit: (c) => (privateApi(c).routes[0].integration.vpcLink = "warehouse"),
        path: "gatevault:apis[1].routes[0].integration.vpcLink",
        message: /names no VPC link in gatevault:network.vpcLinks \(links: inventory\)/,
    },
    {
        name: "network: PRIVATE API names an endpoint gatevault:network does not define",
        edit: (c) => (privateApi(c).vpcEndpointIds = ["shared"]),
        path: "gatevault:apis[1].vpcEndpointIds[0]",
        message: /names no endpoint in gatevault:network.executeApiEndpoints \(endpoints: internal\)/,
    },
    {
        name: "network: VPC link to an unknown load balancer",
        edit: (c) => (network(c).vpcLinks.inventory.loadBalancer = "warehouse"),
        path: "gatevault:network.vpcLinks.inventory.loadBalancer",
        message: /names no load balancer in gatevault:network.loadBalancers \(load balancers: inventory, inventory-pl\)/,
    },
    {
        name: "network: VPC link to a UDP listener",
        edit: (c) => (network(c).loadBalancers.inventory.listener = { port: 53, protocol: "UDP" }),
        path: "gatevault:network.vpcLinks.inventory.loadBalancer",
        message: /must name a load balancer with a TCP or TLS listener/,
    },
    {
        name: "network: VPC link to a load balancer of another account",
        edit: (c) => (network(c).vpcLinks.inventory = { loadBalancerArn: NLB_IN_OTHER_ACCOUNT }),
        path: "gatevault:network.vpcLinks.inventory.loadBalancerArn",
        message: /must be a load balancer in this stack's account 111111111111 \(got 333333333333\)/,
    },
    {
        name: "network: created load balancer without subnets",
        edit: (c) => (network(c).vpc = { id: "vpc-0a1b2c3d4e5f60718" }),
        path: "gatevault:network.loadBalancers.inventory.subnetIds",
        message: /is required: set it, or gatevault:network.vpc.privateSubnetIds/,
    },
    {
        name: "network: existing VPC and demo VPC at once",
        edit: (c) => (network(c).vpc.id = "vpc-0a1b2c3d4e5f60718"),
        path: "gatevault:network.vpc.demo",
        message: /needs exactly one of id \(an existing VPC\) or demo/,
    },
    {
        name: "network: demo VPC outside dev",
        edit: (c) => (c["gatevault:environment"] = "staging"),
        path: "gatevault:network.vpc.demo",
        message: /is only for dev stacks \(this one is staging\)/,
    },
    {
        name: "network: endpoint service without principals",
        edit: (c) => (network(c).endpointServices.inventory.allowedPrincipals = {}),
        path: "gatevault:network.endpointServices.inventory.allowedPrincipals",
        message: /must allow at least one consumer/,
    },
    {
        name: "network: 0.0.0.0/0 allowed to the private API endpoint",
        edit: (c) => (network(c).executeApiEndpoints.internal.allowedCidrs = ["0.0.0.0/0"]),
        path: "gatevault:network.executeApiEndpoints.internal.allowedCidrs[0]",
        message: /must not be 0.0.0.0\/0/,
    },
    {
        name: "network: private API endpoint open to no one named",
        edit: (c) => delete network(c).executeApiEndpoints.internal.allowedCidrs,
        path: "gatevault:network.executeApiEndpoints.internal.allowedCidrs",
        message: /is required \(or allowedSecurityGroupIds\)/,
    },
    {
        name: "network: TLS listener without a certificate",
        edit: (c) => (network(c).loadBalancers.inventory.listener = { port: 443, protocol: "TLS" }),
        path: "gatevault:network.loadBalancers.inventory.listener.certificateArn",
        message: /is required for a TLS listener/,
    },
    {
        name: "network: instance target in an IP target group",
        edit: (c) => (network(c).loadBalancers.inventory.targetGroup.targets = [{ instanceId: "i-0a1b2c3d4e5f60718" }]),
        path: "gatevault:network.loadBalancers.inventory.targetGroup.targets[0].instanceId",
        message: /does not fit targetType ip/,
    },
    {
        name: "network: health check timeout not below its interval",
        edit: (c) => (network(c).loadBalancers.inventory.targetGroup.healthCheck = { intervalSeconds: 10, timeoutSeconds: 10 }),
        path: "gatevault:network.loadBalancers.inventory.targetGroup.healthCheck.timeoutSeconds",
        message: /must be < intervalSeconds \(got 10 >= 10\)/,
    },
);
