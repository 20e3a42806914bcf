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

#![forbid(unsafe_code)]

// Layers, each importing only those above it in this list (tests/layers.rs checks that no
// file imports one that imports it back):
// - model: value, path, issue, options, request, charsets, http, text
// - the tape the JS layer writes, and its JSON reader: tape
// - messages; rules (and the `Ctx` they report into)
// - declarations and what is derived from them: spec, schema
// - the shared frames of building and response reading: build, response; signing: sign
// - one module per provider, and their registry: providers
// - the API over a provider: api; then this file and the wasm layer.
pub mod api;
pub mod build;
pub mod charsets;
pub mod http;
pub mod issue;
pub mod messages;
pub mod options;
pub mod path;
pub mod providers;
pub mod request;
pub mod response;
pub mod rules;
pub mod schema;
pub mod sign;
pub mod spec;
pub mod tape;
pub mod text;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use api::UnknownPath;
pub use build::Built;
pub use issue::{Code, Issue, ProviderCode, Report, Severity};
pub use options::{Host, Locale, NoHost, Options, OptionsError};
pub use providers::{
    capillary, geelark, gochat, provider, selfcommunity, tencent_iai, Provider, PROVIDERS,
};
pub use request::{HttpRequest, Method};
pub use response::{Parsed, Response};
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
    Ok(api::validate(provider, payload, options))
}

/// Validates JSON text for the provider with id `provider_id`, reading it straight onto a
/// tape: repeated keys are reported, and text that is not JSON is one `invalid_type` error.
pub fn validate_json(
    provider_id: &str,
    text: &str,
    options: &Options,
) -> Result<Report, UnknownProvider> {
    let provider = provider(provider_id).ok_or(UnknownProvider)?;
    Ok(api::validate_json(provider, text, options))
}

/// Validates and, when the payload is valid and the options are safe, builds the exact signed
/// request. `build_options` is the JS-shaped object of the README; natively every option is
/// given (there is no clock or random source: see [`api::build_request`] to supply a
/// [`Host`]). Typed builders live in each provider module (`geelark::build_request`, …).
pub fn build_request(
    provider_id: &str,
    payload: &Value,
    build_options: &Value,
    options: &Options,
) -> Result<Result<Built, OptionsError>, UnknownProvider> {
    let provider = provider(provider_id).ok_or(UnknownProvider)?;
    Ok(api::build_request(
        provider,
        payload,
        build_options,
        options,
        &NoHost,
    ))
}

/// Reads a provider's response into the common shape.
pub fn parse_response(
    provider_id: &str,
    response: &Response,
    options: &Options,
) -> Result<Parsed, UnknownProvider> {
    let provider = provider(provider_id).ok_or(UnknownProvider)?;
    Ok(api::parse_response(provider, response, options))
}
