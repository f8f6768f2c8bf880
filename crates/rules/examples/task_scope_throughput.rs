//! Prints how many task descriptions per second the classifier handles natively, over the
//! fixture phrases (`cargo run --release -p careform-rules --example task_scope_throughput`).
//! The browser figure comes from `npm run bench` (bench/task-scope.mjs).

use std::time::Instant;

use careform_rules::task_scope::{Plan, Profile, Task, check_plan};

fn main() {
    let phrases: Vec<&str> = include_str!("../tests/fixtures/task-scope.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    let plan = Plan {
        tasks: phrases.iter().map(|p| Task { description: (*p).to_owned(), delegation: None }).collect(),
        ..Plan::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
    for id in ["bexley-homecare", "somerset-micro-provider"] {
        let profile = Profile::built_in(id).expect("built in");
        check_plan(&plan, &profile, today).expect("valid"); // warm: lexicon compiled once
        let mut rounds = 0u32;
        let start = Instant::now();
        while start.elapsed().as_secs_f64() < 2.0 {
            std::hint::black_box(check_plan(&plan, &profile, today).expect("valid"));
            rounds += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        let tasks = f64::from(rounds) * phrases.len() as f64;
        println!(
            "native {id}: {:.0} tasks/s ({} phrases x {rounds} rounds in {secs:.2} s)",
            tasks / secs,
            phrases.len()
        );
    }
}
