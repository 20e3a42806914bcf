// Grapheme clusters from the host's Intl.Segmenter, for measure() and truncate(): the wasm
// build does not carry the Unicode segmentation tables (src/text.rs says why).
//
// Written as plain `export function`s with no imports: scripts/build.sh turns this file into
// CommonJS for the Node build (js/snippets-cjs.cjs).

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
