//! Messages in zh-CN for issues that come from responses and from build options.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use group_payloads::{
    capillary::{self, Auth, Cluster, Host},
    parse_response, Options, Response,
};

#[test]
fn zh_cn_messages_for_response_duplicates_and_user_names() {
    let options = Options {
        locale: group_payloads::Locale::ZhCn,
        ..Options::default()
    };
    let response = Response {
        status: 500,
        body: GO_SEED_ERROR,
        sent: None,
    };
    let parsed = parse_response("gochat", &response, &options).unwrap();
    assert_eq!(parsed.errors[0].message, "已存在（HTTP 500）");
    let built = capillary::build_request(
        &json_value(CAP_SEED_PAYLOAD),
        &Host::Cluster(Cluster::Eu),
        &Auth::Basic {
            username: "a:b",
            password: "p",
        },
        &options,
    )
    .unwrap();
    assert!(
        built.report.errors[0]
            .message
            .contains("Basic 认证的用户名"),
        "{}",
        built.report.errors[0].message
    );
}
