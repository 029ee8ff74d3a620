// The provider-rule table (tools/plan/provider-rules): every rule refuses what the Terraform AWS
// provider refuses and accepts what it accepts, and a value unknown during preview never causes a
// refusal. Each rule's source is the provider file it names (hashicorp/terraform-provider-aws
// internal/service/...); the semantics of ExactlyOneOf/ConflictsWith/RequiredWith with unknown
// values follow terraform-plugin-sdk helper/schema/schema.go (validateExactlyOneAttribute skips
// unknown keys; validateConflictingAttributes defers an unknown: "might become unset once known").

import { expect } from "chai";
import * as path from "node:path";
import { checkResource, genericPath, pluginComponents, providerRuleTable, ruleLabel } from "../../tools/plan/provider-rules";
import type { ProviderRule, ResourceRules } from "../../tools/plan/provider-rules/types";
import { arnProblem, cidrNetworkAddressProblem, cidrProblem, iamPolicyJsonProblem, ipv4CidrProblem } from "../../tools/plan/provider-rules/validators";
import { UNKNOWN } from "../../tools/plan/properties";
import { constructedTypes } from "../support/constructed-types";
import { missingInput } from "../support/pulumi-aws-types";
import { shippedPlan } from "../support/shipped-plans";

/** Inputs with `value` at `path`, creating one-element lists for `[]` segments. */
function withValues(entries: [string, unknown][]): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    for (const [path, value] of entries) {
        let node: Record<string, any> = root;
        const parts = path.split(".");
        parts.forEach((part, i) => {
            const last = i === parts.length - 1;
            const key = part.replace(/\[\]$/, "");
            if (part.endsWith("[]") && !last) {
                node[key] ??= [{}];
                node = node[key][0];
            } else if (last) {
                node[key] = value;
            } else {
                node[key] ??= {};
                node = node[key];
            }
        });
    }
    return root;
}

const ARN = "arn:aws:iam::111111111111:role/gatevault";

/** An accepted and a refused input for the rule (the refused ones as a list when there are several ways to break it). */
function cases(rule: ProviderRule): { accepted: Record<string, unknown>; refused: Record<string, unknown>[] } {
    const one = (field: string, value: unknown) => withValues([[field, value]]);
    switch (rule.kind) {
        case "ExactlyOneOf":
            return {
                accepted: one(rule.fields[0], "x"),
                refused: [withValues(rule.fields.map((f) => [f, "x"])), parentOnly(rule.fields)],
            };
        case "AtLeastOneOf":
            return { accepted: one(rule.fields[0], "x"), refused: [parentOnly(rule.fields)] };
        case "ConflictsWith":
            return { accepted: one(rule.field, "x"), refused: rule.others.map((o) => withValues([[rule.field, "x"], [o, "x"]])) };
        case "RequiredWith":
            return { accepted: withValues([rule.field, ...rule.others].map((f) => [f, "x"])), refused: [one(rule.field, "x")] };
        case "OneOf":
            return { accepted: one(rule.field, rule.values![rule.values!.length - 1]), refused: [one(rule.field, "not-a-provider-value")] };
        case "StringLenBetween":
            return { accepted: one(rule.field, "a".repeat(Math.max(rule.min!, 1))), refused: [one(rule.field, "a".repeat(rule.max! + 1))] };
        case "IntBetween":
            return { accepted: one(rule.field, rule.min ?? rule.max), refused: [one(rule.field, rule.max !== undefined ? rule.max + 1 : rule.min! - 1)] };
        case "ItemsBetween": {
            const n = Math.max(rule.min ?? 1, 1);
            return {
                accepted: one(rule.field, Array(n).fill("x")),
                refused: [one(rule.field, rule.max !== undefined ? Array(rule.max + 1).fill("x") : Array(rule.min! - 1).fill("x"))],
            };
        }
        case "ValidARN":
            return { accepted: one(rule.field, ARN), refused: [one(rule.field, "gatevault-role")] };
        case "ValidIAMPolicyJSON":
            return { accepted: one(rule.field, '{"Version":"2012-10-17","Statement":[]}'), refused: [one(rule.field, ' {"Version":"2012-10-17"}')] };
        case "StringIsJSON":
            return { accepted: one(rule.field, '{"a":1}'), refused: [one(rule.field, "{")] };
        case "StringMatch":
        case "StringDoesNotMatch":
            return { accepted: one(rule.field, rule.examples!.accepted), refused: [one(rule.field, rule.examples!.refused)] };
        case "ConfigValidator":
            return { accepted: rule.examples!.accepted as Record<string, unknown>, refused: [rule.examples!.refused as Record<string, unknown>] };
    }
}

