// The actions the workflows use: the current major of each (its repository's newest major tag,
// looked up 2026-12-02) and the inputs its action.yml declares at that tag (commit in brackets).
// A workflow step may pass only these; GitHub warns about others and the action ignores them.

export interface ActionFacts {
    major: string;
    inputs: string[];
}

export const ACTIONS: Record<string, ActionFacts> = {
    // actions/checkout v7 [3d3c42e5aac5]
    "actions/checkout": {
        major: "v7",
        inputs: ["repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials", "path", "clean", "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules", "set-safe-directory", "github-server-url", "allow-unsafe-pr-checkout"],
    },
    // actions/setup-node v7 [820762786026]
    "actions/setup-node": {
        major: "v7",
        inputs: ["node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token", "cache", "package-manager-cache", "cache-dependency-path", "mirror", "mirror-token"],
    },
    // aws-actions/configure-aws-credentials v6 [451ce2a72e8d]
    "aws-actions/configure-aws-credentials": {
        major: "v6",
        inputs: ["aws-region", "aws-profile", "overwrite-aws-profile", "role-to-assume", "aws-access-key-id", "aws-secret-access-key", "aws-session-token", "web-identity-token-file", "role-chaining", "audience", "http-proxy", "no-proxy", "mask-aws-account-id", "role-duration-seconds", "role-external-id", "role-session-name", "role-skip-session-tagging", "transitive-tag-keys", "inline-session-policy", "managed-session-policies", "output-credentials", "output-env-credentials", "unset-current-credentials", "disable-retry", "retry-max-attempts", "special-characters-workaround", "use-existing-credentials", "allowed-account-ids", "force-skip-oidc", "action-timeout-s", "custom-tags", "sts-endpoint"],
    },
    // pulumi/actions v7 [8e5e406f4007]
    "pulumi/actions": {
        major: "v7",
        inputs: ["command", "stack-name", "pulumi-version", "pulumi-version-file", "work-dir", "comment-on-pr", "comment-on-pr-number", "comment-on-summary", "github-token", "cloud-url", "secrets-provider", "parallel", "message", "config-map", "expect-no-changes", "diff", "replace", "exclude", "exclude-dependents", "target", "target-dependents", "policyPacks", "policyPackConfigs", "refresh", "upsert", "remove", "edit-pr-comment", "color", "exclude-protected", "plan", "suppress-outputs", "suppress-progress", "always-include-summary", "continue-on-error", "log-verbosity", "log-flow", "debug"],
    },
    // actions/github-script v8 [ed597411d8f9]
    "actions/github-script": {
        major: "v8",
        inputs: ["script", "github-token", "debug", "user-agent", "previews", "result-encoding", "retries", "retry-exempt-status-codes", "base-url"],
    },
    // actions/upload-artifact v7 [bbbca2ddaa5d]
    "actions/upload-artifact": {
        major: "v7",
        inputs: ["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files", "archive"],
    },
};
