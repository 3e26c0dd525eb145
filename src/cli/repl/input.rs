//! Where the REPL's lines come from. On a terminal: rustyline, with line
//! editing and a history file. Otherwise (a pipe, a file): standard input
//! read line by line, with no prompts written.
//!
//! Reading blocks, so it happens on its own thread: the REPL asks for a line
//! and drives the event loop (timers, ops) until the answer comes back.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::StreamExt;
use rustyline::history::DefaultHistory;
use rustyline::{
    Cmd, ConditionalEventHandler, Config, Editor, Event, EventContext, EventHandler, KeyEvent,
    RepeatCount,
};

/// One answer from the reader.
#[derive(Debug)]
pub enum Input {
    Line(String),
    /// Ctrl-C; `had_text` when the line being edited was not empty.
    Interrupted {
        had_text: bool,
    },
    /// Ctrl-D or the end of standard input.
    Eof,
}

pub struct Lines {
    requests: mpsc::Sender<&'static str>,
    replies: UnboundedReceiver<Input>,
    interactive: bool,
}

impl Lines {
    /// Starts the reader: rustyline when standard input is a terminal.
    pub fn start() -> Lines {
        let interactive = std::io::stdin().is_terminal();
        let (requests, requested) = mpsc::channel();
        let (answer, replies) = unbounded();
        let spawned = std::thread::Builder::new()
            .name("nano-repl-input".into())
            .spawn(move || {
                if interactive {
                    read_terminal(requested, answer);
                } else {
                    read_plain(requested, answer);
                }
            });
        if let Err(error) = spawned {
            eprintln!("error: cannot start the input reader: {error}");
        }
        Lines {
            requests,
            replies,
            interactive,
        }
    }

    /// Whether lines come from a terminal (prompts and line editing).
    pub fn interactive(&self) -> bool {
        self.interactive
    }

    /// Asks for the next line, showing `prompt` on a terminal.
    pub fn request(&self, prompt: &'static str) {
        let _ = self.requests.send(prompt);
    }

    /// The answer to the last request.
    pub async fn next(&mut self) -> Input {
        self.replies.next().await.unwrap_or(Input::Eof)
    }
}

fn read_plain(requested: mpsc::Receiver<&'static str>, answer: UnboundedSender<Input>) {
    let stdin = std::io::stdin();
    let mut stdin = stdin.lock();
    for _prompt in requested {
        let mut line = Vec::new();
        let reply = match stdin.read_until(b'\n', &mut line) {
            Ok(0) => Input::Eof,
            Ok(_) => {
                if line.last() == Some(&b'\n') {
                    line.pop();
                }
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                Input::Line(String::from_utf8_lossy(&line).into_owned())
            }
            Err(error) => {
                eprintln!("error: cannot read standard input: {error}");
                Input::Eof
            }
        };
        if answer.unbounded_send(reply).is_err() {
            return;
        }
    }
}

/// The history file: `$NANO_REPL_HISTORY` (empty: none), else `~/.nano_repl_history`.
pub fn history_path() -> Option<PathBuf> {
    match std::env::var_os("NANO_REPL_HISTORY") {
        Some(path) if path.is_empty() => None,
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::var_os("HOME")
            .filter(|home| !home.is_empty())
            .map(|home| PathBuf::from(home).join(".nano_repl_history")),
    }
}

/// Ctrl-C interrupts as usual, noting whether there was text to discard.
struct CtrlC(Arc<AtomicBool>);

impl ConditionalEventHandler for CtrlC {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, context: &EventContext) -> Option<Cmd> {
        self.0.store(!context.line().is_empty(), Ordering::Relaxed);
        Some(Cmd::Interrupt)
    }
}

fn read_terminal(requested: mpsc::Receiver<&'static str>, answer: UnboundedSender<Input>) {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .max_history_size(1000)
        .and_then(|config| config.history_ignore_dups(true))
        .map(|config| config.build())
        .unwrap_or_default();
    let mut editor: Editor<(), DefaultHistory> = match Editor::with_config(config) {
        Ok(editor) => editor,
        Err(error) => {
            eprintln!("error: cannot use the terminal ({error}); reading lines plainly");
            return read_plain(requested, answer);
        }
    };
    let history = history_path();
    if let Some(path) = &history {
        // A missing or unreadable file just starts an empty history.
        let _ = editor.load_history(path);
    }
    let had_text = Arc::new(AtomicBool::new(false));
    editor.bind_sequence(
        KeyEvent::ctrl('C'),
        EventHandler::Conditional(Box::new(CtrlC(had_text.clone()))),
    );
    for prompt in requested {
        let reply = match editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty()
                    && editor.add_history_entry(line.as_str()).unwrap_or(false)
                {
                    if let Some(path) = &history {
                        // History is a convenience: failing to save it is not an error.
                        let _ = editor.append_history(path);
                    }
                }
                Input::Line(line)
            }
            Err(rustyline::error::ReadlineError::Interrupted) => Input::Interrupted {
                had_text: had_text.swap(false, Ordering::Relaxed),
            },
            Err(rustyline::error::ReadlineError::Eof) => Input::Eof,
            Err(error) => {
                eprintln!("error: cannot read the terminal: {error}");
                Input::Eof
            }
        };
        if answer.unbounded_send(reply).is_err() {
            return;
        }
    }
}
