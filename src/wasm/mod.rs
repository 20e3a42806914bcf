//! The JavaScript API (SPEC §4). The only module that knows about wasm-bindgen: it decodes
//! arguments, calls the core, and encodes results. No rules live here.
//!
//! Bad data never throws: it comes back as issues. Only misuse throws (an unknown provider
//! id, options that are not an object), with a `TypeError` whose message names the problem.

mod convert;

use crate::messages::Locale;
use crate::options::Options;
use crate::providers::{self, Provider, PROVIDERS};
use crate::UnknownProvider;
use convert::{to_js, to_value};
use js_sys::{Reflect, TypeError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
export type ProviderId = "geelark" | "tencent-iai" | "selfcommunity" | "capillary" | "gochat";

export interface Issue {
  /** The provider's wire names: "list[2].name", "GroupExDescriptions[1]"; "" for the payload itself. */
  path: string;
  /** Stable snake_case code: required, blank, too_short, too_long, too_few, too_many,
   * invalid_chars, duplicate, invalid_type, invalid_value, out_of_range, invalid_encoding,
   * unknown_field, surrounding_whitespace, needs_multipart, provider_error. */
  code: string;
  /** The provider's own error code, where it documents one. */
  providerCode?: string | number;
  /** Short, lowercase, English by default (options.locale "zh-CN" for Chinese); never the value. */
  message: string;
  /** Fixed keys per code, e.g. {max: 50, actual: 51, unit: "chars"}. */
  params?: Record<string, string | number>;
}

export interface Report {
  /** True when there are no errors. */
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export interface ValidateOptions {
  /** Turn rules that the provider's own samples contradict into warnings (Tencent's charsets). */
  lenient?: boolean;
  /** Message language: "en" (default) or "zh-CN". */
  locale?: "en" | "zh-CN";
}

export interface ProviderInfo {
  id: ProviderId;
  name: string;
  method: "POST" | "GET";
  url: string;
  docs: string;
}
"#;

fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

fn provider_arg(id: &JsValue) -> Result<&'static Provider, JsValue> {
    let id = id
        .as_string()
        .ok_or_else(|| type_error("provider must be a string id"))?;
    providers::provider(&id).ok_or_else(|| type_error(&UnknownProvider.to_string()))
}

/// Reads `{lenient?, locale?}`; `undefined`/`null` mean defaults. Extra keys are allowed (the
/// same object may carry build options).
fn options_arg(js: &JsValue) -> Result<Options, JsValue> {
    let mut options = Options::default();
    if js.is_undefined() || js.is_null() {
        return Ok(options);
    }
    if !js.is_object() || js.is_function() || js_sys::Array::is_array(js) {
        return Err(type_error("options must be an object"));
    }
    let lenient = Reflect::get(js, &"lenient".into())?;
    if !lenient.is_undefined() {
        options.lenient = lenient
            .as_bool()
            .ok_or_else(|| type_error("options.lenient must be a boolean"))?;
    }
    let locale = Reflect::get(js, &"locale".into())?;
    if !locale.is_undefined() {
        options.locale = locale
            .as_string()
            .and_then(|tag| Locale::parse(&tag))
            .ok_or_else(|| type_error("options.locale must be \"en\" or \"zh-CN\""))?;
    }
    Ok(options)
}

/// Validates a payload against every documented rule of the provider; all problems at once.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = options_arg(&options.unwrap_or(JsValue::UNDEFINED))?;
    to_js(&providers::validate(provider, &to_value(&payload), &options))
}

/// The providers this build knows: id, name, method, endpoint URL and documentation link.
#[wasm_bindgen(unchecked_return_type = "ProviderInfo[]")]
pub fn providers() -> Result<JsValue, JsValue> {
    to_js(&PROVIDERS[..])
}
