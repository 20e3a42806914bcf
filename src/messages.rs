//! Issue messages in English and Simplified Chinese. Short, lowercase, no trailing period,
//! never the value itself: counts, limits and indexes are enough.

use crate::charsets;
use crate::issue::{Code, Param, Params};
use crate::options::Locale;
use std::fmt;

/// A param as message text, written straight into the message: its number, its text, or
/// nothing when absent.
struct Arg<'p>(Option<&'p Param>);

impl fmt::Display for Arg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(Param::Int(n)) => fmt::Display::fmt(n, f),
            Some(Param::Text(t)) => f.write_str(t),
            None => Ok(()),
        }
    }
}

fn param<'p>(params: &'p Params, key: &str) -> Arg<'p> {
    Arg(params.get(key))
}

/// A text param, or `""`.
fn text<'p>(params: &'p Params, key: &str) -> &'p str {
    match params.get(key) {
        Some(Param::Text(t)) => t,
        _ => "",
    }
}

/// Whether the count param `key` is exactly one (English has a singular).
fn is_one(params: &Params, key: &str) -> bool {
    matches!(params.get(key), Some(Param::Int(1)))
}

/// The unit of a length limit whose count is the param `count`, in the locale's words.
fn unit(params: &Params, count: &str, locale: Locale) -> &'static str {
    let bytes = text(params, "unit") == "bytes";
    match (locale, bytes, is_one(params, count)) {
        (Locale::En, false, false) => "characters",
        (Locale::En, false, true) => "character",
        (Locale::En, true, false) => "bytes",
        (Locale::En, true, true) => "byte",
        (Locale::ZhCn, false, _) => "个字符",
        (Locale::ZhCn, true, _) => "字节",
    }
}

/// JSON and JS type names in Chinese; names of single values and of JS classes stay as they
/// are written in code.
struct ZhTypeName<'a>(&'a str);

impl fmt::Display for ZhTypeName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            "string" => "字符串",
            "integer" => "整数",
            "number" => "数字",
            "boolean" => "布尔值",
            "array" => "数组",
            "object" => "对象",
            "JSON text" => "JSON 文本",
            "invalid JSON" => "无效的 JSON",
            other => return write!(f, " {other}"),
        })
    }
}

/// "item" or "items" for the count param `count`.
fn items(params: &Params, count: &str) -> &'static str {
    if is_one(params, count) {
        "item"
    } else {
        "items"
    }
}

/// Human text for a charset id used in `invalid_chars` params.
pub fn charset_text(id: &str, locale: Locale) -> &'static str {
    match (charsets::by_id(id), locale) {
        (Some(charset), Locale::En) => charset.label_en,
        (Some(charset), Locale::ZhCn) => charset.label_zh_cn,
        (None, Locale::En) => "the allowed characters",
        (None, Locale::ZhCn) => "允许的字符",
    }
}

/// "a string", "an integer"; names of single values ("null", "NaN") stay bare.
struct WithArticle<'a>(&'a str);

impl fmt::Display for WithArticle<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.0;
        match name {
            "null" | "undefined" | "NaN" | "Infinity" | "JSON text" | "" => f.write_str(name),
            _ if name.starts_with(['a', 'e', 'i', 'o', 'u']) => write!(f, "an {name}"),
            _ => write!(f, "a {name}"),
        }
    }
}

