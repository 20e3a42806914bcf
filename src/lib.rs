//! group-payloads: the documented rules of five "create group" HTTP APIs — GeeLark, Tencent
//! Cloud Face Recognition `CreateGroup`, SelfCommunity, Capillary and GoChat.
//!
//! It validates a payload against every documented constraint (all problems in one call),
//! builds the exact signed HTTP request, and parses the provider's response. No I/O, no clock,
//! no randomness: time and nonces are arguments. The same core runs natively and, through
//! [`wasm`], in browsers and Node.
//!
//! ```
//! use group_payloads::{object, validate, Options, Value};
//!
//! let payload = Value::Object(vec![(
//!     "list".into(),
//!     Value::Array(vec![object! { "name" => "group" }, object! { "name" => "  " }]),
//! )]);
//! let report = validate("geelark", &payload, &Options::default()).unwrap();
//! assert!(!report.ok);
//! assert_eq!(report.errors[0].path, "list[1].name");
//! assert_eq!(report.errors[0].code.as_str(), "blank");
//! ```

pub mod issue;
pub mod messages;
pub mod options;
pub mod providers;
pub mod request;
pub mod rules;
pub mod sign;
pub mod spec;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use issue::{Code, Issue, ProviderCode, Report, Severity};
pub use messages::Locale;
pub use options::Options;
pub use providers::{geelark, provider, tencent_iai, Provider, UnknownPath, PROVIDERS};
pub use request::{HttpRequest, Method};
pub use value::Value;

/// The provider id is not one of [`PROVIDERS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider id; expected one of: geelark, tencent-iai, selfcommunity, capillary, gochat")]
pub struct UnknownProvider;

/// Validates `payload` for the provider with id `provider_id`.
pub fn validate(
    provider_id: &str,
    payload: &Value,
    options: &Options,
) -> Result<Report, UnknownProvider> {
    let provider = provider(provider_id).ok_or(UnknownProvider)?;
    Ok(providers::validate(provider, payload, options))
}