/** The objects a group rule is judged in, present but with none of the fields set. */
function parentOnly(fields: string[]): Record<string, unknown> {
    const parent = fields[0].split(".").slice(0, -1).join(".");
    return parent ? withValues([[parent, {}]]) : {};
}

function only(resource: ResourceRules, rule: ProviderRule): ResourceRules {
    return { ...resource, rules: [rule] };
}

function fieldsOf(rule: ProviderRule): string[] {
    if ("fields" in rule) return rule.fields;
    if (rule.kind === "ConflictsWith" || rule.kind === "RequiredWith") return [rule.field, ...rule.others];
    return [rule.field];
}

describe("provider rules (Terraform AWS provider checks, offline)", () => {
    describe("every rule accepts a valid input and refuses an invalid one", () => {
        for (const resource of providerRuleTable) {
            for (const rule of resource.rules) {
                it(`${resource.type}: ${ruleLabel(rule)} (${rule.file})`, () => {
                    const { accepted, refused } = cases(rule);
                    expect(checkResource(only(resource, rule), accepted), "accepted input").to.deep.equal([]);
                    for (const input of refused) {
                        const violations = checkResource(only(resource, rule), input);
                        expect(violations, `refused input ${JSON.stringify(input)}`).to.have.length.greaterThan(0);
                        expect(violations[0]).to.include({ type: resource.type, kind: rule.kind, file: rule.file });
                        if (rule.kind !== "ConfigValidator") {
                            expect(violations[0].fields.map(genericPath).some((f) => fieldsOf(rule).includes(f)), violations[0].fields.join()).to.equal(true);
                        }
                    }
                });
            }
        }
    });

    describe("unknown values during preview never cause a refusal", () => {
        const selection = providerRuleTable.find((r) => r.type === "aws:backup/restoreTestingSelection:RestoreTestingSelection")!;
        const plan = providerRuleTable.find((r) => r.type === "aws:backup/plan:Plan")!;

        it("ExactlyOneOf with one field unknown decides nothing (the unknown may turn out unset)", () => {
            expect(checkResource(selection, { protectedResourceArns: ["*"], protectedResourceConditions: UNKNOWN, name: "ebs", validationWindowHours: 4 })).to.deep.equal([]);
            expect(checkResource(selection, { protectedResourceArns: UNKNOWN, name: "ebs" })).to.deep.equal([]);
        });

        it("a value validator skips an unknown value, and a path through an unknown list", () => {
            expect(checkResource(selection, { protectedResourceArns: ["*"], name: UNKNOWN, validationWindowHours: UNKNOWN })).to.deep.equal([]);
            expect(checkResource(plan, { rules: UNKNOWN })).to.deep.equal([]);
            expect(checkResource(plan, { rules: [{ ruleName: UNKNOWN, targetVaultName: "vault" }] })).to.deep.equal([]);
        });

        it("ConflictsWith needs both sides known; RequiredWith counts an unknown partner as present", () => {
            const role = providerRuleTable.find((r) => r.type === "aws:iam/role:Role")!;
            expect(checkResource(role, { name: "gatevault", namePrefix: UNKNOWN })).to.deep.equal([]);
            const key = providerRuleTable.find((r) => r.type === "aws:kms/key:Key")!;
            expect(checkResource(key, { rotationPeriodInDays: 365, enableKeyRotation: UNKNOWN })).to.deep.equal([]);
            expect(checkResource(key, { rotationPeriodInDays: 365 }).map((v) => v.kind)).to.deep.equal(["RequiredWith"]);
        });

        it("config validators stay silent about what they cannot know", () => {
            const client = providerRuleTable.find((r) => r.type === "aws:cognito/userPoolClient:UserPoolClient")!;
            expect(checkResource(client, { accessTokenValidity: 2, tokenValidityUnits: UNKNOWN })).to.deep.equal([]);
            const fn = providerRuleTable.find((r) => r.type === "aws:lambda/function:Function")!;
            expect(checkResource(fn, { code: "archive", handler: "index.handler", runtime: UNKNOWN })).to.deep.equal([]);
            // A CIDR or a recording group that is an output of another resource waits for it.
            const egress = providerRuleTable.find((r) => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")!;
            expect(checkResource(egress, { cidrIpv4: UNKNOWN, fromPort: 443, toPort: 443 })).to.deep.equal([]);
            const recorder = providerRuleTable.find((r) => r.type === "aws:cfg/recorder:Recorder")!;
            const strategy = [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }];
            expect(checkResource(recorder, { recordingGroup: { allSupported: UNKNOWN, resourceTypes: ["AWS::Backup::BackupPlan"], recordingStrategies: strategy } })).to.deep.equal([]);
            expect(checkResource(recorder, { recordingGroup: { resourceTypes: UNKNOWN, recordingStrategies: strategy } }).length).to.equal(1);
        });
    });

    describe("what Terraform counts as set", () => {
        const selection = providerRuleTable.find((r) => r.type === "aws:backup/restoreTestingSelection:RestoreTestingSelection")!;

        it("refuses both protected-resource arguments together, naming both fields, the rule and the provider file (the prod stack's defect)", () => {
            const [v] = checkResource(selection, {
                name: "ebs",
                protectedResourceArns: ["*"],
                protectedResourceConditions: { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "Daily" }] },
                protectedResourceType: "EBS",
            });
            expect(v.fields).to.deep.equal(["protectedResourceArns", "protectedResourceConditions"]);
            expect(v.rule).to.equal("ExactlyOneOf(protectedResourceArns, protectedResourceConditions)");
            expect(v.file).to.equal("internal/service/backup/restore_testing_selection.go");
        });

        it("an empty list is never the second of two set fields, and is enough to satisfy 'one must be set'", () => {
            expect(checkResource(selection, { protectedResourceArns: [], protectedResourceConditions: { stringEquals: [] } })).to.deep.equal([]);
            expect(checkResource(selection, { protectedResourceArns: [] })).to.deep.equal([]);
        });

        it("names the list element at fault: rules[1].ruleName", () => {
            const plan = providerRuleTable.find((r) => r.type === "aws:backup/plan:Plan")!;
            const violations = checkResource(plan, { rules: [{ ruleName: "daily", targetVaultName: "vault" }, { ruleName: "weekly rule", targetVaultName: "vault" }] });
            expect(violations.map((v) => v.fields)).to.deep.equal([["rules[1].ruleName"]]);
        });
    });

    describe("Client VPN (internal/service/ec2/vpnclient_endpoint.go) and AWS Config recording (internal/service/configservice/configuration_recorder.go)", () => {
        const endpoint = providerRuleTable.find((r) => r.type === "aws:ec2clientvpn/endpoint:Endpoint")!;
        const recorder = providerRuleTable.find((r) => r.type === "aws:cfg/recorder:Recorder")!;
        const kinds = (inputs: Record<string, unknown>) => checkResource(endpoint, inputs).map((v) => v.fields.join());

        it("judges session timeouts and ports as the numbers a program passes (IntInSlice{8, 10, 12, 24}, IntInSlice{443, 1194})", () => {
            expect(kinds({ sessionTimeoutHours: 24, vpnPort: 1194 })).to.deep.equal([]);
            expect(kinds({ sessionTimeoutHours: 6, vpnPort: 8443 })).to.deep.equal(["sessionTimeoutHours", "vpnPort"]);
        });

        it("takes at most two authentication options and one to five security groups (MaxItems 2; MinItems 1, MaxItems 5)", () => {
            const option = { type: "certificate-authentication", rootCertificateChainArn: "arn:aws:acm:eu-west-1:111111111111:certificate/ca" };
            expect(kinds({ authenticationOptions: [option, option], securityGroupIds: ["sg-1"] })).to.deep.equal([]);
            expect(kinds({ authenticationOptions: [option, option, option], securityGroupIds: [] })).to.deep.equal(["authenticationOptions", "securityGroupIds"]);
        });

        it("leaves AWS's own limits to AWS and the config: the provider accepts a /8 client range and three DNS servers", () => {
            // CreateClientVpnEndpoint (EC2 API reference) refuses both; the provider only runs
            // validation.IsCIDR and has no MaxItems on dns_servers, so `pulumi preview` passes them.
            expect(kinds({ clientCidrBlock: "10.0.0.0/8", dnsServers: ["10.0.0.2", "10.0.0.3", "10.0.0.4"] })).to.deep.equal([]);
        });

        it("a recorder of chosen types needs allSupported: false and the INCLUSION_BY_RESOURCE_TYPES strategy", () => {
            const group = (g: Record<string, unknown>) => checkResource(recorder, { recordingGroup: g }).map((v) => v.fields.join());
            const chosen = { resourceTypes: ["AWS::Backup::BackupVault"] };
            expect(group({ allSupported: false, ...chosen, recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }] })).to.deep.equal([]);
            expect(group({ ...chosen, recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }] })).to.deep.equal(["recordingGroup.allSupported"]);
            expect(group({ allSupported: false, ...chosen, recordingStrategies: [{ useOnly: "EXCLUSION_BY_RESOURCE_TYPES" }] })).to.deep.equal(["recordingGroup.recordingStrategies[0].useOnly"]);
            // Without a strategy the provider checks nothing.
            expect(group({ ...chosen })).to.deep.equal([]);
        });

        it("a recorder that excludes types needs allSupported: false, EXCLUSION_BY_RESOURCE_TYPES and no resourceTypes", () => {
            const group = (g: Record<string, unknown>) => checkResource(recorder, { recordingGroup: g }).map((v) => v.fields.join());
            const excluding = { allSupported: false, exclusionByResourceTypes: [{ resourceTypes: ["AWS::EC2::Instance"] }], recordingStrategies: [{ useOnly: "EXCLUSION_BY_RESOURCE_TYPES" }] };
            expect(group(excluding)).to.deep.equal([]);
            expect(group({ ...excluding, resourceTypes: ["AWS::Backup::BackupVault"] })).to.deep.equal(["recordingGroup.resourceTypes"]);
            expect(group({ ...excluding, recordingStrategies: [{ useOnly: "ALL_SUPPORTED_RESOURCE_TYPES" }] })).to.deep.equal(["recordingGroup.recordingStrategies[0].useOnly"]);
            expect(group({ ...excluding, allSupported: true, recordingStrategies: [{ useOnly: "ALL_SUPPORTED_RESOURCE_TYPES" }] })).to.deep.equal(["recordingGroup.allSupported"]);
        });

        it("the egress rule takes the ingress rule's checks, citing the file that defines them", () => {
            const egress = providerRuleTable.find((r) => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")!;
            const ingress = providerRuleTable.find((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")!;
            expect(egress.rules.map(ruleLabel)).to.deep.equal(ingress.rules.map(ruleLabel));
            expect(new Set(egress.rules.map((r) => r.file))).to.deep.equal(new Set(["internal/service/ec2/vpc_security_group_ingress_rule.go"]));
            const [v] = checkResource(egress, { cidrIpv4: "10.0.0.2/16", cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 });
            expect(v.fields).to.deep.equal(["cidrIpv4", "cidrIpv6"]);
        });
    });

    describe("shared validators, from internal/verify/validate.go", () => {
        it("ValidARN: prefix, sections, partition, region, account and resource", () => {
            expect(arnProblem("arn:aws:s3:::gatevault-reports")).to.equal(undefined);
            expect(arnProblem("arn:aws-us-gov:backup:us-gov-west-1:111111111111:backup-vault:v")).to.equal(undefined);
            expect(arnProblem("")).to.equal(undefined);
            expect(arnProblem("aws:iam::111111111111:role/x")).to.contain("invalid prefix");
            expect(arnProblem("arn:aws:iam")).to.contain("not enough sections");
            expect(arnProblem("arn:AWS:iam::111111111111:role/x")).to.contain("invalid partition");
            expect(arnProblem("arn:aws:backup:eu_west_1:111111111111:backup-vault:v")).to.contain("invalid region");
            expect(arnProblem("arn:aws:iam::12345:role/x")).to.contain("invalid account ID");
            expect(arnProblem("arn:aws:iam::111111111111:")).to.contain("missing resource");
        });

        it("ValidIAMPolicyJSON: an object without leading space, valid JSON, no duplicate keys", () => {
            expect(iamPolicyJsonProblem('{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow"}]}')).to.equal(undefined);
            expect(iamPolicyJsonProblem("")).to.contain("empty string");
            expect(iamPolicyJsonProblem('"{}"')).to.contain("JSON-encoded string");
            expect(iamPolicyJsonProblem("[]")).to.contain("JSON array");
            expect(iamPolicyJsonProblem('{"Version":')).to.contain("invalid JSON policy");
            expect(iamPolicyJsonProblem('{"Statement":[{"Effect":"Allow","Effect":"Deny"}]}')).to.equal('contains duplicate JSON keys: duplicate key "Effect"');
            expect(iamPolicyJsonProblem('{"a":{"Effect":"x"},"b":{"Effect":"y"}}')).to.equal(undefined);
        });

        it("IPv4 CIDR network address (fwvalidators.IPv4CIDRNetworkAddress)", () => {
            expect(ipv4CidrProblem("10.0.0.0/16")).to.equal(undefined);
            expect(ipv4CidrProblem("10.0.3.7/16")).to.contain('did you mean "10.0.0.0/16"');
            expect(ipv4CidrProblem("10.0.0.0/33")).to.contain("not a valid IPv4 CIDR block");
            expect(ipv4CidrProblem("2001:db8::/32")).to.contain("not a valid IPv4 CIDR block");
        });

        it("IsCIDR parses only, a host address included; ValidCIDRNetworkAddress wants the block's network address", () => {
            // net.ParseCIDR: Go refuses IPv4 octets with leading zeros and prefixes past the address length.
            expect(cidrProblem("10.100.0.1/22")).to.equal(undefined);
            expect(cidrProblem("2001:db8::1/64")).to.equal(undefined);
            expect(cidrProblem("10.100.0.0")).to.contain("not a valid CIDR block");
            expect(cidrProblem("010.100.0.0/22")).to.contain("not a valid CIDR block");
            expect(cidrProblem("2001:db8::/129")).to.contain("not a valid CIDR block");
            expect(cidrNetworkAddressProblem("10.0.0.0/16")).to.equal(undefined);
            expect(cidrNetworkAddressProblem("0.0.0.0/0")).to.equal(undefined);
            expect(cidrNetworkAddressProblem("10.0.0.1/16")).to.equal('"10.0.0.1/16" is not a valid CIDR block; did you mean "10.0.0.0/16"?');
            expect(cidrNetworkAddressProblem("10.0.0.0/40")).to.contain("not a valid CIDR block");
        });
    });

    describe("the table against @pulumi/aws, the components and the shipped stacks", () => {
        it("every field a rule or ForceNew list names is an input of the @pulumi/aws resource", () => {
            const missing: string[] = [];
            for (const resource of providerRuleTable) {
                const paths = new Set([...resource.forceNew, ...resource.rules.flatMap(fieldsOf)]);
                for (const p of paths) {
                    const problem = missingInput(resource.type, p);
                    if (problem) missing.push(problem);
                }
            }
            expect(missing).to.deep.equal([]);
        });

        // Types a component registers only under configs the shipped stacks do not use (AWS
        // Config recording under `audit.resourceTracking: managed`, for one) count as much as the
        // shipped ones: the scan reads every `new aws.<module>.<Class>(` in components/**.
        const constructed = constructedTypes(path.resolve(__dirname, "..", "..", "components"));

        it("covers every AWS resource type a component can construct, under any stack config", () => {
            const covered = new Set(providerRuleTable.map((r) => r.type));
            const uncovered = constructed.filter((c) => !c.type?.startsWith("awsx:") && !covered.has(c.type!));
            expect(uncovered.map((c) => `${c.type ?? "no __pulumiType"}: new ${c.constructedAs}( in ${c.files.join(", ")}`)).to.deep.equal([]);
        });

        it("acknowledges every awsx component gatevault builds: what it creates inside its plugin no rule can see", () => {
            const plugin = constructed.filter((c) => c.type?.startsWith("awsx:")).map((c) => c.type);
            expect(plugin).to.include("awsx:ec2:Vpc");
            expect(plugin.filter((t) => !(t! in pluginComponents))).to.deep.equal([]);
        });

        it("the source scan sees every type the shipped stacks register (so it is not blind)", async () => {
            const scanned = new Set(constructed.map((c) => c.type));
            const registered = new Set<string>();
            for (const stack of ["dev", "prod"] as const) {
                for (const r of (await shippedPlan(stack)).resources) if (r.type.startsWith("aws:") || r.type.startsWith("awsx:")) registered.add(r.type);
            }
            expect([...registered].filter((t) => !scanned.has(t))).to.deep.equal([]);
            expect(scanned.size).to.be.greaterThan(registered.size);
        });

        it("covers every AWS resource type the shipped stacks register", async () => {
            const types = new Set<string>();
            for (const stack of ["dev", "prod"] as const) {
                for (const r of (await shippedPlan(stack)).resources) if (r.type.startsWith("aws:") && r.record.custom) types.add(r.type);
            }
            const covered = new Set(providerRuleTable.map((r) => r.type));
            expect([...types].filter((t) => !covered.has(t))).to.deep.equal([]);
        });
    });
});
