//! Shared pieces of response parsing.
//!
//! Bodies are read as `JSON.parse` reads them, so the verdict and `data` can never disagree: a
//! key an object repeats holds its last value (with a warning that it repeats), numbers are
//! the f64 `JSON.parse` gives. The wasm build takes `data` itself from the host's
//! `JSON.parse` of the same text ([`Parsed::data_key`] says where), which also keeps what a
//! [`Value`] cannot hold (lone-surrogate escapes, `-0`, `1e400`). Parts past the reader's
//! bounds ([`MAX_DEPTH`], [`MAX_ITEMS`]) are null in `data`, each with a `not_read` warning,
//! in both builds: `JSON.parse` costs more than linear time on deep nesting, so the wasm build
//! does not parse such a body again.

use crate::issue::{params, Code, Issue, Param, Params, ProviderCode, Severity};
use crate::messages;
use crate::options::Options;
use crate::path::Path;
use crate::rules::{unique, Ctx, MAX_ISSUES};
use crate::tape::{self, json, Node};
use crate::value::{integral, Value, MAX_DEPTH, MAX_ITEMS};
use serde::Serialize;

/// What came back: HTTP status and body text, and optionally the payload that was sent (so
/// per-item failures can be pointed at `list[i].name`).
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    pub status: u16,
    pub body: &'a str,
    pub sent: Option<&'a Value>,
}

/// A response in the common shape: `ok`, the provider's data, its errors as issues, and the
/// request id the provider assigned (for support tickets).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parsed {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    pub errors: Vec<Issue>,
    /// Things to know that do not make the response a failure (a key the body repeats).
    pub warnings: Vec<Issue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Where `data` sits in the body: the whole body, or its top-level key.
    #[serde(skip)]
    pub data_key: Option<&'static str>,
}

impl Parsed {
    /// The common shape from what a parser collected: `ok` when it found no errors.
    pub fn new(ctx: Ctx, data: Option<Value>, request_id: Option<String>) -> Parsed {
        let (errors, warnings) = ctx.into_issues();
        Parsed {
            ok: errors.is_empty(),
            data,
            errors,
            warnings,
            request_id,
            data_key: None,
        }
    }

    /// `data` is the body's top-level `key`, not the whole body.
    pub fn data_under(self, key: &'static str) -> Parsed {
        Parsed {
            data_key: Some(key),
            ..self
        }
    }
}

/// `parsed`, the verdict on a body that held a lone UTF-16 surrogate, read with U+FFFD in its
/// place, with an `invalid_encoding` error at `""` put first: no UTF-8 decoder gives such a
/// text, so it is not what the provider sent, and the verdict read from it cannot be trusted
/// (`ok` is false). The report stays within [`MAX_ISSUES`]: when it was full, its last listed
/// issue is counted in `more_issues` instead.
pub fn with_lone_surrogate(mut parsed: Parsed, options: &Options) -> Parsed {
    let params = Params::default();
    let issue = Issue {
        message: messages::render(Code::InvalidEncoding, &params, options.locale),
        path: String::new(),
        code: Code::InvalidEncoding,
        provider_code: None,
        params,
    };
    parsed.errors.insert(0, issue);
    parsed.ok = false;
    let is_more = |i: &Issue| i.code == Code::MoreIssues;
    let more_in_errors = parsed.errors.last().is_some_and(is_more);
    let more_in_warnings = parsed.warnings.last().is_some_and(is_more);
    let listed = parsed.errors.len() + parsed.warnings.len()
        - usize::from(more_in_errors)
        - usize::from(more_in_warnings);
    if listed <= MAX_ISSUES {
        return parsed;
    }
    // Dropped: the last listed warning, else the last listed error.
    let warnings_listed = parsed.warnings.len() - usize::from(more_in_warnings);
    let dropped_error = warnings_listed == 0;
    if dropped_error {
        parsed
            .errors
            .remove(parsed.errors.len() - 1 - usize::from(more_in_errors));
    } else {
        parsed.warnings.remove(warnings_listed - 1);
    }
    let more = if more_in_errors {
        parsed.errors.pop()
    } else if more_in_warnings {
        parsed.warnings.pop()
    } else {
        None
    };
    let count = more
        .as_ref()
        .and_then(|m| match m.params.get("count") {
            Some(Param::Int(n)) => usize::try_from(*n).ok(),
            _ => None,
        })
        .unwrap_or(0)
        + 1;
    let params = params!("count" => count, "max" => MAX_ISSUES);
    let issue = Issue {
        message: messages::render(Code::MoreIssues, &params, options.locale),
        path: String::new(),
        code: Code::MoreIssues,
        provider_code: None,
        params,
    };
    // An error when any unlisted issue is one, as `Ctx` has it.
    if dropped_error || more_in_errors {
        parsed.errors.push(issue);
    } else {
        parsed.warnings.push(issue);
    }
    parsed
}

