//! `careform-load`: starts real `careform serve` processes on a temporary data directory, drives
//! them with N keep-alive clients posting signed submissions, and prints durable verified
//! submissions per second, p50/p99 latency and the servers' CPU per submission. Every figure is
//! checked afterwards: each receipt verifies against the server's key, no chain position is given
//! out twice, and `careform audit` finds exactly the acknowledged records in one intact chain.

mod client;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use careform_seal::{Jwks, verify_receipt};
use clap::Parser;

#[derive(Parser)]
#[command(name = "careform-load", about = "Load benchmark for `careform serve` (see bench/load.md)")]
struct Args {
    /// Concurrent clients, each with its own keep-alive connection and device key.
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// Seconds measured, after the warm-up.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Seconds of load before measuring starts (caches, connections, the first WAL pages).
    #[arg(long, default_value_t = 2.0)]
    warmup: f64,
    /// The `careform` binary (default: beside this one, so a release bench runs a release server).
    #[arg(long)]
    bin: Option<PathBuf>,
    /// A PostgreSQL database to run against as well (postgres://...): one instance, then two
    /// sharing it. Without it only SQLite runs.
    #[arg(long, env = "CAREFORM_BENCH_DATABASE_URL")]
    database_url: Option<String>,
    /// Skip the SQLite run (with --database-url, to measure PostgreSQL alone).
    #[arg(long)]
    skip_sqlite: bool,
}

