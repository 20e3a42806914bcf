// Reads any JS value onto the tape the core validates (src/tape.rs has the format), in one
// pass on the JS side. Reading a value from inside wasm costs one call across the boundary
// per probe, key and string; here the walk runs as JIT-compiled JS and crosses once.
//
// It never throws and never lets a getter or Proxy trap escape: what cannot be read is
// written as a named unsupported value, so the core reports it as an issue. The bounds are
// those of src/value.rs (MAX_DEPTH, MAX_ITEMS) and of MAX_VALUES below.
//
// It also holds the other small things the wasm layer asks of its JS host (JSON.parse, a
// well-formedness check, Intl.Segmenter for graphemes): one snippet module, since each one
// is a module to resolve and compile when the package loads.
//
// Written as plain `export function`s with no imports: js/build-entries.cjs inlines this file
// into the Node build's one file.

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
const STRING = 4;
const UNENCODABLE = 5;
const ARRAY = 6;
const OBJECT = 7;
const UNSUPPORTED = 8;
const STRING_FFFD_IS_LONE = 9;

/** Deepest nesting read (value.rs MAX_DEPTH): no payload is deeper than 3. */
const MAX_DEPTH = 64;
/** Longest array read (value.rs MAX_ITEMS): a sparse array can claim 2^32 - 1 items. */
const MAX_ITEMS = 1 << 20;
/** Most values one read visits: shared references can make a small graph a huge tree. */
const MAX_VALUES = 1 << 22;
/**
 * Strings longer than this go through `TextEncoder.encodeInto` (native, and vectorised in
 * current engines); shorter ones (keys, names) are encoded inline, where the call would cost
 * more than the loop. Measured on bench/data.mjs in Node 20, writer alone: 16 to 32 beat 8
 * and 48 on small payloads by a third, and the batch is within noise of its best.
 */
const INLINE_STRING = 24;

const TAGS = {
  "[object Date]": "Date",
  "[object Map]": "Map",
  "[object Set]": "Set",
  "[object RegExp]": "RegExp",
  "[object Promise]": "Promise",
  "[object Error]": "Error",
  "[object String]": "boxed primitive",
  "[object Number]": "boxed primitive",
  "[object Boolean]": "boxed primitive",
};

const toStringTag = Object.prototype.toString;
const getPrototypeOf = Object.getPrototypeOf;
const OBJECT_PROTOTYPE = Object.prototype;
const isArray = Array.isArray;
const objectKeys = Object.keys;
const hasOwn = Object.prototype.hasOwnProperty;
const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (s) => s.isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

class Writer {
  constructor() {
    this.bytes = new Uint8Array(0);
    this.view = new DataView(this.bytes.buffer);
    this.start = 0;
    this.pos = 0;
    this.end = 0;
    /** True while writing straight into wasm memory; false once moved to a JS buffer. */
    this.inPlace = false;
    this.memory = null;
    this.budget = 0;
    this.ancestors = [];
  }

  /** Writes into `memory` from `start` up to `start + capacity`. */
  begin(memory, start, capacity) {
    // The views are kept while they are on this memory and attached (growing the memory
    // detaches its buffer): reading `memory.buffer` each call costs more than the check.
    if (!this.inPlace || this.memory !== memory || this.bytes.byteLength === 0) {
      this.bytes = new Uint8Array(memory.buffer);
      this.view = new DataView(memory.buffer);
      this.memory = memory;
    }
    this.start = start;
    this.pos = start;
    this.end = start + capacity;
    this.inPlace = true;
    this.budget = MAX_VALUES;
  }

  /** Continues in a JS buffer of at least `size` bytes, keeping what was written. */
  moveOut(size) {
    const written = this.bytes.subarray(this.start, this.pos);
    const next = new Uint8Array(Math.max(size, 1 << 12));
    next.set(written);
    this.bytes = next;
    this.view = new DataView(next.buffer);
    this.pos = written.length;
    this.start = 0;
    this.end = next.length;
    this.inPlace = false;
  }

  /** Room for `n` more bytes. Throws RangeError only when memory is exhausted. */
  reserve(n) {
    if (this.pos + n <= this.end) return;
    let size = (this.end - this.start) * 2;
    while (size < this.pos - this.start + n) size *= 2;
    this.moveOut(size);
  }

  u32At(at, n) {
    this.view.setUint32(at, n, true);
  }

  tag(t) {
    this.reserve(1);
    this.bytes[this.pos++] = t;
  }

