// Collects problems at stack key paths, for checks that report everything they find at once
// (the document builder, the wiring) rather than stopping at the first.

import { ConfigProblem, ConfigValidationError, formatKeyPath } from "./errors";

export type KeyPath = ReadonlyArray<string | number>;

export class Problems {
    readonly list: ConfigProblem[] = [];

    add(path: KeyPath, message: string): void {
        this.list.push({ path: formatKeyPath(path), message });
    }

    throwIfAny(): void {
        if (this.list.length > 0) {
            throw new ConfigValidationError([...this.list]);
        }
    }
}
