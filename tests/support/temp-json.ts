// JSON files the offline plan reads from disk (policy config), written to a fresh temp dir.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export function writeTempJson(json: unknown): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-json-")), "config.json");
    fs.writeFileSync(file, JSON.stringify(json));
    return file;
}
