//! `nano repl`, run as the real binary: through a pipe (no prompts, one
//! result per line on stdout, errors on stderr), and on a pseudo-terminal
//! (through util-linux `script`) for prompts, Ctrl-C and history.

mod common;

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::output::{code, stderr, stdout};

/// `nano repl` without history, its standard streams on pipes.
fn spawn_on_pipes() -> Child {
    Command::new(env!("CARGO_BIN_EXE_nano"))
        .arg("repl")
        .env("NANO_REPL_HISTORY", "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running nano repl")
}

/// Runs `nano repl` with `input` on a pipe, until it exits.
fn repl(input: &str) -> Output {
    let mut child = spawn_on_pipes();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    // Written from a thread: the REPL may exit (`.exit`) before reading it all.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = wait_with_timeout(child, Duration::from_secs(30));
    writer.join().unwrap();
    output
}

fn wait_with_timeout(mut child: Child, limit: Duration) -> Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "nano repl did not exit; stdout: {}; stderr: {}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// Runs `input` and checks stdout line by line, with an empty stderr.
fn assert_results(input: &str, expected: &[&str]) {
    let output = repl(input);
    let lines: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    assert_eq!(lines, expected, "stderr: {}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 0);
}

/// Feeds `input`; the session must print `expected` on standard output,
/// show each of `errors` on standard error, and end with 0.
fn assert_errors_shown_and_session_goes_on(input: &str, expected: &str, errors: &[&str]) {
    let output = repl(input);
    let shown = stderr(&output);
    assert_eq!(stdout(&output), expected, "stderr: {shown}");
    for error in errors {
        assert!(shown.contains(error), "{error:?} not in: {shown}");
    }
    assert_eq!(code(&output), 0);
}

#[test]
fn evaluates_an_expression() {
    assert_results("1 + 1\n", &["2"]);
}

#[test]
fn bindings_persist_between_inputs() {
    assert_results(
        "let x = 40\nx + 2\nconst k = 'c'\nk\nvar w = 1; w += 1\nclass P { get v() { return 3 } }\nnew P().v\n",
        &["undefined", "42", "undefined", "'c'", "2", "undefined", "3"],
    );
}

#[test]
fn continues_an_incomplete_input_on_the_next_lines() {
    assert_results(
        "function add(a, b) {\n  const sum = a + b\n\n  return sum\n}\nadd(2, 3)\n[1,\n 2].length\nconst t = `a\nb`; t\nf = (x) =>\n  x * 2\nf(4)\n/* a\ncomment */ 'c'\nMath.max(1\n, 7)\n",
        &["undefined", "5", "2", "'a\\nb'", "[Function: f]", "8", "'c'", "7"],
    );
}

#[test]
fn two_blank_lines_evaluate_an_incomplete_input() {
    assert_errors_shown_and_session_goes_on(
        "if (true) {\n\n\n'next'\n",
        "'next'\n",
        &["SyntaxError: Unexpected end of input"],
    );
}

#[test]
fn awaits_at_the_top_level() {
    let started = Instant::now();
    assert_results(
        "await new Promise(r => setTimeout(() => r(5), 20))\nconst v = await Promise.resolve(9)\nv\nlet {a, b: [c]} = await Promise.resolve({a: 1, b: [2]}); a + c\na\nasync function g() { return 11 }\nawait g()\ng.name\n",
        &["5", "undefined", "9", "3", "1", "undefined", "11", "'g'"],
    );
    assert!(started.elapsed() >= Duration::from_millis(20));
}

#[test]
fn an_await_spanning_lines() {
    assert_results(
        "await Promise.all([\n  1,\n  Promise.resolve(2),\n])\n",
        &["[ 1, 2 ]"],
    );
}

#[test]
fn an_error_is_shown_and_the_session_goes_on() {
    assert_errors_shown_and_session_goes_on(
        "throw new Error('boom')\n'after'\nawait Promise.reject(new Error('late'))\n1\nnope()\n2\n",
        "'after'\n1\n2\n",
        &[
            "Uncaught Error: boom\n    at REPL1:",
            "Uncaught Error: late",
            "Uncaught ReferenceError: nope is not defined",
        ],
    );
}

#[test]
fn an_error_after_an_await_points_at_its_own_line() {
    assert_errors_shown_and_session_goes_on(
        "1\nawait 1; throw new Error('late')\n'next'\n",
        "1\n'next'\n",
        &["Uncaught Error: late\n    at REPL2:1:16"],
    );
}

#[test]
fn a_syntax_error_is_shown_and_the_session_goes_on() {
    assert_errors_shown_and_session_goes_on(
        "let = = 1\n'abc\nawait ]\n3\n",
        "3\n",
        &[
            "REPL1:1:7\nlet = = 1\n      ^\nUncaught SyntaxError: Unexpected token '='",
            "Uncaught SyntaxError: Invalid or unexpected token",
            "REPL3:1:7\nawait ]\n      ^\nUncaught SyntaxError: Unexpected token ']'",
        ],
    );
}

#[test]
fn values_are_shown_like_node() {
    assert_results(
        "'abc'\n\"it's\"\n({ a: 1 })\n{ b: [2] }\n{ let z = 3; z }\n[1, 'a', { b: 2 }]\nundefined\nnull\nPromise.resolve(3)\n() => 1\n",
        &["'abc'", "\"it's\"", "{ a: 1 }", "{ b: [ 2 ] }", "3", "[ 1, 'a', { b: 2 } ]", "undefined", "null", "Promise { 3 }", "[Function (anonymous)]"],
    );
}

#[test]
fn console_output_and_timers_between_inputs() {
    assert_results(
        "console.log('hi', { n: 1 })\nsetTimeout(() => console.log('later'), 30); 'now'\n",
        &["hi { n: 1 }", "undefined", "'now'", "later"],
    );
}

#[test]
fn a_throwing_timer_is_reported_and_the_session_goes_on() {
    assert_errors_shown_and_session_goes_on(
        "setTimeout(() => { throw new Error('tick') }, 1); 1\nawait new Promise(r => setTimeout(r, 30))\n'ok'\n",
        "1\nundefined\n'ok'\n",
        &["Uncaught Error: tick"],
    );
}

#[test]
fn a_promise_that_cannot_settle_is_reported() {
    assert_errors_shown_and_session_goes_on(
        "await new Promise(() => {})\n'next'\n",
        "'next'\n",
        &["never settled"],
    );
}

#[test]
fn dot_exit_leaves_at_once() {
    let output = repl("1\n.exit\n2\nsetTimeout(() => console.log('no'), 10)\n");
    assert_eq!(stdout(&output), "1\n");
    assert_eq!(code(&output), 0);
    let output = repl("setTimeout(() => console.log('dropped'), 200)\n.exit\n");
    assert_eq!(stdout(&output), "1\n", "a timer id, and no timer output");
}

#[test]
fn end_of_input_exits_after_pending_work() {
    assert_results("", &[]);
    assert_results("1\n2", &["1", "2"]);
    assert_results(
        "setTimeout(() => console.log('finished'), 30); 'started'\n",
        &["'started'", "finished"],
    );
}

#[test]
fn help_and_unknown_commands() {
    let output = repl(".help\n.nope\n.5 + 1\n");
    let out = stdout(&output);
    assert!(out.contains(".exit"), "{out}");
    assert!(out.ends_with("1.5\n"), "{out}");
    assert_eq!(stderr(&output), "Invalid REPL keyword\n");
    assert_eq!(code(&output), 0);
}

#[test]
fn break_discards_a_pending_input() {
    assert_results("foo(\n.break\n'clean'\n", &["'clean'"]);
}

/// A `nano repl` on pipes, whose standard output is read as it comes.
struct Piped {
    child: Child,
    input: Option<std::process::ChildStdin>,
    output: Arc<Mutex<String>>,
}

impl Piped {
    fn start() -> Piped {
        let mut child = spawn_on_pipes();
        let input = child.stdin.take();
        let output = collect(child.stdout.take().unwrap());
        Piped {
            child,
            input,
            output,
        }
    }

    fn send(&mut self, text: &str) {
        let input = self.input.as_mut().unwrap();
        input.write_all(text.as_bytes()).unwrap();
        input.flush().unwrap();
    }

    /// Waits until standard output holds `text`.
    fn expect(&self, text: &str) {
        let started = Instant::now();
        while !self.output.lock().unwrap().contains(text) {
            if started.elapsed() > Duration::from_secs(20) {
                panic!(
                    "{text:?} never appeared in {:?}",
                    self.output.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn sigint(&self) {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    }

    /// Closes standard input and waits: (status, stdout, stderr).
    fn finish(mut self) -> (std::process::ExitStatus, String, String) {
        drop(self.input.take());
        self.wait()
    }

    /// Waits for the process to end with standard input still open, so
    /// that an end of input cannot be what ends it.
    fn wait(self) -> (std::process::ExitStatus, String, String) {
        let output = wait_with_timeout(self.child, Duration::from_secs(30));
        let stdout = self.output.lock().unwrap().clone();
        (output.status, stdout, stderr(&output))
    }
}

#[test]
fn sigint_interrupts_a_running_input_and_the_session_goes_on() {
    let mut repl = Piped::start();
    repl.send("let x = 41\nconsole.log('spinning'); while (true) {}\n");
    repl.expect("spinning\n");
    std::thread::sleep(Duration::from_millis(300));
    repl.sigint();
    repl.send("x + 1\n");
    repl.expect("42\n");
    // An interrupt in a promise reaction, then while awaiting a timer.
    repl.send("Promise.resolve().then(() => { console.log('reacting'); while (true) {} })\n");
    repl.expect("reacting\n");
    std::thread::sleep(Duration::from_millis(300));
    repl.sigint();
    repl.send("x + 2\n");
    repl.expect("43\n");
    repl.send("console.log('waiting'); await new Promise((r) => setTimeout(r, 1000))\n");
    repl.expect("waiting\n");
    std::thread::sleep(Duration::from_millis(300));
    repl.sigint();
    repl.send("x + 3\n");
    let (status, stdout, stderr) = repl.finish();
    assert_eq!(status.code(), Some(0), "{status:?}; stderr: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "undefined",
            "spinning",
            "42",
            "reacting",
            "43",
            "waiting",
            "44"
        ],
        "stderr: {stderr}"
    );
    assert_eq!(
        stderr
            .matches("Script execution was interrupted by Ctrl-C\n")
            .count(),
        3,
        "{stderr}"
    );
}

#[test]
fn sigint_while_waiting_for_input_ends_the_process() {
    let mut repl = Piped::start();
    repl.send("1 + 1\n");
    repl.expect("2\n");
    std::thread::sleep(Duration::from_millis(100));
    repl.sigint();
    let (status, stdout, stderr) = repl.wait();
    assert_eq!(status.signal(), Some(2), "{status:?}; stderr: {stderr}");
    assert_eq!(stdout, "2\n");
}

/// Everything `output` produces, gathered by a thread as it comes.
fn collect(mut output: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let gathered = Arc::new(Mutex::new(String::new()));
    let filled = gathered.clone();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(read) = output.read(&mut buffer) {
            if read == 0 {
                break;
            }
            filled
                .lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..read]));
        }
    });
    gathered
}

