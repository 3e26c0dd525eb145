//! Running `nano` as a command and reading what it printed.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output};

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Exit code, failing on a signal (an abort is never acceptable).
pub fn code(output: &Output) -> i32 {
    match output.status.code() {
        Some(code) => code,
        None => panic!(
            "nano died of signal {:?}; stderr: {}",
            output.status.signal(),
            stderr(output)
        ),
    }
}

/// `nano eval [args] --file <source in a temp file>`.
pub fn eval_source(source: &str, args: &[&str]) -> Output {
    let mut file = tempfile::Builder::new()
        .suffix(".js")
        .tempfile()
        .expect("a temp file");
    file.write_all(source.as_bytes()).expect("write the script");
    Command::new(env!("CARGO_BIN_EXE_nano"))
        .arg("eval")
        .args(args)
        .arg("--file")
        .arg(file.path())
        .env_remove("RUST_LOG")
        .output()
        .expect("running nano eval")
}
