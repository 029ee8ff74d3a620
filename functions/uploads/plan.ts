// Single PUT or multipart, and the exact size of every part, for a declared upload size.

import type { UploadLimits } from "./settings";

export type UploadPlan =
    | { mode: "single"; size: number }
    | { mode: "multipart"; partSize: number; parts: { partNumber: number; size: number }[] };

export function planUpload(size: number, limits: UploadLimits): UploadPlan {
    if (size <= limits.maxSinglePartBytes) {
        return { mode: "single", size };
    }
    const count = Math.ceil(size / limits.partSizeBytes);
    const parts = Array.from({ length: count }, (_, i) => ({
        partNumber: i + 1,
        size: i < count - 1 ? limits.partSizeBytes : size - limits.partSizeBytes * (count - 1),
    }));
    return { mode: "multipart", partSize: limits.partSizeBytes, parts };
}
