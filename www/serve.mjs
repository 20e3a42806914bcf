#!/usr/bin/env node
// A tiny zero-dependency static server for the demo: serves the repository root so that
// /www/ (the page), /pkg/web/ (the wasm build) and /tests/fixtures/seeds.json (the example
// payloads) are all reachable.
//
//   SKIP_SETUP=1 bash scripts/build.sh && node www/serve.mjs   # then open http://localhost:8080/
//
// PORT (default 8080; 0 picks a free port), HOST (default 127.0.0.1) and ROOT (default: the
// repository root) come from the environment. The first line on stdout is the URL it serves.
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(process.env.ROOT || join(fileURLToPath(new URL(".", import.meta.url)), ".."));
const PORT = Number(process.env.PORT ?? 8080);
const HOST = process.env.HOST || "127.0.0.1";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

function send(res, status, text, headers = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}

const server = createServer(async (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "method not allowed\n", { Allow: "GET, HEAD" });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    return send(res, 400, "bad request\n");
  }
  if (pathname === "/") {
    return send(res, 302, "", { Location: "/www/" });
  }
  if (pathname.includes("\0")) return send(res, 400, "bad request\n");
  let file = normalize(join(ROOT, pathname));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return send(res, 403, "forbidden\n");
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith("/")) return send(res, 301, "", { Location: pathname + "/" });
      file = join(file, "index.html");
      info = await stat(file);
    }
    res.writeHead(200, {
      "Content-Type": MIME[extname(file).toLowerCase()] || "application/octet-stream",
      "Content-Length": info.size,
      // Builds land at any time: never serve a stale wasm next to a fresh glue file.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).on("error", () => res.destroy()).pipe(res);
  } catch {
    send(res, 404, "not found\n");
  }
});

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  console.log(`serving ${ROOT} at http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${port}/www/`);
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
