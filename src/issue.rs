//! The issue model: what is wrong, where, in the provider's own field names.

use crate::value::{json_plain_run_end, push_int};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// A stable, snake_case issue code. Each code has a fixed set of `params` keys, listed in the
/// README ("Issues").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A required field is missing. params: none.
    Required,
    /// Empty or only whitespace. params: none.
    Blank,
    /// params: min, actual, unit ("chars" | "bytes").
    TooShort,
    /// params: max, actual, unit ("chars" | "bytes").
    TooLong,
    /// Too few items. params: min, actual.
    TooFew,
    /// Too many items. params: max, actual.
    TooMany,
    /// params: allowed (a charset id, see README), index (0-based position, in characters, of
    /// the first character outside it).
    InvalidChars,
    /// Equal to an earlier item. params: first (index of that item).
    Duplicate,
    /// params: expected, actual (type names).
    InvalidType,
    /// Not one of the allowed values. params: allowed ("a|b").
    InvalidValue,
    /// params: min, max.
    OutOfRange,
    /// A string that cannot be sent as UTF-8 (a lone UTF-16 surrogate). params: none.
    InvalidEncoding,
    /// A field the provider does not define; it is left out of the built body. params: none.
    UnknownField,
    /// Leading or trailing whitespace, kept as typed. params: none.
    SurroundingWhitespace,
    /// A value that JSON cannot carry in this position must be sent another way (file uploads
    /// need multipart/form-data). params: none.
    NeedsMultipart,
    /// A caller-supplied base URL that is not an absolute http(s) URL without query, fragment
    /// or credentials. params: reason (scheme, host, query, fragment, credentials, characters).
    InvalidUrl,
    /// An error the provider returned in its response. params: status (HTTP status) when known.
    ProviderError,
    /// The last issue of a report that found more than it lists. params: count (issues found
    /// and not listed), max (the most a report lists).
    MoreIssues,
    /// A part of a response body past the reader's bounds, null in `data`: nesting deeper than
    /// [`MAX_DEPTH`](crate::value::MAX_DEPTH), or an array longer than
    /// [`MAX_ITEMS`](crate::value::MAX_ITEMS). params: reason (`depth`, `items`), max.
    NotRead,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::Blank => "blank",
            Code::TooShort => "too_short",
            Code::TooLong => "too_long",
            Code::TooFew => "too_few",
            Code::TooMany => "too_many",
            Code::InvalidChars => "invalid_chars",
            Code::Duplicate => "duplicate",
            Code::InvalidType => "invalid_type",
            Code::InvalidValue => "invalid_value",
            Code::OutOfRange => "out_of_range",
            Code::InvalidEncoding => "invalid_encoding",
            Code::UnknownField => "unknown_field",
            Code::SurroundingWhitespace => "surrounding_whitespace",
            Code::NeedsMultipart => "needs_multipart",
            Code::InvalidUrl => "invalid_url",
            Code::ProviderError => "provider_error",
            Code::MoreIssues => "more_issues",
            Code::NotRead => "not_read",
        }
    }
}

/// The provider's own error code for a problem, where it documents one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderCode {
    Text(Cow<'static, str>),
    Number(i64),
}

impl Serialize for ProviderCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ProviderCode::Text(t) => s.serialize_str(t),
            ProviderCode::Number(n) => s.serialize_i64(*n),
        }
    }
}

impl ProviderCode {
    /// A documented text code, usable in `const` declarations.
    pub const fn text(code: &'static str) -> ProviderCode {
        ProviderCode::Text(Cow::Borrowed(code))
    }
}

impl From<&'static str> for ProviderCode {
    fn from(s: &'static str) -> Self {
        ProviderCode::text(s)
    }
}

impl From<i64> for ProviderCode {
    fn from(n: i64) -> Self {
        ProviderCode::Number(n)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Int(i64),
    Text(Cow<'static, str>),
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Int(n) => s.serialize_i64(*n),
            Param::Text(t) => s.serialize_str(t),
        }
    }
}

