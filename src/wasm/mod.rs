//! The JavaScript API. The only module that knows about wasm-bindgen: it decodes
//! arguments, calls the core, and encodes results. No rules live here.
//!
//! Bad data never throws: it comes back as issues. Only misuse throws (an unknown provider
//! id, options that are not an object), with a `TypeError` whose message names the problem.

mod args;
mod convert;
mod hot;
#[cfg(feature = "requests")]
mod requests;

#[cfg(feature = "requests")]
pub use requests::{build_request, capillary_basic_auth, geelark_sign, parse_response, sign_tc3};

use crate::api;
use crate::path;
use crate::providers::PROVIDERS;
use crate::text::{self, TextUnit};
use crate::value::Value;
use args::{optional_options, provider_arg, type_error};
use convert::{to_js, to_value, with_node};
use js_sys::JsString;
use wasm_bindgen::prelude::*;

/// What a hot call answers, as the JS API returns it: `empty()` when there is nothing to say,
/// a `TypeError` for misuse, otherwise the JSON text parsed. (`front.js` does the same on the
/// JS side; this is the path Rust callers and the wasm tests take.)
fn decode(answer: hot::Answer, empty: fn() -> JsValue) -> Result<JsValue, JsValue> {
    match answer {
        None => Ok(empty()),
        Some((hot::MISUSE, text)) => Err(type_error(&text)),
        Some((_, text)) => js_sys::JSON::parse(&text),
    }
}

fn flags_arg(options: Option<JsValue>) -> Result<u32, JsValue> {
    hot::option_flags(options.unwrap_or(JsValue::UNDEFINED))
}

/// Validates a payload against every documented rule of the provider; all problems at once.
/// (In the package, `front.js` makes this call through the numeric exports of [`hot`].)
pub fn validate(
    provider: JsValue,
    payload: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let provider = hot::provider_index(provider)?;
    let flags = flags_arg(options)?;
    let answer = with_node(&payload, |node| hot::validate_answer(provider, flags, node));
    decode(answer, convert::ok_report)
}

/// Validates JSON text: the report of `validate(provider, JSON.parse(text), options)`, read
/// straight from the text in wasm with no JS objects built, except that a key the text repeats
/// is reported (`JSON.parse` keeps only the last). Text that is not JSON is one
/// `invalid_type` error at `""` saying where. Throws only on misuse, as `validate` does.
pub fn validate_json(
    provider: JsValue,
    text: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let provider = hot::provider_index(provider)?;
    let flags = flags_arg(options)?;
    let source = text
        .as_string()
        .ok_or_else(|| type_error("text must be a string of JSON"))?;
    match hot::validate_json_answer(provider, flags, &source) {
        Some((hot::ASK_WELL_FORMED, _)) if convert::is_well_formed(&text) => decode(
            hot::validate_json_answer(provider, flags | hot::FFFD_IS_REAL, &source),
            convert::ok_report,
        ),
        Some((hot::ASK_WELL_FORMED, _)) => validate_json_lone_surrogates(provider, flags, text),
        answer => decode(answer, convert::ok_report),
    }
}

/// `validateJson` of a text holding a raw lone surrogate, which the copy into wasm turned into
/// U+FFFD: `JSON.parse` keeps it, and validation reports it where it is. The keys the text
/// repeats come from the text itself, since `JSON.parse` keeps only the last of them.
#[wasm_bindgen]
pub fn validate_json_lone_surrogates(
    provider: u32,
    flags: u32,
    text: JsValue,
) -> Result<JsValue, JsValue> {
    let lossy = text.as_string().unwrap_or_default();
    // A text that reads as JSON here is JSON there, and the other way round.
    let answer = match convert::parse_json(&text) {
        None => hot::lone_surrogates_answer(provider, flags, &lossy, None),
        Some(value) => with_node(&value, |parsed| {
            hot::lone_surrogates_answer(provider, flags, &lossy, Some(parsed))
        }),
    };
    decode(answer, convert::ok_report)
}

/// The rules of one field, for validation as the user types: `"GroupName"`, `"list[2].name"`,
/// `"list[].name"`, `"GroupExDescriptions[1]"`. Errors first, then warnings. Rules spanning
/// items or fields (duplicates) need `validate`. An unknown path is misuse: `TypeError`.
pub fn validate_field(
    provider: JsValue,
    path: JsValue,
    value: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let provider = hot::provider_index(provider)?;
    let flags = flags_arg(options)?;
    if !path.is_string() {
        return Err(type_error("path must be a string"));
    }
    let path_and_value = js_sys::Array::of2(&path, &value);
    let answer = with_node(&path_and_value, |node| {
        hot::validate_field_answer(provider, flags, node)
    });
    decode(answer, || js_sys::Array::new().into())
}

/// The providers this build knows: id, name, method, endpoint URL and documentation link.
#[wasm_bindgen(unchecked_return_type = "ProviderInfo[]")]
pub fn providers() -> Result<JsValue, JsValue> {
    to_js(&PROVIDERS[..])
}

/// Every field's rules (required, lengths with their unit, pattern, enum, item counts,
/// uniqueness, warning-only rules), derived from the declarations `validate` applies.
#[wasm_bindgen(unchecked_return_type = "FieldConstraint[]")]
pub fn constraints(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    to_js(&api::constraints(provider, &options))
}

