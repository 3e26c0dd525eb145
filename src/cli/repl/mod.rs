//! `nano repl`: an interactive session on one persistent isolate.
//!
//! - Each complete input runs as a classic script in the same context, so
//!   `let`/`const`/`class` bindings persist from one input to the next (and
//!   declaring the same `let` twice is V8's SyntaxError, as in a browser
//!   console). Script names are `REPL1`, `REPL2`, ...
//! - Input that does not compile because it ends too early ("Unexpected end
//!   of input", an open template literal or comment, ...) is continued on the
//!   next line, under a `... ` prompt. Two blank lines in a row evaluate it
//!   anyway (showing the SyntaxError); `.break` drops it.
//! - Top-level `await` runs the input in an async function (see
//!   `await_rewrite`) and waits for it while the event loop runs.
//! - Values are shown with the runtime's inspector, like `console.log`, but
//!   strings quoted (`'abc'`), as Node's REPL does. A promise that was not
//!   awaited is shown as a promise. Input starting with `{` is read as an
//!   object literal when it can be.
//! - Errors are rendered like `nano eval`'s, on standard error, and the
//!   session goes on. Errors from timers and unhandled rejections are
//!   reported on standard error as they happen.
//! - Timers and async operations keep running while the REPL waits for a
//!   line. At the end of input (Ctrl-D, or the end of a pipe) the REPL lets
//!   pending work finish, as a script would; `.exit` leaves at once.
//! - On a terminal: prompts `> ` and `... `, line editing, and a history
//!   file (`$NANO_REPL_HISTORY`, or `~/.nano_repl_history`; empty disables it).
//!   Ctrl-C discards the current input; on an empty line, a second one exits.
//!   Otherwise (a pipe) no prompts or banner are written, so standard output
//!   holds exactly one result per input.
//! - Ctrl-C (SIGINT) while an input runs interrupts it, on a terminal or
//!   not: "Script execution was interrupted by Ctrl-C" on standard error,
//!   and the session goes on with the bindings made so far (see
//!   `interrupt`). At a terminal's prompt Ctrl-C is a key, as above; a
//!   SIGINT sent at any other time (`kill -INT`) ends the process, as by
//!   default.

pub(super) mod await_rewrite;
mod completeness;
mod input;
mod interrupt;

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use super::render::render_error;
use super::{block_on_event_loop, EXIT_JS_ERROR};
use crate::runtime::{Runtime, RuntimeError, RuntimeOptions, UncaughtPolicy};
use crate::v8::Exception;
use await_rewrite::{mentions_await, wrap_for_await, HEADER_LINES};
use input::{Input, Lines};
use interrupt::Interrupts;

#[derive(Debug, Args)]
pub struct ReplArgs {
    /// Heap limit of the isolate in MiB (0: V8's default).
    #[arg(long, value_name = "MIB", default_value_t = 0)]
    max_heap_mb: usize,
}

const PROMPT: &str = "> ";
const CONTINUATION_PROMPT: &str = "... ";

const INTERRUPTED: &str = "Script execution was interrupted by Ctrl-C";

const HELP: &str = "\
.break   Discard the input typed so far
.exit    Leave the REPL (Ctrl-D does too)
.help    Show this list

Input that is not complete continues on the next line; two blank lines
evaluate it as it is. `await` works at the top level.";

pub fn run(args: ReplArgs) -> ExitCode {
    // Before any thread starts, so that they all leave SIGINT to it.
    let interrupts = Interrupts::install();
    block_on_event_loop(session(args, interrupts))
}

