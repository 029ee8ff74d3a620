// Where a mocked resource lives: the region and account of the provider it was created with.

export interface TargetContext {
    partition: string;
    region: string;
    accountId: string;
    /** Organization id the mocks report for this stack. */
    organizationId: string;
}

export interface ProviderInputs {
    region?: unknown;
    assumeRoles?: unknown;
    assumeRole?: unknown;
    allowedAccountIds?: unknown;
}

/** Provider inputs with structure reach the engine JSON-encoded, as the SDK sends them. */
function decoded(value: unknown): unknown {
    if (typeof value === "string" && /^\s*[[{]/.test(value)) {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}

function firstRoleArn(inputs: ProviderInputs): string | undefined {
    const assumeRoles = decoded(inputs.assumeRoles);
    const assumeRole = decoded(inputs.assumeRole);
    const roles = Array.isArray(assumeRoles) ? assumeRoles : assumeRole ? [assumeRole] : [];
    const role = roles[0] as { roleArn?: unknown } | undefined;
    return typeof role?.roleArn === "string" ? role.roleArn : undefined;
}

/** A provider's target, read from its inputs the way the AWS provider would resolve them. */
export function contextOfProvider(inputs: ProviderInputs, fallback: TargetContext): TargetContext {
    const region = typeof inputs.region === "string" ? inputs.region : fallback.region;
    const roleArn = firstRoleArn(inputs);
    const roleAccount = roleArn?.split(":")[4];
    const allowedIds = decoded(inputs.allowedAccountIds);
    const allowed = Array.isArray(allowedIds) && typeof allowedIds[0] === "string" ? allowedIds[0] : undefined;
    const accountId = roleAccount && /^\d{12}$/.test(roleAccount) ? roleAccount : (allowed ?? fallback.accountId);
    return { ...fallback, region, accountId };
}
