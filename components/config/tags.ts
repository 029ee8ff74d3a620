// gatevault:tags against AWS's limit of 50 tags per resource, counted as AWS counts them: with
// the tags the provider adds to every resource (components/shared/default-tags.ts). No resource
// gatevault creates sets tags of its own, so the default tags are all a resource carries.

import { defaultTags, MAX_TAGS_PER_RESOURCE } from "../shared/default-tags";
import { Ctx, issue } from "./issues";

export function checkTagCount(stack: { tags: Record<string, string>; environment: string }, ctx: Ctx): void {
    const merged = Object.keys(defaultTags(stack.tags, stack.environment));
    if (merged.length > MAX_TAGS_PER_RESOURCE) {
        const added = merged.filter((k) => !(k in stack.tags));
        issue(
            ctx,
            ["tags"],
            `must leave every resource at most ${MAX_TAGS_PER_RESOURCE} tags (AWS's limit per resource): ${Object.keys(stack.tags).length} tags here` +
                `${added.length > 0 ? ` plus ${added.join(" and ")}, which gatevault adds to every resource,` : ""} make ${merged.length}; remove ${merged.length - MAX_TAGS_PER_RESOURCE}`,
            Object.keys(stack.tags).length,
        );
    }
}
