// CloudWatch Logs, from hashicorp/terraform-provider-aws internal/service/logs/*.go.

import { conflictsWith, doesNotMatch, from, lengthBetween, matches, oneOf, resource } from "./define";
import type { ResourceRules } from "./types";

const LOGS_VALIDATE = "internal/service/logs/validate.go";

export const logsRules: ResourceRules[] = [
    resource({
        type: "aws:cloudwatch/logGroup:LogGroup",
        terraformType: "aws_cloudwatch_log_group",
        file: "internal/service/logs/group.go",
        commit: "0073593e7d6993ba482409f4dc35438daaa79bb3",
        forceNew: ["logGroupClass", "name", "namePrefix"],
        rules: [
            conflictsWith("name", "namePrefix"),
            from(LOGS_VALIDATE, lengthBetween("name", 1, 512)),
            from(
                LOGS_VALIDATE,
                matches("name", /^[.\-_/#A-Za-z0-9]+$/, "isn't a valid log group name (alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed)", {
                    accepted: "/aws/lambda/orders-jwt-dev",
                    refused: "/aws/lambda/orders jwt",
                }),
            ),
            from(LOGS_VALIDATE, lengthBetween("namePrefix", 1, 483)),
            from(
                LOGS_VALIDATE,
                matches("namePrefix", /^[.\-_/#A-Za-z0-9]+$/, "isn't a valid log group name (alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed)", {
                    accepted: "/aws/apigateway/orders-access-",
                    refused: "/aws/apigateway/orders access",
                }),
            ),
            oneOf("retentionInDays", ["0", "1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653"]),
        ],
    }),
    resource({
        type: "aws:cloudwatch/logStream:LogStream",
        terraformType: "aws_cloudwatch_log_stream",
        file: "internal/service/logs/stream.go",
        commit: "1468653aa61d1cfef737d390082fa99b8ddfc24b",
        olderCopy: "aws-sdk-go v1 era copy (the newest the index holds)",
        // No Update: both arguments are ForceNew.
        forceNew: ["logGroupName", "name"],
        rules: [
            // validStreamName (same file): no colon, 1 to 512 bytes.
            doesNotMatch("name", /:/, "colons not allowed", { accepted: "connections", refused: "vpn:connections" }),
            lengthBetween("name", 1, 512),
        ],
    }),
];