/// A `nano repl` on a pseudo-terminal, driven like a user at a keyboard.
struct Terminal {
    child: Child,
    input: std::process::ChildStdin,
    screen: Arc<Mutex<String>>,
    seen: usize,
}

impl Terminal {
    /// None where util-linux `script` is not installed.
    fn start(history: &std::path::Path) -> Option<Terminal> {
        // `exec`: a shell left between `script` and nano would be in the
        // terminal's foreground group too, and die of the Ctrl-C that nano
        // takes (dash does not exec the last command by itself).
        let command = format!("exec '{}' repl", env!("CARGO_BIN_EXE_nano"));
        let mut child = Command::new("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .env("SHELL", "/bin/sh")
            .env("TERM", "xterm")
            .env("NANO_REPL_HISTORY", history)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let input = child.stdin.take().unwrap();
        let screen = collect(child.stdout.take().unwrap());
        Some(Terminal {
            child,
            input,
            screen,
            seen: 0,
        })
    }

    /// Waits until `text` appears after what was already expected.
    fn expect(&mut self, text: &str) {
        let started = Instant::now();
        loop {
            {
                let screen = self.screen.lock().unwrap();
                if let Some(found) = screen[self.seen..].find(text) {
                    self.seen += found + text.len();
                    return;
                }
                if started.elapsed() > Duration::from_secs(20) {
                    panic!("{text:?} never appeared after {:?}", &screen[self.seen..]);
                }
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn send(&mut self, keys: &str) {
        self.input.write_all(keys.as_bytes()).unwrap();
        self.input.flush().unwrap();
    }

    fn exit_code(self) -> i32 {
        let Terminal { child, input, .. } = self;
        drop(input);
        code(&wait_with_timeout(child, Duration::from_secs(20)))
    }
}

#[test]
fn on_a_terminal_prompts_ctrl_c_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history");
    let Some(mut terminal) = Terminal::start(&history) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    terminal.expect("Type \".help\"");
    terminal.expect("> ");
    terminal.send("6 * 7\r");
    terminal.expect("42");
    terminal.expect("> ");
    terminal.send("let o = {\r");
    terminal.expect("... ");
    terminal.send("k: 1 }\r");
    terminal.expect("undefined");
    terminal.expect("> ");
    // Ctrl-C discards the line being typed, then twice on an empty line exits.
    terminal.send("o.k + 'x'\x03");
    terminal.expect("> ");
    terminal.send("\x03");
    terminal.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
    terminal.expect("> ");
    terminal.send("\x03");
    assert_eq!(terminal.exit_code(), 0);
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.contains("6 * 7") && saved.contains("let o = {"),
        "{saved}"
    );
    assert!(
        !saved.contains("o.k"),
        "an interrupted line is not history: {saved}"
    );

    // A new session recalls the history with the up arrow; Ctrl-D exits.
    let mut terminal = Terminal::start(&history).unwrap();
    terminal.expect("> ");
    terminal.send("\x1b[A\x1b[A\x1b[A\r");
    terminal.expect("42");
    terminal.expect("> ");
    terminal.send("\x04");
    assert_eq!(terminal.exit_code(), 0);
}

#[test]
fn on_a_terminal_ctrl_c_interrupts_a_running_input() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mut terminal) = Terminal::start(&dir.path().join("history")) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    terminal.expect("> ");
    terminal.send("let y = 20\r");
    terminal.expect("undefined");
    terminal.expect("> ");
    // The echoed input has `('spinning')`; the output alone ends the line.
    terminal.send("console.log('spinning'); while (true) {}\r");
    terminal.expect("spinning\r\n");
    std::thread::sleep(Duration::from_millis(300));
    terminal.send("\x03");
    terminal.expect("Script execution was interrupted by Ctrl-C");
    terminal.expect("> ");
    terminal.send("y * 2 + 2\r");
    terminal.expect("42");
    terminal.expect("> ");
    // At the prompt, Ctrl-C is as before.
    terminal.send("\x03");
    terminal.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
    terminal.expect("> ");
    terminal.send("\x04");
    assert_eq!(terminal.exit_code(), 0);
}
