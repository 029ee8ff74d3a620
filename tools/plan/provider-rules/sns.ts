// SNS resources, from hashicorp/terraform-provider-aws internal/service/sns/*.go. @pulumi/aws calls
// the subscription's `topic_arn` `topic`.

import { conflictsWith, configValidator, iamPolicyJson, intBetween, isJson, oneOf, resource, validArn } from "./define";
import { isUnknown, presenceAt } from "./paths";
import type { Finding, ResourceRules } from "./types";

const FEEDBACK = ["application", "firehose", "http", "lambda", "sqs"];

/** topic.go `resourceTopicCustomizeDiff`, on create: the topic name, and FIFO-only arguments. */
function topicCustomizeDiff(inputs: Record<string, unknown>): Finding[] {
    const fifo = inputs.fifoTopic;
    if (isUnknown(fifo)) return [];
    const out: Finding[] = [];
    const name = inputs.name;
    if (typeof name === "string") {
        const pattern = fifo === true ? /^[0-9A-Za-z_-]{1,251}\.fifo$/ : /^[0-9A-Za-z_-]{1,256}$/;
        if (!pattern.test(name)) out.push({ path: "name", message: `invalid topic name: ${name}` });
    }
    if (fifo !== true) {
        if (presenceAt(inputs, "archivePolicy") === "set") out.push({ path: "archivePolicy", message: "message archive policy can only be set for FIFO topics" });
        if (presenceAt(inputs, "fifoThroughputScope") === "set") out.push({ path: "fifoThroughputScope", message: "FIFO throughput scope can only be set for FIFO topics" });
        if (inputs.contentBasedDeduplication === true) out.push({ path: "contentBasedDeduplication", message: "content-based deduplication can only be set for FIFO topics" });
    }
    return out;
}

/** topic_subscription.go `resourceTopicSubscriptionCustomizeDiff`. */
function scopeNeedsPolicy(inputs: Record<string, unknown>): Finding[] {
    const policy = presenceAt(inputs, "filterPolicy");
    if (policy === "unknown") return [];
    return policy !== "set" && presenceAt(inputs, "filterPolicyScope") === "set"
        ? [{ path: "filterPolicyScope", message: "filter_policy is required when filter_policy_scope is set" }]
        : [];
}

export const snsRules: ResourceRules[] = [
    resource({
        type: "aws:sns/topic:Topic",
        terraformType: "aws_sns_topic",
        file: "internal/service/sns/topic.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        forceNew: ["fifoTopic", "name", "namePrefix"],
        rules: [
            conflictsWith("name", "namePrefix"),
            ...FEEDBACK.flatMap((p) => [validArn(`${p}FailureFeedbackRoleArn`), validArn(`${p}SuccessFeedbackRoleArn`), intBetween(`${p}SuccessFeedbackSampleRate`, 0, 100)]),
            isJson("deliveryPolicy"),
            iamPolicyJson("policy"),
            intBetween("signatureVersion", 1, 2),
            oneOf("tracingConfig", ["PassThrough", "Active"]),
            configValidator({
                name: "resourceTopicCustomizeDiff",
                fields: ["fifoTopic", "name", "archivePolicy", "fifoThroughputScope", "contentBasedDeduplication"],
                description: "topic names are 1-256 of [0-9A-Za-z_-] (FIFO: 1-251 plus .fifo); archive policy, throughput scope and deduplication are FIFO-only",
                check: topicCustomizeDiff,
                examples: { accepted: { name: "gatevault-backup-events" }, refused: { name: "gatevault.backup.events" } },
            }),
        ],
    }),
    resource({
        type: "aws:sns/topicPolicy:TopicPolicy",
        terraformType: "aws_sns_topic_policy",
        file: "internal/service/sns/topic_policy.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        forceNew: ["arn"],
        rules: [validArn("arn"), iamPolicyJson("policy")],
    }),
    resource({
        type: "aws:sns/topicSubscription:TopicSubscription",
        terraformType: "aws_sns_topic_subscription",
        file: "internal/service/sns/topic_subscription.go",
        commit: "04a2e6e5bc625ec85ea8c678219b483fc674877e",
        forceNew: ["endpoint", "protocol", "topic"],
        rules: [
            // subscriptionProtocol_Values (internal/service/sns/consts.go), as the SNS API reference lists them.
            oneOf("protocol", ["application", "email", "email-json", "firehose", "http", "https", "lambda", "sms", "sqs"]),
            validArn("topic"),
            validArn("subscriptionRoleArn"),
            isJson("deliveryPolicy"),
            isJson("filterPolicy"),
            isJson("redrivePolicy"),
            isJson("replayPolicy"),
            oneOf("filterPolicyScope", ["MessageAttributes", "MessageBody"]),
            configValidator({
                name: "resourceTopicSubscriptionCustomizeDiff",
                fields: ["filterPolicy", "filterPolicyScope"],
                description: "a filter policy scope needs a filter policy",
                check: scopeNeedsPolicy,
                examples: {
                    accepted: { filterPolicy: '{"event":["BACKUP_JOB_FAILED"]}', filterPolicyScope: "MessageBody" },
                    refused: { filterPolicyScope: "MessageBody" },
                },
            }),
        ],
    }),
];
