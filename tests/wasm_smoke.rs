//! Proves the wasm test runners work: the same tests run in Node (default) and in headless
//! Chromium (`WASM_BINDGEN_USE_BROWSER=1`), so nothing here forces one host.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{console_log, wasm_bindgen_test};

/// "Chromium …" user agent in the browser, "node vX" in Node.
fn host() -> String {
    let global = js_sys::global();
    let get = |obj: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(obj, &key.into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
    };
    let process = get(&global, "process");
    if let Some(version) = get(&process, "version").as_string() {
        return format!("node {version}");
    }
    get(&get(&global, "navigator"), "userAgent")
        .as_string()
        .unwrap_or_else(|| "unknown".to_owned())
}

#[wasm_bindgen_test]
fn runs_in_wasm() {
    console_log!("wasm smoke test host: {}", host());
    assert_eq!(core::mem::size_of::<usize>(), 4);
}

#[wasm_bindgen_test]
fn has_a_javascript_host() {
    assert_ne!(host(), "unknown");
}
