// The JS side of the hot calls (src/wasm/hot.rs has the calling convention): validate,
// validateJson, validateField and a Standard Schema's validate, made with numbers only. The
// payload is written into wasm memory by read.js here in JS, the call passes the provider's
// index, the option flags and the length, and a valid payload comes back as 0: no text, no
// JS value crosses the boundary. Only this file and hot.rs know the convention.
//
// `hotPath(glue, read)` takes the wasm-bindgen exports and read.js, and returns the public
// functions; js/build-entries.cjs puts them in every entry in place of the internal exports.
// Written as one `export function` with no imports, so the build can inline it (as read.js).

export function hotPath(glue, read) {
  const {
    option_flags: optionFlags,
    provider_index: providerIndex,
    in_buffer: inBuffer,
    in_capacity: inCapacity,
    out_ptr: outPtr,
    validate_tape: validateTape,
    validate_json_text: validateJsonText,
    validate_field_tape: validateFieldTape,
    validate_json_lone_surrogates: validateJsonLoneSurrogates,
    wasm_memory: wasmMemory,
  } = glue;
  const { write_tape: writeTape, pending_tape: pendingTape, is_well_formed: isWellFormed } = read;

  // Kept in step with src/wasm/hot.rs.
  const STANDARD = 4;
  const FFFD_IS_REAL = 8;
  const MISUSE = 2;
  /** Input room hot.rs keeps between calls; a larger buffer is given back after its call. */
  const KEPT = 1 << 22;
  const ASK_WELL_FORMED = 3;

  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let memory = null;
  let bytes = new Uint8Array(0);
  /** Where the input buffer starts and how long it is; 0 until first asked. */
  let start = 0;
  let capacity = 0;
  /** The last provider id and its index: forms ask for one provider many times. */
  let lastId = null;
  let lastIndex = 0;

  function wasmMemoryOnce() {
    return (memory ??= wasmMemory());
  }

  /** A view of wasm memory; remade when memory grew (which detaches the old buffer). */
  function view() {
    if (bytes.byteLength === 0) bytes = new Uint8Array(wasmMemoryOnce().buffer);
    return bytes;
  }

  function room(n) {
    if (capacity === 0 || n > capacity) {
      start = inBuffer(n);
      capacity = inCapacity();
      bytes = new Uint8Array(0);
    }
  }

  function provider(id) {
    if (id === lastId && typeof id === "string") return lastIndex;
    const index = providerIndex(id);
    lastId = id;
    lastIndex = index;
    return index;
  }

  function flags(options) {
    return options === undefined || options === null ? 0 : optionFlags(options);
  }

  /** Writes `value`'s tape into the input buffer; its length. */
  function tape(value) {
    room(0);
    let n = writeTape(value, wasmMemoryOnce(), start, capacity);
    if (n < 0) {
      // It did not fit, or a getter called back in meanwhile: the bytes are in JS.
      const written = pendingTape();
      room(written.length);
      view().set(written, start);
      n = written.length;
    }
    return n;
  }

  /** Calls a hot export over the input just written. */
  function call(hotExport, p, f, n) {
    const answer = hotExport(p, f, n);
    if (capacity > KEPT) capacity = 0;
    return answer;
  }

  /** The text of a non-zero answer, parsed; a TypeError for misuse. */
  function text(answer) {
    const at = outPtr();
    const s = decoder.decode(view().subarray(at, at + (answer >>> 2)));
    if ((answer & 3) === MISUSE) throw new TypeError(s);
    return JSON.parse(s);
  }

  function report(answer) {
    return answer === 0 ? { ok: true, errors: [], warnings: [] } : text(answer);
  }

  function validate(providerId, payload, options) {
    const p = provider(providerId);
    const f = flags(options);
    return report(call(validateTape, p, f, tape(payload)));
  }

  /** Writes `json` as UTF-8 into the input buffer; its length in bytes. */
  function utf8(json) {
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    room(json.length * 3);
    return encoder.encodeInto(json, new Uint8Array(view().buffer, start, json.length * 3)).written;
  }

  function validateJson(providerId, json, options) {
    const p = provider(providerId);
    const f = flags(options);
    if (typeof json !== "string") throw new TypeError("text must be a string of JSON");
    let answer = call(validateJsonText, p, f, utf8(json));
    if ((answer & 3) === ASK_WELL_FORMED) {
      if (!isWellFormed(json)) return validateJsonLoneSurrogates(p, f, json);
      answer = call(validateJsonText, p, f | FFFD_IS_REAL, utf8(json));
    }
    return report(answer);
  }

  function validateField(providerId, path, value, options) {
    const p = provider(providerId);
    const f = flags(options);
    if (typeof path !== "string") throw new TypeError("path must be a string");
    const answer = call(validateFieldTape, p, f, tape([path, value]));
    return answer === 0 ? [] : text(answer);
  }

  function schema(providerId, options) {
    const p = provider(providerId);
    const f = flags(options) | STANDARD;
    const validate = (value) => {
      const answer = call(validateTape, p, f, tape(value));
      return answer === 0 ? { value } : { issues: text(answer) };
    };
    return Object.freeze({
      "~standard": Object.freeze({ version: 1, vendor: "group-payloads", validate }),
    });
  }

  return { validate, validateJson, validateField, schema };
}