/// The payload's JSON Schema (draft 2020-12). Rules it cannot express (byte lengths of
/// non-ASCII fields, warnings, uniqueness by key, rules across fields) are named in `$comment`.
#[wasm_bindgen(js_name = jsonSchema, unchecked_return_type = "JsonSchema")]
pub fn json_schema(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    to_js(&api::json_schema(provider, &options))
}

/// Where the grapheme clusters of one window of text end, as UTF-8 byte offsets (what
/// [`text::Segmenter`] gives), from the host's `Intl.Segmenter` (UTF-16 offsets). Offsets off
/// the window's characters are left for [`text`] to reject, not guessed at.
fn host_cluster_ends(window: &str) -> Option<Vec<usize>> {
    let utf16_ends = convert::host_grapheme_ends(window)?.to_vec();
    let mut ends = Vec::with_capacity(utf16_ends.len());
    let mut wanted = utf16_ends.iter().map(|&end| end as usize).peekable();
    let mut utf16 = 0usize;
    for (start, c) in window.char_indices() {
        utf16 += c.len_utf16();
        if wanted.peek() == Some(&utf16) {
            wanted.next();
            ends.push(start + c.len_utf8());
        }
    }
    if wanted.next().is_some() {
        ends.clear();
    }
    Some(ends)
}

fn segment_error(e: text::SegmentError) -> JsValue {
    type_error(match e {
        text::SegmentError::Unavailable => {
            "graphemes need Intl.Segmenter (Node 16+, Chrome 87+, Safari 14.1+, Firefox 125+)"
        }
        text::SegmentError::Misfit => {
            "Intl.Segmenter gave grapheme boundaries that do not fit the text"
        }
    })
}

/// Lengths of `text` in every unit the rules use: code points, UTF-8 bytes, UTF-16 code units
/// and graphemes. (A lone surrogate counts as the 3 bytes of the U+FFFD a UTF-8 encoder sends.)
#[wasm_bindgen(unchecked_return_type = "TextMeasure")]
pub fn measure(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| type_error("text must be a string"))?;
    to_js(&text::measure_with(&text, host_cluster_ends).map_err(segment_error)?)
}

/// The longest prefix of `text` at most `max` long in `unit` ("chars" by default, "bytes",
/// "utf16", "graphemes"), cut on a grapheme boundary. The prefix is sliced from the string
/// given, so nothing in it is altered.
#[wasm_bindgen]
pub fn truncate(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] max: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TextUnit | null")] unit: Option<JsValue>,
) -> Result<JsString, JsValue> {
    let original = text
        .dyn_ref::<JsString>()
        .ok_or_else(|| type_error("text must be a string"))?;
    let max = max
        .as_f64()
        .filter(|n| *n >= 0.0 && (n.fract() == 0.0 || n.is_infinite()))
        .ok_or_else(|| type_error("max must be a non-negative integer"))?;
    let unit = match unit.filter(|u| !u.is_undefined() && !u.is_null()) {
        None => TextUnit::default(),
        Some(u) => u
            .as_string()
            .and_then(|u| TextUnit::parse(&u))
            .ok_or_else(|| {
                type_error("unit must be \"chars\", \"bytes\", \"utf16\" or \"graphemes\"")
            })?,
    };
    // Rust sees lone surrogates as U+FFFD, one UTF-16 unit each, so offsets match the original.
    let decoded = String::from(original);
    // `as` saturates: Infinity and huge limits mean "no limit".
    let prefix = text::truncate_with(&decoded, max as usize, unit, host_cluster_ends)
        .map_err(segment_error)?;
    let end = u32::try_from(prefix.encode_utf16().count()).unwrap_or(u32::MAX);
    Ok(original.slice(0, end))
}

/// The segments of an issue path, as Standard Schema has them: `"list[2].name"` →
/// `["list", 2, "name"]`, `"list[].name"` → `["list", "[]", "name"]`, `""` → `[]`.
#[wasm_bindgen(js_name = parsePath, unchecked_return_type = "Array<string | number>")]
pub fn parse_path(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| type_error("path must be a string"))?;
    to_js(&path::parse(&text))
}

/// The path text of segments (the inverse of `parsePath`): `["list", 2, "name"]` →
/// `"list[2].name"`. Numbers must be non-negative integers; `"[]"` stands for every item.
#[wasm_bindgen(js_name = formatPath)]
pub fn format_path(
    #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<string | number>")] segments: JsValue,
) -> Result<String, JsValue> {
    let invalid = || type_error("segments must be an array of strings and non-negative integers");
    let Value::Array(items) = to_value(&segments) else {
        return Err(invalid());
    };
    let segments = items
        .iter()
        .map(|item| match item {
            Value::String(s) if s == "[]" => Ok(path::Segment::Items),
            Value::String(s) => Ok(path::Segment::Key(s.clone())),
            Value::Number(n) => crate::value::safe_integer(*n)
                .and_then(|i| usize::try_from(i).ok())
                .map(path::Segment::Index)
                .ok_or_else(invalid),
            _ => Err(invalid()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(path::format(&segments))
}
