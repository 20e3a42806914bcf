//! The JavaScript API (SPEC §4). The only module that knows about wasm-bindgen: it decodes
//! arguments, calls the core, and encodes results. No rules live here.
//!
//! Bad data never throws: it comes back as issues. Only misuse throws (an unknown provider
//! id, options that are not an object), with a `TypeError` whose message names the problem.

mod convert;

use crate::messages::Locale;
use crate::options::{Options, OptionsError, OptionsReader};
use crate::providers::{self, Provider, Response, PROVIDERS};
use crate::schema::{self as field_schema, StandardIssue};
use crate::sign;
use crate::tape;
use crate::text::{self, TextUnit};
use crate::value::Value;
use crate::{Report, UnknownProvider};
use convert::{to_js, to_value, with_node};
use js_sys::{JsString, Object, Reflect, TypeError};
use serde::Serialize;
use std::cell::RefCell;
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

export interface HttpRequest {
  method: "POST" | "GET";
  url: string;
  /** Header names exactly as sent, in the order they are set. */
  headers: Record<string, string>;
  /** Absent for GET. */
  body?: string;
}

/** The validation report, plus the request when the report is ok. */
export type BuildResult = Report & { request?: HttpRequest };

export type GeelarkBuildOptions = ValidateOptions & {
  auth:
    | { type: "key"; appId: string; apiKey: string; traceId?: string; ts?: number | string }
    | { type: "token"; token: string; traceId?: string };
};
export type TencentIaiBuildOptions = ValidateOptions & {
  secretId: string;
  secretKey: string;
  /** Seconds; defaults to the current time. */
  timestamp?: number | string;
  token?: string;
  region?: string;
  language?: "zh-CN" | "en-US";
  style?: "post" | "get";
};
export type SelfcommunityBuildOptions = ValidateOptions & { baseUrl: string; token: string };
export type CapillaryBuildOptions = ValidateOptions & {
  cluster?: "eu" | "in" | "sg" | "us";
  baseUrl?: string;
  auth:
    | { type: "basic"; username: string; password: string }
    | { type: "oauth"; token: string; header?: string };
};
export type GochatBuildOptions = ValidateOptions & { baseUrl?: string; token?: string };

export interface BuildOptionsByProvider {
  "geelark": GeelarkBuildOptions;
  "tencent-iai": TencentIaiBuildOptions;
  "selfcommunity": SelfcommunityBuildOptions;
  "capillary": CapillaryBuildOptions;
  "gochat": GochatBuildOptions;
}

export interface ProviderResponse {
  status: number;
  body: string;
  /** The payload that was sent, so per-item failures point at `list[i].name`. */
  payload?: unknown;
}

export interface ParsedResponse {
  ok: boolean;
  data?: unknown;
  errors: Issue[];
  requestId?: string;
}

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** Seconds. */
  timestamp: number | string;
  service: string;
  host: string;
  method: "POST" | "GET";
  contentType: string;
  /** The exact query string sent (GET). */
  query?: string;
  /** The exact body sent (POST). */
  payload?: string;
  /** More headers to sign, e.g. {"X-TC-Action": "CreateGroup"}. */
  extraHeaders?: Record<string, string>;
}

export interface Tc3Output {
  authorization: string;
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
}

export interface GeelarkSignInput {
  appId: string;
  traceId: string;
  /** Milliseconds. */
  ts: number | string;
  apiKey: string;
}

