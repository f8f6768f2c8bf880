//! What the property-based fuzz harnesses share (`crates/seal/tests/fuzz_*.rs`,
//! `crates/rules/tests/fuzz_*.rs`): the number of cases, arbitrary JSON, and mutations of a
//! valid document.
//!
//! `cargo test` runs a bounded number of cases (seconds); `CAREFORM_FUZZ_CASES=N` runs N per
//! property by hand, e.g. `CAREFORM_FUZZ_CASES=200000 cargo test --release -p careform-seal --test fuzz_seal`.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value};

/// The cases each property runs: `CAREFORM_FUZZ_CASES`, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("CAREFORM_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Runs `property` on `cases(default)` inputs drawn from `strategy` (shrinking a failure to a
/// small input), then prints how many executions it made and how long they took.
pub fn run<S: Strategy>(name: &str, default: u32, strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    // No regression file beside the tests: a finding is fixed with a named regression test.
    let config = Config { cases: cases(default), failure_persistence: None, ..Config::default() };
    let executions = AtomicU64::new(0);
    let started = std::time::Instant::now();
    // The slowest input, shown with CAREFORM_FUZZ_SLOWEST=1: a slow parse is a way to tie up a server.
    let show_slowest = std::env::var_os("CAREFORM_FUZZ_SLOWEST").is_some();
    let slowest = std::sync::Mutex::new((std::time::Duration::ZERO, String::new()));
    let result = TestRunner::new(config).run(&strategy, |input| {
        executions.fetch_add(1, Ordering::Relaxed);
        let shown = if show_slowest { format!("{input:?}") } else { String::new() };
        let t = std::time::Instant::now();
        let outcome = property(input);
        let mut s = slowest.lock().unwrap();
        if t.elapsed() > s.0 {
            *s = (t.elapsed(), shown);
        }
        outcome
    });
    let (slowest, shown) = slowest.into_inner().unwrap();
    let n = executions.load(Ordering::Relaxed);
    eprintln!("fuzz {name}: {n} executions in {:.1?}, the slowest {slowest:.1?} {shown}", started.elapsed());
    if let Err(e) = result {
        panic!("fuzz {name}: {e}");
    }
}

/// Member names: mostly short ASCII (so they collide with real field names), sometimes any text.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-z_]{0,10}", 1 => any::<String>()]
}

/// Any JSON value, nested a few levels: the integers include those beyond ±2^53, the floats
/// include the awkward ones, the strings any Unicode.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1000i64..1000).prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite()).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[a-z0-9 :_-]{0,12}".prop_map(Value::String),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One edit of a document: which node (an index into its nodes, wrapped), what to do there, and
/// the value or member name it may use.
pub type Edit = (usize, u8, Value, String);

/// Up to `n` edits.
pub fn edits(n: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), json_value(), key()), 1..=n)
}

/// Applies each edit to `doc`: replaces a node, removes a member or item, adds a member, or
/// repeats an item, so what comes out is mostly valid with a few things wrong.
pub fn apply(doc: &mut Value, edits: &[Edit]) {
    for (at, what, value, name) in edits {
        let count = nodes(doc);
        let node = node_mut(doc, at % count).expect("the index is in range");
        match (what % 4, &mut *node) {
            (0, _) => *node = value.clone(),
            (1, Value::Object(m)) if !m.is_empty() => {
                let k = m.keys().nth(at % m.len()).cloned().unwrap();
                m.remove(&k);
            }
            (1, Value::Array(a)) if !a.is_empty() => {
                a.remove(at % a.len());
            }
            (2, Value::Object(m)) => {
                m.insert(name.clone(), value.clone());
            }
            (3, Value::Array(a)) if !a.is_empty() => a.push(a[at % a.len()].clone()),
            // A string changed a little: emptied, lengthened, or given other characters.
            (_, Value::String(s)) => match what % 3 {
                0 => s.clear(),
                1 => s.push_str(&s.repeat(40)),
                _ => s.push_str(name),
            },
            _ => *node = value.clone(),
        }
    }
}

fn nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(nodes).sum(),
        Value::Object(m) => m.values().map(nodes).sum(),
        _ => 0,
    }
}

/// The `i`th node in pre-order.
fn node_mut(v: &mut Value, i: usize) -> Option<&mut Value> {
    if i == 0 {
        return Some(v);
    }
    let mut i = i - 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(a) => a.iter_mut().collect(),
        Value::Object(m) => m.values_mut().collect(),
        _ => return None,
    };
    for child in children {
        let n = nodes(child);
        if i < n {
            return node_mut(child, i);
        }
        i -= n;
    }
    None
}

/// `value` as an object (an empty one for anything else).
pub fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}