impl From<usize> for Param {
    fn from(n: usize) -> Self {
        Param::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Param {
    fn from(n: i64) -> Self {
        Param::Int(n)
    }
}

impl From<&'static str> for Param {
    fn from(s: &'static str) -> Self {
        Param::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Param {
    fn from(s: String) -> Self {
        Param::Text(Cow::Owned(s))
    }
}

/// `Params` from `key => value` pairs.
macro_rules! params {
    ($($key:literal => $value:expr),* $(,)?) => {
        $crate::issue::Params(vec![$(($key, $crate::issue::Param::from($value))),*])
    };
}
pub(crate) use params;

/// Issue parameters in a fixed order (the order they were added).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(pub Vec<(&'static str, Param)>);

impl Params {
    pub fn get(&self, key: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One problem. `message` is short, lowercase, and never quotes the value or a credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    pub path: String,
    pub code: Code,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_code: Option<ProviderCode>,
    pub message: String,
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// An error, unless `lenient` is set: the provider's own samples contradict the rule.
    ErrorUnlessLenient,
}

impl Severity {
    /// Whether a rule of this severity fails validation (makes `ok` false).
    pub fn is_error(self, lenient: bool) -> bool {
        match self {
            Severity::Error => true,
            Severity::Warning => false,
            Severity::ErrorUnlessLenient => !lenient,
        }
    }
}

/// The outcome of a validation: `ok` is true when there are no errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl Report {
    pub fn new(errors: Vec<Issue>, warnings: Vec<Issue>) -> Report {
        Report {
            ok: errors.is_empty(),
            errors,
            warnings,
        }
    }
}

impl Report {
    /// The report as JSON text, exactly as `serde_json` (and `JSON.stringify`) would write it.
    /// Written by hand because this is the hot output path of the wasm build: the generic
    /// serializer at the size-optimised level costs microseconds per issue.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(32 + 160 * (self.errors.len() + self.warnings.len()));
        out.push_str(if self.ok {
            "{\"ok\":true,"
        } else {
            "{\"ok\":false,"
        });
        out.push_str("\"errors\":");
        write_issues(&mut out, &self.errors);
        out.push_str(",\"warnings\":");
        write_issues(&mut out, &self.warnings);
        out.push('}');
        out
    }
}

/// Issues as a JSON array (see [`Report::to_json`]).
pub fn issues_json(issues: &[Issue]) -> String {
    let mut out = String::with_capacity(2 + 160 * issues.len());
    write_issues(&mut out, issues);
    out
}

fn write_issues(out: &mut String, issues: &[Issue]) {
    out.push('[');
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        issue.write_json(out);
    }
    out.push(']');
}

impl Issue {
    /// Appends the issue as JSON text (the same text as its `Serialize`).
    pub fn write_json(&self, out: &mut String) {
        out.push_str("{\"path\":");
        json_string(out, &self.path);
        out.push_str(",\"code\":\"");
        out.push_str(self.code.as_str());
        out.push('"');
        match &self.provider_code {
            None => {}
            Some(ProviderCode::Number(n)) => {
                out.push_str(",\"providerCode\":");
                push_int(out, *n);
            }
            Some(ProviderCode::Text(t)) => {
                out.push_str(",\"providerCode\":");
                json_string(out, t);
            }
        }
        out.push_str(",\"message\":");
        json_string(out, &self.message);
        if !self.params.is_empty() {
            out.push_str(",\"params\":{");
            for (i, (key, value)) in self.params.0.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(out, key);
                out.push(':');
                match value {
                    Param::Int(n) => push_int(out, *n),
                    Param::Text(t) => json_string(out, t),
                }
            }
            out.push('}');
        }
        out.push('}');
    }
}

/// A JSON string literal, escaped as `serde_json` escapes: `"`, `\\` and control characters.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    // Most texts (messages, paths, codes) need no escape: one scan, one copy.
    if json_plain_run_end(s.as_bytes(), 0) == s.len() {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut plain_from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so always on a character boundary.
        out.push_str(s.get(plain_from..i).unwrap_or_default());
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        } else {
            out.push_str(escape);
        }
        plain_from = i + 1;
    }
    out.push_str(s.get(plain_from..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages;
    use crate::options::Locale;

    #[test]
    fn report_json_is_exactly_what_serde_writes() {
        let issue = |path: &str, code, pcode: Option<ProviderCode>, params: Params| {
            let message = messages::render(code, &params, Locale::En);
            Issue {
                path: path.to_owned(),
                code,
                provider_code: pcode,
                message,
                params,
            }
        };
        let tricky = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f} 😂 市场 \u{7f}\u{2028}";
        let report = Report::new(
            vec![
                issue(
                    tricky,
                    Code::TooLong,
                    None,
                    crate::issue::params!("max" => 50usize, "actual" => 51usize, "unit" => "chars"),
                ),
                issue(
                    "list[0].name",
                    Code::Blank,
                    Some(ProviderCode::Number(43030)),
                    Params::default(),
                ),
                issue(
                    "x",
                    Code::OutOfRange,
                    Some(ProviderCode::from("Bad.Code")),
                    crate::issue::params!("min" => i64::MIN, "max" => i64::MAX),
                ),
                issue(
                    "",
                    Code::InvalidChars,
                    None,
                    crate::issue::params!("allowed" => tricky.to_owned(), "index" => 0usize),
                ),
            ],
            vec![issue("k", Code::UnknownField, None, Params::default())],
        );
        assert_eq!(report.to_json(), serde_json::to_string(&report).unwrap());
        let empty = Report::new(vec![], vec![]);
        assert_eq!(empty.to_json(), serde_json::to_string(&empty).unwrap());
    }
}
