//! group-payloads: the documented rules of five "create group" HTTP APIs — GeeLark, Tencent
//! Cloud Face Recognition `CreateGroup`, SelfCommunity, Capillary and GoChat.
//!
//! It validates a payload against every documented constraint (all problems in one call),
//! builds the exact signed HTTP request, and parses the provider's response. No I/O, no clock,
//! no randomness: time and nonces are arguments. The same core runs natively and, through
//! the `wasm` module (built for wasm32 only), in browsers and Node.
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
pub mod schema;
pub mod sign;
pub mod spec;
pub mod tape;
pub mod text;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use issue::{Code, Issue, ProviderCode, Report, Severity};
pub use messages::Locale;
pub use options::{Options, OptionsError};
pub use providers::{
    capillary, geelark, gochat, provider, selfcommunity, tencent_iai, Built, Parsed, Provider,
    Response, UnknownPath, PROVIDERS,
};
pub use request::{HttpRequest, Method};
pub use value::Value;

/// The provider id is not one of [`PROVIDERS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown provider id; expected one of: geelark, tencent-iai, selfcommunity, capillary, gochat"
)]
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

/// Validates JSON text for the provider with id `provider_id`, reading it straight onto a
/// tape: repeated keys are reported, and text that is not JSON is one `invalid_type` error.
pub fn validate_json(
    provider_id: &str,
    text: &str,
    options: &Options,
) -> Result<Report, UnknownProvider> {
    let provider = provider(provider_id).ok_or(UnknownProvider)?;
    Ok(providers::validate_json(provider, text, options))
}

/// Validates and, when the payload is valid and the options are safe, builds the exact signed
/// request. `build_options` is the JS-shaped object of SPEC §4; typed builders live in each
/// provider module (`geelark::build_request`, `tencent_iai::build_request`, …).
pub fn build_request(
    provider_id: &str,
    payload: &Value,
    build_options: &Value,
    options: &Options,
) -> Result<Result<Built, OptionsError>, UnknownProvider> {
    let provider = provider(provider_id).ok_or(UnknownProvider)?;
    Ok(providers::build_request(
        provider,
        payload,
        build_options,
        options,
    ))
}

/// Reads a provider's response into the common shape.
pub fn parse_response(
    provider_id: &str,
    response: &Response,
    options: &Options,
) -> Result<Parsed, UnknownProvider> {
    let provider = provider(provider_id).ok_or(UnknownProvider)?;
    Ok(providers::parse_response(provider, response, options))
}