export interface ProviderInfo {
  id: ProviderId;
  name: string;
  method: "POST" | "GET";
  url: string;
  docs: string;
}
/** The payload each provider takes (what `schema(provider)` returns as `value`, unchanged). */
export interface GeelarkPayload {
  list: Array<{ name: string; remark?: string }>;
}
export interface TencentIaiPayload {
  GroupName: string;
  GroupId: string;
  GroupExDescriptions?: string[];
  Tag?: string;
  FaceModelVersion?: "2.0" | "3.0";
}
export interface SelfcommunityPayload {
  name: string;
  privacy: "public" | "private";
  /** Required when privacy is "private". */
  visible?: boolean;
  description?: string | null;
  color?: string | null;
  invite_users?: number[];
}
export interface CapillaryPayload {
  name: string;
  rank?: number | null;
}
export interface GochatPayload {
  name?: string;
  /** A string of digits is accepted (with a warning) and sent as a number. */
  admin_id: number | string;
  token?: string;
}
export interface PayloadByProvider {
  "geelark": GeelarkPayload;
  "tencent-iai": TencentIaiPayload;
  "selfcommunity": SelfcommunityPayload;
  "capillary": CapillaryPayload;
  "gochat": GochatPayload;
}
export type Payload = PayloadByProvider[ProviderId];

/** Constraint keys whose rule can be only a warning. */
export type ConstraintRule = "minLength" | "maxLength" | "pattern" | "minItems" | "maxItems" | "unique";

/** One field's documented rules, derived from the declarations `validate` applies. */
export interface FieldConstraint {
  /** Wire names; "[]" stands for every item: "list[].name", "GroupExDescriptions[]". */
  path: string;
  required: boolean;
  /** `null` is accepted (and sent as null). */
  nullable: boolean;
  type: "string" | "integer" | "boolean" | "array" | "object" | "file";
  /** Empty or whitespace-only text is rejected. */
  notBlank?: true;
  minLength?: number;
  maxLength?: number;
  /** Unit of minLength/maxLength: "chars" = code points (`[...s].length`), "bytes" = UTF-8. */
  unit?: "chars" | "bytes";
  /** Allowed characters, an ECMAScript regex for `new RegExp(pattern, "u")` (whole string). */
  pattern?: string;
  /** The charset id `invalid_chars` issues name in params.allowed. */
  charset?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  /** A string of decimal digits is accepted (with a warning) and sent as a number. */
  digitString?: true;
  minItems?: number;
  maxItems?: number;
  /** Values at this path must differ across the items of the enclosing array. */
  unique?: true;
  /** Rules above that are only warnings (with these options): they never make `ok` false. */
  severity?: Partial<Record<ConstraintRule, "warning">>;
}

/** A JSON Schema (draft 2020-12) document. */
export interface JsonSchema {
  $schema: "https://json-schema.org/draft/2020-12/schema";
  title: string;
  type: "object";
  properties: Record<string, JsonSchema | Record<string, unknown>>;
  required?: string[];
  [keyword: string]: unknown;
}

/** Lengths of one string: code points, UTF-8 bytes, UTF-16 code units (`s.length`), graphemes. */
export interface TextMeasure {
  chars: number;
  bytes: number;
  utf16: number;
  graphemes: number;
}
export type TextUnit = "chars" | "bytes" | "utf16" | "graphemes";

/** The Standard Schema v1 interface (https://standardschema.dev), as published. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** A Standard Schema issue from this package: also carries our code, providerCode and params. */
export interface SchemaIssue extends StandardSchemaV1.Issue {
  readonly path: ReadonlyArray<string | number>;
  readonly code: string;
  readonly providerCode?: string | number;
  readonly params?: Record<string, string | number>;
}

/** A failed `schema(provider)` validation: the payload's errors (warnings never fail). */
export interface SchemaFailure {
  readonly issues: ReadonlyArray<SchemaIssue>;
  readonly value?: undefined;
}

/** `schema(provider)["~standard"]`: validates synchronously; `value` is the input itself, unchanged. */
export interface PayloadSchemaProps<P extends ProviderId = ProviderId>
  extends StandardSchemaV1.Props<unknown, PayloadByProvider[P]> {
  readonly vendor: "group-payloads";
  readonly validate: (value: unknown) => StandardSchemaV1.SuccessResult<PayloadByProvider[P]> | SchemaFailure;
}

/** A Standard Schema v1 of one provider's payload. */
export interface PayloadSchema<P extends ProviderId = ProviderId> extends StandardSchemaV1<unknown, PayloadByProvider[P]> {
  readonly "~standard": PayloadSchemaProps<P>;
}

