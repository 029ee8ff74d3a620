// Answers for the data sources (invokes) a program calls. Anything not listed fails with
// the token's name, so a new data source cannot silently return nothing offline.

import type { TargetContext } from "./context";
import { stableHex } from "./ids";

export class UnmockedDataSourceError extends Error {
    constructor(token: string) {
        super(`offline plan: no mock for data source "${token}"; add one to tools/plan/mocks/data-sources.ts`);
        this.name = "UnmockedDataSourceError";
    }
}

type Answer = (inputs: Record<string, any>, ctx: TargetContext) => Record<string, unknown>;

/** The AWS provider renders single values as strings and lists in reverse-sorted order. */
function setValue(values: unknown): unknown {
    if (!Array.isArray(values)) {
        return values;
    }
    const unique = [...new Set(values.map(String))].sort().reverse();
    return unique.length === 1 ? unique[0] : unique;
}

interface StatementInput {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    notPrincipals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

function principalBlock(principals: { type: string; identifiers: string[] }[]): unknown {
    if (principals.length === 1 && principals[0].type === "*") {
        return "*";
    }
    const block: Record<string, unknown> = {};
    for (const p of principals) {
        const existing = block[p.type];
        const merged = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), ...p.identifiers];
        block[p.type] = setValue(merged);
    }
    return block;
}

/** Mirrors `aws.iam.getPolicyDocument`: statement inputs in, IAM policy JSON out. */
export function renderPolicyDocument(inputs: Record<string, any>): string {
    const statements = ((inputs.statements ?? []) as StatementInput[]).map((s) => {
        const out: Record<string, unknown> = {};
        if (s.sid) out.Sid = s.sid;
        out.Effect = s.effect ?? "Allow";
        if (s.actions?.length) out.Action = setValue(s.actions);
        if (s.notActions?.length) out.NotAction = setValue(s.notActions);
        if (s.resources?.length) out.Resource = setValue(s.resources);
        if (s.notResources?.length) out.NotResource = setValue(s.notResources);
        if (s.principals?.length) out.Principal = principalBlock(s.principals);
        if (s.notPrincipals?.length) out.NotPrincipal = principalBlock(s.notPrincipals);
        if (s.conditions?.length) {
            const condition: Record<string, Record<string, unknown>> = {};
            for (const c of s.conditions) {
                condition[c.test] = { ...(condition[c.test] ?? {}), [c.variable]: setValue(c.values) };
            }
            out.Condition = condition;
        }
        return out;
    });
    const doc: Record<string, unknown> = { Version: inputs.version ?? "2012-10-17" };
    if (inputs.policyId) doc.Id = inputs.policyId;
    doc.Statement = statements;
    return JSON.stringify(doc, null, 2);
}

const answers: Record<string, Answer> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, ctx) => ({
        id: ctx.accountId,
        accountId: ctx.accountId,
        arn: `arn:${ctx.partition}:sts::${ctx.accountId}:assumed-role/gatevault-offline/plan`,
        userId: `AROAOFFLINE:${ctx.accountId}`,
    }),
    "aws:index/getRegion:getRegion": (inputs, ctx) => {
        const region = inputs.region ?? inputs.name ?? ctx.region;
        return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    },
    "aws:index/getPartition:getPartition": (_i, ctx) => ({
        id: ctx.partition,
        partition: ctx.partition,
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_i, ctx) => {
        const letters = ["a", "b", "c"];
        return {
            id: ctx.region,
            names: letters.map((l) => `${ctx.region}${l}`),
            zoneIds: letters.map((_, i) => `${ctx.region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
            groupNames: [ctx.region],
        };
    },
    "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => {
        const json = renderPolicyDocument(inputs);
        return { id: stableHex(json, 10), json, minifiedJson: JSON.stringify(JSON.parse(json)) };
    },
    "aws:organizations/getOrganization:getOrganization": (_i, ctx) => mockedOrganization(ctx),
    "aws:organizations/getDelegatedAdministrators:getDelegatedAdministrators": (inputs, ctx) => mockedDelegatedAdministrators(inputs, ctx),
    "aws:organizations/getEntityPath:getEntityPath": (inputs, ctx) => mockedEntityPath(inputs, ctx),
    "aws:ec2/getVpcEndpoint:getVpcEndpoint": (inputs, ctx) => {
        const id = String(inputs.id ?? `vpce-${stableHex(JSON.stringify(inputs), 17)}`);
        const service = String(inputs.serviceName ?? `com.amazonaws.${ctx.region}.execute-api`);
        return {
            id,
            arn: `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc-endpoint/${id}`,
            serviceName: service,
            vpcEndpointType: "Interface",
            vpcId: `vpc-${stableHex(`${id}/vpc`, 17)}`,
            state: "available",
            privateDnsEnabled: true,
            dnsEntries: [{ dnsName: `${id}-${stableHex(`${id}/dns`, 8)}.${service.split(".").pop()}.${ctx.region}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }],
            subnetIds: [],
            securityGroupIds: [],
            ownerId: ctx.accountId,
        };
    },
};

/**
 * The state of the mocked organization. By default it is one set up as the prerequisites
 * (docs/organisation-policies.md) say (BACKUP_POLICY enabled on the root), whose management account is whichever
 * account asks; tests switch it with `withMockOrganization` to model the other states a real
 * organization can be in.
 */