  unsupported(name) {
    this.reserve(5 + name.length);
    const b = this.bytes;
    b[this.pos] = UNSUPPORTED;
    this.u32At(this.pos + 1, name.length);
    this.pos += 5;
    // The names are ASCII (src/tape.rs UNSUPPORTED_NAMES).
    for (let i = 0; i < name.length; i++) b[this.pos++] = name.charCodeAt(i);
  }

  /**
   * A short string's UTF-8 bytes with a u32 length in front, encoded here (for a few
   * characters this beats a call into TextEncoder); false (nothing written) for a lone
   * surrogate.
   */
  inline(s) {
    const n = s.length;
    this.reserve(4 + n * 3);
    const start = this.pos;
    let p = start + 4;
    const b = this.bytes;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = c <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (d < 0xdc00 || d > 0xdfff) return false;
        i++;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 0x3f);
        b[p++] = 0x80 | ((cp >> 6) & 0x3f);
        b[p++] = 0x80 | (cp & 0x3f);
      }
    }
    this.u32At(start, p - start - 4);
    this.pos = p;
    return true;
  }

  /**
   * A longer string's UTF-8 bytes with a u32 length in front, by TextEncoder, which writes a
   * lone surrogate as U+FFFD. Room must have been reserved.
   */
  encoded(s) {
    const start = this.pos;
    // A view made with `new` (the writer's views start at offset 0): `subarray` goes through
    // the species lookup and costs a quarter more per string.
    const into = new Uint8Array(this.bytes.buffer, start + 4, s.length * 3);
    const written = encoder.encodeInto(s, into).written;
    this.u32At(start, written);
    this.pos = start + 4 + written;
  }

  /** An object key: keys are never reported by value, so a lone surrogate becomes U+FFFD. */
  key(k) {
    if (k.length <= INLINE_STRING && this.inline(k)) return;
    this.reserve(4 + k.length * 3);
    this.encoded(k);
  }

  string(s) {
    if (s.length <= INLINE_STRING) {
      this.tag(STRING);
      if (!this.inline(s)) this.bytes[this.pos - 1] = UNENCODABLE;
      return;
    }
    this.reserve(5 + s.length * 3);
    const at = this.pos; // no move out of wasm memory until this string is written
    // Without a real U+FFFD in `s`, a U+FFFD in the bytes can only be a lone surrogate, and
    // the core looks for one (tag STRING_FFFD_IS_LONE): a search for one character is a
    // quarter of the cost of isWellFormed, which only strings holding U+FFFD still need.
    const realReplacement = s.indexOf("\uFFFD") !== -1;
    if (realReplacement && !isWellFormed(s)) return this.tag(UNENCODABLE);
    this.bytes[at] = realReplacement ? STRING : STRING_FFFD_IS_LONE;
    this.pos = at + 1;
    this.encoded(s);
  }

  value(v, depth) {
    if (this.budget === 0) return this.unsupported("too many values");
    this.budget--;
    switch (typeof v) {
      case "string":
        return this.string(v);
      case "object":
        if (v === null) return this.tag(NULL);
        return this.objectLike(v, depth);
      case "number":
        this.reserve(9);
        this.bytes[this.pos] = NUMBER;
        this.view.setFloat64(this.pos + 1, v, true);
        this.pos += 9;
        return;
      case "boolean":
        return this.tag(v ? TRUE : FALSE);
      case "undefined":
        return this.unsupported("undefined");
      case "bigint":
        return this.unsupported("bigint");
      case "symbol":
        return this.unsupported("symbol");
      default:
        return this.unsupported("function");
    }
  }

  objectLike(v, depth) {
    if (depth >= MAX_DEPTH) return this.unsupported("deeply nested value");
    // Identity, never a getter or a trap.
    if (this.ancestors.includes(v)) return this.unsupported("circular reference");
    let array;
    try {
      array = isArray(v); // throws on a revoked Proxy
    } catch {
      return this.unsupported("unreadable object");
    }
    if (!array) {
      try {
        // Object literals and JSON.parse results first: their prototype says so, and asking
        // is cheaper than building their tag. Anything else by its tag (class instances,
        // other realms' objects). Either can be a Proxy trap that throws.
        const proto = getPrototypeOf(v);
        if (proto !== OBJECT_PROTOTYPE && proto !== null) {
          const tag = toStringTag.call(v);
          if (tag !== "[object Object]") return this.unsupported(TAGS[tag] ?? "non-plain object");
        }
      } catch {
        return this.unsupported("unreadable object");
      }
    }
    // Offsets are kept relative to `start`: the bytes may move out of wasm memory meanwhile.
    const rollback = this.pos - this.start;
    this.ancestors.push(v);
    try {
      if (array) this.array(v, depth);
      else this.object(v, depth);
    } catch {
      // A getter or trap threw part-way: the whole container is unreadable.
      this.pos = this.start + rollback;
      this.unsupported(array ? "unreadable array" : "unreadable object");
    } finally {
      this.ancestors.pop();
    }
  }

  /** Container header: count and a length placeholder; returns where the body starts
   * (relative to `start`). */
  open(t, count) {
    this.reserve(9);
    this.bytes[this.pos] = t;
    this.u32At(this.pos + 1, count);
    this.pos += 9;
    return this.pos - this.start;
  }

  close(body) {
    this.u32At(this.start + body - 4, this.pos - this.start - body);
  }

  array(v, depth) {
    const length = v.length;
    // As Rust's `as u32`: truncated, saturated, NaN is 0 (a Proxy may report anything).
    const n = length > 0 ? Math.min(Math.floor(length), 0xffffffff) : 0;
    if (n > MAX_ITEMS) return this.unsupported("array too long");
    const body = this.open(ARRAY, n);
    // Own items only: a hole stays a hole (read as undefined), and an index a page put on
    // Array.prototype or Object.prototype is never read, nor its getter run.
    for (let i = 0; i < n; i++) this.value(hasOwn.call(v, i) ? v[i] : undefined, depth + 1);
    this.close(body);
  }

  object(v, depth) {
    const keys = objectKeys(v);
    const body = this.open(OBJECT, keys.length);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      this.key(k);
      this.value(v[k], depth + 1);
    }
    this.close(body);
  }
}

