//! `nano eval`: run a snippet, print its (awaited) value.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::render::render_error;
use super::{block_on_event_loop, EXIT_JS_ERROR, EXIT_USAGE};
use crate::runtime::{Runtime, RuntimeError, RuntimeOptions};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The code to evaluate; `-` reads it from standard input.
    #[arg(
        value_name = "CODE",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    code: Option<String>,
    /// Evaluate this file instead.
    #[arg(long, short = 'f', value_name = "PATH")]
    file: Option<PathBuf>,
    /// Stop the evaluation after this many milliseconds (0: no limit).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    timeout_ms: u64,
    /// Heap limit of the isolate in MiB (0: V8's default).
    #[arg(long, value_name = "MIB", default_value_t = 0)]
    max_heap_mb: usize,
}

pub fn run(args: EvalArgs) -> ExitCode {
    let (source, name) = match read_source(&args) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let timeout = (args.timeout_ms > 0).then(|| Duration::from_millis(args.timeout_ms));
    block_on_event_loop(async {
        match evaluate(&source, &name, timeout, args.max_heap_mb).await {
            Ok(shown) => {
                println!("{shown}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{}", render_error(&error));
                ExitCode::from(EXIT_JS_ERROR)
            }
        }
    })
}

fn read_source(args: &EvalArgs) -> Result<(String, String), String> {
    if let Some(path) = &args.file {
        let source = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        return Ok((source, path.display().to_string()));
    }
    match args.code.as_deref() {
        Some("-") => {
            let mut source = String::new();
            std::io::stdin()
                .read_to_string(&mut source)
                .map_err(|error| format!("cannot read standard input: {error}"))?;
            Ok((source, "<stdin>".into()))
        }
        Some(code) => Ok((code.to_string(), "<eval>".into())),
        None => Err("nothing to evaluate: give CODE, `-` or --file".into()),
    }
}

/// Evaluates, awaits a Promise result, then lets remaining timers and ops
/// finish. The time limit covers all of it.
async fn evaluate(
    source: &str,
    name: &str,
    timeout: Option<Duration>,
    max_heap_mb: usize,
) -> Result<String, RuntimeError> {
    let runtime = Runtime::new(RuntimeOptions {
        max_heap_mb,
        run_time_limit: timeout,
        ..RuntimeOptions::default()
    })?;
    let _whole_evaluation = runtime.start_run();
    let work = async {
        let value = runtime.execute_script(source, name)?;
        let value = runtime.resolve(value).await?;
        let shown = runtime.inspect(&value);
        runtime.run_event_loop().await?;
        Ok(shown)
    };
    match timeout {
        None => work.await,
        Some(limit) => {
            monoio::select! {
                outcome = work => outcome,
                _ = monoio::time::sleep(limit) => Err(RuntimeError::TimedOut),
            }
        }
    }
}
