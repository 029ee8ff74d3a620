// WAFv2, from hashicorp/terraform-provider-aws internal/service/wafv2/*.go.

import { resource, validArn } from "./define";
import type { ResourceRules } from "./types";

export const wafv2Rules: ResourceRules[] = [
    resource({
        type: "aws:wafv2/webAclAssociation:WebAclAssociation",
        terraformType: "aws_wafv2_web_acl_association",
        file: "internal/service/wafv2/web_acl_association.go",
        commit: "011a8eed43ed7763ef9de18cbb776eb29c762452",
        forceNew: ["resourceArn", "webAclArn"],
        rules: [validArn("resourceArn"), validArn("webAclArn")],
    }),
];
