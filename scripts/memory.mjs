#!/usr/bin/env node
// Memory stays flat under load: 1,000,000 validate calls (valid and invalid payloads, every
// provider, plus buildRequest and parseResponse every 10th call), printing the wasm linear
// memory (memory.buffer.byteLength) and the JS heap (process.memoryUsage().heapUsed) at
// intervals, then asserting both are flat after warm-up; then 100,000 hostile calls (revoked
// Proxies, throwing getters) after which the module must still work and wasm memory must not
// have grown. A stage of scripts/test.sh (about 10 s here). JS values are read by
// src/wasm/read.js, whose try/catch is plain JS: wasm-bindgen 0.2.130 leaks an externref slot
// (~14 bytes of wasm memory) per exception a `catch` import catches, so none is used there.
//
//   node scripts/memory.mjs              # 1,000,000 calls
//   CALLS=200000 HOSTILE_CALLS=10000 node scripts/memory.mjs
//   GROUP_PAYLOADS_PKG=/path/to/group_payloads.js node --expose-gc scripts/memory.mjs
//
// Run with --expose-gc for steadier heap numbers (the script collects before each sample).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PKG =
  process.env.GROUP_PAYLOADS_PKG ??
  fileURLToPath(new URL("../pkg/node/group_payloads.js", import.meta.url));

// The generated glue keeps the instance private; catch it as it is created.
const RealInstance = WebAssembly.Instance;
let instance;
WebAssembly.Instance = function (module, imports) {
  instance = new RealInstance(module, imports);
  return instance;
};
const gp = require(PKG);
WebAssembly.Instance = RealInstance;
if (!instance) throw new Error(`could not observe the wasm instance of ${PKG}`);

const CALLS = Number(process.env.CALLS ?? 1_000_000);
const SAMPLES = 20;
const WARMUP = 0.2; // the first 20% of calls may grow memory to its working size
const MAX_WASM_GROWTH = 0; // bytes: linear memory never shrinks, so growth after warm-up is a leak
const MAX_HEAP_GROWTH = 8 * 1024 * 1024; // bytes: GC noise

const payloads = {
  geelark: [{ list: [{ name: "group", remark: "r" }] }, { list: [{ name: "" }, { name: "x".repeat(60) }, 5] }],
  "tencent-iai": [
    { GroupName: "group", GroupId: "g-1", GroupExDescriptions: ["a", "b"], Tag: "t" },
    { GroupName: "bad name 😂", GroupId: "", GroupExDescriptions: ["a", "a", "b", "c", "d", "e"], x: 1 },
  ],
  selfcommunity: [{ name: "group", privacy: "public" }, { name: " ", privacy: "secret", invite_users: [1, 1, -2] }],
  capillary: [{ name: "group", rank: 1 }, { name: null, rank: 2 ** 40 }],
  gochat: [{ name: "group", admin_id: 1 }, { name: "", admin_id: "abc" }],
};
const ids = gp.providers().map((p) => p.id).filter((id) => payloads[id]);
const buildOptions = { auth: { type: "key", appId: "app", apiKey: "key", traceId: "trace-123456", ts: 1700000000000 } };
const response = { status: 200, body: '{"traceId":"t","code":40006,"msg":"partial","data":{"failDetails":[{"code":43031,"name":"group","msg":"exists"}]}}' };

const gc = globalThis.gc ?? (() => {});
const wasmBytes = () => instance.exports.memory.buffer.byteLength;
const mb = (n) => (n / 1024 / 1024).toFixed(2).padStart(8);

