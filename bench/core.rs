//! The core alone, natively: validation of payloads already on a tape, and reports written as
//! JSON, on the data of bench/data.mjs. No wasm, no JS: what the rules themselves cost.
//!
//! ```sh
//! node bench/data.mjs target/bench-data
//! cargo run --release --example core_bench -- target/bench-data
//! # Instruction counts, which a shared machine does not blur:
//! valgrind --tool=callgrind --toggle-collect='core_bench::measured*' \
//!   target/release/examples/core_bench target/bench-data 1
//! ```
//!
//! The optional second argument scales the repetitions (default 100); a third runs only the
//! cases whose file name contains it. `bash bench/instructions.sh` prints instructions per op
//! for each case.

use group_payloads::api;
use group_payloads::{tape, Options, Provider, Value};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "target/bench-data".into());
    let scale: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let only = args.next().unwrap_or_default();
    let read = |name: &str| {
        let path = format!("{dir}/{name}");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e} (run `node bench/data.mjs {dir}` first)"));
        Value::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let options = Options::default();
    let cases: [(&str, &str, &str, bool, usize); 6] = [
        (
            "geelark",
            "geelark-small.json",
            "1 small valid payload",
            false,
            1000,
        ),
        (
            "tencent-iai",
            "tencent-small.json",
            "1 small valid payload",
            false,
            1000,
        ),
        (
            "geelark",
            "geelark-invalid.json",
            "1 payload with errors",
            false,
            100,
        ),
        (
            "tencent-iai",
            "tencent-invalid.json",
            "1 payload with errors",
            false,
            100,
        ),
        (
            "geelark",
            "geelark-batch.json",
            "batch of 10,000 groups",
            false,
            1,
        ),
        (
            "tencent-iai",
            "tencent-10k.json",
            "10,000 payloads",
            true,
            1,
        ),
    ];
    for (id, file, title, many, reps) in cases {
        if !file.contains(&only) {
            continue;
        }
        let provider = group_payloads::provider(id).expect("known provider");
        let value = read(file);
        let tapes: Vec<Vec<u8>> = match (&value, many) {
            (Value::Array(items), true) => items.iter().map(tape::encode).collect(),
            _ => vec![tape::encode(&value)],
        };
        let reps = (reps * scale).max(1);
        let start = Instant::now();
        let bytes = measured(provider, &tapes, reps, &options);
        let per_op = start.elapsed().as_nanos() as f64 / reps as f64;
        println!("{id:12} {title:24} {per_op:>12.0} ns/op   ({bytes} bytes of report JSON per op)");
    }
}

/// What is measured: validating every tape `reps` times, writing the reports that have
/// something to say as JSON (as the wasm layer does).
#[inline(never)]
fn measured(provider: &Provider, tapes: &[Vec<u8>], reps: usize, options: &Options) -> usize {
    let mut bytes = 0;
    for _ in 0..reps {
        bytes = 0;
        for t in tapes {
            let report =
                api::validate_node(provider, &tape::root(std::hint::black_box(t)), options);
            if !report.errors.is_empty() || !report.warnings.is_empty() {
                bytes += report.to_json().len();
            }
        }
    }
    bytes
}
