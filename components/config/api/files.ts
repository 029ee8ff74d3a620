// Values that may live in a file beside the stack config instead of inline: mapping
// templates, models and bring-your-own OpenAPI documents. Paths are relative to the
// project directory (where Pulumi.yaml is) and may not climb out of it.

import * as path from "node:path";
import { z } from "zod";

export const projectPathSchema = z
    .string()
    .min(1)
    .refine(
        (p) => !path.isAbsolute(p) && !/^[A-Za-z]:/.test(p) && !p.split(/[\\/]/).includes(".."),
        "must be a path relative to the project directory, without .. segments",
    );

export const fileRefSchema = z.strictObject({
    file: projectPathSchema.describe("Path of the file, relative to the project directory (where `Pulumi.yaml` is); its text is sent unchanged."),
});

export type FileRef = z.output<typeof fileRefSchema>;

/** A media type such as application/json or image/png. */
export const mediaTypeSchema = z
    .string()
    .regex(/^[A-Za-z0-9!#$&^_.+*-]+\/[A-Za-z0-9!#$&^_.+*-]+$/, "must be a media type such as application/json or image/*");

/** A VTL mapping template: inline text, or `{ file }`. The text is sent to API Gateway unchanged. */
export const templateSchema = z.union([z.string(), fileRefSchema]);

/** Templates by content type. */
export const templatesSchema = z.record(mediaTypeSchema, templateSchema);

export type TemplateConfig = z.output<typeof templateSchema>;

export function isFileRef(value: unknown): value is FileRef {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "file" in value;
}