/**
 * Validates, then builds the exact signed request when the payload is valid. Throws only on
 * misuse (unknown provider, missing or mistyped credentials). Options must fit the provider.
 */
export function buildRequest<P extends ProviderId>(provider: P, payload: unknown, options: BuildOptionsByProvider[P]): BuildResult;

/** Standard Schema for one provider's payload; errors fail, warnings do not. */
export function schema<P extends ProviderId>(provider: P, options?: ValidateOptions | null): PayloadSchema<P>;
"#;

fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

thread_local! {
    /// The id last asked for and its provider: forms validate one provider many times, and
    /// comparing JS strings (`===`) is cheaper than copying the id into wasm each call.
    static LAST_PROVIDER: RefCell<Option<(JsValue, &'static Provider)>> = const { RefCell::new(None) };
}

fn provider_arg(id: &JsValue) -> Result<&'static Provider, JsValue> {
    let cached = LAST_PROVIDER.with(|last| match &*last.borrow() {
        Some((last_id, provider)) if last_id == id => Some(*provider),
        _ => None,
    });
    if let Some(provider) = cached {
        return Ok(provider);
    }
    let text = id
        .as_string()
        .ok_or_else(|| type_error("provider must be a string id"))?;
    let provider =
        providers::provider(&text).ok_or_else(|| type_error(&UnknownProvider.to_string()))?;
    LAST_PROVIDER.with(|last| *last.borrow_mut() = Some((id.clone(), provider)));
    Ok(provider)
}

/// A JS argument that must be a plain object, read once (getters run once). A getter or
/// Proxy trap that throws makes it unreadable: a `TypeError` (callers are promised an `Error`,
/// whatever was thrown).
fn object_arg(js: &JsValue, name: &str, what: &str) -> Result<Value, JsValue> {
    match to_value(js) {
        value @ Value::Object(_) => Ok(value),
        Value::Unsupported("unreadable object") => Err(type_error(&format!(
            "{name} could not be read (a getter or trap threw)"
        ))),
        _ => Err(type_error(&format!("{name} must be {what}"))),
    }
}

/// A key of an object argument; `undefined` reads as absent.
fn present<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value
        .get(key)
        .filter(|v| !matches!(v, Value::Unsupported("undefined")))
}

/// Reads `{lenient?, locale?}`; `undefined`/`null` mean defaults. Extra keys are allowed (the
/// same object may carry build options).
fn options_arg(js: &JsValue) -> Result<Options, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(Options::default());
    }
    options_from(&object_arg(js, "options", "an object")?)
}

fn options_from(value: &Value) -> Result<Options, JsValue> {
    let mut options = Options::default();
    if let Some(lenient) = present(value, "lenient") {
        options.lenient = match lenient {
            Value::Bool(b) => *b,
            _ => return Err(type_error("options.lenient must be a boolean")),
        };
    }
    if let Some(locale) = present(value, "locale") {
        options.locale = locale
            .as_str()
            .and_then(Locale::parse)
            .ok_or_else(|| type_error("options.locale must be \"en\" or \"zh-CN\""))?;
    }
    Ok(options)
}

/// [`options_arg`] for an optional argument: absent means the defaults, with no probing.
fn optional_options(js: Option<JsValue>) -> Result<Options, JsValue> {
    match js {
        None => Ok(Options::default()),
        Some(js) => options_arg(&js),
    }
}

/// Validates a payload against every documented rule of the provider; all problems at once.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    report_to_js(&validate_js(provider, &payload, &options))
}

/// Validates any JS value, read onto the tape by read.js.
fn validate_js(provider: &Provider, payload: &JsValue, options: &Options) -> Report {
    with_node(payload, |node| {
        providers::validate_node(provider, node, options)
    })
}

