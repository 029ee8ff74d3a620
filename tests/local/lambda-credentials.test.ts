// The functions `npm run local` runs carry their own AWS SDK (components/functions/bundle.ts), which
// reads credentials from the function's environment: there Lambda puts the execution role's keys
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN;
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
// and the local runtime puts the shell's, so presigned URLs are signed with your credentials.

import { expect } from "chai";
import { uploadEnvironment } from "../../functions/uploads/settings";
import { InProcessRuntime } from "../../tools/local/lambda/runtime";
import { bodyOf, queryOf, uploadEvent, uploadSettings } from "../functions/support/upload-harness";

const ARN = "arn:aws:lambda:eu-west-1:111111111111:function:uploads-dev";
const SHELL = { AWS_ACCESS_KEY_ID: "AKIASHELLEXAMPLE", AWS_SECRET_ACCESS_KEY: "shell-secret", AWS_SESSION_TOKEN: "shell-session" };

describe("local Lambda runtime: AWS credentials", () => {
    it("hands the bundled SDK the shell's credentials, where Lambda puts the execution role's", async () => {
        const saved = { ...process.env };
        try {
            Object.assign(process.env, SHELL);
            const runtime = new InProcessRuntime([{ arn: ARN, entry: "functions/uploads/handler.ts", environment: { ...(uploadEnvironment(uploadSettings()) as Record<string, string>), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } }], undefined, () => undefined);
            const result = await runtime.invoke(ARN, uploadEvent("/uploads", { contentType: "application/pdf", size: 1000, fileName: "a.pdf" }), 10_000);
            expect(result.kind).to.equal("ok");
            const response = (result as { payload: any }).payload;
            expect(response.statusCode, response.body).to.equal(201);
            const q = queryOf(bodyOf(response).upload.url);
            expect(q["X-Amz-Credential"]).to.match(/^AKIASHELLEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
            expect(q["X-Amz-Security-Token"]).to.equal("shell-session");
        } finally {
            process.env = saved;
        }
    });
});
