//! The providers: identity, documented fields, and the entry points over them.

pub mod capillary;
pub mod geelark;
pub mod gochat;
pub mod response;
pub mod selfcommunity;
pub mod tencent_iai;

use crate::issue::{Code, Issue, Path, Report};
use crate::options::{Options, OptionsError};
use crate::params;
use crate::request::{HttpRequest, Method};
use crate::rules::{Ctx, Pcode};
use crate::spec::{self, Field, Kind};
use crate::tape::{self, Node};
use crate::value::Value;
use serde::Serialize;
use std::convert::Infallible;

#[derive(Debug, Serialize)]
pub struct Provider {
    pub id: &'static str,
    pub name: &'static str,
    pub method: Method,
    /// The endpoint; `<…>` marks the part the caller supplies.
    pub url: &'static str,
    pub docs: &'static str,
    #[serde(skip)]
    pub fields: &'static [Field],
    /// Rules that span several fields, run after the field rules.
    #[serde(skip)]
    pub cross_field: fn(&Node, &mut Ctx),
    /// Builds the request from the payload and JS-shaped build options.
    #[serde(skip)]
    pub build: fn(&Value, &Value, &Options) -> Result<Built, OptionsError>,
    /// Reads the provider's response.
    #[serde(skip)]
    pub parse: fn(&Response, &Options) -> Parsed,
}

/// The outcome of building: the validation report, and the request when the report is ok.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Built {
    #[serde(flatten)]
    pub report: Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<HttpRequest>,
}

/// What came back: HTTP status and body text, and optionally the payload that was sent (so
/// per-item failures can be pointed at `list[i].name`).
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    pub status: u16,
    pub body: &'a str,
    pub sent: Option<&'a Value>,
}

/// A response in the common shape: `ok`, the provider's data, its errors as issues, and the
/// request id the provider assigned (for support tickets).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parsed {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    pub errors: Vec<Issue>,
    /// Things to know that do not make the response a failure (a key the body repeats).
    pub warnings: Vec<Issue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Where `data` sits in the body: the whole body, or its top-level key (the wasm build
    /// takes `data` from the host's `JSON.parse` of the body, there).
    #[serde(skip)]
    pub data_key: Option<&'static str>,
}

pub(crate) fn no_cross_field_rules(_: &Node, _: &mut Ctx) {}

pub static PROVIDERS: [Provider; 5] = [
    Provider {
        id: "geelark",
        name: "GeeLark open API: create groups (batch)",
        method: Method::Post,
        url: "https://openapi.geelark.com/open/v1/group/add",
        docs: "https://doc.geelark.com/web/#/602813392/101527940",
        fields: &geelark::FIELDS,
        cross_field: no_cross_field_rules,
        build: geelark::build_from_options,
        parse: geelark::parse_response,
    },
    Provider {
        id: "tencent-iai",
        name: "Tencent Cloud Face Recognition: CreateGroup (2018-03-01)",
        method: Method::Post,
        url: "https://iai.tencentcloudapi.com/",
        docs: "https://www.tencentcloud.com/document/product/1059/36965",
        fields: &tencent_iai::FIELDS,
        cross_field: no_cross_field_rules,
        build: tencent_iai::build_from_options,
        parse: tencent_iai::parse_response,
    },
    Provider {
        id: "selfcommunity",
        name: "SelfCommunity API v2: create a group",
        method: Method::Post,
        url: "https://<community host>/api/v2/group/",
        docs: "https://developers.selfcommunity.com/docs/apireference/v2/group/create_a_group",
        fields: &selfcommunity::FIELDS,
        cross_field: selfcommunity::cross_field,
        build: selfcommunity::build_from_options,
        parse: selfcommunity::parse_response,
    },
    Provider {
        id: "capillary",
        name: "Capillary: create reward group",
        method: Method::Post,
        url: "https://<cluster host>/api_gateway/core/v1/group/create",
        docs: "https://docs.capillarytech.com/reference/create-group-reward",
        fields: &capillary::FIELDS,
        cross_field: no_cross_field_rules,
        build: capillary::build_from_options,
        parse: capillary::parse_response,
    },
    Provider {
        id: "gochat",
        name: "GoChat: create group",
        method: Method::Post,
        url: "http://localhost:1213/v1/group",
        docs: "https://duruyao.github.io/gochat",
        fields: &gochat::FIELDS,
        cross_field: gochat::cross_field,
        build: gochat::build_from_options,
        parse: gochat::parse_response,
    },
];

/// The provider with this id (`"geelark"`, `"tencent-iai"`, …).
pub fn provider(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.id == id)
}

/// Every documented rule over a whole payload; all problems, in document order.
pub fn validate(provider: &Provider, payload: &Value, options: &Options) -> Report {
    validate_node(provider, &tape::root(&tape::encode(payload)), options)
}

/// [`validate`] of JSON text, read straight onto a tape ([`tape::from_json`]): no tree is
/// built, and a key the text repeats is reported (`JSON.parse` would keep only the last).
pub fn validate_json(provider: &Provider, text: &str, options: &Options) -> Report {
    match tape::from_json(text) {
        Ok(tape) => validate_node(provider, &tape::root(&tape), options),
        Err(error) => not_json(&error, options),
    }
}

