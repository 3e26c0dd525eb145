//! The `nano` command line: `eval` and `serve`.

mod eval;
mod render;
mod serve;

use std::process::ExitCode;

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
    /// Serve a Workers app folder over HTTP on every core.
    Serve(serve::ServeArgs),
}

/// Exit status for a JavaScript error (syntax, throw, timeout, memory).
pub const EXIT_JS_ERROR: u8 = 1;
/// Exit status for bad usage: flags, missing files.
pub const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Eval(args) => eval::run(args),
        Command::Serve(args) => serve::run(args),
    }
}
