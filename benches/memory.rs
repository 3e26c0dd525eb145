//! Memory stability: runs a small script many times in one Runtime and
//! fails if the resident set grows by more than half.
//!
//! `cargo bench --bench memory` runs 100,000 iterations; when built as a
//! test (`cargo test --all-targets`, no `--bench` argument) it runs 10,000.

use std::process::ExitCode;

use nano::runtime::{Runtime, RuntimeOptions};

const WARM_UP: usize = 1_000;
const BENCH_RUNS: usize = 100_000;
const TEST_RUNS: usize = 10_000;
const MAX_GROWTH: f64 = 1.5;

const SCRIPT: &str = "{
    const record = { id: Math.random(), tags: ['a', 'b', 'c'], text: 'x'.repeat(64) };
    JSON.parse(JSON.stringify(record)).tags.length + [1, 2, 3].map((n) => n * 2).length
}";

/// VmRSS from /proc/self/status, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("reading /proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmRSS line")
}

fn run(runtime: &Runtime, times: usize) {
    for _ in 0..times {
        let value = runtime
            .execute_script(SCRIPT, "memory.js")
            .expect("the script runs");
        drop(value);
    }
}

fn main() -> ExitCode {
    let bench = std::env::args().any(|arg| arg == "--bench");
    let runs = if bench { BENCH_RUNS } else { TEST_RUNS };
    let runtime = Runtime::new(RuntimeOptions {
        console: Box::new(|_, _, _| {}),
        ..RuntimeOptions::default()
    })
    .expect("a runtime");
    run(&runtime, WARM_UP);
    let before = rss_kib();
    let started = std::time::Instant::now();
    // RSS after each quarter shows whether growth levels off.
    let mut quarters = Vec::with_capacity(4);
    for _ in 0..4 {
        run(&runtime, runs / 4);
        quarters.push(rss_kib());
    }
    let elapsed = started.elapsed();
    let after = rss_kib();
    println!("memory: VmRSS after each quarter of the runs (KiB): {quarters:?}");
    let ratio = after as f64 / before as f64;
    println!(
        "memory: {runs} runs in {:.2?} ({:.2?}/run); VmRSS before {before} KiB, after {after} KiB, ratio {ratio:.3}",
        elapsed,
        elapsed / runs as u32
    );
    if ratio > MAX_GROWTH {
        eprintln!(
            "memory: VmRSS grew by more than {:.0}%",
            (MAX_GROWTH - 1.0) * 100.0
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