pub fn render(code: Code, p: &Params, locale: Locale) -> String {
    match locale {
        Locale::En => match code {
            Code::Required => "required".into(),
            Code::Blank => "must not be empty or only whitespace".into(),
            Code::TooShort => format!(
                "must be at least {} {} (has {})",
                param(p, "min"),
                unit(p, "min", locale),
                param(p, "actual")
            ),
            Code::TooLong => format!(
                "must be at most {} {} (has {})",
                param(p, "max"),
                unit(p, "max", locale),
                param(p, "actual")
            ),
            Code::TooFew => format!(
                "needs at least {} {} (has {})",
                param(p, "min"),
                items(p, "min"),
                param(p, "actual")
            ),
            Code::TooMany => format!(
                "allows at most {} {} (has {})",
                param(p, "max"),
                items(p, "max"),
                param(p, "actual")
            ),
            Code::InvalidChars => format!(
                "may contain only {} (first other character at index {})",
                charset_text(text(p, "allowed"), locale),
                param(p, "index")
            ),
            // Without `first`, the duplicate is the provider's: the value already exists there.
            Code::Duplicate if p.get("of").is_some() => {
                "repeats a key given earlier in this object".into()
            }
            Code::Duplicate => match (p.get("first"), p.get("status")) {
                (Some(_), _) => format!("repeats item {}", param(p, "first")),
                (None, Some(_)) => format!("already exists (HTTP {})", param(p, "status")),
                (None, None) => "already exists".into(),
            },
            Code::InvalidType if p.get("line").is_some() => format!(
                "must be JSON text ({} at line {}, column {})",
                param(p, "reason"),
                param(p, "line"),
                param(p, "column")
            ),
            Code::InvalidType => format!(
                "must be {} (got {})",
                WithArticle(text(p, "expected")),
                WithArticle(text(p, "actual"))
            ),
            Code::InvalidValue => format!("must be one of {}", param(p, "allowed")),
            Code::OutOfRange => format!(
                "must be between {} and {}",
                param(p, "min"),
                param(p, "max")
            ),
            Code::InvalidEncoding => {
                "contains a lone UTF-16 surrogate and cannot be sent as UTF-8".into()
            }
            Code::UnknownField => "unknown field, left out of the request body".into(),
            Code::SurroundingWhitespace => "has leading or trailing whitespace".into(),
            Code::NeedsMultipart => {
                "file uploads need a multipart/form-data request, not JSON".into()
            }
            Code::InvalidUrl => format!(
                "must be an absolute http(s) URL without query, fragment or credentials ({})",
                param(p, "reason")
            ),
            // The provider's own text stays in params.providerMessage: it is not ours to
            // render, and it can be anything (CR/LF, megabytes).
            Code::ProviderError => match p.get("reason") {
                Some(_) => format!(
                    "the response body is not JSON (HTTP {})",
                    param(p, "status")
                ),
                None => format!("rejected by the provider (HTTP {})", param(p, "status")),
            },
            Code::MoreIssues => format!(
                "{} more issues found and not listed (a report lists at most {})",
                param(p, "count"),
                param(p, "max")
            ),
            Code::NotRead => match p.get("reason") {
                Some(Param::Text(r)) if r == "items" => format!(
                    "not read: an array of more than {} items (null in data)",
                    param(p, "max")
                ),
                _ => format!(
                    "not read: nested deeper than {} levels (null in data)",
                    param(p, "max")
                ),
            },
        },
        Locale::ZhCn => match code {
            Code::Required => "必填".into(),
            Code::Blank => "不能为空或只含空白".into(),
            Code::TooShort => format!(
                "至少 {} {}（当前 {}）",
                param(p, "min"),
                unit(p, "", locale),
                param(p, "actual")
            ),
            Code::TooLong => format!(
                "最多 {} {}（当前 {}）",
                param(p, "max"),
                unit(p, "", locale),
                param(p, "actual")
            ),
            Code::TooFew => format!(
                "至少需要 {} 项（当前 {}）",
                param(p, "min"),
                param(p, "actual")
            ),
            Code::TooMany => format!("最多 {} 项（当前 {}）", param(p, "max"), param(p, "actual")),
            Code::InvalidChars => format!(
                "只能包含{}（索引 {} 处的字符不符合）",
                charset_text(text(p, "allowed"), locale),
                param(p, "index")
            ),
            Code::Duplicate if p.get("of").is_some() => "与本对象中前面的键重复".into(),
            Code::Duplicate => match (p.get("first"), p.get("status")) {
                (Some(_), _) => format!("与索引为 {} 的项重复", param(p, "first")),
                (None, Some(_)) => format!("已存在（HTTP {}）", param(p, "status")),
                (None, None) => "已存在".into(),
            },
            Code::InvalidType if p.get("line").is_some() => format!(
                "应为 JSON 文本（第 {} 行第 {} 列：{}）",
                param(p, "line"),
                param(p, "column"),
                param(p, "reason")
            ),
            Code::InvalidType => format!(
                "类型应为{}（实际为{}）",
                ZhTypeName(text(p, "expected")),
                ZhTypeName(text(p, "actual"))
            ),
            Code::InvalidValue => format!("只能是 {} 之一", param(p, "allowed")),
            Code::OutOfRange => format!("必须在 {} 到 {} 之间", param(p, "min"), param(p, "max")),
            Code::InvalidEncoding => "含有孤立的 UTF-16 代理项，无法以 UTF-8 发送".into(),
            Code::UnknownField => "未知字段，不会写入请求体".into(),
            Code::SurroundingWhitespace => "首尾含有空白".into(),
            Code::NeedsMultipart => "上传文件需要 multipart/form-data 请求，不能用 JSON".into(),
            Code::InvalidUrl => format!(
                "必须是不含查询串、片段或凭据的绝对 http(s) 地址（{}）",
                param(p, "reason")
            ),
            Code::ProviderError => match p.get("reason") {
                Some(_) => format!("响应体不是 JSON（HTTP {}）", param(p, "status")),
                None => format!("服务方拒绝了请求（HTTP {}）", param(p, "status")),
            },
            Code::MoreIssues => format!(
                "另有 {} 个问题未列出（每份报告最多列出 {} 个）",
                param(p, "count"),
                param(p, "max")
            ),
            Code::NotRead => match p.get("reason") {
                Some(Param::Text(r)) if r == "items" => {
                    format!("未读取：数组超过 {} 项（data 中为 null）", param(p, "max"))
                }
                _ => format!("未读取：嵌套超过 {} 层（data 中为 null）", param(p, "max")),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::params;

    #[test]
    fn english_counts_of_one_are_singular() {
        let en = |code, p: Params| render(code, &p, Locale::En);
        let one = params!("min" => 1usize, "actual" => 0usize, "unit" => "chars");
        assert_eq!(
            en(Code::TooShort, one),
            "must be at least 1 character (has 0)"
        );
        let bytes = params!("min" => 1usize, "actual" => 0usize, "unit" => "bytes");
        assert_eq!(en(Code::TooShort, bytes), "must be at least 1 byte (has 0)");
        let few = params!("min" => 1usize, "actual" => 0usize);
        assert_eq!(en(Code::TooFew, few), "needs at least 1 item (has 0)");
        let many = params!("max" => 5usize, "actual" => 6usize);
        assert_eq!(en(Code::TooMany, many), "allows at most 5 items (has 6)");
        let long = params!("max" => 50usize, "actual" => 51usize, "unit" => "chars");
        assert_eq!(
            en(Code::TooLong, long),
            "must be at most 50 characters (has 51)"
        );
    }
}
