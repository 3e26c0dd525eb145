//! `nano eval`: run a snippet, print its (awaited) value. A file may also
//! be an ES module (imports, top-level `await`); its value is not printed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::render::render_error;
use super::repl::await_rewrite::{mentions_await, wrap_for_await, HEADER_LINES};
use super::{block_on_event_loop, EXIT_JS_ERROR, EXIT_USAGE};
use crate::runtime::{Runtime, RuntimeError, RuntimeOptions};
use crate::v8::{Global, Value};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The code to evaluate; `-` reads it from standard input.
    #[arg(
        value_name = "CODE",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    code: Option<String>,
    /// Evaluate this file instead: a script, or an ES module when it is a
    /// `.mjs` file or uses syntax only a module allows (imports, top-level
    /// await).
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
    let file = args.file.as_deref();
    block_on_event_loop(async {
        match evaluate(&source, &name, file, timeout, args.max_heap_mb).await {
            Ok(shown) => {
                if let Some(shown) = shown {
                    println!("{shown}");
                }
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

/// Whether the file `path` (holding `source`) runs as an ES module: a
/// `.mjs` or TypeScript file does, a `.cjs` one does not, another one when it does not
/// compile as a script but does as a module (imports, exports, top-level
/// `await`). A file that compiles as neither runs as a script, to show the
/// script's SyntaxError.
fn is_module(runtime: &Runtime, path: &Path, source: &str, name: &str) -> bool {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("mjs" | "ts" | "mts") => true,
        Some("cjs") => false,
        _ => {
            runtime.check_syntax(source, name).is_err() && runtime.compiles_as_module(source, name)
        }
    }
}

/// Runs `source` as a classic script, or, when only top-level `await` keeps
/// it from compiling, wrapped as the REPL does, so that its last value is
/// still the result (awaited by the caller).
fn run_script(runtime: &Runtime, source: &str, name: &str) -> Result<Global<Value>, RuntimeError> {
    if mentions_await(source) && runtime.check_syntax(source, name).is_err() {
        if let Ok(wrapped) = wrap_for_await(runtime, source, name) {
            return runtime.execute_script_at(&wrapped, name, -(HEADER_LINES as i32));
        }
    }
    runtime.execute_script(source, name)
}

/// Evaluates, awaits a Promise result, then lets remaining timers and ops
/// finish. The time limit covers all of it. Returns the value as shown;
/// None for a module, which has none.
async fn evaluate(
    source: &str,
    name: &str,
    file: Option<&Path>,
    timeout: Option<Duration>,
    max_heap_mb: usize,
) -> Result<Option<String>, RuntimeError> {
    let runtime = Runtime::new(RuntimeOptions {
        max_heap_mb,
        run_time_limit: timeout,
        ..RuntimeOptions::default()
    })?;
    let _whole_evaluation = runtime.start_run();
    let module = file.filter(|path| is_module(&runtime, path, source, name));
    let work = async {
        if let Some(entry) = module {
            // The user's own code: imports may reach anywhere on disk.
            runtime.load_main_module(Path::new("/"), entry).await?;
            runtime.run_event_loop().await?;
            return Ok(None);
        }
        // `import()` in the script resolves from its file's folder, or for
        // code given inline, from the working folder.
        let folder = file
            .and_then(Path::parent)
            .filter(|folder| !folder.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        runtime.allow_script_imports(Path::new("/"), folder)?;
        let value = run_script(&runtime, source, name)?;
        let value = runtime.resolve(value).await?;
        let shown = runtime.inspect(&value);
        runtime.run_event_loop().await?;
        Ok(Some(shown))
    };
    let outcome = match timeout {
        None => work.await,
        Some(limit) => {
            monoio::select! {
                outcome = work => outcome,
                _ = monoio::time::sleep(limit) => Err(RuntimeError::TimedOut),
            }
        }
    };
    // The process ends right after this: tearing the isolate's heap down
    // would only delay that.
    drop(_whole_evaluation);
    std::mem::forget(runtime);
    outcome
}