async fn session(args: ReplArgs, interrupts: Option<Interrupts>) -> ExitCode {
    let runtime = match Runtime::new(RuntimeOptions {
        max_heap_mb: args.max_heap_mb,
        uncaught: UncaughtPolicy::Report,
        ..RuntimeOptions::default()
    }) {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("{}", render_error(&error));
            return ExitCode::from(EXIT_JS_ERROR);
        }
    };
    // `import()` resolves from the working folder.
    if let Err(error) = runtime.allow_script_imports(Path::new("/"), Path::new(".")) {
        eprintln!("{}", render_error(&error));
        return ExitCode::from(EXIT_JS_ERROR);
    }
    let mut lines = Lines::start();
    if lines.interactive() {
        println!(
            "Welcome to NANO {} (V8 {}).\nType \".help\" for more information.",
            env!("CARGO_PKG_VERSION"),
            crate::v8::v8_version()
        );
    }
    let mut repl = Repl {
        runtime,
        pending: String::new(),
        blank_lines: 0,
        inputs: 0,
        interrupts,
    };
    let mut interrupted = false;
    loop {
        lines.request(if repl.pending.is_empty() {
            PROMPT
        } else {
            CONTINUATION_PROMPT
        });
        let input = monoio::select! {
            input = lines.next() => input,
            error = repl.runtime.run_forever() => return fatal(&error),
        };
        let step = match input {
            Input::Line(line) => {
                interrupted = false;
                repl.line(line).await
            }
            Input::Interrupted { had_text } => {
                if had_text || !repl.pending.is_empty() {
                    repl.discard();
                    interrupted = false;
                } else if interrupted {
                    return ExitCode::SUCCESS;
                } else {
                    interrupted = true;
                    println!("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
                }
                Step::Continue
            }
            Input::Eof => repl.end().await,
        };
        match step {
            Step::Continue => {}
            Step::Exit(code) => return code,
        }
    }
}

/// The runtime was terminated (out of memory): the session cannot go on.
fn fatal(error: &RuntimeError) -> ExitCode {
    eprintln!("{}", render_error(error));
    ExitCode::from(EXIT_JS_ERROR)
}

enum Step {
    Continue,
    Exit(ExitCode),
}

/// What to do with the input gathered so far.
enum Prepared {
    /// A classic script.
    Script(String),
    /// A script whose value is a promise to await (top-level `await`).
    Awaited(String),
    /// Wait for more lines.
    Incomplete,
    Invalid(RuntimeError),
}

struct Repl {
    runtime: Runtime,
    /// Lines of an input that is not complete yet.
    pending: String,
    /// Blank lines in a row while an input is pending.
    blank_lines: usize,
    /// Inputs evaluated, to name the scripts.
    inputs: usize,
    /// SIGINT while an input runs; None if it could not be set up.
    interrupts: Option<Interrupts>,
}

impl Repl {
    fn discard(&mut self) {
        self.pending.clear();
        self.blank_lines = 0;
    }

    async fn line(&mut self, line: String) -> Step {
        let trimmed = line.trim();
        if let Some(command) = command_word(trimmed) {
            match command {
                "exit" => return Step::Exit(ExitCode::SUCCESS),
                "help" => {
                    println!("{HELP}");
                    return Step::Continue;
                }
                "break" => {
                    self.discard();
                    return Step::Continue;
                }
                _ if self.pending.is_empty() => {
                    eprintln!("Invalid REPL keyword");
                    return Step::Continue;
                }
                // Part of a pending input, e.g. a method chain.
                _ => {}
            }
        }
        if self.pending.is_empty() {
            if trimmed.is_empty() {
                return Step::Continue;
            }
        } else {
            self.pending.push('\n');
        }
        self.pending.push_str(&line);
        self.blank_lines = if trimmed.is_empty() {
            self.blank_lines + 1
        } else {
            0
        };
        let force = self.blank_lines >= 2;
        self.evaluate_pending(force).await
    }

    /// End of input: evaluate what is pending, then let timers and ops finish.
    async fn end(&mut self) -> Step {
        if !self.pending.trim().is_empty() {
            if let Step::Exit(code) = self.evaluate_pending(true).await {
                return Step::Exit(code);
            }
        }
        match self.runtime.run_event_loop().await {
            Ok(()) => Step::Exit(ExitCode::SUCCESS),
            Err(error) => Step::Exit(fatal(&error)),
        }
    }

    async fn evaluate_pending(&mut self, force: bool) -> Step {
        let name = format!("REPL{}", self.inputs + 1);
        let source = std::mem::take(&mut self.pending);
        let outcome = match self.prepare(&source, &name, force) {
            Prepared::Incomplete => {
                self.pending = source;
                return Step::Continue;
            }
            Prepared::Invalid(error) => Err(error),
            Prepared::Script(code) => self.evaluate(&code, &name, false).await,
            Prepared::Awaited(code) => self.evaluate(&code, &name, true).await,
        };
        self.inputs += 1;
        self.blank_lines = 0;
        match outcome {
            Ok(shown) => println!("{shown}"),
            Err(RuntimeError::Interrupted) => eprintln!("{INTERRUPTED}"),
            Err(error) => eprintln!("{}", render_error(&error)),
        }
        if self.runtime.is_dead() {
            return Step::Exit(ExitCode::from(EXIT_JS_ERROR));
        }
        Step::Continue
    }

