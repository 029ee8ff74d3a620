// Request body models: JSON Schema draft 4 as API Gateway validates it, inline or in a file.

import { z } from "zod";
import { fileRefSchema } from "./files";

export const modelSchema = z.union([fileRefSchema, z.record(z.string(), z.unknown())]);

export type ModelConfig = z.output<typeof modelSchema>;
