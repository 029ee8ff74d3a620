import { S3ServiceException } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { MIB } from "../../functions/uploads/settings";
import { bodyOf, queryOf, uploadEvent, uploadHandler, uploadSettings } from "./support/upload-harness";

const ID = "11111111-2222-3333-4444-555555555555";

describe("upload URLs: single presigned PUT", () => {
    it("signs a PUT for the caller's own prefix with size, content type and a short expiry bound into the signature", async () => {
        const { handler, sent } = uploadHandler();
        const result = await handler(uploadEvent("/uploads", { contentType: "application/pdf", size: 20 * MIB, fileName: "Q1 report.pdf" }));
        expect(result.statusCode).to.equal(201);
        expect(result.headers?.["cache-control"]).to.equal("no-store");
        const body = bodyOf(result);
        expect(body.mode).to.equal("single");
        expect(body.key).to.equal(`uploads/alice/${ID}/Q1_report.pdf`);
        expect(body.expiresAt).to.equal("2026-03-01T12:05:00.000Z");
        expect(body.upload.method).to.equal("PUT");
        expect(body.upload.headers).to.deep.equal({ "content-type": "application/pdf", "content-length": String(20 * MIB) });

        const url = new URL(body.upload.url);
        expect(url.hostname).to.equal("gatevault-dev-uploads.s3.eu-west-1.amazonaws.com");
        expect(decodeURIComponent(url.pathname)).to.equal(`/${body.key}`);
        const q = queryOf(body.upload.url);
        expect(q["X-Amz-Expires"]).to.equal("300");
        expect(q["X-Amz-Date"]).to.equal("20260301T120000Z");
        expect(q["X-Amz-SignedHeaders"]).to.equal("content-length;content-type;host");
        expect(q["X-Amz-Credential"]).to.equal("AKIAEXAMPLEFUNCTION/20260301/eu-west-1/s3/aws4_request");
        expect(q["X-Amz-Security-Token"]).to.equal("test-session");
        expect(q["x-id"]).to.equal("PutObject");
        // No SDK default checksum of an empty body may be signed into the URL.
        expect(Object.keys(q).filter((k) => k.toLowerCase().includes("checksum"))).to.deep.equal([]);
        expect(sent).to.deep.equal([]);
    });

    it("gives a different signature when only the size or only the content type differs, the same one otherwise", async () => {
        const signature = async (contentType: string, size: number) => {
            const { handler } = uploadHandler();
            return queryOf(bodyOf(await handler(uploadEvent("/uploads", { contentType, size, fileName: "a.pdf" }))).upload.url)["X-Amz-Signature"];
        };
        const base = await signature("application/pdf", 20 * MIB);
        expect(await signature("application/pdf", 20 * MIB)).to.equal(base);
        expect(await signature("application/pdf", 20 * MIB + 1)).to.not.equal(base);
        expect(await signature("video/mp4", 20 * MIB)).to.not.equal(base);
    });

    it("takes the key prefix from the authorizer context only, never from the body", async () => {
        const { handler } = uploadHandler();
        const forged = await handler(uploadEvent("/uploads", { contentType: "application/pdf", size: 10, key: "uploads/bob/x", owner: "bob" }));
        expect(forged.statusCode).to.equal(400);
        expect(bodyOf(forged).details).to.include.members([
            "key: unknown field (allowed: contentType, size, fileName)",
            "owner: unknown field (allowed: contentType, size, fileName)",
        ]);

        const cognito = await handler(uploadEvent("/uploads", { contentType: "application/pdf", size: 10 }, { claims: { sub: "c0ffee-42" } }));
        expect(bodyOf(cognito).key).to.equal(`uploads/c0ffee-42/${ID}/upload`);

        const unsafe = await handler(uploadEvent("/uploads", { contentType: "application/pdf", size: 10 }, { principalId: "../bob" }));
        expect(bodyOf(unsafe).key).to.match(new RegExp(`^uploads/~[0-9a-f]{64}/${ID}/upload$`));

        const anonymous = await handler(uploadEvent("/uploads", { contentType: "application/pdf", size: 10 }, null));
        expect(anonymous.statusCode).to.equal(403);
    });

    it("keeps only a safe last path component of the file name", async () => {
        const { handler } = uploadHandler();
        const keyFor = async (fileName: string) => bodyOf(await handler(uploadEvent("/uploads", { contentType: "application/pdf", size: 10, fileName }))).key;
        expect(await keyFor("../../etc/passwd")).to.equal(`uploads/alice/${ID}/passwd`);
        expect(await keyFor("C:\\Users\\me\\.hidden report.pdf")).to.equal(`uploads/alice/${ID}/hidden_report.pdf`);
        expect(await keyFor("résumé.pdf")).to.equal(`uploads/alice/${ID}/r_sum_.pdf`);
    });

    it("refuses content types outside the allow-list and sizes outside the limits, listing every problem", async () => {
        const { handler } = uploadHandler();
        const result = await handler(uploadEvent("/uploads", { contentType: "text/html", size: 1024 * MIB + 1 }));
        expect(result.statusCode).to.equal(400);
        expect(bodyOf(result).details).to.deep.equal([
            'contentType: must be one of application/pdf, video/mp4 (got "text/html")',
            `size: must be <= ${1024 * MIB} bytes (got ${1024 * MIB + 1})`,
        ]);
        for (const size of [0, -1, 1.5, "10"]) {
            const r = await handler(uploadEvent("/uploads", { contentType: "application/pdf", size }));
            expect(bodyOf(r).details, String(size)).to.deep.equal([`size: must be a whole number of bytes >= 1 (got ${JSON.stringify(size)})`]);
        }
        expect((await handler(uploadEvent("/uploads", "not json"))).statusCode).to.equal(400);
        expect((await handler({ ...uploadEvent("/uploads", {}), httpMethod: "GET" })).statusCode).to.equal(404);
    });

    it("accepts the media type in any case and signs its canonical lower-case form", async () => {
        const { handler } = uploadHandler();
        const body = bodyOf(await handler(uploadEvent("/uploads", { contentType: " Application/PDF", size: 10 })));
        expect(body.upload.headers["content-type"]).to.equal("application/pdf");
    });
});

