//! `nano dev`: `nano serve --watch` on one core, with defaults for working
//! on an app rather than running it.

use std::process::ExitCode;

use clap::Args;

use super::{ServeArgs, ServerArgs};

/// Ctrl-C stops at once: no load balancer needs telling first.
const DEV_SHUTDOWN_DELAY_S: u64 = 0;
/// The app stays loaded between edits however far apart, so that a load
/// error shows when the edit is saved, not at the next request.
const DEV_ISOLATE_IDLE_TIMEOUT_S: u64 = 7 * 24 * 60 * 60;

/// `nano serve`'s flags less those for many apps, many cores and the
/// sandbox.
#[derive(Debug, Args)]
pub struct DevArgs {
    #[command(flatten)]
    server: ServerArgs,
}

pub fn run(args: DevArgs) -> ExitCode {
    let mut server = args.server;
    server.shutdown_delay.get_or_insert(DEV_SHUTDOWN_DELAY_S);
    server
        .isolate_idle_timeout_s
        .get_or_insert(DEV_ISOLATE_IDLE_TIMEOUT_S);
    super::run(ServeArgs {
        server,
        config: None,
        watch_config: false,
        cores: Some(1),
        sandbox: false,
        watch: true,
    })
}