export interface MockOrganizationState {
    /** Policy types on the root and their status (ENABLED, PENDING_ENABLE, PENDING_DISABLE). */
    rootPolicyTypes: { type: string; status: string }[];
    /** The management account; default: the account of the provider that asks. */
    managementAccountId?: string;
    /**
     * false: the caller is neither the management account nor a delegated administrator; the
     * provider then reads the organization itself but leaves roots, accounts and policy types
     * empty (internal/service/organizations/organization_data_source.go).
     */
    listable: boolean;
    /** Services with trusted access (ListAWSServiceAccessForOrganization); default: CloudFormation StackSets. */
    servicePrincipals: string[];
    /** Delegated administrators by service principal. */
    delegatedAdministrators: Record<string, string[]>;
    /**
     * The parent of each OU and account (child id to parent id), for entity paths; an entity
     * not listed sits directly under the root. A function answers for organizations too large to list.
     */
    parents: Record<string, string> | ((id: string) => string | undefined);
}

/** CloudFormation StackSets' principal in Organizations (AWS CloudFormation User Guide, stacksets-orgs-delegated-admin.html). */
const STACKSETS_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com";

const DEFAULT_ORGANIZATION: MockOrganizationState = {
    rootPolicyTypes: [{ type: "BACKUP_POLICY", status: "ENABLED" }],
    listable: true,
    servicePrincipals: [STACKSETS_PRINCIPAL],
    delegatedAdministrators: {},
    parents: {},
};
let organizationState: MockOrganizationState = DEFAULT_ORGANIZATION;

/** Runs `run` (a plan) against an organization in another state, then restores the default. */
export async function withMockOrganization<T>(state: Partial<MockOrganizationState>, run: () => Promise<T>): Promise<T> {
    organizationState = { ...DEFAULT_ORGANIZATION, ...state };
    try {
        return await run();
    } finally {
        organizationState = DEFAULT_ORGANIZATION;
    }
}

function mockedOrganization(ctx: TargetContext): Record<string, unknown> {
    const state = organizationState;
    const management = state.managementAccountId ?? ctx.accountId;
    const listable = state.listable;
    return {
        id: ctx.organizationId,
        arn: `arn:${ctx.partition}:organizations::${management}:organization/${ctx.organizationId}`,
        masterAccountId: management,
        featureSet: "ALL",
        roots: listable ? [{ id: `r-${stableHex(ctx.organizationId, 4)}`, name: "Root", arn: "", policyTypes: state.rootPolicyTypes }] : [],
        enabledPolicyTypes: listable ? state.rootPolicyTypes.filter((p) => p.status === "ENABLED").map((p) => p.type) : [],
        awsServiceAccessPrincipals: listable ? state.servicePrincipals : [],
        // The management account, one active member and one suspended member.
        accounts: listable ? organizationAccounts(ctx) : [],
    };
}

function organizationAccounts(ctx: TargetContext): { id: string; arn: string; name: string; email: string; state: string; status: string }[] {
    const member = (n: number) => String(BigInt(`0x${stableHex(`${ctx.organizationId}/member-${n}`, 12)}`) % 10n ** 12n).padStart(12, "0");
    return [
        { id: ctx.accountId, name: "management", state: "ACTIVE" },
        { id: member(1), name: "member-1", state: "ACTIVE" },
        { id: member(2), name: "member-2", state: "SUSPENDED" },
    ].map((a) => ({
        ...a,
        arn: `arn:${ctx.partition}:organizations::${ctx.accountId}:account/${ctx.organizationId}/${a.id}`,
        email: `${a.name}@example.com`,
        status: a.state,
    }));
}

function accountArn(ctx: TargetContext, id: string): string {
    return `arn:${ctx.partition}:organizations::${ctx.accountId}:account/${ctx.organizationId}/${id}`;
}

/**
 * The delegated administrators of a service principal, with the fields the provider copies from
 * each ListDelegatedAdministrators entry (internal/service/organizations/delegated_administrators_data_source.go).
 */
function mockedDelegatedAdministrators(inputs: Record<string, any>, ctx: TargetContext): Record<string, unknown> {
    const ids = organizationState.delegatedAdministrators[String(inputs.servicePrincipal ?? "")] ?? [];
    return {
        id: ctx.organizationId,
        servicePrincipal: inputs.servicePrincipal,
        delegatedAdministrators: ids.map((id) => ({
            id,
            arn: accountArn(ctx, id),
            name: `delegated-${id}`,
            email: `delegated-${id}@example.com`,
            status: "ACTIVE",
            joinedMethod: "CREATED",
            joinedTimestamp: "2024-01-01T00:00:00Z",
            delegationEnabledDate: "2024-01-01T00:00:00Z",
        })),
    };
}

/**
 * An entity's path from the organization down, as the provider builds it from ListParents
 * (internal/service/organizations/entity_path_data_source.go): `o-.../r-.../ou-.../<id>/`.
 */
function mockedEntityPath(inputs: Record<string, any>, ctx: TargetContext): Record<string, unknown> {
    const entityId = String(inputs.entityId);
    const parents = organizationState.parents;
    const parentOf = typeof parents === "function" ? parents : (id: string) => parents[id];
    const rootId = `r-${stableHex(ctx.organizationId, 4)}`;
    const chain = [entityId];
    for (let at = parentOf(entityId); at && !at.startsWith("r-"); at = parentOf(at)) chain.unshift(at);
    return { id: entityId, entityId, entityPath: `${ctx.organizationId}/${rootId}/${chain.join("/")}/` };
}

export function answerDataSource(token: string, inputs: Record<string, any>, ctx: TargetContext): Record<string, unknown> {
    const answer = answers[token];
    if (!answer) {
        throw new UnmockedDataSourceError(token);
    }
    return answer(inputs, ctx);
}

export const mockedDataSources: readonly string[] = Object.keys(answers);
