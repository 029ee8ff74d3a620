// The access policy of a vault's notification topic: AWS Backup may publish, for this
// account only (confused-deputy protection), over TLS only.

import { BACKUP_SERVICE_PRINCIPAL } from "../arns";
import { policyDocument, PolicyDocument } from "./document";

export function notificationTopicPolicy(input: { topicArn: string; accountId: string }): PolicyDocument {
    return policyDocument([
        {
            Sid: "AwsBackupPublishesVaultEvents",
            Effect: "Allow",
            Principal: { Service: BACKUP_SERVICE_PRINCIPAL },
            Action: "sns:Publish",
            Resource: input.topicArn,
            Condition: { StringEquals: { "aws:SourceAccount": input.accountId } },
        },
        {
            Sid: "DenyPublishWithoutTls",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "sns:Publish",
            Resource: input.topicArn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    ]);
}