    /// Runs `code` (awaiting its value when `awaited`) and returns the value
    /// as shown; a SIGINT meanwhile interrupts it.
    async fn evaluate(
        &mut self,
        code: &str,
        name: &str,
        awaited: bool,
    ) -> Result<String, RuntimeError> {
        let runtime = &self.runtime;
        let run = async {
            if awaited {
                // The wrapper's own lines come first: errors count from the input's.
                let value = runtime.execute_script_at(code, name, -(HEADER_LINES as i32))?;
                runtime.resolve(value).await
            } else {
                runtime.execute_script(code, name)
            }
        };
        let outcome = match &mut self.interrupts {
            Some(interrupts) => {
                let mut evaluating = interrupts.during(runtime.interrupt_handle());
                // Running JavaScript is stopped by the interrupt itself; a
                // wait on a promise is dropped here.
                monoio::select! {
                    outcome = run => outcome,
                    () = evaluating.interrupted() => Err(RuntimeError::Interrupted),
                }
            }
            None => run.await,
        };
        // A SIGINT just after the run ended must not stop the next one.
        runtime.clear_interrupt();
        outcome.map(|value| runtime.inspect_value(&value))
    }

    /// Decides, by compiling without running, how to run `source`.
    fn prepare(&self, source: &str, name: &str, force: bool) -> Prepared {
        // `{ a: 1 }` means an object here, not a block (as in Node's REPL).
        let trimmed = source.trim();
        if trimmed.starts_with('{') && !trimmed.ends_with(';') {
            let object = format!("({source}\n)");
            if self.runtime.check_syntax(&object, name).is_ok() {
                return Prepared::Script(object);
            }
        }
        let error = match self.runtime.check_syntax(source, name) {
            Ok(()) => return Prepared::Script(source.to_string()),
            Err(error) => error,
        };
        if mentions_await(source) {
            let wrapped_error = match wrap_for_await(&self.runtime, source, name) {
                Ok(wrapped) => return Prepared::Awaited(wrapped),
                Err(wrapped_error) => wrapped_error,
            };
            let user_lines = source.lines().count().max(1) as u32;
            if !force && wrapped_incomplete(&wrapped_error, source, user_lines) {
                return Prepared::Incomplete;
            }
            if error
                .syntax_message()
                .is_some_and(|message| message.starts_with("await is only valid"))
            {
                return Prepared::Invalid(shift_lines(wrapped_error, user_lines));
            }
        }
        if !force && incomplete(&error, source) {
            return Prepared::Incomplete;
        }
        Prepared::Invalid(error)
    }
}

/// `exit` for `.exit`: a dot and a word, nothing else.
fn command_word(line: &str) -> Option<&str> {
    let word = line.strip_prefix('.')?;
    (!word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic())).then_some(word)
}

/// Messages that mean the source stopped in the middle of something.
fn ends_early(message: &str) -> bool {
    matches!(
        message,
        "Unexpected end of input"
            | "Unterminated template literal"
            | "Missing } in template expression"
    )
}

/// Whether a compile error means more input is needed.
fn incomplete(error: &RuntimeError, source: &str) -> bool {
    let Some(message) = error.syntax_message() else {
        return false;
    };
    ends_early(message) || completeness::stops_midway(source)
}

/// Whether the wrapped form failed only because the input ends early: the
/// error is past the input, in the wrapper's closing line.
fn wrapped_incomplete(error: &RuntimeError, source: &str, user_lines: u32) -> bool {
    let Some(message) = error.syntax_message() else {
        return false;
    };
    if ends_early(message) || completeness::stops_midway(source) {
        return true;
    }
    matches!(error, RuntimeError::Uncaught(Exception { location: Some(location), .. })
        if location.line > HEADER_LINES + user_lines)
}

/// Reports a wrapped input's compile error at the line the user typed.
fn shift_lines(error: RuntimeError, user_lines: u32) -> RuntimeError {
    match error {
        RuntimeError::Uncaught(mut exception) => {
            if let Some(location) = &mut exception.location {
                location.line = location
                    .line
                    .saturating_sub(HEADER_LINES)
                    .clamp(1, user_lines);
            }
            RuntimeError::Uncaught(exception)
        }
        other => other,
    }
}