describe("upload URLs: multipart", () => {
    const created = (c: { name: string }) => (c.name === "CreateMultipartUploadCommand" ? { UploadId: "mpu-123" } : {});

    it("creates a multipart upload and presigns each part with its exact size signed in", async () => {
        const size = 100 * MIB + 40 * MIB + 3; // above the single-PUT limit: 9 parts of 16 MiB, the last smaller
        const { handler, sent } = uploadHandler(uploadSettings(), created);
        const result = await handler(uploadEvent("/uploads", { contentType: "video/mp4", size, fileName: "talk.mp4" }));
        expect(result.statusCode).to.equal(201);
        const body = bodyOf(result);
        expect(body).to.include({ mode: "multipart", uploadId: "mpu-123", partSize: 16 * MIB, key: `uploads/alice/${ID}/talk.mp4` });
        expect(body.expiresAt).to.equal("2026-03-01T12:15:00.000Z");
        expect(sent).to.deep.equal([
            { name: "CreateMultipartUploadCommand", input: { Bucket: "gatevault-dev-uploads", Key: body.key, ContentType: "video/mp4" } },
        ]);

        expect(body.parts).to.have.length(9);
        expect(body.parts.map((p: { partNumber: number }) => p.partNumber)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(body.parts.slice(0, 8).every((p: { size: number }) => p.size === 16 * MIB)).to.equal(true);
        expect(body.parts[8].size).to.equal(size - 8 * 16 * MIB);
        expect(body.parts.reduce((sum: number, p: { size: number }) => sum + p.size, 0)).to.equal(size);
        for (const part of body.parts) {
            const q = queryOf(part.url);
            expect(q).to.include({ partNumber: String(part.partNumber), uploadId: "mpu-123", "X-Amz-Expires": "900", "X-Amz-SignedHeaders": "content-length;host", "x-id": "UploadPart" });
            expect(decodeURIComponent(new URL(part.url).pathname)).to.equal(`/${body.key}`);
        }
        // Same position, different size: the last part's signature is not the others'.
        const signatures = new Set(body.parts.map((p: { url: string }) => queryOf(p.url)["X-Amz-Signature"]));
        expect(signatures.size).to.equal(9);
    });

    it("uses a single PUT up to the single-part limit and multipart one byte above it", async () => {
        const { handler } = uploadHandler(uploadSettings(), created);
        expect(bodyOf(await handler(uploadEvent("/uploads", { contentType: "video/mp4", size: 100 * MIB }))).mode).to.equal("single");
        expect(bodyOf(await handler(uploadEvent("/uploads", { contentType: "video/mp4", size: 100 * MIB + 1 }))).mode).to.equal("multipart");
    });

    it("completes server-side with the parts in order, for the caller's own key only", async () => {
        const { handler, sent } = uploadHandler(uploadSettings(), (c) => (c.name === "CompleteMultipartUploadCommand" ? { ETag: '"final-3"' } : {}));
        const key = `uploads/alice/${ID}/talk.mp4`;
        const parts = [{ partNumber: 1, etag: '"e1"' }, { partNumber: 2, etag: '"e2"' }];
        const done = await handler(uploadEvent("/uploads/complete", { key, uploadId: "mpu-123", parts }));
        expect(done.statusCode).to.equal(200);
        expect(bodyOf(done)).to.deep.equal({ key, etag: '"final-3"' });
        expect(sent).to.deep.equal([
            {
                name: "CompleteMultipartUploadCommand",
                input: { Bucket: "gatevault-dev-uploads", Key: key, UploadId: "mpu-123", MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"e1"' }, { PartNumber: 2, ETag: '"e2"' }] } },
            },
        ]);

        const others = await handler(uploadEvent("/uploads/complete", { key: `uploads/bob/${ID}/talk.mp4`, uploadId: "mpu-123", parts }));
        expect(others.statusCode).to.equal(403);
        const sneaky = await handler(uploadEvent("/uploads/complete", { key: `uploads/alice-2/${ID}/x`, uploadId: "mpu-123", parts }, { principalId: "alice" }));
        expect(sneaky.statusCode).to.equal(403);
        expect(sent).to.have.length(1);
    });

    it("refuses part lists with gaps, duplicates or missing ETags, and more parts than any upload can have", async () => {
        const { handler, sent } = uploadHandler();
        const key = `uploads/alice/${ID}/x`;
        const problems = async (parts: unknown) => bodyOf(await handler(uploadEvent("/uploads/complete", { key, uploadId: "u", parts }))).details;
        expect(await problems([{ partNumber: 1, etag: "a" }, { partNumber: 3, etag: "b" }])).to.deep.equal(["parts[1].partNumber: must be 2 (parts are listed in order, starting at 1)"]);
        expect(await problems([{ partNumber: 1, etag: "a" }, { partNumber: 1, etag: "a" }])).to.deep.equal(["parts[1].partNumber: must be 2 (parts are listed in order, starting at 1)"]);
        expect(await problems([{ partNumber: 1 }])).to.deep.equal(["parts[0].etag: must be the ETag S3 returned for part 1"]);
        const tooMany = Array.from({ length: 65 }, (_, i) => ({ partNumber: i + 1, etag: "a" }));
        expect(await problems(tooMany)).to.deep.equal(["parts: must be a list of 1 to 64 { partNumber, etag } entries"]);
        expect(sent).to.deep.equal([]);
    });

    it("maps S3's NoSuchUpload to 404 and hides other S3 failures behind a 500", async () => {
        const failing = (name: string) => () => {
            throw new S3ServiceException({ name, $fault: "client", $metadata: {}, message: `${name} from S3` });
        };
        const key = `uploads/alice/${ID}/x`;
        const missing = uploadHandler(uploadSettings(), failing("NoSuchUpload"));
        const gone = await missing.handler(uploadEvent("/uploads/abort", { key, uploadId: "u" }));
        expect(gone.statusCode).to.equal(404);
        const broken = uploadHandler(uploadSettings(), failing("AccessDenied"));
        const failed = await broken.handler(uploadEvent("/uploads/abort", { key, uploadId: "u" }));
        expect(failed.statusCode).to.equal(500);
        expect(failed.body).to.not.contain("AccessDenied");
    });

    it("aborts the caller's own upload", async () => {
        const { handler, sent } = uploadHandler();
        const key = `uploads/alice/${ID}/x`;
        expect((await handler(uploadEvent("/uploads/abort", { key, uploadId: "u" }))).statusCode).to.equal(200);
        expect(sent).to.deep.equal([{ name: "AbortMultipartUploadCommand", input: { Bucket: "gatevault-dev-uploads", Key: key, UploadId: "u" } }]);
        expect((await handler(uploadEvent("/uploads/abort", { key: "uploads/bob/x", uploadId: "u" }))).statusCode).to.equal(403);
    });
});

// A proxy integration sends the function's response unchanged, so the API's CORS headers reach the
// browser only if the function sends them. Fetch standard, CORS protocol (https://fetch.spec.whatwg.org/#http-cors-protocol):
// Access-Control-Allow-Origin is `*` or the request's one origin, `true` credentials need the exact
// origin, and a response that depends on Origin says so in Vary.
describe("upload URLs: CORS of the API the function answers", () => {
    const fromOrigin = (origin: string | undefined, resource = "/uploads", body: unknown = { contentType: "application/pdf", size: 1024, fileName: "a.pdf" }) => {
        const event = uploadEvent(resource, body);
        event.headers = origin ? { Origin: origin } : {};
        return event;
    };
    const cors = { allowOrigins: ["https://shop.example.com", "https://admin.example.com"], allowCredentials: true, exposeHeaders: ["X-Request-Id"] };

    it("echoes an allowed origin with credentials, exposed headers and Vary: Origin, on successes and errors alike", async () => {
        const { handler } = uploadHandler(uploadSettings({ cors }));
        for (const [event, status] of [
            [fromOrigin("https://admin.example.com"), 201],
            [fromOrigin("https://admin.example.com", "/uploads", { contentType: "text/html", size: 1 }), 400],
            [fromOrigin("https://admin.example.com", "/nowhere"), 404],
        ] as const) {
            const result = await handler(event);
            expect(result.statusCode).to.equal(status);
            expect(result.headers).to.include({
                "access-control-allow-origin": "https://admin.example.com",
                "access-control-allow-credentials": "true",
                "access-control-expose-headers": "X-Request-Id",
                vary: "Origin",
                "content-type": "application/json",
            });
        }
    });

    it("sends no Allow-Origin to another origin or a request without one, and no CORS headers at all without settings", async () => {
        const { handler } = uploadHandler(uploadSettings({ cors }));
        for (const origin of ["https://evil.example.com", "https://shop.example.com.evil.example", undefined]) {
            const result = await handler(fromOrigin(origin));
            expect(result.headers, String(origin)).to.not.have.property("access-control-allow-origin");
            expect(result.headers, String(origin)).to.not.have.property("access-control-allow-credentials");
            expect(result.headers?.vary).to.equal("Origin");
        }
        const plain = await uploadHandler().handler(fromOrigin("https://shop.example.com"));
        expect(Object.keys(plain.headers ?? {}).filter((h) => h.startsWith("access-control") || h === "vary")).to.deep.equal([]);
    });

    it("answers a wildcard configuration with * and never with credentials", async () => {
        const { handler } = uploadHandler(uploadSettings({ cors: { allowOrigins: ["*"], allowCredentials: false, exposeHeaders: [] } }));
        const result = await handler(fromOrigin("https://anyone.example.com"));
        expect(result.headers).to.include({ "access-control-allow-origin": "*" });
        expect(result.headers).to.not.have.property("access-control-allow-credentials");
    });
});
