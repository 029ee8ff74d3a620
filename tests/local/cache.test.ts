// The stage cache of the local gateway, over HTTP: which methods it serves, its keys, TTL and
// Cache-Control: max-age=0, as API Gateway documents them
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html).
// Each MOCK answer carries its own $context.requestId, so a cached answer shows an older id.

import { expect } from "chai";
import { definition, mock, serveTest, TestClock, type TestApi } from "./support";

const fresh = (extra: Record<string, unknown> = {}) => {
    const op = mock('{"requestId":"$context.requestId"}');
    return { ...op, "x-amazon-apigateway-integration": { ...op["x-amazon-apigateway-integration"], ...extra } };
};

const DOCUMENT = {
    paths: {
        "/shared/{id}": { get: fresh(), post: fresh() },
        "/keyed/{id}": { get: fresh({ cacheKeyParameters: ["method.request.path.id", "method.request.querystring.lang"] }) },
        "/opted": { put: fresh() },
        "/refreshable": { get: fresh() },
        "/lenient": { get: fresh() },
        "/off": { get: fresh() },
    },
};

const STAGE = {
    name: "test",
    cacheClusterEnabled: true,
    methodSettings: {
        "*/*": { cachingEnabled: true, cacheTtlInSeconds: 60, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403" },
        "~1opted/PUT": { cachingEnabled: true, cacheTtlInSeconds: 60 },
        "~1refreshable/GET": { cachingEnabled: true, cacheTtlInSeconds: 60, requireAuthorizationForCacheControl: false },
        "~1lenient/GET": { cachingEnabled: true, cacheTtlInSeconds: 60, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITHOUT_RESPONSE_HEADER" },
        "~1off/GET": { cachingEnabled: false },
    },
};

describe("local gateway: stage cache (over HTTP)", () => {
    const clock = new TestClock();
    let api: TestApi;
    const id = async (path: string, init?: RequestInit) => (await api.call(path, init)).json().requestId as string;

    before(async () => {
        api = await serveTest(definition(DOCUMENT, { stage: STAGE }), { now: clock.now });
    });
    after(() => api.close());

    it("serves one cached answer to every caller and every path value when the integration names no cache keys", async () => {
        const first = await id("/shared/1", { headers: { Authorization: "alice" } });
        expect(await id("/shared/2", { headers: { Authorization: "bob" } })).to.equal(first);
    });

    it("keys entries by the cacheKeyParameters' values, and only by them", async () => {
        const en1 = await id("/keyed/1?lang=en");
        expect(await id("/keyed/1?lang=en&page=2")).to.equal(en1);
        expect(await id("/keyed/1?lang=fr")).to.not.equal(en1);
        expect(await id("/keyed/2?lang=en")).to.not.equal(en1);
    });

    it("caches GET only by default (`*/*`), and another method when its own method settings turn caching on", async () => {
        const post = await id("/shared/1", { method: "POST" });
        expect(await id("/shared/1", { method: "POST" })).to.not.equal(post);
        const put = await id("/opted", { method: "PUT" });
        expect(await id("/opted", { method: "PUT" })).to.equal(put);
        const off = await id("/off");
        expect(await id("/off")).to.not.equal(off);
    });

    it("keeps an entry for cacheTtlInSeconds", async () => {
        const first = await id("/keyed/9?lang=en");
        clock.advance(59_000);
        expect(await id("/keyed/9?lang=en")).to.equal(first);
        clock.advance(2_000);
        expect(await id("/keyed/9?lang=en")).to.not.equal(first);
    });

    it("answers Cache-Control: max-age=0 by the method's settings: 403, a fresh answer, or the cached one", async () => {
        await id("/shared/1");
        const refused = await api.call("/shared/1", { headers: { "Cache-Control": "max-age=0" } });
        expect(refused.status).to.equal(403);

        const cached = await id("/refreshable");
        const refreshed = await id("/refreshable", { headers: { "Cache-Control": "max-age=0" } });
        expect(refreshed).to.not.equal(cached);
        expect(await id("/refreshable")).to.equal(refreshed);

        const lenient = await id("/lenient");
        expect(await id("/lenient", { headers: { "Cache-Control": "max-age=0" } })).to.equal(lenient);
    });

    it("caches nothing when the stage's cache cluster is off, whatever the method settings say", async () => {
        const uncached = await serveTest(definition(DOCUMENT, { stage: { ...STAGE, cacheClusterEnabled: false } }));
        try {
            const first = (await uncached.call("/shared/1")).json().requestId;
            expect((await uncached.call("/shared/1")).json().requestId).to.not.equal(first);
        } finally {
            await uncached.close();
        }
    });
});