/// The most characters of the provider's own text kept in `params.providerMessage`; a longer
/// text is cut there and ends with "…" (`params.providerMessageChars` then gives its length).
pub const PROVIDER_MESSAGE_MAX_CHARS: usize = 1_000;

/// Parses the body as JSON; a body that is not JSON is itself an issue (a proxy's HTML error
/// page, a truncated body), reported with the HTTP status.
pub fn json_body(ctx: &mut Ctx, status: u16, body: &str) -> Option<Value> {
    match json::from_json(body) {
        Ok(tape) => Some(last_wins(ctx, &tape::root(&tape), &Path::ROOT)),
        Err(_) => {
            let params = params!("status" => i64::from(status), "reason" => "body_not_json");
            ctx.error(String::new(), Code::ProviderError, None, params);
            None
        }
    }
}

/// The value `JSON.parse` gives for `node`: a repeated key holds its last value, at the place
/// of its first (a `duplicate` warning at the key, `params.first` the earlier pair).
fn last_wins(ctx: &mut Ctx, node: &Node, path: &Path) -> Value {
    match node {
        Node::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| last_wins(ctx, &item, &path.index(i)))
                .collect(),
        ),
        Node::Object(fields) => {
            let keys: Vec<Option<&[u8]>> = fields.keys().map(|k| Some(k.as_bytes())).collect();
            let firsts = unique::firsts(&keys);
            let mut out: Vec<(String, Value)> = Vec::with_capacity(fields.len());
            // Where each key's first pair landed in `out`.
            let mut slots = vec![0u32; fields.len()];
            for (i, (key, value)) in fields.iter().enumerate() {
                let key_path = path.key(key);
                let value = last_wins(ctx, &value, &key_path);
                match firsts.earlier(i) {
                    Some(first) => {
                        let params = params!("first" => first, "of" => "key");
                        ctx.warn(key_path.render(), Code::Duplicate, params);
                        out[slots[first] as usize].1 = value;
                    }
                    None => {
                        slots[i] = out.len() as u32;
                        out.push((key.to_owned(), value));
                    }
                }
            }
            Value::Object(out)
        }
        Node::Unsupported(name) => {
            // The only parts the JSON reader leaves out (src/tape/json.rs).
            let (reason, max) = if *name == "array too long" {
                ("items", MAX_ITEMS)
            } else {
                ("depth", MAX_DEPTH)
            };
            let params = params!("reason" => reason, "max" => max);
            ctx.warn(path.render(), Code::NotRead, params);
            Value::Null
        }
        other => other.to_value(),
    }
}

/// Like [`json_body`], for providers whose bare statuses come with an empty body:
/// `Ok(None)` for an empty body, `Err(())` when a non-empty body is not JSON (reported).
#[allow(clippy::result_unit_err)]
pub fn optional_json_body(ctx: &mut Ctx, status: u16, body: &str) -> Result<Option<Value>, ()> {
    if body.trim().is_empty() {
        return Ok(None);
    }
    json_body(ctx, status, body).map(Some).ok_or(())
}

/// A provider error. `provider_message` is the provider's own text (its words, not the
/// caller's value), kept in params for display and support, never in `message`.
pub fn provider_error(
    ctx: &mut Ctx,
    path: String,
    status: u16,
    provider_code: Option<ProviderCode>,
    provider_message: Option<&str>,
) {
    let mut params = Params::default();
    params.0.push(("status", i64::from(status).into()));
    if let Some(text) = provider_message {
        push_provider_message(&mut params, text);
    }
    ctx.report(
        Severity::Error,
        path,
        Code::ProviderError,
        provider_code,
        params,
    );
}

/// Adds `providerMessage` (cut at [`PROVIDER_MESSAGE_MAX_CHARS`], then marked with "…" and
/// `providerMessageChars`, the length of the whole text).
pub fn push_provider_message(params: &mut Params, text: &str) {
    match text.char_indices().nth(PROVIDER_MESSAGE_MAX_CHARS) {
        None => params.0.push(("providerMessage", text.to_owned().into())),
        Some((cut, _)) => {
            let kept = format!("{}…", &text[..cut]);
            params.0.push(("providerMessage", kept.into()));
            let chars = text.chars().count();
            params.0.push(("providerMessageChars", Param::from(chars)));
        }
    }
}