/// The report for text [`tape::from_json`] could not read: one `invalid_type` error at the
/// root, with why and where the text stops being JSON.
pub fn not_json(error: &tape::JsonError, options: &Options) -> Report {
    let mut ctx = Ctx::new(options);
    let params = params!(
        "expected" => "JSON text",
        "actual" => "invalid JSON",
        "reason" => error.reason,
        "line" => error.line,
        "column" => error.column,
    );
    ctx.error(String::new(), Code::InvalidType, Pcode::None, params);
    ctx.finish()
}

/// [`validate`] over a payload already on a tape (what the JS layer writes).
pub fn validate_node(provider: &Provider, payload: &Node, options: &Options) -> Report {
    let mut ctx = Ctx::new(options);
    check_payload(&mut ctx, provider.fields, provider.cross_field, payload);
    ctx.finish()
}

fn check_payload(
    ctx: &mut Ctx,
    fields: &[Field],
    cross_field: fn(&Node, &mut Ctx),
    payload: &Node,
) {
    spec::check_object(ctx, &Path::ROOT, payload, fields);
    cross_field(payload, ctx);
}

/// Validates, and when the payload is valid and the options are safe, builds the request.
/// `options` is the JS-shaped object of SPEC §4 (credentials, hosts, timestamps).
pub fn build_request(
    provider: &Provider,
    payload: &Value,
    build_options: &Value,
    options: &Options,
) -> Result<Built, OptionsError> {
    (provider.build)(payload, build_options, options)
}

/// Reads a provider response into the common shape.
pub fn parse_response(provider: &Provider, response: &Response, options: &Options) -> Parsed {
    (provider.parse)(response, options)
}

/// Runs validation plus the option checks a builder adds, and calls `make` only when all is
/// well: the shared frame of every builder.
pub fn build_with<E>(
    fields: &[Field],
    cross_field: fn(&Node, &mut Ctx),
    payload: &Value,
    options: &Options,
    check_options: impl FnOnce(&mut Ctx),
    make: impl FnOnce(Value) -> Result<HttpRequest, E>,
) -> Result<Built, E> {
    let mut ctx = Ctx::new(options);
    let tape = tape::encode(payload);
    check_payload(&mut ctx, fields, cross_field, &tape::root(&tape));
    check_options(&mut ctx);
    let request = if ctx.has_errors() {
        None
    } else {
        Some(make(spec::body(payload, fields))?)
    };
    Ok(Built {
        report: ctx.finish(),
        request,
    })
}

impl Parsed {
    /// The common shape from what a parser collected: `ok` when it found no errors.
    pub fn new(ctx: Ctx, data: Option<Value>, request_id: Option<String>) -> Parsed {
        let (errors, warnings) = ctx.into_issues();
        Parsed {
            ok: errors.is_empty(),
            data,
            errors,
            warnings,
            request_id,
            data_key: None,
        }
    }

    /// `data` is the body's top-level `key`, not the whole body.
    pub fn data_under(self, key: &'static str) -> Parsed {
        Parsed {
            data_key: Some(key),
            ..self
        }
    }
}

/// [`build_with`] for builders whose request cannot fail once the payload and options passed.
pub fn build_checked(
    fields: &[Field],
    cross_field: fn(&Node, &mut Ctx),
    payload: &Value,
    options: &Options,
    check_options: impl FnOnce(&mut Ctx),
    make: impl FnOnce(Value) -> HttpRequest,
) -> Built {
    let make = |body| Ok::<_, Infallible>(make(body));
    build_with(fields, cross_field, payload, options, check_options, make)
        .unwrap_or_else(|never| match never {})
}

/// The path names no field of this provider.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no field of this provider has the path given")]
pub struct UnknownPath;

/// The rules of one field, for validation as the user types: `GroupName`, `list[2].name`,
/// `GroupExDescriptions[1]`. Rules spanning fields or items (duplicates) need `validate`.
pub fn validate_field(
    provider: &Provider,
    path: &str,
    value: &Value,
    options: &Options,
) -> Result<Vec<Issue>, UnknownPath> {
    validate_field_node(provider, path, &tape::root(&tape::encode(value)), options)
}

/// [`validate_field`] over a value already on a tape.
pub fn validate_field_node(
    provider: &Provider,
    path: &str,
    value: &Node,
    options: &Options,
) -> Result<Vec<Issue>, UnknownPath> {
    let (field, is_item) = spec::resolve(provider.fields, path).ok_or(UnknownPath)?;
    let mut ctx = Ctx::new(options);
    let path = &Path::from(path);
    match (&field.kind, is_item) {
        (_, false) => spec::check_field(&mut ctx, path, value, field),
        (Kind::Texts(_, text), true) => spec::check_text_value(&mut ctx, path, value, text),
        (Kind::Integers(_, rules), true) => spec::check_integer(&mut ctx, path, value, rules),
        (Kind::Objects(_, item_fields), true) => {
            spec::check_object(&mut ctx, path, value, item_fields)
        }
        (_, true) => return Err(UnknownPath),
    }
    let (mut issues, warnings) = ctx.into_issues();
    issues.extend(warnings);
    Ok(issues)
}
