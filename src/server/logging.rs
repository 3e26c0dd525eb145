//! Process-wide log set-up (`tracing` to stderr).

use std::io::IsTerminal;
use std::str::FromStr;

use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::EnvFilter;

use super::log_buffer::LogWriter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable single lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

impl FromStr for LogFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "pretty" | "text" => Ok(LogFormat::Pretty),
            "json" => Ok(LogFormat::Json),
            other => Err(format!(
                "unknown log format {other:?} (expected pretty or json)"
            )),
        }
    }
}

/// The log target of the start-up announcements (the addresses the server
/// listens on): printed at every level, since scripts and tests read them.
pub const ANNOUNCE_TARGET: &str = "nano::announce";

/// Installs the global subscriber: lines at `level` and above, unless
/// `RUST_LOG` is set, whose directives (finer: per target) then win.
/// Announcements are printed either way. Calling it again does nothing.
pub fn init_logging(format: LogFormat, level: LevelFilter) {
    let announce = format!("{ANNOUNCE_TARGET}=info")
        .parse()
        .expect("a valid directive");
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::default().add_directive(level.into()))
        .add_directive(announce);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| LogWriter)
        .with_ansi(colours())
        .with_thread_names(false);
    let _ = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().with_current_span(false).try_init(),
    };
}

/// Whether log lines are coloured: only when stderr is a terminal.
pub(crate) fn colours() -> bool {
    std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_formats() {
        assert_eq!("json".parse::<LogFormat>(), Ok(LogFormat::Json));
        assert_eq!("Pretty".parse::<LogFormat>(), Ok(LogFormat::Pretty));
        assert!("xml".parse::<LogFormat>().is_err());
    }
}
