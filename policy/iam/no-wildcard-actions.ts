import { parsePolicyDocument, Statement } from "../common/iam-policy-document";
import { validateResourcesOfTypes } from "../common/typed-validation";
import type { GatevaultResourcePolicy } from "../types";
import { documentsByType, DocumentSite } from "./policy-documents";

interface Config {
    allowedActions: string[];
    allowKmsRootDelegation: boolean;
}

const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/;

/**
 * The default key policy grants kms:* to the account root, which delegates access to IAM
 * policies rather than granting it to anyone; AWS recommends keeping it.
 */
function isRootDelegation(s: Statement): boolean {
    const principal = s.principal;
    if (principal === undefined || principal === "*") return false;
    const kinds = Object.entries(principal);
    return kinds.length === 1 && kinds[0][0] === "AWS" && kinds[0][1].length > 0 && kinds[0][1].every((p) => ACCOUNT_ROOT.test(p));
}

function statementLabel(s: Statement, i: number): string {
    return s.sid ? `Statement[${i}] (${s.sid})` : `Statement[${i}]`;
}

function checkSite(site: DocumentSite, config: Config, report: (message: string) => void): void {
    const parsed = parsePolicyDocument(site.document, site.where);
    if (!parsed.ok) {
        report(`Cannot check ${site.where}: ${parsed.problem}.`);
        return;
    }
    parsed.value.statements.forEach((s, i) => {
        if (s.effect !== "Allow") return;
        if (site.keyPolicy && config.allowKmsRootDelegation && isRootDelegation(s)) return;
        if (s.notActions.length > 0) {
            report(`${site.where} ${statementLabel(s, i)} allows NotAction ${s.notActions.join(", ")}, i.e. every other action.`);
        }
        const wildcards = s.actions.filter((a) => (a.includes("*") || a.includes("?")) && !config.allowedActions.includes(a));
        if (wildcards.length > 0) {
            report(`${site.where} ${statementLabel(s, i)} allows wildcard action${wildcards.length > 1 ? "s" : ""} ${wildcards.join(", ")}.`);
        }
    });
}

export const noWildcardActions: GatevaultResourcePolicy = {
    name: "iam-no-wildcard-actions",
    description: "IAM policies the program writes (identity, trust and resource policies) allow no wildcard actions.",
    severity: "high",
    controls: [
        "SecurityHub:IAM.1",
        "SecurityHub:IAM.21",
        "AWSConfig:iam-policy-no-statements-with-admin-access",
        "AWSConfig:iam-policy-no-statements-with-full-access",
        "Checkov:CKV_AWS_63",
        "cdk-nag:AwsSolutions-IAM5",
    ],
    remediationSteps:
        "List the exact actions each Allow statement needs (e.g. backup:StartBackupJob rather than backup:*) and replace " +
        "NotAction with Action; an exact action that must stay wildcarded can be listed in the policy config's allowedActions.",
    configSchema: {
        properties: {
            allowedActions: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Wildcard actions accepted as written (exact strings, e.g. \"logs:CreateLog*\").",
            },
            allowKmsRootDelegation: {
                type: "boolean",
                default: true,
                description: "Accept the default KMS key policy statement granting kms:* to the account root.",
            },
        },
    },
    validateResource: validateResourcesOfTypes(
        Object.fromEntries(
            Object.entries(documentsByType).map(([type, sitesOf]) => [
                type,
                (props, args, report) => {
                    const config = args.getConfig<Config>();
                    for (const site of sitesOf(props)) checkSite(site, config, report);
                },
            ]),
        ),
        "resources that carry IAM policy documents",
    ),
};