/// An owned provider code from a response: a string code as text, a number as a number.
pub fn dynamic_code(value: Option<&Value>) -> Option<ProviderCode> {
    match value? {
        Value::String(s) => Some(ProviderCode::Text(s.clone().into())),
        Value::Number(n) => integral(*n).map(ProviderCode::Number),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;

    fn read(text: &str) -> (Value, Vec<(String, String)>) {
        let options = Options::default();
        let mut ctx = Ctx::new(&options);
        let value = json_body(&mut ctx, 200, text).expect("JSON");
        let warnings = ctx
            .warnings
            .iter()
            .map(|i| (i.path.clone(), format!("{:?}", i.params.get("first"))))
            .collect();
        (value, warnings)
    }

    #[test]
    fn a_repeated_key_holds_its_last_value_at_its_first_place() {
        let (value, warnings) = read(r#"{"code":0,"msg":"a","code":40000,"d":{"x":1,"x":[2]}}"#);
        assert_eq!(value.to_json(), r#"{"code":40000,"msg":"a","d":{"x":[2]}}"#);
        assert_eq!(
            warnings,
            [
                ("code".to_owned(), "Some(Int(0))".to_owned()),
                ("d.x".to_owned(), "Some(Int(0))".to_owned())
            ]
        );
    }

    #[test]
    fn many_repeats_in_a_large_object_are_all_found() {
        let pairs: Vec<String> = (0..200).map(|i| format!("\"k{}\":{i}", i % 50)).collect();
        let (value, warnings) = read(&format!("{{{}}}", pairs.join(",")));
        let Value::Object(fields) = value else {
            panic!("not an object")
        };
        assert_eq!(fields.len(), 50);
        assert_eq!(fields[7], ("k7".to_owned(), Value::from(157)));
        assert_eq!(warnings.len(), 150);
    }

    #[test]
    fn provider_messages_are_capped_and_marked() {
        let mut params = Params::default();
        push_provider_message(&mut params, &"é".repeat(PROVIDER_MESSAGE_MAX_CHARS));
        assert_eq!(params.0.len(), 1, "at the cap: whole, unmarked");
        let mut params = Params::default();
        push_provider_message(&mut params, &"é".repeat(PROVIDER_MESSAGE_MAX_CHARS + 1));
        let Some(Param::Text(kept)) = params.get("providerMessage") else {
            panic!("{params:?}")
        };
        assert_eq!(kept.chars().count(), PROVIDER_MESSAGE_MAX_CHARS + 1);
        assert!(kept.ends_with("é…"));
        assert_eq!(
            params.get("providerMessageChars"),
            Some(&Param::Int(PROVIDER_MESSAGE_MAX_CHARS as i64 + 1))
        );
    }

    fn full(warnings: usize) -> Parsed {
        let options = Options::default();
        let mut ctx = Ctx::new(&options);
        for i in 0..warnings {
            ctx.warn(format!("k{i}"), Code::Duplicate, Params::default());
        }
        Parsed::new(ctx, None, None)
    }

    #[test]
    fn a_lone_surrogate_in_the_body_is_an_error_put_first() {
        let parsed = with_lone_surrogate(full(2), &Options::default());
        assert!(!parsed.ok);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].code, Code::InvalidEncoding);
        assert_eq!(parsed.errors[0].path, "");
        assert_eq!(parsed.warnings.len(), 2);
    }

    #[test]
    fn a_lone_surrogate_in_a_full_report_keeps_it_within_the_cap() {
        for warnings in [MAX_ISSUES, MAX_ISSUES + 7] {
            let parsed = with_lone_surrogate(full(warnings), &Options::default());
            let listed = parsed.errors.len() + parsed.warnings.len() - 1;
            assert_eq!(listed, MAX_ISSUES, "{warnings}");
            assert_eq!(parsed.errors[0].code, Code::InvalidEncoding);
            let more = parsed.warnings.last().expect("more_issues");
            assert_eq!(more.code, Code::MoreIssues);
            let unlisted = (warnings + 1 - MAX_ISSUES) as i64;
            assert_eq!(more.params.get("count"), Some(&Param::Int(unlisted)));
        }
    }

    #[test]
    fn parts_past_the_bounds_are_null_with_a_not_read_warning() {
        let deep = format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH + 5),
            "]".repeat(MAX_DEPTH + 5)
        );
        let options = Options::default();
        let mut ctx = Ctx::new(&options);
        let value = json_body(&mut ctx, 200, &format!(r#"{{"a":1,"d":{deep}}}"#)).expect("JSON");
        let mut inner = value.get("d").expect("d");
        for _ in 1..MAX_DEPTH {
            inner = match inner {
                Value::Array(items) => &items[0],
                other => panic!("{other:?}"),
            };
        }
        assert_eq!(inner, &Value::Null);
        assert_eq!(ctx.warnings.len(), 1);
        assert_eq!(ctx.warnings[0].code, Code::NotRead);
        assert_eq!(
            ctx.warnings[0].params.get("reason"),
            Some(&Param::from("depth"))
        );
        assert_eq!(
            ctx.warnings[0].params.get("max"),
            Some(&Param::from(MAX_DEPTH))
        );
    }
}