// A getter may call into the package while its payload is being read: that call gets a
// writer of its own, and moves the one it interrupts out of wasm memory first (the nested
// call may grow the memory, which detaches every view of it).
let idle = new Writer();
let active = null;
let pending = null;

/**
 * Writes `value`'s tape into `memory` at `start` when it fits in `capacity` bytes, and
 * returns its length; a negative length means it did not fit and `pending_tape()` hands
 * over the bytes.
 */
export function write_tape(value, memory, start, capacity) {
  if (active !== null && active.inPlace) active.moveOut(active.end - active.start);
  const outer = active;
  const w = idle ?? new Writer();
  idle = null;
  active = w;
  w.begin(memory, start, capacity);
  try {
    w.value(value, 0);
  } catch {
    // Only memory exhaustion reaches here (a string too large to copy).
    w.begin(memory, start, capacity);
    w.unsupported("too many values");
  }
  active = outer;
  idle = w;
  const n = w.pos - w.start;
  if (w.inPlace) return n;
  pending = w.bytes.subarray(0, n);
  // Keep the writer's view on wasm memory, not on this one-off buffer.
  w.bytes = new Uint8Array(0);
  return -n;
}

/** The tape of the last `write_tape` that did not fit. */
export function pending_tape() {
  const bytes = pending ?? new Uint8Array(0);
  pending = null;
  return bytes;
}

/** False when `text` (a string) holds a lone UTF-16 surrogate. */
export function is_well_formed(text) {
  return isWellFormed(text);
}

/** [JSON.parse(text)], or undefined when it is not JSON (boxed: the text may be "null"). */
export function parse_json(text) {
  try {
    return [JSON.parse(text)];
  } catch {
    return undefined;
  }
}

/** The report of a payload with nothing to say, built here rather than parsed from text. */
export function ok_report() {
  return { ok: true, errors: [], warnings: [] };
}

// Grapheme clusters from the host's Intl.Segmenter, for measure() and truncate(): the wasm
// build does not carry the Unicode segmentation tables (src/text.rs says why).

let segmenter = null;
let madeBy = null;

/**
 * The UTF-16 offsets where each grapheme cluster of `text` ends, in order; undefined when the
 * host has no working Intl.Segmenter. Never throws: a page may have replaced Intl.Segmenter,
 * so whatever it returns is checked again in Rust.
 */
export function grapheme_ends(text) {
  try {
    // Made once per constructor: reused across calls, remade if the page replaces it.
    if (madeBy !== Intl.Segmenter) {
      segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
      madeBy = Intl.Segmenter;
    }
    const ends = [];
    for (const { index, segment } of segmenter.segment(text)) ends.push(index + segment.length);
    return Uint32Array.from(ends);
  } catch {
    return undefined;
  }
}
