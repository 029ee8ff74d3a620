import { expect } from "chai";
import { planUpload } from "../../functions/uploads/plan";
import { GIB, MIB, TIB, uploadEnvironment, uploadLimitProblems, uploadSettingsFromEnv } from "../../functions/uploads/settings";
import { HandlerSettingsError } from "../../functions/shared/settings-error";
import { settingsProblems } from "./support/settings-problems";
import { uploadSettings } from "./support/upload-harness";

const problemsOf = (env: Record<string, string | undefined>) => settingsProblems(uploadSettingsFromEnv, env);

describe("upload settings", () => {
    it("round-trips through the environment the component sets", () => {
        expect(uploadSettingsFromEnv(uploadEnvironment(uploadSettings()))).to.deep.equal(uploadSettings());
    });

    it("round-trips CORS settings, and refuses ones a browser would reject", () => {
        const cors = { allowOrigins: ["https://shop.example.com"], allowCredentials: true, exposeHeaders: ["X-Request-Id"] };
        expect(uploadSettingsFromEnv(uploadEnvironment(uploadSettings({ cors }))).cors).to.deep.equal(cors);
        const env = { ...uploadEnvironment(uploadSettings()), UPLOAD_CORS: JSON.stringify({ allowOrigins: ["*"], allowCredentials: true, exposeHeaders: [] }) };
        expect(problemsOf(env)).to.deep.equal([{ key: "UPLOAD_CORS", message: "allowOrigins may be * only alone and without credentials" }]);
    });

    it("reports every bad variable at once", () => {
        const env = {
            ...uploadEnvironment(uploadSettings()),
            UPLOAD_KEY_PREFIX: "/uploads",
            UPLOAD_ALLOWED_CONTENT_TYPES: '["application/PDF", "text/csv; charset=utf-8"]',
            UPLOAD_PART_SIZE_BYTES: String(MIB),
            UPLOAD_URL_EXPIRY_SECONDS: "86400",
        };
        delete (env as Record<string, string | undefined>).UPLOAD_BUCKET;
        const problems = problemsOf(env);
        expect(problems.map((p) => p.key)).to.deep.equal([
            "UPLOAD_KEY_PREFIX",
            "UPLOAD_ALLOWED_CONTENT_TYPES",
            "UPLOAD_ALLOWED_CONTENT_TYPES",
            "UPLOAD_BUCKET",
            "UPLOAD_PART_SIZE_BYTES",
            "UPLOAD_URL_EXPIRY_SECONDS",
        ]);
        expect(problems[0].message).to.match(/ending in "\/".*got "\/uploads"/);
        expect(problems[4].message).to.equal(`must be a whole number from ${5 * MIB} to ${5 * GIB} (got "${MIB}")`);
    });

    it("applies the cross-field limits once every value is in range", () => {
        expect(uploadLimitProblems({ maxSinglePartBytes: 2 * GIB, maxBytes: GIB, partSizeBytes: 16 * MIB })[0]).to.deep.equal({
            field: "maxSinglePartBytes",
            message: `must be <= maxBytes (got ${2 * GIB} > ${GIB})`,
        });
        // 5 TiB in 16 MiB parts would need 327,680 part URLs in one response.
        const tooMany = uploadLimitProblems({ maxSinglePartBytes: GIB, maxBytes: 5 * TIB, partSizeBytes: 16 * MIB });
        expect(tooMany).to.have.length(1);
        expect(tooMany[0].message).to.match(/at most 1000 parts \(got 327680\); raise partSizeBytes to at least 5497558139/);
        expect(uploadLimitProblems({ maxSinglePartBytes: GIB, maxBytes: 1000 * 16 * MIB, partSizeBytes: 16 * MIB })).to.deep.equal([]);
        const env = { ...uploadEnvironment(uploadSettings()), UPLOAD_MAX_BYTES: String(5 * TIB) };
        expect(problemsOf(env).map((p) => p.key)).to.deep.equal(["UPLOAD_PART_SIZE_BYTES"]);
    });

    it("fails the handler module's cold start on a bad environment", () => {
        const entry = require.resolve("../../functions/uploads/handler");
        const saved = { ...process.env };
        try {
            delete require.cache[entry];
            for (const key of Object.keys(uploadEnvironment(uploadSettings()))) delete process.env[key];
            expect(() => require(entry)).to.throw(HandlerSettingsError, /UPLOAD_BUCKET: is required/);
            delete require.cache[entry];
            Object.assign(process.env, uploadEnvironment(uploadSettings()), { AWS_REGION: "eu-west-1" });
            expect(require(entry).handler).to.be.a("function");
        } finally {
            delete require.cache[entry];
            process.env = saved;
        }
    });
});

describe("upload plan", () => {
    const limits = { maxSinglePartBytes: 100 * MIB, maxBytes: GIB, partSizeBytes: 16 * MIB };

    it("splits into equal parts with the remainder last, and exact multiples without an empty part", () => {
        expect(planUpload(100 * MIB, limits)).to.deep.equal({ mode: "single", size: 100 * MIB });
        const exact = planUpload(112 * MIB, limits);
        expect(exact.mode === "multipart" && exact.parts.map((p) => p.size)).to.deep.equal(Array(7).fill(16 * MIB));
        const odd = planUpload(112 * MIB + 1, limits);
        expect(odd.mode === "multipart" && odd.parts.at(-1)).to.deep.equal({ partNumber: 8, size: 1 });
    });
});
