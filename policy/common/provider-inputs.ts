// A resource's provider as policies see it. The engine passes provider inputs with structure
// (defaultTags, assumeRoles, allowedAccountIds) JSON-encoded as strings, so they are decoded here.

import type { PolicyProviderResource } from "@pulumi/policy";
import { isObject } from "./parse-json";

// Every resource of a provider carries the same encoded value; the last decode is kept.
// Decoded values are never modified.
let lastText: string | undefined;
let lastDecoded: unknown;

export function providerInput(provider: PolicyProviderResource | undefined, key: string): unknown {
    const raw = provider?.props[key];
    if (typeof raw !== "string") return raw;
    const text = raw.trim();
    if (!text.startsWith("{") && !text.startsWith("[")) return raw;
    if (text !== lastText) {
        try {
            lastDecoded = JSON.parse(text);
        } catch {
            lastDecoded = raw;
        }
        lastText = text;
    }
    return lastDecoded;
}

/** The provider's `defaultTags.tags`, which AWS applies to every taggable resource it creates. */
export function providerDefaultTags(provider: PolicyProviderResource | undefined): Record<string, unknown> {
    const defaultTags = providerInput(provider, "defaultTags");
    const tags = typeof defaultTags === "object" && defaultTags !== null ? (defaultTags as { tags?: unknown }).tags : undefined;
    return isObject(tags) ? tags : {};
}
