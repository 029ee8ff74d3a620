// A list of config problems at stack key paths, for the wiring checks (which, unlike the
// document builder, report across several top-level keys).

import { ConfigProblem, formatKeyPath } from "../config/errors";

export type KeyPath = ReadonlyArray<string | number>;

export class WiringProblems {
    readonly list: ConfigProblem[] = [];

    add(path: KeyPath, message: string): void {
        this.list.push({ path: formatKeyPath(path), message });
    }
}
