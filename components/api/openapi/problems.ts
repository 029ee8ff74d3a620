// Collects every problem a build finds, each at its stack key path, and throws them together.

import { ConfigProblem, ConfigValidationError, formatKeyPath } from "../../config/errors";

export type KeyPath = ReadonlyArray<string | number>;

export class Problems {
    private readonly found: ConfigProblem[] = [];

    add(path: KeyPath, message: string): void {
        this.found.push({ path: formatKeyPath(path), message });
    }

    get count(): number {
        return this.found.length;
    }

    throwIfAny(): void {
        if (this.found.length > 0) {
            throw new ConfigValidationError([...this.found]);
        }
    }
}