/// Validates JSON text: the report of `validate(provider, JSON.parse(text), options)`, read
/// straight from the text in wasm with no JS objects built, except that a key the text repeats
/// is reported (`JSON.parse` keeps only the last). Text that is not JSON is one
/// `invalid_type` error at `""` saying where. Throws only on misuse, as `validate` does.
#[wasm_bindgen(js_name = validateJson, unchecked_return_type = "Report")]
pub fn validate_json(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let source = text
        .as_string()
        .ok_or_else(|| type_error("text must be a string of JSON"))?;
    // Copying into wasm turns a lone surrogate into U+FFFD; only then is the original asked.
    let lossy = tape::holds_replacement(&source) && !convert::is_well_formed(&text);
    let report = match tape::from_json(&source) {
        Ok(tape) if !lossy => providers::validate_node(provider, &tape::root(&tape), &options),
        Err(error) => providers::not_json(&error, &options),
        // A raw lone surrogate, which the copy into wasm replaced: JSON.parse keeps it, and
        // validation reports it where it is. (A text that reads as JSON here is JSON there.)
        Ok(tape) => match convert::parse_json(&text) {
            Some(value) => validate_js(provider, &value, &options),
            None => providers::validate_node(provider, &tape::root(&tape), &options),
        },
    };
    report_to_js(&report)
}

/// A report for JS; the common empty one is built in JS rather than parsed from text.
fn report_to_js(report: &Report) -> Result<JsValue, JsValue> {
    if report.errors.is_empty() && report.warnings.is_empty() {
        return Ok(convert::ok_report());
    }
    js_sys::JSON::parse(&report.to_json())
}

/// The providers this build knows: id, name, method, endpoint URL and documentation link.
#[wasm_bindgen(unchecked_return_type = "ProviderInfo[]")]
pub fn providers() -> Result<JsValue, JsValue> {
    to_js(&PROVIDERS[..])
}

fn options_error(e: OptionsError) -> JsValue {
    TypeError::new(&e.0).into()
}

/// Sets `key` in an options object when it is absent, `null` or `undefined`.
fn default_key(
    fields: &mut Vec<(String, Value)>,
    key: &str,
    make: impl FnOnce() -> Result<Value, JsValue>,
) -> Result<(), JsValue> {
    let present = fields
        .iter()
        .any(|(k, v)| k == key && !matches!(v, Value::Null | Value::Unsupported("undefined")));
    if !present {
        fields.retain(|(k, _)| k != key);
        fields.push((key.to_owned(), make()?));
    }
    Ok(())
}

fn random_uuid() -> Result<Value, JsValue> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into())?;
    let random_uuid = Reflect::get(&crypto, &"randomUUID".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| {
            type_error("options.auth.traceId is required where crypto.randomUUID is unavailable")
        })?;
    let id = random_uuid.call0(&crypto)?;
    Ok(Value::String(id.as_string().unwrap_or_default()))
}

/// The JS layer's defaults (SPEC §3): GeeLark `traceId` = `crypto.randomUUID()`, `ts` =
/// `Date.now()`; Tencent `timestamp` = now in seconds. The core never reads a clock.
fn with_defaults(provider: &Provider, mut options: Value) -> Result<Value, JsValue> {
    let Value::Object(root) = &mut options else {
        return Ok(options);
    };
    match provider.id {
        "geelark" => {
            if let Some((_, Value::Object(auth))) = root.iter_mut().find(|(k, _)| k == "auth") {
                default_key(auth, "traceId", random_uuid)?;
                if auth
                    .iter()
                    .any(|(k, v)| k == "type" && *v == Value::from("key"))
                {
                    default_key(auth, "ts", || {
                        Ok(Value::Number(js_sys::Date::now().floor()))
                    })?;
                }
            }
        }
        "tencent-iai" => {
            default_key(root, "timestamp", || {
                Ok(Value::Number((js_sys::Date::now() / 1000.0).floor()))
            })?;
        }
        _ => {}
    }
    Ok(options)
}

