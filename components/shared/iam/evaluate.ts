// Whether AWS allows one request, from the policies gatevault generates, by IAM's documented
// evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// 1. An explicit Deny in any policy that applies wins.
// 2. Otherwise, within one account, an Allow in the principal's identity-based policies or in
//    the resource's policy (naming the principal itself) allows.
// 3. Across accounts, both must allow: the resource's policy (naming the principal or its
//    account) and the identity-based policies in the principal's account
//    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
// 4. A resource policy that names an account (`arn:aws:iam::<id>:root`) delegates to that
//    account's identity-based policies: it allows nothing on its own.
// 5. KMS keys: "Every KMS key must have exactly one key policy... Unless the key policy
//    explicitly allows it, you cannot use IAM policies to allow access to a KMS key"
//    (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html): with
//    `resourcePolicyRequired`, the key policy must allow, directly or by delegating to the account.
// 6. Service principals (backup.amazonaws.com) have no identity-based policies: only the
//    resource's policy can allow them.
// Not modelled: SCPs, RCPs, permission boundaries, session policies, VPC endpoint policies
// (gatevault generates none of them); the answer is what the documents given allow.

import { actionMatches, resourceMatches } from "@gatevault/aws-model/iam/wildcards";
import { conditionHolds, RequestContext } from "./conditions";
import { IamPolicy, IamStatement, PrincipalMap, readPolicy, UnsupportedPolicyError } from "./statements";

export type PrincipalRef =
    /** A session of an IAM role (what a CI deploy or a break-glass login is). */
    | { kind: "role"; arn: string }
    /** The account's root user. */
    | { kind: "root"; account: string }
    /** An AWS service principal, such as `backup.amazonaws.com`. */
    | { kind: "service"; service: string };

export interface AccessRequest {
    principal: PrincipalRef;
    /** The principal's own identity-based policies (documents or JSON); none for a service. */
    identityPolicies?: unknown[];
    /** The organization the principal's account belongs to (`aws:PrincipalOrgID`). */
    principalOrgId?: string;
    action: string;
    resource: string;
    /** The account that owns the resource. */
    resourceAccount: string;
    /** The resource's own policy (a vault access policy, a key policy, a bucket policy...). */
    resourcePolicy?: unknown;
    /** KMS keys: nothing is allowed unless the key policy allows it (rule 5). */
    resourcePolicyRequired?: boolean;
    /** Request context beyond what the principal implies (`kms:ViaService`, `aws:SecureTransport`...). */
    context?: RequestContext;
}

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

export interface Evaluation {
    decision: Decision;
    /** Sids (or positions) of the statements that decided. */
    statements: string[];
}

function accountOf(p: PrincipalRef): string | undefined {
    if (p.kind === "root") return p.account;
    if (p.kind === "role") return p.arn.split(":")[4];
    return undefined;
}

/** `aws:PrincipalArn` is the role's ARN for any session of it. */
function principalArn(p: PrincipalRef): string | undefined {
    if (p.kind === "role") return p.arn;
    if (p.kind === "root") return `arn:aws:iam::${p.account}:root`;
    return undefined;
}

const ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/** "direct": names the principal; "account": names its account (delegation); undefined: not it. */
function principalMatch(block: PrincipalMap, p: PrincipalRef): "direct" | "account" | undefined {
    if (block === "*") return "direct";
    let found: "direct" | "account" | undefined;
    for (const [kind, values] of Object.entries(block)) {
        for (const value of values) {
            if (kind === "AWS") {
                if (value === "*") return "direct";
                const account = ROOT.exec(value)?.[1] ?? (/^\d{12}$/.test(value) ? value : undefined);
                if (account !== undefined && account === accountOf(p)) {
                    if (p.kind === "root") return "direct";
                    found = "account";
                } else if (p.kind === "role" && value === p.arn) {
                    return "direct";
                }
            } else if (kind === "Service" && p.kind === "service" && value === p.service) {
                return "direct";
            }
        }
    }
    return found;
}

function label(s: IamStatement, i: number, where: string): string {
    return s.sid ?? `${where} Statement[${i}]`;
}

