//! The registry: which providers exist, and where each one's declarations, builder and
//! response parser are. Each provider's module holds its documented rules; nothing here is
//! imported back by them.

pub mod capillary;
pub mod geelark;
pub mod gochat;
pub mod selfcommunity;
pub mod tencent_iai;

use crate::build::{no_cross_field_rules, Built, CrossField};
use crate::options::{Host, Options, OptionsError};
use crate::request::Method;
use crate::response::{Parsed, Response};
use crate::spec::Field;
use crate::tape::Node;
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
    pub cross_field: CrossField,
}

/// How a provider's requests are built and its responses read. Apart from [`Provider`], so a
/// build that only validates (the forms build of the wasm layer) links none of it: nothing
/// reaches these functions but [`exchange`].
pub struct Exchange {
    /// Builds the request from the payload and JS-shaped build options; the host supplies
    /// what the options leave out and only it can make (the time, a trace id).
    pub build: fn(&Node, &Value, &Options, &dyn Host) -> Result<Built, OptionsError>,
    /// Reads the provider's response.
    pub parse: fn(&Response, &Options) -> Parsed,
}

pub static PROVIDERS: [Provider; 5] = [
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
    Provider {
        id: "selfcommunity",
        name: "SelfCommunity API v2: create a group",
        method: Method::Post,
        url: "https://<community host>/api/v2/group/",
        docs: "https://developers.selfcommunity.com/docs/apireference/v2/group/create_a_group",
        fields: &selfcommunity::FIELDS,
        cross_field: selfcommunity::cross_field,
    },
    Provider {
        id: "capillary",
        name: "Capillary: create reward group",
        method: Method::Post,
        url: "https://<cluster host>/api_gateway/core/v1/group/create",
        docs: "https://docs.capillarytech.com/reference/create-group-reward",
        fields: &capillary::FIELDS,
        cross_field: no_cross_field_rules,
    },
    Provider {
        id: "gochat",
        name: "GoChat: create group",
        method: Method::Post,
        url: "http://localhost:1213/v1/group",
        docs: "https://duruyao.github.io/gochat",
        fields: &gochat::FIELDS,
        cross_field: gochat::cross_field,
    },
];

/// The request side of each provider, in the order of [`PROVIDERS`].
static EXCHANGES: [Exchange; 5] = [
    Exchange {
        build: geelark::build_from_options,
        parse: geelark::parse_response,
    },
    Exchange {
        build: tencent_iai::build_from_options,
        parse: tencent_iai::parse_response,
    },
    Exchange {
        build: selfcommunity::build_from_options,
        parse: selfcommunity::parse_response,
    },
    Exchange {
        build: capillary::build_from_options,
        parse: capillary::parse_response,
    },
    Exchange {
        build: gochat::build_from_options,
        parse: gochat::parse_response,
    },
];

/// The request side of `provider` (one of [`PROVIDERS`]).
pub fn exchange(provider: &Provider) -> &'static Exchange {
    &EXCHANGES[index_of(provider)]
}

/// Where `provider` (one of [`PROVIDERS`]) is in the registry.
pub fn index_of(provider: &Provider) -> usize {
    PROVIDERS
        .iter()
        .position(|p| p.id == provider.id)
        .unwrap_or_default()
}

/// The provider with this id (`"geelark"`, `"tencent-iai"`, …).
pub fn provider(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Kind;

    /// `spec::check_object` keeps the fields it has seen as bits of a `u64`.
    #[test]
    fn every_object_declares_fewer_than_64_fields() {
        fn check(fields: &[Field]) {
            assert!(fields.len() < 64);
            for field in fields {
                if let Kind::Objects(_, items) = &field.kind {
                    check(items);
                }
            }
        }
        for provider in &PROVIDERS {
            check(provider.fields);
        }
    }
}
