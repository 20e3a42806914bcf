//! The frame every builder shares: validate the payload, run the option checks the builder
//! adds, and make the request only when nothing failed.

use crate::issue::Report;
use crate::options::Options;
use crate::path::Path;
use crate::request::HttpRequest;
use crate::rules::Ctx;
use crate::spec::{self, Field};
use crate::tape::Node;
use crate::value::Value;
use serde::Serialize;
use std::convert::Infallible;

/// The outcome of building: the validation report, and the request when the report is ok.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Built {
    #[serde(flatten)]
    pub report: Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<HttpRequest>,
}

/// Rules that span several fields of one provider, run after the field rules.
pub type CrossField = fn(&Node, &mut Ctx);

pub fn no_cross_field_rules(_: &Node, _: &mut Ctx) {}

/// Every documented rule over a whole payload, into `ctx`: the fields, then the rules across
/// them.
pub fn check_payload(ctx: &mut Ctx, fields: &[Field], cross_field: CrossField, payload: &Node) {
    spec::check_object(ctx, &Path::ROOT, payload, fields);
    cross_field(payload, ctx);
}

/// Validates `payload` (read once, from its tape), runs `check_options`, and calls `make` with
/// the body (known fields only, see [`spec::body`]) only when all is well.
pub fn build_with<E>(
    fields: &[Field],
    cross_field: CrossField,
    payload: &Node,
    options: &Options,
    check_options: impl FnOnce(&mut Ctx),
    make: impl FnOnce(Value) -> Result<HttpRequest, E>,
) -> Result<Built, E> {
    let mut ctx = Ctx::new(options);
    check_payload(&mut ctx, fields, cross_field, payload);
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

/// [`build_with`] for builders whose request cannot fail once the payload and options passed.
pub fn build_checked(
    fields: &[Field],
    cross_field: CrossField,
    payload: &Node,
    options: &Options,
    check_options: impl FnOnce(&mut Ctx),
    make: impl FnOnce(Value) -> HttpRequest,
) -> Built {
    let make = |body| Ok::<_, Infallible>(make(body));
    build_with(fields, cross_field, payload, options, check_options, make)
        .unwrap_or_else(|never| match never {})
}
