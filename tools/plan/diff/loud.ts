// Resources whose replacement or deletion a reviewer must not miss: it destroys recovery points
// (vaults), makes data encrypted under a key unreadable or a client's key invalid (keys), cannot
// be undone once a lock is in compliance mode (locks), or changes who may do what (policies).

export type LoudKind = "vault" | "key" | "lock" | "policy";

const BY_TYPE: Record<string, LoudKind> = {
    "aws:backup/vault:Vault": "vault",
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": "vault",
    "aws:kms/key:Key": "key",
    "aws:kms/replicaKey:ReplicaKey": "key",
    "aws:kms/externalKey:ExternalKey": "key",
    "aws:apigateway/apiKey:ApiKey": "key",
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": "lock",
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": "lock",
};

/** Vault, key, lock or policy (any type whose class name ends in Policy or PolicyAttachment). */
export function loudKind(type: string): LoudKind | undefined {
    if (BY_TYPE[type]) return BY_TYPE[type];
    const className = type.split(":").pop() ?? "";
    return /Policy(Attachment)?$/.test(className) ? "policy" : undefined;
}
