//! The calls a form or a server makes thousands of times (`validate`, `validateJson`,
//! `validateField`, a Standard Schema's `validate`), as numeric exports that `front.js` drives.
//!
//! Calling convention. JS writes the input into one buffer in wasm memory (a tape from
//! `read.js`, or UTF-8 JSON text from `TextEncoder.encodeInto`) and passes only numbers: the
//! provider's index, the option flags, the input's length. The answer is one `u32`: `0` when
//! there is nothing to report (the common case, so no text crosses back), otherwise the length
//! of a UTF-8 text in the output buffer (`out_ptr`) shifted left by two, with the low bits
//! saying what the text is (`REPORT`, `MISUSE`, `ASK_WELL_FORMED`). Arguments that are not
//! numbers (the provider id, the options object) are decoded once by the wasm-bindgen exports
//! `provider_index` and `option_flags`, which throw the usual `TypeError`s.
//!
//! Buffers. Both belong to this module and live as long as the instance. JS asks for the
//! input buffer with `in_buffer(len)` before writing more than it last had room for (the
//! pointer may move; it is valid until the next `in_buffer`), writes no further than `len`
//! bytes from it, and only between calls: no export reads it while JS writes. A getter that
//! calls back into the package while its payload is being written gets the buffer for its own
//! call; `read.js` first moves the interrupted tape out of wasm memory (its `write_tape`),
//! and `front.js` copies it back before the outer call. The output buffer is rewritten by each
//! call and read by JS before the next one.

use super::args;
use crate::api;
use crate::issue::{issues_json, Report};
use crate::options::{Locale, Options};
use crate::providers::{self, Provider, PROVIDERS};
use crate::schema::StandardIssue;
use crate::tape::{self, Node};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Option flags: bit 0 `lenient`, bit 1 locale zh-CN, bit 2 the Standard Schema result
/// (issues only, as Standard Schema has them), bit 3 (JSON text) a U+FFFD in the text is real.
const LENIENT: u32 = 1;
const ZH_CN: u32 = 2;
const STANDARD: u32 = 4;
pub(super) const FFFD_IS_REAL: u32 = 8;

/// Kinds of answer, in the low two bits.
const REPORT: u32 = 1;
pub(super) const MISUSE: u32 = 2;
/// The JSON text holds U+FFFD, which `encodeInto` also writes for a lone surrogate: JS checks
/// the original and calls again with `FFFD_IS_REAL`, or reads it another way.
pub(super) const ASK_WELL_FORMED: u32 = 3;

/// Room kept between calls: a 10,000-group batch fits; a larger input gets a buffer of its
/// own, given back after its call.
const KEPT: usize = 1 << 22;
const INITIAL: usize = 1 << 12;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = RefCell::new(vec![0; INITIAL]);
    static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The flags of `options` (`{lenient?, locale?}`); throws as every entry point does.
#[wasm_bindgen]
pub fn option_flags(options: JsValue) -> Result<u32, JsValue> {
    let options = args::optional_options(Some(options))?;
    let locale = match options.locale {
        Locale::En => 0,
        Locale::ZhCn => ZH_CN,
    };
    Ok(locale | if options.lenient { LENIENT } else { 0 })
}

fn options_of(flags: u32) -> Options {
    Options {
        lenient: flags & LENIENT != 0,
        locale: if flags & ZH_CN != 0 {
            Locale::ZhCn
        } else {
            Locale::En
        },
    }
}

/// The index of the provider `id` names; throws a `TypeError` for anything else.
#[wasm_bindgen]
pub fn provider_index(id: JsValue) -> Result<u32, JsValue> {
    let provider = args::provider_arg(&id)?;
    Ok(providers::index_of(provider) as u32)
}

/// Where JS writes the next input: at least `len` bytes, zeroed only when newly allocated.
#[wasm_bindgen]
pub fn in_buffer(len: usize) -> *mut u8 {
    INPUT.with(|cell| {
        let mut input = cell.borrow_mut();
        if input.len() < len {
            let size = if len <= KEPT {
                len.next_power_of_two()
            } else {
                len
            };
            input.resize(size, 0);
        }
        input.as_mut_ptr()
    })
}

/// How many bytes from [`in_buffer`]'s pointer JS may write.
#[wasm_bindgen]
pub fn in_capacity() -> usize {
    INPUT.with(|cell| cell.borrow().len())
}

/// The text of the last non-zero answer.
#[wasm_bindgen]
pub fn out_ptr() -> *const u8 {
    OUTPUT.with(|cell| cell.borrow().as_ptr())
}

