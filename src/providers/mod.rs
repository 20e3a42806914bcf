//! The providers: identity, documented fields, and the entry points over them.

pub mod geelark;
pub mod tencent_iai;

use crate::issue::{Issue, Report};
use crate::options::Options;
use crate::request::Method;
use crate::rules::Ctx;
use crate::spec::{self, Field, Kind};
use crate::value::Value;
use serde::Serialize;

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
    pub cross_field: fn(&Value, &mut Ctx),
}

fn no_cross_field_rules(_: &Value, _: &mut Ctx) {}

pub static PROVIDERS: [Provider; 2] = [
    Provider {
        id: "geelark",
        name: "GeeLark open API: create groups (batch)",
        method: Method::Post,
        url: "https://openapi.geelark.com/open/v1/group/add",
        docs: "https://doc.geelark.com/web/#/602813392/101527940",
        fields: &geelark::FIELDS,
        cross_field: no_cross_field_rules,
    },
    Provider {
        id: "tencent-iai",
        name: "Tencent Cloud Face Recognition: CreateGroup (2018-03-01)",
        method: Method::Post,
        url: "https://iai.tencentcloudapi.com/",
        docs: "https://www.tencentcloud.com/document/product/1059/36965",
        fields: &tencent_iai::FIELDS,
        cross_field: no_cross_field_rules,
    },
];

/// The provider with this id (`"geelark"`, `"tencent-iai"`, …).
pub fn provider(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.id == id)
}

/// Every documented rule over a whole payload; all problems, in document order.
pub fn validate(provider: &Provider, payload: &Value, options: &Options) -> Report {
    let mut ctx = Ctx::new(options);
    spec::check_object(&mut ctx, "", payload, provider.fields);
    (provider.cross_field)(payload, &mut ctx);
    ctx.finish()
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
    let (field, is_item) = spec::resolve(provider.fields, path).ok_or(UnknownPath)?;
    let mut ctx = Ctx::new(options);
    match (&field.kind, is_item) {
        (_, false) => spec::check_field(&mut ctx, path, value, field),
        (Kind::Texts(_, text), true) => spec::check_text_value(&mut ctx, path, value, text),
        (Kind::Objects(_, item_fields), true) => {
            spec::check_object(&mut ctx, path, value, item_fields)
        }
        (_, true) => return Err(UnknownPath),
    }
    let mut issues = ctx.errors;
    issues.extend(ctx.warnings);
    Ok(issues)
}
