// The HTTP side: Node's server turned into gateway requests and back. The body is read up to
// one byte past API Gateway's 10 MB limit (the gateway then answers 413) and the rest drained,
// so a huge upload costs no memory. A few fixed files (the local JWKS) are served beside the
// API at paths no stage name can take (`/.well-known/...`).

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_PAYLOAD_BYTES } from "./gateway/pipeline";
import type { HttpRequest, HttpResponse } from "./gateway/types";

export type RequestHandler = (request: HttpRequest) => Promise<HttpResponse>;

export interface StaticFile {
    contentType: string;
    body: string;
}

export interface HttpServerHandle {
    server: http.Server;
    port: number;
    close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
            size += chunk.length;
        });
        req.on("end", () => resolve(Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

export function toGatewayRequest(req: http.IncomingMessage, body: Buffer): HttpRequest {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const headers: [string, string][] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    return {
        method: req.method ?? "GET",
        path: q >= 0 ? raw.slice(0, q) : raw,
        query: q >= 0 ? [...new URLSearchParams(raw.slice(q + 1)).entries()] : [],
        headers,
        body,
        sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
    };
}

export async function listen(handler: () => RequestHandler | undefined, files: () => Record<string, StaticFile>, host: string, port: number): Promise<HttpServerHandle> {
    const server = http.createServer(async (req, res) => {
        try {
            const body = await readBody(req);
            const file = files()[(req.url ?? "").split("?")[0]];
            if (file && req.method === "GET") {
                res.writeHead(200, { "Content-Type": file.contentType });
                res.end(file.body);
                return;
            }
            const handle = handler();
            if (!handle) {
                res.writeHead(503, { "Content-Type": "application/json" });
                res.end('{"message":"starting"}');
                return;
            }
            const response = await handle(toGatewayRequest(req, body));
            const headers: Record<string, string | string[]> = {};
            for (const [name, value] of response.headers) {
                const existing = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
                if (existing === undefined) headers[name] = value;
                else headers[existing] = ([] as string[]).concat(headers[existing], value);
            }
            headers["Content-Length"] = String(response.body.length);
            res.writeHead(response.statusCode, headers);
            res.end(response.body);
        } catch (err) {
            process.stderr.write(`local gateway failed on ${req.method} ${req.url}: ${(err as Error).stack ?? err}\n`);
            if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
            res.end('{"message":"Internal server error"}');
        }
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve());
    });
    return {
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