/// One measured configuration.
struct Scenario<'a> {
    name: String,
    database_url: Option<&'a str>,
    instances: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let bin = args.bin.clone().unwrap_or_else(|| {
        let me = std::env::current_exe().expect("own path");
        me.with_file_name("careform")
    });
    if !bin.exists() {
        eprintln!(
            "careform-load: no server binary at {}; build it first: cargo build --release -p careform-server -p careform-load",
            bin.display()
        );
        return ExitCode::from(2);
    }
    let mut scenarios = Vec::new();
    if !args.skip_sqlite {
        scenarios.push(Scenario { name: "sqlite, 1 instance".into(), database_url: None, instances: 1 });
    }
    if let Some(url) = args.database_url.as_deref() {
        let store = url.split(':').next().unwrap_or("database");
        for instances in [1, 2] {
            let name =
                format!("{store} at --database-url, {instances} instance{}", if instances == 1 { "" } else { "s" });
            scenarios.push(Scenario { name, database_url: Some(url), instances });
        }
    }
    println!(
        "careform load: {} clients, {:.0} s measured after {:.0} s warm-up, server {}",
        args.clients,
        args.seconds,
        args.warmup,
        bin.display()
    );
    println!(
        "  this machine verifies one demo submission (parse, canonical check, Ed25519) in {:.1} µs",
        client::verify_cost("http://127.0.0.1").as_secs_f64() * 1e6
    );
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    // Every scenario signs with the first one's key, so the shared database stays one chain
    // under one key that `careform audit` can verify.
    let Ok(key_home) = tempfile::tempdir() else {
        eprintln!("careform-load: no temporary directory");
        return ExitCode::from(2);
    };
    let mut ok = true;
    for scenario in &scenarios {
        match runtime.block_on(measure(&args, &bin, scenario, key_home.path())) {
            Ok(line) => println!("  {}: {line}", scenario.name),
            Err(e) => {
                println!("  {}: FAILED: {e}", scenario.name);
                ok = false;
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

async fn measure(
    args: &Args,
    bin: &std::path::Path,
    scenario: &Scenario<'_>,
    key_home: &std::path::Path,
) -> Result<String, String> {
    let scratch = tempfile::tempdir().map_err(|e| format!("no temporary directory: {e}"))?;
    let saved_key = key_home.join("server-key.b64u");
    let launch = server::Launch {
        bin,
        database_url: scenario.database_url,
        instances: scenario.instances,
        scratch: scratch.path(),
        key: saved_key.exists().then_some(saved_key.as_path()),
    };
    let (instances, public_url) = server::start(&launch)?;
    // The database named by --database-url is shared by this run's scenarios: count only each
    // one's own records. It must start empty, as records signed by another key fail the audit.
    let before = if scenario.database_url.is_some() { server::audit(&launch)? } else { 0 };
    if before > 0 && launch.key.is_none() {
        return Err(format!("the database already holds {before} submissions; give the bench an empty one"));
    }
    if launch.key.is_none() {
        std::fs::copy(server::key_file(scratch.path()), &saved_key).map_err(|e| format!("saving the key: {e}"))?;
    }

    let warm = Duration::from_secs_f64(args.warmup);
    let window = Duration::from_secs_f64(args.seconds);
    let start = Instant::now();
    let plan = Arc::new(client::Plan {
        bases: instances.iter().map(|i| i.base.clone()).collect(),
        public_url,
        form: client::demo_form(),
        until: start + warm + window,
    });
    let tasks: Vec<_> = (0..args.clients).map(|n| tokio::spawn(client::run(plan.clone(), n))).collect();
    tokio::time::sleep_until((start + warm).into()).await;
    let cpu_before = instances.iter().map(|i| server::cpu_time(i.pid())).collect::<Result<Vec<_>, _>>()?;
    // The clients share the machine's cores with the servers: their own cost is printed too.
    let own_before = server::cpu_time(std::process::id())?;
    let measured_from = Instant::now();
    tokio::time::sleep_until(plan.until.into()).await;
    let cpu_after = instances.iter().map(|i| server::cpu_time(i.pid())).collect::<Result<Vec<_>, _>>()?;
    let own = server::cpu_time(std::process::id())? - own_before;
    let measured = measured_from.elapsed();
    let load = server::load_average();

    let mut latencies = Vec::new();
    let mut receipts = Vec::new();
    let mut failures = Vec::new();
    for task in tasks {
        let tally = task.await.map_err(|e| format!("a client panicked: {e}"))?;
        latencies.extend(tally.acknowledged.iter().filter(|(at, _)| *at >= measured_from).map(|(_, took)| *took));
        receipts.extend(tally.receipts);
        failures.extend(tally.failures);
    }
    if !failures.is_empty() {
        failures.sort();
        failures.dedup();
        return Err(format!("refused or failed requests: {}", failures.join("; ")));
    }

    let jwks = reqwest::get(format!("{}/.well-known/jwks.json", plan.bases[0]))
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("jwks: {e}"))?
        .bytes()
        .await
        .map_err(|e| format!("jwks: {e}"))?;
    let jwks: Jwks = serde_json::from_slice(&jwks).map_err(|e| format!("jwks: {e}"))?;
    drop(instances);
    check_receipts(&receipts, &jwks)?;
    let stored = server::audit(&launch)? - before;
    if stored != receipts.len() as u64 {
        return Err(format!("{} receipts given out but audit found {stored} new records", receipts.len()));
    }

    let count = latencies.len();
    if count == 0 {
        return Err("no submission was acknowledged in the measured window".into());
    }
    latencies.sort();
    let pct = |p: f64| latencies[((count as f64 * p).ceil() as usize).clamp(1, count) - 1];
    let cpu: Duration = cpu_after.iter().zip(&cpu_before).map(|(a, b)| *a - *b).sum();
    Ok(format!(
        "{:.0} durable verified submissions/s ({count} in {:.1} s), p50 {:.1} ms, p99 {:.1} ms, \
         server CPU {:.0} µs/submission (clients {:.0} µs); load average {load}",
        count as f64 / measured.as_secs_f64(),
        measured.as_secs_f64(),
        ms(pct(0.50)),
        ms(pct(0.99)),
        cpu.as_secs_f64() * 1e6 / count as f64,
        own.as_secs_f64() * 1e6 / count as f64,
    ))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Every receipt verifies against the server's key, and no two share a chain position.
fn check_receipts(receipts: &[serde_json::Value], jwks: &Jwks) -> Result<(), String> {
    let mut seqs = std::collections::HashSet::new();
    for receipt in receipts {
        let verified = verify_receipt(receipt.to_string().as_bytes(), jwks)
            .map_err(|e| format!("a receipt does not verify: {e}"))?;
        if !seqs.insert(verified.payload.seq) {
            return Err(format!("two receipts for chain position {}", verified.payload.seq));
        }
    }
    Ok(())
}
