// Reads the files config points to (templates, models, OpenAPI documents) through a reader
// the caller supplies, so the builder never touches the file system itself. A missing file
// is a problem at the key path that named it.

import { FileRef, isFileRef } from "../../config/api/files";
import type { TemplateConfig } from "../../config/api";
import type { KeyPath, Problems } from "../../config/problems";

/** Returns a project-relative file's text, or undefined when there is no such file. */
export type ReadProjectFile = (relativePath: string) => string | undefined;

/** One mapping template exactly as it is sent to API Gateway. */
export interface MappingTemplate {
    /** "GET /orders/{id}" (the preflight's is "OPTIONS /path"). */
    route: string;
    direction: "request" | "response";
    contentType: string;
    /** Response templates: the method response status and the selection pattern they answer. */
    statusCode?: string;
    selectionPattern?: string;
    /** Project-relative file the template came from, when it was not inline. */
    file?: string;
    text: string;
}

export class ProjectFiles {
    constructor(private readonly read: ReadProjectFile, private readonly problems: Problems) {}

    /** The text of `ref.file`; `at` is the key path of the `{ file }` object. */
    text(ref: FileRef, at: KeyPath): string | undefined {
        const text = this.read(ref.file);
        if (text === undefined) {
            this.problems.add([...at, "file"], `file ${ref.file} not found (paths are relative to the project directory, where Pulumi.yaml is)`);
        }
        return text;
    }

    /** A template's text, inline or from its file, unchanged (no trimming: what is read is what is sent). */
    template(value: TemplateConfig, at: KeyPath): { text: string; file?: string } | undefined {
        if (!isFileRef(value)) {
            return { text: value as string };
        }
        const text = this.text(value, at);
        return text === undefined ? undefined : { text, file: value.file };
    }
}
