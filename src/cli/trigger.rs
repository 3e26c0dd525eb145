//! `nano trigger APP`: runs an app's `scheduled` handler in a running
//! server by hand, through its admin listener, and prints how it went.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;

use clap::Args;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::{EXIT_JS_ERROR, EXIT_USAGE};

#[derive(Debug, Clone, Args)]
pub struct TriggerArgs {
    /// The app's name: its `name` in the config file, or for
    /// `nano serve ./app` its folder's name.
    #[arg(value_name = "APP")]
    app: String,
    /// The pattern the handler sees as `controller.cron` [default: the
    /// app's first cron trigger].
    #[arg(long, value_name = "PATTERN")]
    cron: Option<String>,
    /// The server's admin listener, as HOST:PORT.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:9090")]
    admin: String,
}

/// Prints the server's report (JSON); exits 0 when the run's outcome is
/// ok, 1 when the handler failed, 2 when the server could not run it.
pub fn run(args: TriggerArgs) -> ExitCode {
    match post(&args) {
        Ok((200, body)) => {
            print!("{body}");
            let ok = serde_json::from_str::<serde_json::Value>(&body)
                .is_ok_and(|report| report["outcome"] == "ok");
            ExitCode::from(if ok { 0 } else { EXIT_JS_ERROR })
        }
        Ok((status, body)) => {
            eprintln!("error: the server answered {status}: {}", body.trim_end());
            ExitCode::from(EXIT_USAGE)
        }
        Err(error) => {
            eprintln!(
                "error: cannot reach the admin listener at {}: {error}",
                args.admin
            );
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Sends `POST /apps/APP/scheduled` and returns the status and body.
fn post(args: &TriggerArgs) -> std::io::Result<(u16, String)> {
    let mut target = format!(
        "/apps/{}/scheduled",
        utf8_percent_encode(&args.app, NON_ALPHANUMERIC)
    );
    if let Some(cron) = &args.cron {
        target.push_str("?cron=");
        target.extend(utf8_percent_encode(cron, NON_ALPHANUMERIC));
    }
    let mut stream = TcpStream::connect(&args.admin)?;
    write!(
        stream,
        "POST {target} HTTP/1.1\r\nhost: {}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        args.admin
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let invalid = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP response");
    let (head, body) = response.split_once("\r\n\r\n").ok_or_else(invalid)?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(invalid)?;
    Ok((status, body.to_string()))
}
