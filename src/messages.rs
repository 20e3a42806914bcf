//! Issue messages in English and Simplified Chinese. Short, lowercase, no trailing period,
//! never the value itself: counts, limits and indexes are enough.

use crate::issue::{Code, Param, Params};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
}

impl Locale {
    /// `"en"` (or anything starting with it) and `"zh-CN"`/`"zh"`; None for other tags.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.to_ascii_lowercase();
        if lower == "en" || lower.starts_with("en-") {
            Some(Locale::En)
        } else if lower == "zh" || lower == "zh-cn" || lower == "zh-hans" {
            Some(Locale::ZhCn)
        } else {
            None
        }
    }
}

fn param(params: &Params, key: &str) -> String {
    match params.get(key) {
        Some(Param::Int(n)) => n.to_string(),
        Some(Param::Text(t)) => t.to_string(),
        None => String::new(),
    }
}

fn unit(params: &Params, locale: Locale) -> &'static str {
    let bytes = matches!(params.get("unit"), Some(Param::Text(t)) if t == "bytes");
    match (locale, bytes) {
        (Locale::En, false) => "characters",
        (Locale::En, true) => "bytes",
        (Locale::ZhCn, false) => "个字符",
        (Locale::ZhCn, true) => "字节",
    }
}

/// Human text for a charset id used in `invalid_chars` params.
pub fn charset_text(id: &str, locale: Locale) -> &'static str {
    match (id, locale) {
        (crate::rules::charset::HAN_ALNUM_DASH_UNDERSCORE_ID, Locale::En) => {
            "Chinese characters, letters, digits, - and _"
        }
        (crate::rules::charset::HAN_ALNUM_DASH_UNDERSCORE_ID, Locale::ZhCn) => {
            "中文、英文字母、数字、-、_"
        }
        (crate::rules::charset::GROUP_ID_ID, Locale::En) => "letters, digits and -%@#&_",
        (crate::rules::charset::GROUP_ID_ID, Locale::ZhCn) => "英文字母、数字、-%@#&_",
        (crate::providers::capillary::BASIC_USER_ID_ID, Locale::En) => {
            "characters other than : and control characters (a basic-auth user name)"
        }
        (crate::providers::capillary::BASIC_USER_ID_ID, Locale::ZhCn) => {
            "除 : 和控制字符以外的字符（Basic 认证的用户名）"
        }
        (crate::providers::tencent_iai::SECRET_ID_CHARSET_ID, Locale::En) => {
            "visible ASCII characters other than space , ; / (a TC3 secret id)"
        }
        (crate::providers::tencent_iai::SECRET_ID_CHARSET_ID, Locale::ZhCn) => {
            "除空格 , ; / 以外的可见 ASCII 字符（TC3 SecretId）"
        }
        (_, Locale::En) => "visible ASCII characters (a header value)",
        (_, Locale::ZhCn) => "可见 ASCII 字符（请求头的值）",
    }
}

/// "a string", "an integer"; names of single values ("null", "NaN") stay bare.
fn with_article(type_name: &str) -> String {
    match type_name {
        "null" | "undefined" | "NaN" | "Infinity" | "JSON text" | "" => type_name.to_owned(),
        _ if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {type_name}"),
        _ => format!("a {type_name}"),
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
                unit(p, locale),
                param(p, "actual")
            ),
            Code::TooLong => format!(
                "must be at most {} {} (has {})",
                param(p, "max"),
                unit(p, locale),
                param(p, "actual")
            ),
            Code::TooFew => format!(
                "needs at least {} items (has {})",
                param(p, "min"),
                param(p, "actual")
            ),
            Code::TooMany => format!(
                "allows at most {} items (has {})",
                param(p, "max"),
                param(p, "actual")
            ),
            Code::InvalidChars => format!(
                "may contain only {} (first other character at index {})",
                charset_text(&param(p, "allowed"), locale),
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
                with_article(&param(p, "expected")),
                with_article(&param(p, "actual"))
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
        },
        Locale::ZhCn => match code {
            Code::Required => "必填".into(),
            Code::Blank => "不能为空或只含空白".into(),
            Code::TooShort => format!(
                "至少 {} {}（当前 {}）",
                param(p, "min"),
                unit(p, locale),
                param(p, "actual")
            ),
            Code::TooLong => format!(
                "最多 {} {}（当前 {}）",
                param(p, "max"),
                unit(p, locale),
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
                charset_text(&param(p, "allowed"), locale),
                param(p, "index")
            ),
            Code::Duplicate if p.get("of").is_some() => "与本对象中前面的键重复".into(),
            Code::Duplicate => match (p.get("first"), p.get("status")) {
                (Some(_), _) => format!("与第 {} 项重复", param(p, "first")),
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
                "类型应为 {}（实际为 {}）",
                param(p, "expected"),
                param(p, "actual")
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
        },
    }
}