const rows = [];
const t0 = performance.now();
console.log(`${CALLS} validate calls over ${ids.join(", ")} (gc ${globalThis.gc ? "exposed" : "not exposed"})`);
console.log("     calls   wasm MB   heap MB");
for (let i = 0; i <= CALLS; i++) {
  if (i % (CALLS / SAMPLES) === 0) {
    gc();
    const row = { calls: i, wasm: wasmBytes(), heap: process.memoryUsage().heapUsed };
    rows.push(row);
    console.log(`${String(i).padStart(10)} ${mb(row.wasm)}  ${mb(row.heap)}`);
  }
  if (i === CALLS) break;
  const id = ids[i % ids.length];
  const r = gp.validate(id, payloads[id][(i >> 3) & 1]);
  if (typeof r.ok !== "boolean") throw new Error("no report");
  if (i % 10 === 0) {
    gp.buildRequest("geelark", payloads.geelark[0], buildOptions);
    gp.parseResponse("geelark", { ...response, payload: payloads.geelark[0] });
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(`${CALLS} calls in ${seconds.toFixed(1)} s (${((seconds / CALLS) * 1e6).toFixed(1)} µs per call)`);

// Hostile calls: inputs that make JS throw while wasm is on the stack (revoked Proxies, throwing
// getters and traps) in payloads and options. A JS exception unwinding through wasm frames
// leaks shadow stack; a few thousand of those corrupt the instance, so every one must be
// caught before it crosses. After HOSTILE_CALLS of them a valid call must still work.
const HOSTILE_CALLS = Number(process.env.HOSTILE_CALLS ?? 100_000);
const revoked = (target) => {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
};
const boom = () => {
  throw new Error("trap");
};
const trap = new Proxy({}, { get: boom, ownKeys: boom, has: boom, getOwnPropertyDescriptor: boom });
const hostile = [
  () => gp.validate("geelark", { list: [{ name: "g" }, revoked([])] }),
  () => gp.validate("geelark", revoked({})),
  () => gp.validate("geelark", { list: [trap] }),
  () => gp.validate("geelark", { list: [{ get name() { throw 42; } }] }),
  () => gp.validate("geelark", { list: [{ name: "g" }] }, revoked({})),
  () => gp.validate("geelark", { list: [{ name: "g" }] }, trap),
  () => gp.validate("geelark", { list: [{ name: "g" }] }, { get lenient() { throw 42; } }),
  () => gp.buildRequest("geelark", { list: [{ name: "g" }] }, revoked({})),
  () => gp.buildRequest("geelark", { list: [{ name: "g" }] }, { auth: trap }),
  () => gp.parseResponse("geelark", trap),
  () => gp.parseResponse("geelark", { status: 200, get body() { throw 42; } }),
  () => gp.parseResponse("geelark", { status: 200, body: "{}", payload: revoked([]) }),
];
const hostileRows = [];
const h0 = performance.now();
for (let i = 0; i <= HOSTILE_CALLS; i++) {
  if (i % (HOSTILE_CALLS / 10) === 0) {
    gc();
    const ok = gp.validate("geelark", payloads.geelark[0]).ok;
    if (!ok) throw new Error(`a valid payload no longer validates after ${i} hostile calls`);
    hostileRows.push({ calls: i, wasm: wasmBytes(), heap: process.memoryUsage().heapUsed });
    console.log(`${String(i).padStart(10)} ${mb(wasmBytes())}  ${mb(process.memoryUsage().heapUsed)}  (hostile)`);
  }
  if (i === HOSTILE_CALLS) break;
  try {
    hostile[i % hostile.length]();
  } catch (e) {
    if (!(e instanceof Error)) throw new Error(`hostile call ${i % hostile.length} threw a non-Error: ${e}`);
    if (e instanceof WebAssembly.RuntimeError) throw new Error(`the instance is corrupt after ${i} hostile calls: ${e.message}`);
  }
}
console.log(`${HOSTILE_CALLS} hostile calls in ${((performance.now() - h0) / 1000).toFixed(1)} s`);
const hostileGrowth = hostileRows.at(-1).wasm - hostileRows[Math.floor(hostileRows.length * WARMUP)].wasm;

const settled = rows.filter((r) => r.calls >= CALLS * WARMUP);
const first = settled[0];
const last = settled.at(-1);
const wasmGrowth = Math.max(...settled.map((r) => r.wasm)) - first.wasm;
const heapGrowth = last.heap - first.heap;
console.log(`after warm-up: wasm +${wasmGrowth} bytes, heap ${heapGrowth >= 0 ? "+" : ""}${(heapGrowth / 1024).toFixed(0)} KiB`);
let failed = false;
if (wasmGrowth > MAX_WASM_GROWTH) {
  console.error(`FAIL: wasm memory grew by ${wasmGrowth} bytes after warm-up (a leak in the core)`);
  failed = true;
}
if (heapGrowth > MAX_HEAP_GROWTH) {
  console.error(`FAIL: JS heap grew by ${(heapGrowth / 1024 / 1024).toFixed(1)} MB after warm-up`);
  failed = true;
}
if (hostileGrowth > MAX_WASM_GROWTH) {
  console.error(`FAIL: wasm memory grew by ${hostileGrowth} bytes during hostile calls`);
  failed = true;
}
if (failed) process.exit(1);
console.log("OK: memory flat after warm-up");
