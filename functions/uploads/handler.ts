// Lambda entry point of the upload API. Settings are validated at cold start; the S3 client
// (and the credentials it signs with) is shared by every invocation of this instance.

import { createUploadHandler } from "./handlers";
import { uploadS3Client } from "./presign";
import { uploadSettingsFromEnv } from "./settings";

export const handler = createUploadHandler(uploadSettingsFromEnv(process.env), { s3: uploadS3Client() });