/// What a call has to say: nothing, or a kind and its text.
pub(super) type Answer = Option<(u32, String)>;

/// Runs `f` over the first `len` bytes of the input buffer and stores its text, if any.
fn answer(len: usize, f: impl FnOnce(&[u8]) -> Answer) -> u32 {
    let outcome = INPUT.with(|cell| {
        let mut input = cell.borrow_mut();
        let outcome = f(input.get(..len).unwrap_or_default());
        if input.len() > KEPT {
            *input = vec![0; INITIAL];
        }
        outcome
    });
    match outcome {
        None => 0,
        Some((kind, text)) => {
            let n = text.len() as u32;
            OUTPUT.with(|cell| *cell.borrow_mut() = text);
            (n << 2) | kind
        }
    }
}

fn provider_at(index: u32) -> &'static Provider {
    PROVIDERS.get(index as usize).unwrap_or(&PROVIDERS[0])
}

fn report_answer(report: &Report, flags: u32) -> Answer {
    if flags & STANDARD != 0 {
        if report.ok {
            return None;
        }
        let issues: Vec<StandardIssue> = report.errors.iter().map(StandardIssue::from).collect();
        return Some((REPORT, serde_json::to_string(&issues).unwrap_or_default()));
    }
    if report.errors.is_empty() && report.warnings.is_empty() {
        return None;
    }
    Some((REPORT, report.to_json()))
}

/// `validate` of the tape in the input buffer.
#[wasm_bindgen]
pub fn validate_tape(provider: u32, flags: u32, len: usize) -> u32 {
    answer(len, |input| {
        validate_answer(provider, flags, &tape::root(input))
    })
}

pub(super) fn validate_answer(provider: u32, flags: u32, payload: &Node) -> Answer {
    let report = api::validate_node(provider_at(provider), payload, &options_of(flags));
    report_answer(&report, flags)
}

/// `validateJson` of the UTF-8 text in the input buffer.
#[wasm_bindgen]
pub fn validate_json_text(provider: u32, flags: u32, len: usize) -> u32 {
    // simdutf8: the same check as std's, vectorised (wasm SIMD): the text can be megabytes.
    answer(len, |input| match simdutf8::basic::from_utf8(input) {
        Ok(text) => validate_json_answer(provider, flags, text),
        // encodeInto writes UTF-8 only: this is not text the caller gave.
        Err(_) => Some((MISUSE, "text must be a string of JSON".to_owned())),
    })
}

pub(super) fn validate_json_answer(provider: u32, flags: u32, text: &str) -> Answer {
    if flags & FFFD_IS_REAL == 0 && tape::holds_replacement(text) {
        return Some((ASK_WELL_FORMED, String::new()));
    }
    let report = api::validate_json(provider_at(provider), text, &options_of(flags));
    report_answer(&report, flags)
}

/// `validateJson` of a text holding a raw lone surrogate: `lossy` is the copy the core got
/// (U+FFFD in its place), `parsed` the host's `JSON.parse` of the original, None when that
/// is not JSON.
pub(super) fn lone_surrogates_answer(
    provider: u32,
    flags: u32,
    lossy: &str,
    parsed: Option<&Node>,
) -> Answer {
    let (provider, options) = (provider_at(provider), options_of(flags));
    let report = match parsed {
        None => api::validate_json(provider, lossy, &options),
        Some(parsed) => api::validate_json_parsed(provider, lossy, parsed, &options),
    };
    report_answer(&report, flags)
}

/// `validateField` of the tape `[path, value]` in the input buffer.
#[wasm_bindgen]
pub fn validate_field_tape(provider: u32, flags: u32, len: usize) -> u32 {
    answer(len, |input| {
        validate_field_answer(provider, flags, &tape::root(input))
    })
}

pub(super) fn validate_field_answer(provider: u32, flags: u32, path_and_value: &Node) -> Answer {
    let not_a_path = || Some((MISUSE, "path must be a string".to_owned()));
    let Node::Array(items) = path_and_value else {
        return not_a_path();
    };
    let mut items = items.iter();
    let (Some(Node::Str(path)), Some(value)) = (items.next(), items.next()) else {
        return not_a_path();
    };
    match api::validate_field_node(provider_at(provider), path, &value, &options_of(flags)) {
        Ok(issues) if issues.is_empty() => None,
        Ok(issues) => Some((REPORT, issues_json(&issues))),
        Err(e) => Some((
            MISUSE,
            format!("{e} (constraints(provider) lists the paths)"),
        )),
    }
}

/// The instance's memory, where the buffers are.
#[wasm_bindgen]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
