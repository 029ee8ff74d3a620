// The @pulumi/aws services gatevault constructs resources from, each loaded from its own module;
// components take this module as their `aws` namespace and use it exactly like the package's
// (`aws.backup.Vault`).
// The package's index loads every service's module (about 300 files) to register them all:
// about 0.16 s of every plan and preview, against 0.04 s for these. Each service module still
// registers its own resources (its index calls pulumi.runtime.registerResourceModule), which is
// all a program that reads no other services' resource references needs. A service missing here
// fails `tsc` where it is used: add it below.

export { Provider } from "@pulumi/aws/provider";
export type { ProviderArgs } from "@pulumi/aws/provider";
export type { Region } from "@pulumi/aws/types/enums";
export type * as types from "@pulumi/aws/types";

export * as apigateway from "@pulumi/aws/apigateway";
export * as backup from "@pulumi/aws/backup";
export * as cfg from "@pulumi/aws/cfg";
export * as cloudformation from "@pulumi/aws/cloudformation";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as cognito from "@pulumi/aws/cognito";
export * as ec2 from "@pulumi/aws/ec2";
export * as ec2clientvpn from "@pulumi/aws/ec2clientvpn";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as lambda from "@pulumi/aws/lambda";
export * as lb from "@pulumi/aws/lb";
export * as organizations from "@pulumi/aws/organizations";
export * as s3 from "@pulumi/aws/s3";
export * as sns from "@pulumi/aws/sns";
export * as vpc from "@pulumi/aws/vpc";
export * as wafv2 from "@pulumi/aws/wafv2";
