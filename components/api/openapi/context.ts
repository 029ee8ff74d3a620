// What every part of the document build shares: the API's config, where it sits in the
// stack file, and the collectors for problems, references and mapping templates.

import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import type { ApiConfig } from "../../config/api";
import { KeyPath, Problems } from "../../config/problems";
import { ProjectFiles, MappingTemplate, ReadProjectFile } from "./files";
import { AvailableTargets, References } from "./references";

export interface BuildContext {
    api: ApiConfig;
    /** Key path of the API in the stack file, e.g. ["apis", 0]. */
    at: KeyPath;
    region: string;
    partition: string;
    /** `API "orders"`, for messages. */
    label: string;
    problems: Problems;
    refs: References;
    files: ProjectFiles;
    templates: MappingTemplate[];
}

/** The operation an integration and its responses are built for. */
export interface OperationTarget {
    method: HttpMethod;
    path: string;
    /** "GET /orders/{id}", for messages. */
    key: string;
}

export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    if (region.startsWith("us-isob-")) return "aws-iso-b";
    if (region.startsWith("us-iso-")) return "aws-iso";
    return "aws";
}

export function createContext(opts: {
    api: ApiConfig;
    at: KeyPath;
    region: string;
    available: AvailableTargets;
    readFile: ReadProjectFile;
}): BuildContext {
    const problems = new Problems();
    return {
        api: opts.api,
        at: opts.at,
        region: opts.region,
        partition: partitionOf(opts.region),
        label: `API "${opts.api.name}"`,
        problems,
        refs: new References(opts.available, problems),
        files: new ProjectFiles(opts.readFile, problems),
        templates: [],
    };
}
