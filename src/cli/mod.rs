//! The `nano` command line: `eval`, `repl`, `serve`, `dev` and `trigger`.

mod eval;
mod render;
mod repl;
mod serve;
mod trigger;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};

/// NANO: a self-hosted runtime for JavaScript serverless apps.
#[derive(Debug, Parser)]
#[command(name = "nano", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Evaluate JavaScript and print the result (a Promise is awaited).
    Eval(eval::EvalArgs),
    /// Start an interactive session (`.help` inside lists its commands).
    Repl(repl::ReplArgs),
    /// Serve a Workers app folder, or the many apps of a config file, over
    /// HTTP on every core. SIGHUP loads the apps again from disk; SIGTERM or
    /// SIGINT drains and exits.
    // Boxed: its many flags would make every Command as large.
    Serve(Box<serve::ServeArgs>),
    /// Work on a Workers app: serve its folder on one core, reload it when
    /// a file in it changes, and print a load error with its source line
    /// while the last version that loaded keeps serving.
    ///
    /// The flags are those of `nano serve`, with defaults for working on an
    /// app: one core, `--shutdown-delay 0` (Ctrl-C exits at once) and the
    /// app never unloaded for being idle. `nano serve --watch` reloads the
    /// same way on every core.
    Dev(Box<serve::dev::DevArgs>),
    /// Run an app's scheduled() handler now in a running server, through
    /// its admin listener, and print the outcome as JSON (exit status 0
    /// when it is ok, 1 when the handler failed).
    Trigger(trigger::TriggerArgs),
}

/// Exit status for a JavaScript error (syntax, throw, timeout, memory).
pub const EXIT_JS_ERROR: u8 = 1;
/// Exit status for bad usage: flags, missing files.
pub const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    crate::runtime::set_snapshot_cache_dir(cache_dir());
    match cli.command {
        Command::Eval(args) => eval::run(args),
        Command::Repl(args) => repl::run(args),
        Command::Serve(args) => serve::run(*args),
        Command::Dev(args) => serve::dev::run(*args),
        Command::Trigger(args) => trigger::run(args),
    }
}

/// Where NANO keeps files between runs (its startup snapshot):
/// `$NANO_CACHE_DIR`, else `$XDG_CACHE_HOME/nano`, else `$HOME/.cache/nano`.
/// An empty `NANO_CACHE_DIR` turns the cache off.
pub(crate) fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NANO_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    absolute("XDG_CACHE_HOME")
        .map(|cache| cache.join("nano"))
        .or_else(|| absolute("HOME").map(|home| home.join(".cache").join("nano")))
}

/// Help and version print in full; a usage mistake gets one line.
fn usage_error(error: &clap::Error) -> ExitCode {
    let informational = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if informational {
        let _ = error.print();
        return ExitCode::from(error.exit_code() as u8);
    }
    let rendered = error.render().to_string();
    let first_line = rendered
        .lines()
        .next()
        .unwrap_or("error: invalid arguments");
    eprintln!("{first_line} (see nano --help)");
    ExitCode::from(EXIT_USAGE)
}

/// Runs a one-thread command (`eval`, `repl`) on a monoio loop with timers.
/// The epoll driver: a short-lived loop gains nothing from io_uring set-up.
fn block_on_event_loop(main: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    match monoio::RuntimeBuilder::<monoio::LegacyDriver>::new()
        .enable_timer()
        .build()
    {
        Ok(mut event_loop) => event_loop.block_on(main),
        Err(error) => {
            eprintln!("error: cannot start the event loop: {error}");
            ExitCode::from(EXIT_JS_ERROR)
        }
    }
}
