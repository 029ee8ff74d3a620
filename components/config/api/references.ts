// How config refers to things gatevault may build itself (issue 4's Lambda functions and
// user pool, issue 5's VPC links and endpoints) or that exist already: by ARN/id, or by a
// name the program supplies in ApiEndpointArgs.

import { z } from "zod";
import { USER_POOL_ARN } from "../cognito";
import { checkedString, resourceNameSchema } from "../primitives";

export const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;
export const VPC_ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;

/** A literal (recognised by its prefix and checked by `literal`) or the name of something the program supplies. */
function literalOrNameSchema(prefix: string, literal: RegExp, message: string) {
    return checkedString((value) => {
        const ok = value.startsWith(prefix) ? literal.test(value) : resourceNameSchema.safeParse(value).success;
        return ok ? undefined : message;
    });
}

/** A Lambda function: its ARN, or the name of a function the program supplies. */
export const functionRefSchema = literalOrNameSchema(
    "arn:",
    LAMBDA_ARN,
    "must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>) or the name of a function the program supplies",
);

/** A Cognito user pool: its ARN, or the name of a pool the program supplies. */
export const userPoolRefSchema = literalOrNameSchema(
    "arn:",
    USER_POOL_ARN,
    "must be a Cognito user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>) or the name of a user pool the program supplies",
);

/** A VPC endpoint: its id (vpce-…), or the name of an endpoint the program supplies. */
export const vpcEndpointRefSchema = literalOrNameSchema(
    "vpce-",
    VPC_ENDPOINT_ID,
    "must be a VPC endpoint id (vpce-0123456789abcdef0) or the name of an endpoint the program supplies",
);

/** API Gateway VPC link ids are short lower-case alphanumerics. */
export const vpcLinkIdSchema = z.string().regex(/^[a-z0-9]{5,12}$/, "must be an API Gateway VPC link id such as abc123");

export const isLambdaArn = (value: string): boolean => value.startsWith("arn:");
export const isUserPoolArn = (value: string): boolean => value.startsWith("arn:");
export const isVpcEndpointId = (value: string): boolean => value.startsWith("vpce-");
