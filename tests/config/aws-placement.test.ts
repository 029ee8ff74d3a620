// Config AWS would refuse at deploy, refused before anything is registered, with the key path:
// more than 50 tags on a resource once the provider's default tags are added, and ACM
// certificates outside the region or account the service that presents them takes them from.

import { expect } from "chai";
import type { ConfigProblem } from "../../components/config";
import { checkStack } from "../../components/program";
import { REPO_ROOT } from "../../tools/plan/index";
import { configProblems, expectProblem, problemsOf, stackConfig } from "../support/config-problems";

/** What checkStack refuses for an edited shipped stack; none when it accepts it. */
function stackProblems(stack: "dev" | "prod", edit: (c: Record<string, any>) => void): ConfigProblem[] {
    const config = stackConfig(stack, edit);
    try {
        checkStack(config, { projectDir: REPO_ROOT });
        return [];
    } catch {
        return problemsOf(() => checkStack(config, { projectDir: REPO_ROOT }));
    }
}
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Tag${i}`, "x"]));

describe("config AWS would refuse: tags per resource", () => {
    // "Maximum number of tags per resource – 50" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions);
    // the provider merges its default tags into every resource's tags before calling AWS
    // (terraform-provider-aws internal/tags, DefaultConfig.MergeTags).
    it("refuses gatevault:tags that, with the Environment and ManagedBy tags the provider adds, exceed 50 on a resource", () => {
        expect(() => stackConfig("dev", (c) => (c["gatevault:tags"] = tags(48)))).to.not.throw();
        expectProblem(
            configProblems((c) => (c["gatevault:tags"] = tags(49))),
            "gatevault:tags",
            /^must leave every resource at most 50 tags \(AWS's limit per resource\): 49 tags here plus Environment and ManagedBy, which gatevault adds to every resource, make 51; remove 1 /,
        );
        // A tag gatevault sets anyway counts once.
        expect(() => stackConfig("dev", (c) => (c["gatevault:tags"] = { ...tags(48), Environment: "dev" }))).to.not.throw();
    });
});

describe("config AWS would refuse: certificates where the service takes them", () => {
    const ACM = (region: string, account = "222222222222") => `arn:aws:acm:${region}:${account}:certificate/4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;

    it("takes a REGIONAL API's domain certificate from the stack's region and account only", () => {
        const path = "gatevault:apis[0].customDomain.certificateArn";
        expectProblem(stackProblems("prod", (c) => (c["gatevault:apis"][0].customDomain.certificateArn = ACM("us-east-1"))), path, /^must be an ACM certificate in eu-west-1 \(got us-east-1\): a REGIONAL API's custom domain takes a certificate from the API's own region$/);
        expectProblem(stackProblems("prod", (c) => (c["gatevault:apis"][0].customDomain.certificateArn = ACM("eu-west-1", "333333333333"))), path, /^must be an ACM certificate of this stack's account 222222222222 \(got 333333333333\)/);
    });

    it("takes an EDGE API's domain certificate from us-east-1 only, where CloudFront reads it", () => {
        const edge = (arn: string) => (c: Record<string, any>) => Object.assign(c["gatevault:apis"][0], { endpointType: "EDGE", wafWebAclArn: undefined, customDomain: { ...c["gatevault:apis"][0].customDomain, certificateArn: arn } });
        expectProblem(stackProblems("prod", edge(ACM("eu-west-1"))), "gatevault:apis[0].customDomain.certificateArn", /^must be an ACM certificate in us-east-1 \(got eu-west-1\): an EDGE API's custom domain is served by CloudFront/);
        expect(stackProblems("prod", edge(ACM("us-east-1"))).filter((p) => p.path.includes("certificateArn"))).to.deep.equal([]);
    });

    it("takes a TLS listener's certificate from the stack's region and account", () => {
        const path = "gatevault:network.loadBalancers.inventory.listener.certificateArn";
        expectProblem(stackProblems("prod", (c) => (c["gatevault:network"].loadBalancers.inventory.listener.certificateArn = ACM("eu-central-1"))), path, /^must be an ACM certificate in eu-west-1 \(got eu-central-1\): a load balancer's TLS listener/);
        expectProblem(
            problemsOf(() => stackConfig("prod", (c) => (c["gatevault:network"].loadBalancers.inventory.listener.certificateArn = ACM("eu-west-1", "333333333333")))),
            path,
            /must be an ACM certificate of this stack's account 222222222222 \(got 333333333333\)/,
        );
    });
});
