// Mapping templates as sent: read inline or from their file, optionally after a prelude
// gatevault adds (the CORS origin echo), and recorded in the document's template list so tests
// and the local emulator see exactly what API Gateway runs.

import type { TemplateConfig } from "../../config/api";
import type { KeyPath } from "../../config/problems";
import type { BuildContext } from "./context";
import type { MappingTemplate } from "./files";

export interface TemplatePrelude {
    text: string;
    /** The response header the prelude overrides: a template overriding it too is refused. */
    sets: string;
}

type TemplateMeta = Pick<MappingTemplate, "route" | "direction" | "statusCode" | "selectionPattern">;

export function recordTemplates(
    ctx: BuildContext,
    templates: Record<string, TemplateConfig> | undefined,
    at: KeyPath,
    meta: TemplateMeta,
    prelude?: TemplatePrelude,
): Record<string, string> | undefined {
    if (!templates) {
        return undefined;
    }
    const out: Record<string, string> = {};
    for (const [contentType, value] of Object.entries(templates)) {
        const resolved = ctx.files.template(value, [...at, contentType]);
        if (!resolved) continue;
        // "Overrides are final. An override may only be applied to each parameter once": a second one is a 5XX.
        if (prelude && new RegExp(`responseOverride\\.header\\.${prelude.sets}\\b`, "i").test(resolved.text)) {
            ctx.problems.add(
                [...at, contentType],
                `sets ${prelude.sets} itself, which gatevault's CORS origin check on route ${meta.route} sets too (API Gateway answers 5XX to a second override); remove it from the template`,
            );
        }
        const text = `${prelude?.text ?? ""}${resolved.text}`;
        out[contentType] = text;
        const defined = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as TemplateMeta;
        ctx.templates.push({ ...defined, contentType, text, ...(resolved.file ? { file: resolved.file } : {}) });
    }
    return out;
}