/// Validates, then builds the exact signed request when the payload is valid. Throws only on
/// misuse (unknown provider, missing or mistyped credentials).
/// (Typed in the TypeScript section: generic over the provider, so options must fit it.)
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request(
    provider: JsValue,
    payload: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    if options.is_undefined() || options.is_null() {
        return Err(type_error("options are required to build a request"));
    }
    let options = object_arg(&options, "options", "an object")?;
    let validate_options = options_from(&options)?;
    let build_options = with_defaults(provider, options)?;
    let built = providers::build_request(
        provider,
        &to_value(&payload),
        &build_options,
        &validate_options,
    )
    .map_err(options_error)?;
    to_js(&built)
}

/// Reads a provider's response (`{status, body, payload?}`) into `{ok, data?, errors, requestId?}`.
#[wasm_bindgen(js_name = parseResponse, unchecked_return_type = "ParsedResponse")]
pub fn parse_response(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProviderResponse")] response: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let response = object_arg(&response, "response", "an object {status, body}")?;
    let status = match present(&response, "status") {
        Some(Value::Number(s)) if s.fract() == 0.0 && (100.0..=599.0).contains(s) => *s,
        _ => {
            return Err(type_error(
                "response.status must be an HTTP status code (100-599)",
            ))
        }
    };
    let body = match present(&response, "body") {
        Some(Value::String(s)) => s,
        _ => {
            return Err(type_error(
                "response.body must be the response text (a string)",
            ))
        }
    };
    let sent = present(&response, "payload");
    let parsed = providers::parse_response(
        provider,
        &Response {
            status: status as u16,
            body,
            sent,
        },
        &options,
    );
    to_js(&parsed)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tc3Output {
    authorization: String,
    signature: String,
    canonical_request: String,
    string_to_sign: String,
}

/// TC3-HMAC-SHA256 over exactly the given request parts (Tencent's signature v3).
#[wasm_bindgen(js_name = signTc3, unchecked_return_type = "Tc3Output")]
pub fn sign_tc3(
    #[wasm_bindgen(unchecked_param_type = "Tc3Input")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let value = to_value(&input);
    let o = OptionsReader::new(&value, "input").map_err(options_error)?;
    let read = || -> Result<_, OptionsError> {
        let timestamp = i64::try_from(o.required_uint("timestamp")?)
            .map_err(|_| OptionsError("input.timestamp is out of range".into()))?;
        let extra: Vec<(String, String)> = match value.get("extraHeaders") {
            None | Some(Value::Null) | Some(Value::Unsupported("undefined")) => Vec::new(),
            Some(Value::Object(pairs)) => pairs
                .iter()
                .map(|(k, v)| match v {
                    Value::String(s) => Ok((k.clone(), s.clone())),
                    _ => Err(OptionsError(
                        "input.extraHeaders values must be strings".into(),
                    )),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(OptionsError("input.extraHeaders must be an object".into())),
        };
        Ok((timestamp, extra))
    };
    let (timestamp, extra) = read().map_err(options_error)?;
    let extra_refs: Vec<(&str, &str)> = extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let strings = || -> Result<_, OptionsError> {
        Ok((
            o.required_str("secretId")?,
            o.required_str("secretKey")?,
            o.required_str("service")?,
            o.required_str("host")?,
            o.required_str("method")?,
            o.required_str("contentType")?,
            o.optional_str("query")?.unwrap_or(""),
            o.optional_str("payload")?.unwrap_or(""),
        ))
    };
    let (secret_id, secret_key, service, host, method, content_type, query, payload) =
        strings().map_err(options_error)?;
    let signature = sign::sign_tc3(&sign::Tc3Request {
        secret_id,
        secret_key,
        timestamp,
        service,
        host,
        method,
        content_type,
        query,
        payload: payload.as_bytes(),
        extra_headers: &extra_refs,
    })
    .map_err(|e| type_error(&e.to_string()))?;
    to_js(&Tc3Output {
        authorization: signature.authorization,
        signature: signature.signature,
        canonical_request: signature.canonical_request,
        string_to_sign: signature.string_to_sign,
    })
}

/// GeeLark's key signature: uppercase hex SHA-256 of appId + traceId + ts + nonce + apiKey.
#[wasm_bindgen(js_name = geelarkSign)]
pub fn geelark_sign(
    #[wasm_bindgen(unchecked_param_type = "GeelarkSignInput")] input: JsValue,
) -> Result<String, JsValue> {
    let value = to_value(&input);
    let read = || -> Result<String, OptionsError> {
        let o = OptionsReader::new(&value, "input")?;
        let ts = o.required_uint("ts")?.to_string();
        Ok(sign::geelark_sign(
            o.required_str("appId")?,
            o.required_str("traceId")?,
            &ts,
            o.required_str("apiKey")?,
        ))
    };
    read().map_err(options_error)
}

/// Capillary's basic-auth header value: `"Basic " + base64(username + ":" + md5hex(password))`.
#[wasm_bindgen(js_name = capillaryBasicAuth)]
pub fn capillary_basic_auth(
    #[wasm_bindgen(unchecked_param_type = "string")] username: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
) -> Result<String, JsValue> {
    match (to_value(&username), to_value(&password)) {
        (Value::String(u), Value::String(p)) => Ok(sign::capillary_basic_auth(&u, &p)),
        _ => Err(type_error(
            "username and password must be strings without lone surrogates",
        )),
    }
}

/// The rules of one field, for validation as the user types: `"GroupName"`, `"list[2].name"`,
/// `"list[].name"`, `"GroupExDescriptions[1]"`. Errors first, then warnings. Rules spanning
/// items or fields (duplicates) need `validate`. An unknown path is misuse: `TypeError`.
#[wasm_bindgen(js_name = validateField, unchecked_return_type = "Issue[]")]
pub fn validate_field(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let path = path
        .as_string()
        .ok_or_else(|| type_error("path must be a string"))?;
    let issues = with_node(&value, |node| {
        providers::validate_field_node(provider, &path, node, &options)
    })
    .map_err(|e| type_error(&format!("{e} (constraints(provider) lists the paths)")))?;
    js_sys::JSON::parse(&crate::issue::issues_json(&issues))
}

/// Every field's rules (required, lengths with their unit, pattern, enum, item counts,
/// uniqueness, warning-only rules), derived from the declarations `validate` applies.
#[wasm_bindgen(unchecked_return_type = "FieldConstraint[]")]
pub fn constraints(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    to_js(&field_schema::constraints(provider, &options))
}

/// The payload's JSON Schema (draft 2020-12). Rules it cannot express (byte lengths of
/// non-ASCII fields, warnings, uniqueness by key, rules across fields) are named in `$comment`.
#[wasm_bindgen(js_name = jsonSchema, unchecked_return_type = "JsonSchema")]
pub fn json_schema(
    #[wasm_bindgen(unchecked_param_type = "ProviderId")] provider: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    to_js(&field_schema::json_schema(provider, &options))
}

/// Defines an own, enumerable data property. Unlike assignment, it never runs a setter that a
/// page may have put on `Object.prototype`. The descriptor has no prototype for the same reason.
fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    let descriptor = Object::create(JsValue::NULL.unchecked_ref());
    for (field, v) in [
        ("value", value.clone()),
        ("enumerable", JsValue::TRUE),
        ("writable", JsValue::TRUE),
        ("configurable", JsValue::TRUE),
    ] {
        Reflect::set(&descriptor, &JsValue::from_str(field), &v)?;
    }
    Reflect::define_property(target, &JsValue::from_str(key), &descriptor).map(|_| ())
}

/// A Standard Schema v1 object for the provider's payload (`~standard.validate`): errors are
/// its issues (path as keys, plus code/providerCode/params); the value passes through unchanged.
#[wasm_bindgen(js_name = schema, skip_typescript)]
pub fn standard_schema(provider: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let provider = provider_arg(&provider)?;
    let options = optional_options(options)?;
    let validate = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(
        move |value: JsValue| -> Result<JsValue, JsValue> {
            let report = validate_js(provider, &value, &options);
            let result = Object::new();
            if report.ok {
                set(&result, "value", &value)?;
            } else {
                let issues: Vec<StandardIssue> =
                    report.errors.iter().map(StandardIssue::from).collect();
                set(&result, "issues", &to_js(&issues)?)?;
            }
            Ok(result.into())
        },
    );
    let props = Object::new();
    set(&props, "version", &JsValue::from(1))?;
    set(&props, "vendor", &JsValue::from_str("group-payloads"))?;
    set(&props, "validate", &validate.into_js_value())?;
    let root = Object::new();
    set(&root, "~standard", &Object::freeze(&props))?;
    Ok(Object::freeze(&root).into())
}

/// Where the grapheme clusters of one window of text end, as UTF-8 byte offsets (what
/// [`text::Segmenter`] gives), from the host's `Intl.Segmenter` (UTF-16 offsets). Offsets off
/// the window's characters are left for [`text`] to reject, not guessed at.
fn host_cluster_ends(window: &str) -> Option<Vec<usize>> {
    let utf16_ends = convert::host_grapheme_ends(window)?.to_vec();
    let mut ends = Vec::with_capacity(utf16_ends.len());
    let mut wanted = utf16_ends.iter().map(|&end| end as usize).peekable();
    let mut utf16 = 0usize;
    for (start, c) in window.char_indices() {
        utf16 += c.len_utf16();
        if wanted.peek() == Some(&utf16) {
            wanted.next();
            ends.push(start + c.len_utf8());
        }
    }
    if wanted.next().is_some() {
        ends.clear();
    }
    Some(ends)
}

fn segment_error(e: text::SegmentError) -> JsValue {
    type_error(match e {
        text::SegmentError::Unavailable => {
            "graphemes need Intl.Segmenter (Node 16+, Chrome 87+, Safari 14.1+, Firefox 125+)"
        }
        text::SegmentError::Misfit => {
            "Intl.Segmenter gave grapheme boundaries that do not fit the text"
        }
    })
}

/// Lengths of `text` in every unit the rules use: code points, UTF-8 bytes, UTF-16 code units
/// and graphemes. (A lone surrogate counts as the 3 bytes of the U+FFFD a UTF-8 encoder sends.)
#[wasm_bindgen(unchecked_return_type = "TextMeasure")]
pub fn measure(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| type_error("text must be a string"))?;
    to_js(&text::measure_with(&text, host_cluster_ends).map_err(segment_error)?)
}

/// The longest prefix of `text` at most `max` long in `unit` ("chars" by default, "bytes",
/// "utf16", "graphemes"), cut on a grapheme boundary. The prefix is sliced from the string
/// given, so nothing in it is altered.
#[wasm_bindgen]
pub fn truncate(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] max: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TextUnit | null")] unit: Option<JsValue>,
) -> Result<JsString, JsValue> {
    let original = text
        .dyn_ref::<JsString>()
        .ok_or_else(|| type_error("text must be a string"))?;
    let max = max
        .as_f64()
        .filter(|n| *n >= 0.0 && (n.fract() == 0.0 || n.is_infinite()))
        .ok_or_else(|| type_error("max must be a non-negative integer"))?;
    let unit = match unit.filter(|u| !u.is_undefined() && !u.is_null()) {
        None => TextUnit::default(),
        Some(u) => u
            .as_string()
            .and_then(|u| TextUnit::parse(&u))
            .ok_or_else(|| {
                type_error("unit must be \"chars\", \"bytes\", \"utf16\" or \"graphemes\"")
            })?,
    };
    // Rust sees lone surrogates as U+FFFD, one UTF-16 unit each, so offsets match the original.
    let decoded = String::from(original);
    // `as` saturates: Infinity and huge limits mean "no limit".
    let prefix = text::truncate_with(&decoded, max as usize, unit, host_cluster_ends)
        .map_err(segment_error)?;
    let end = u32::try_from(prefix.encode_utf16().count()).unwrap_or(u32::MAX);
    Ok(original.slice(0, end))
}
