import { expect } from "chai";
import { authorizerEnvironment, authorizerSettingsFromEnv } from "../../functions/authorizer/settings";
import { GIB, MIB, uploadEnvironment, uploadSettingsFromEnv } from "../../functions/uploads/settings";
import { stackConfig } from "../support/plan-program";

describe("config: jwtAuthorizers, uploads, cognito", () => {
    it("leaves them out of a stack that does not set them", () => {
        const bare = stackConfig("prod", (c) => {
            delete c["gatevault:jwtAuthorizers"];
            delete c["gatevault:cognito"];
        });
        expect(bare.jwtAuthorizers).to.deep.equal([]);
        expect(bare.uploads).to.equal(undefined);
        expect(bare.cognito).to.equal(undefined);
    });

    it("fills the documented defaults around the few keys a stack must set", () => {
        const config = stackConfig("dev", (c) => {
            c["gatevault:uploads"] = { allowedContentTypes: ["application/pdf"] };
            c["gatevault:jwtAuthorizers"] = [
                { name: "min", issuer: "https://idp.example.com/", jwksUrl: "https://idp.example.com/jwks", audience: ["api"], routes: { "GET /x": { scopes: ["x"] } } },
            ];
        });
        expect(config.uploads).to.deep.equal({
            name: "uploads",
            keyPrefix: "uploads/",
            allowedContentTypes: ["application/pdf"],
            limits: { maxSinglePartBytes: 100 * MIB, maxBytes: 5 * GIB, partSizeBytes: 64 * MIB },
            urlExpirySeconds: 300,
            multipartUrlExpirySeconds: 900,
            bucket: { encryption: "SSE-KMS", versioning: false, noncurrentVersionExpirationDays: 30, abortIncompleteMultipartUploadDays: 1, corsAllowedOrigins: [], forceDestroy: false },
            logRetentionDays: 30,
        });
        expect(config.jwtAuthorizers[0]).to.deep.include({
            type: "TOKEN",
            audienceClaim: "aud",
            algorithms: ["RS256", "ES256"],
            clockToleranceSeconds: 30,
            groupsClaim: "cognito:groups",
            jwksTimeoutMs: 2000,
            resultTtlSeconds: 300,
            logRetentionDays: 30,
        });
    });

    it("accepts exactly what the handlers accept at cold start (dev stack)", () => {
        const config = stackConfig("dev");
        for (const a of config.jwtAuthorizers) {
            expect(authorizerSettingsFromEnv(authorizerEnvironment(a)).routes).to.deep.equal(a.routes);
        }
        const u = config.uploads!;
        const env = uploadEnvironment({ bucket: "b", keyPrefix: u.keyPrefix, allowedContentTypes: u.allowedContentTypes, ...u.limits, urlExpirySeconds: u.urlExpirySeconds, multipartUrlExpirySeconds: u.multipartUrlExpirySeconds });
        expect(uploadSettingsFromEnv(env).partSizeBytes).to.equal(64 * MIB);
    });
});
