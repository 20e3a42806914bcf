//! Options shared by every provider, the language of messages, and what the host supplies.

use crate::value::{safe_integer, Value};

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

/// What the core cannot make itself: the time and a random trace id, asked for only when a
/// build option that defaults to them is left out. The core has no clock and no randomness,
/// so native callers that pass every option never need one ([`NoHost`]); the JS build answers
/// with `Date.now()` and `crypto.randomUUID()`.
pub trait Host {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> Option<u64>;
    /// A random UUID (version 4) as text.
    fn random_uuid(&self) -> Option<String>;
}

/// A host with no clock and no randomness: every defaulted option must be given.
pub struct NoHost;

impl Host for NoHost {
    fn now_millis(&self) -> Option<u64> {
        None
    }
    fn random_uuid(&self) -> Option<String> {
        None
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Turn rules that the provider's own published samples contradict into warnings
    /// (today: Tencent's charset rules, whose English samples use spaces; docs/decisions.md
    /// "Principles").
    pub lenient: bool,
    /// Language of issue messages.
    pub locale: Locale,
}

impl Options {
    /// `{lenient?, locale?}` from a JS-shaped object; other keys are ignored (the same object
    /// may carry build options), `null`/`undefined` values mean the defaults.
    pub fn from_value(value: &Value) -> Result<Options, OptionsError> {
        let o = OptionsReader::new(value, "options")?;
        let mut options = Options::default();
        if let Some(lenient) = o.get("lenient") {
            options.lenient = match lenient {
                Value::Bool(b) => *b,
                _ => return Err(OptionsError("options.lenient must be a boolean".into())),
            };
        }
        if let Some(locale) = o.get("locale") {
            options.locale = locale
                .as_str()
                .and_then(Locale::parse)
                .ok_or_else(|| OptionsError("options.locale must be \"en\" or \"zh-CN\"".into()))?;
        }
        Ok(options)
    }
}

/// Build options that cannot be used: a missing credential, a wrong type, an unknown choice.
/// This is misuse, not bad data, so the JS layer throws it. The message names the option and
/// what it needs, never its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OptionsError(pub String);

/// Reads build options from a [`Value`] (what JS passes), naming each by its JS path.
pub struct OptionsReader<'v> {
    value: &'v Value,
    path: String,
}

impl<'v> OptionsReader<'v> {
    /// `value` must be an object (or absent: `null`/`undefined` read as an empty object).
    pub fn new(value: &'v Value, path: &str) -> Result<OptionsReader<'v>, OptionsError> {
        match value {
            Value::Object(_) | Value::Null | Value::Unsupported("undefined") => Ok(OptionsReader {
                value,
                path: path.to_owned(),
            }),
            _ => Err(OptionsError(format!("{path} must be an object"))),
        }
    }

    pub fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// The value at `key`; `null` and `undefined` read as absent.
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        match self.value.get(key) {
            None | Some(Value::Null) | Some(Value::Unsupported("undefined")) => None,
            Some(v) => Some(v),
        }
    }

    pub fn optional_str(&self, key: &str) -> Result<Option<&'v str>, OptionsError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(Value::Unencodable) => Err(OptionsError(format!(
                "{} contains a lone UTF-16 surrogate",
                self.path(key)
            ))),
            Some(_) => Err(OptionsError(format!("{} must be a string", self.path(key)))),
        }
    }

    /// A string that must be present and non-empty (credentials, ids).
    pub fn required_str(&self, key: &str) -> Result<&'v str, OptionsError> {
        match self.optional_str(key)? {
            Some(s) if !s.is_empty() => Ok(s),
            Some(_) => Err(OptionsError(format!(
                "{} must not be empty",
                self.path(key)
            ))),
            None => Err(OptionsError(format!("{} is required", self.path(key)))),
        }
    }

    /// A non-negative integer given as a number or as decimal digits (timestamps).
    pub fn optional_uint(&self, key: &str) -> Result<Option<u64>, OptionsError> {
        let invalid = || {
            OptionsError(format!(
                "{} must be a non-negative integer (a number, or decimal digits not starting with 0)",
                self.path(key)
            ))
        };
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => match safe_integer(*n) {
                Some(n) if n >= 0 => Ok(Some(n.unsigned_abs())),
                _ => Err(invalid()),
            },
            // Canonical digits only: the number is sent (and signed) as `n.to_string()`, so a
            // "0123" would be signed as "123" while the caller sends what they gave.
            Some(Value::String(s))
                if !s.is_empty()
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && (s == "0" || !s.starts_with('0')) =>
            {
                s.parse().map(Some).map_err(|_| invalid())
            }
            Some(_) => Err(invalid()),
        }
    }

    pub fn required_uint(&self, key: &str) -> Result<u64, OptionsError> {
        self.optional_uint(key)?
            .ok_or_else(|| OptionsError(format!("{} is required", self.path(key))))
    }

    /// One of fixed strings.
    pub fn optional_choice(
        &self,
        key: &str,
        allowed: &[&'static str],
    ) -> Result<Option<&'static str>, OptionsError> {
        match self.optional_str(key)? {
            None => Ok(None),
            Some(s) => allowed
                .iter()
                .find(|a| **a == s)
                .copied()
                .map(Some)
                .ok_or_else(|| {
                    OptionsError(format!(
                        "{} must be one of: {}",
                        self.path(key),
                        allowed.join(", ")
                    ))
                }),
        }
    }

    /// A nested options object.
    pub fn object(&self, key: &str) -> Result<OptionsReader<'v>, OptionsError> {
        match self.get(key) {
            None => Err(OptionsError(format!("{} is required", self.path(key)))),
            Some(v @ Value::Object(_)) => Ok(OptionsReader {
                value: v,
                path: self.path(key),
            }),
            Some(_) => Err(OptionsError(format!(
                "{} must be an object",
                self.path(key)
            ))),
        }
    }
}
