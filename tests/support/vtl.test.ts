import { expect } from "chai";
import { escapeJavaScript, evaluateJsonPath, MAX_FOREACH_ITERATIONS, renderVtl, renderVtlJson, UnsupportedJsonPath, urlDecode, urlEncode } from "./vtl";

const body = JSON.stringify({ id: "o-1", total: 12.5, items: [{ sku: "A", qty: 2 }, { sku: "B", qty: 1 }], "odd key": true, nothing: null });

describe("VTL test helper", () => {
    describe("$input", () => {
        it("gives the raw body, JSON text of a path, and navigable values", () => {
            expect(renderVtl("$input.body", { body })).to.equal(body);
            expect(renderVtl("$input.json('$.items[0]')", { body })).to.equal('{"sku":"A","qty":2}');
            expect(renderVtl("$input.json('$')", { body })).to.equal(body);
            expect(renderVtl("$input.path('$.items[1].sku') $input.path('$').total $input.path('$.items').size()", { body })).to.equal("B 12.5 2");
            expect(renderVtl(`$input.json("$['odd key']")`, { body })).to.equal("true");
        });

        it("returns a list for wildcards, and nothing for an absent path", () => {
            expect(renderVtl("$input.json('$.items[*].sku')", { body })).to.equal('["A","B"]');
            expect(renderVtl("$input.json('$.items.*.qty')", { body })).to.equal("[2,1]");
            expect(renderVtl("[$input.json('$.missing')][$input.json('$.items[5]')]", { body })).to.equal("[][]");
            expect(renderVtl("$input.json('$.nothing')", { body })).to.equal("null");
        });

        it("refuses JSONPath it does not implement instead of guessing", () => {
            for (const expression of ["$..sku", "$.items[?(@.qty > 1)]", "$.items[0:1]", "$.items[-1]", "$.items[0,1]", "items"]) {
                expect(() => evaluateJsonPath({}, expression), expression).to.throw(UnsupportedJsonPath);
            }
            expect(() => renderVtl("$input.json('$..sku')", { body })).to.throw(/recursive descent/);
        });

        it("treats an empty body as an empty object", () => {
            expect(renderVtl("[$input.json('$')][$input.json('$.a')]", { body: "" })).to.equal("[{}][]");
        });

        it("looks a parameter up in path, then query string, then headers; lists them all by location", () => {
            const params = { path: { id: "from-path" }, querystring: { id: "from-query", page: "2" }, header: { "X-Trace": "t-1", page: "h" } };
            expect(renderVtl("$input.params('id') $input.params('page') $input.params('X-Trace') [$input.params('absent')] [$input.params('x-trace')]", { params })).to.equal(
                "from-path 2 t-1 [] []",
            );
            expect(renderVtl("$input.params()", { params: { path: { id: "1" } } })).to.equal("{path={id=1}, querystring={}, header={}}");
            expect(renderVtl("#foreach($k in $input.params().querystring.keySet())$k=$input.params().querystring.get($k);#end", { params })).to.equal("id=from-query;page=2;");
        });
    });

    describe("$util", () => {
        it("escapeJavaScript follows Commons Lang: \\' for quotes, \\/ for slashes, \\uXXXX beyond ASCII", () => {
            expect(escapeJavaScript(`He said "hi" / it's\n\tdone\\`)).to.equal(`He said \\"hi\\" \\/ it\\'s\\n\\tdone\\\\`);
            expect(escapeJavaScript("é€😀\u0001")).to.equal("\\u00E9\\u20AC\\uD83D\\uDE00\\u0001");
        });

        it("escapeJavaScript plus replaceAll(\"\\\\'\", \"'\") (the documented JSON idiom) gives a valid JSON string", () => {
            const tricky = `O'Brien "the /admin" \\ é\n`;
            const template = `{"name": "$util.escapeJavaScript($input.path('$.name')).replaceAll("\\\\'","'")"}`;
            expect(renderVtlJson(template, { body: JSON.stringify({ name: tricky }) })).to.deep.equal({ name: tricky });
            // Without the replaceAll the output is not JSON, as in API Gateway.
            expect(() => renderVtlJson(`{"name": "$util.escapeJavaScript($input.path('$.name'))"}`, { body: JSON.stringify({ name: "it's" }) })).to.throw(/not valid JSON/);
        });

        it("urlEncode and urlDecode behave like Java's URLEncoder and URLDecoder", () => {
            expect(urlEncode("a b&c=d/é~*!'()")).to.equal("a+b%26c%3Dd%2F%C3%A9%7E*%21%27%28%29");
            expect(urlDecode("a+b%26c%3Dd%2F%C3%A9%7E*")).to.equal("a b&c=d/é~*");
            expect(renderVtl("$util.urlDecode($util.urlEncode('x y+z'))")).to.equal("x y+z");
        });

        it("base64 round-trips UTF-8 and parseJson gives navigable values", () => {
            expect(renderVtl("$util.base64Encode('héllo')")).to.equal(Buffer.from("héllo").toString("base64"));
            expect(renderVtl("$util.base64Decode($util.base64Encode('héllo'))")).to.equal("héllo");
            expect(renderVtl("#set($doc = $util.parseJson($input.body))$doc.items[0].sku/$doc.items.size()", { body })).to.equal("A/2");
        });
    });

    it("exposes $context and $stageVariables as given", () => {
        const context = { requestId: "r-1", authorizer: { principalId: "alice" }, identity: { sourceIp: "192.0.2.1" } };
        expect(renderVtl("$context.requestId $context.authorizer.principalId $context.identity.sourceIp $stageVariables.env", { context, stageVariables: { env: "dev" } })).to.equal(
            "r-1 alice 192.0.2.1 dev",
        );
    });

    describe("known differences from API Gateway's engine (pinned so a change is noticed)", () => {
        it("renders a JSON null as the text null, and an absent reference as its own source text ($! renders nothing)", () => {
            expect(renderVtl("$input.path('$').nothing", { body })).to.equal("null");
            expect(renderVtl("$input.path('$.missing')|$!input.path('$.missing')|", { body })).to.equal("$input.path('$.missing')||");
            // Both engines treat null and absent values as false in #if: the portable way to guard.
            expect(renderVtl("#if($input.path('$.nothing'))y#{else}n#end#if($input.path('$.missing'))y#{else}n#end", { body })).to.equal("nn");
        });

        it("divides integers as decimals (Java Velocity: 7 / 2 is 3)", () => {
            expect(renderVtl("#set($n = 7 / 2)$n")).to.equal("3.5");
        });

        it("lets #set assign null and absent values (Java Velocity keeps the old value)", () => {
            expect(renderVtl("#set($x = 'old')#set($x = $input.path('$.nothing'))$x", { body })).to.equal("null");
            expect(renderVtl("#set($x = 'old')#set($x = $input.path('$.missing'))$x", { body })).to.equal("$x");
        });

        it("offers the common Java String methods, regex replaceAll included; others render as source text", () => {
            expect(renderVtl("#set($s = 'a.b.c')$s.length() $s.contains('.b') $s.replace('.', '-') $s.replaceAll('[.]', '') $s.matches('[a-c.]+') $s.isEmpty()")).to.equal(
                "5 true a-b-c abc true false",
            );
            expect(renderVtl("#set($s = 'abc')$s.equals('abc') $s.equals('ABC')")).to.equal("true false");
            expect(renderVtl("$input.path('$.items').isEmpty() $input.path('$.items[0]').isEmpty() #set($e = [])$e.isEmpty()", { body })).to.equal("false false true");
            expect(renderVtl("#set($s = 'abc')$s.equalsIgnoreCase('ABC')")).to.equal("$s.equalsIgnoreCase('ABC')");
        });

        it("prints maps and lists the way Java's toString does", () => {
            expect(renderVtl("#set($m = {'a': 1, 'b': [1, 2]})$m")).to.equal("{a=1, b=[1, 2]}");
        });

        // "Quotas for configuring and running a REST API in API Gateway": #foreach iterations are limited to 1,000;
        // like Velocity's directive.foreach.maxloops, the loop just ends, $foreach.hasNext still true.
        it("stops #foreach after 1,000 iterations as API Gateway does, which leaves an unguarded JSON list invalid", () => {
            const list = JSON.stringify({ items: Array.from({ length: 1005 }, (_, i) => i) });
            const out = renderVtl("[#foreach($i in $input.path('$.items'))$i#if($foreach.hasNext),#end#end]", { body: list });
            expect(out.endsWith("998,999,]")).to.equal(true);
            expect(() => JSON.parse(out)).to.throw();
            expect(MAX_FOREACH_ITERATIONS).to.equal(1000);
            // Nested loops count their own iterations.
            expect(renderVtl("#foreach($a in [1, 2])#foreach($b in [1, 2, 3])x#end#end")).to.equal("xxxxxx");
        });

        it("supports $foreach.hasNext and $foreach.count inside loops", () => {
            expect(renderVtl("#foreach($i in $input.path('$.items'))$foreach.count:$i.sku#if($foreach.hasNext),#end#end", { body })).to.equal("1:A,2:B");
        });
    });
});
