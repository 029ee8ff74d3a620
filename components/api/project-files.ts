// The project directory, and reading files from it for the document builder.

import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ReadProjectFile } from "./openapi";

/**
 * Where Pulumi.yaml is. The engine says so; under mocks the SDK answers a placeholder, and
 * the program runs from the project directory anyway (the offline plan and tests do too).
 */
export function projectDirectory(): string {
    const root = pulumi.runtime.getRootDirectory();
    return root && fs.existsSync(path.join(root, "Pulumi.yaml")) ? root : process.cwd();
}

export function projectFileReader(projectDir: string): ReadProjectFile {
    return (relativePath) => {
        const full = path.resolve(projectDir, relativePath);
        try {
            return fs.readFileSync(full, "utf8");
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EISDIR") {
                return undefined;
            }
            throw err;
        }
    };
}
