//! Validation options shared by every provider.

use crate::messages::Locale;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Turn rules that the provider's own published samples contradict into warnings
    /// (today: Tencent's charset rules, whose English samples use spaces). SPEC §2.
    pub lenient: bool,
    /// Language of issue messages.
    pub locale: Locale,
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

use crate::value::Value;

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

    fn get(&self, key: &str) -> Option<&'v Value> {
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
                "{} must be a non-negative integer (number or digit string)",
                self.path(key)
            ))
        };
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) if n.is_finite() && n.fract() == 0.0 && *n >= 0.0 => {
                if *n <= crate::value::MAX_SAFE_INTEGER as f64 {
                    Ok(Some(*n as u64))
                } else {
                    Err(invalid())
                }
            }
            Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
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