interface Applicable {
    statement: IamStatement;
    label: string;
    via?: "direct" | "account";
}

function applicable(policy: IamPolicy, where: string, req: AccessRequest, context: RequestContext, resourcePolicy: boolean): Applicable[] {
    const out: Applicable[] = [];
    policy.statements.forEach((s, i) => {
        let via: "direct" | "account" | undefined;
        if (resourcePolicy) {
            if (s.principal) via = principalMatch(s.principal, req.principal);
            else if (s.notPrincipal) via = principalMatch(s.notPrincipal, req.principal) ? undefined : "direct";
            else throw new UnsupportedPolicyError(`${where} Statement[${i}]: a resource policy statement needs Principal or NotPrincipal`);
            if (!via) return;
        } else if (s.principal || s.notPrincipal) {
            throw new UnsupportedPolicyError(`${where} Statement[${i}]: an identity-based policy has no Principal`);
        }
        const actionHit = s.action ? s.action.some((a) => actionMatches(a, req.action)) : !s.notAction!.some((a) => actionMatches(a, req.action));
        if (!actionHit) return;
        const resourceHit = s.resource
            ? s.resource.some((r) => resourceMatches(r, req.resource))
            : s.notResource
              ? !s.notResource.some((r) => resourceMatches(r, req.resource))
              : resourcePolicy; // a resource policy may leave Resource out: it is about its own resource
        if (!resourceHit) return;
        if (!conditionHolds(s.condition, context)) return;
        out.push({ statement: s, label: label(s, i, where), via });
    });
    return out;
}

/** The request context IAM fills in from the principal, under what the caller adds. */
function requestContext(req: AccessRequest): RequestContext {
    const p = req.principal;
    return {
        "aws:PrincipalArn": principalArn(p),
        "aws:PrincipalAccount": accountOf(p),
        "aws:PrincipalOrgID": p.kind === "service" ? undefined : req.principalOrgId,
        "aws:PrincipalIsAWSService": p.kind === "service" ? "true" : "false",
        "aws:PrincipalServiceName": p.kind === "service" ? p.service : undefined,
        ...req.context,
    };
}

export function evaluateAccess(req: AccessRequest): Evaluation {
    const context = requestContext(req);
    const identity = req.principal.kind === "service" ? [] : (req.identityPolicies ?? []).flatMap((d, i) => applicable(readPolicy(d), `identity[${i}]`, req, context, false));
    const resource = req.resourcePolicy === undefined ? [] : applicable(readPolicy(req.resourcePolicy), "resource policy", req, context, true);

    const denies = [...identity, ...resource].filter((a) => a.statement.effect === "Deny");
    if (denies.length > 0) return { decision: "explicit-deny", statements: denies.map((d) => d.label) };

    const identityAllows = identity.filter((a) => a.statement.effect === "Allow");
    const direct = resource.filter((a) => a.statement.effect === "Allow" && a.via === "direct");
    const delegated = resource.filter((a) => a.statement.effect === "Allow" && a.via === "account");
    const sameAccount = accountOf(req.principal) === req.resourceAccount;

    let allowedBy: Applicable[] = [];
    if (req.principal.kind === "service") {
        allowedBy = direct;
    } else if (req.resourcePolicyRequired) {
        // The key policy decides; across accounts the caller's own IAM policies must agree too.
        if (direct.length > 0 && (sameAccount || identityAllows.length > 0)) allowedBy = sameAccount ? direct : [...direct, ...identityAllows];
        else if (delegated.length > 0 && identityAllows.length > 0) allowedBy = [...delegated, ...identityAllows];
    } else if (sameAccount) {
        allowedBy = [...identityAllows, ...direct];
    } else if ((direct.length > 0 || delegated.length > 0) && identityAllows.length > 0) {
        allowedBy = [...direct, ...delegated, ...identityAllows];
    }
    return allowedBy.length > 0 ? { decision: "allow", statements: allowedBy.map((a) => a.label) } : { decision: "implicit-deny", statements: [] };
}
