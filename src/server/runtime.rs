//! Building a core's monoio runtime: io_uring where the kernel offers it,
//! set up for a ring that only its own thread touches, and the epoll
//! ("legacy") driver otherwise.

use std::io;
use std::sync::Once;

use monoio::time::TimeDriver;
use monoio::{FusionDriver, FusionRuntime, IoUringDriver, LegacyDriver, RuntimeBuilder};
use tracing::{info, warn};

/// A runtime on either driver, with timers.
pub(crate) type CoreRuntime = FusionRuntime<TimeDriver<IoUringDriver>, TimeDriver<LegacyDriver>>;

static DRIVER_LOGGED: Once = Once::new();

/// Ring set-ups, best first. A core's ring is only ever used by the thread
/// that made it, so the kernel may run completion work when that thread
/// next enters the ring instead of interrupting it for every completion.
#[derive(Clone, Copy, Debug)]
enum RingSetup {
    /// `SINGLE_ISSUER` + `DEFER_TASKRUN` (Linux 6.1): completion work runs
    /// only when the thread asks for events.
    Deferred,
    /// `COOP_TASKRUN` (Linux 5.19): no inter-processor interrupt per completion.
    Cooperative,
    /// What every io_uring kernel accepts.
    Default,
}

impl RingSetup {
    const BEST_FIRST: [RingSetup; 3] = [
        RingSetup::Deferred,
        RingSetup::Cooperative,
        RingSetup::Default,
    ];

    fn builder(self) -> io_uring::Builder {
        let mut builder = io_uring::IoUring::builder();
        match self {
            RingSetup::Deferred => {
                builder.setup_single_issuer().setup_defer_taskrun();
            }
            RingSetup::Cooperative => {
                builder.setup_coop_taskrun();
            }
            RingSetup::Default => {}
        }
        builder
    }

    fn name(self) -> &'static str {
        match self {
            RingSetup::Deferred => "single issuer, deferred task work",
            RingSetup::Cooperative => "cooperative task work",
            RingSetup::Default => "default",
        }
    }
}

/// Builds the runtime for one core, on that core's thread. `FusionDriver`
/// probes io_uring (and honours `MONOIO_FORCE_LEGACY_DRIVER=1`); a ring set-up
/// the kernel refuses falls back to the next one, and to epoll when no ring
/// can be made (e.g. locked-memory limits) or `io_uring` is false.
pub(crate) fn build_runtime(io_uring: bool) -> io::Result<CoreRuntime> {
    if !io_uring {
        let rt = legacy_runtime()?;
        DRIVER_LOGGED.call_once(|| info!("io driver: epoll (sandboxed: no io_uring)"));
        return Ok(rt);
    }
    if !monoio::utils::detect_uring() {
        let rt = legacy_runtime()?;
        DRIVER_LOGGED.call_once(|| info!("io driver: epoll (io_uring unavailable)"));
        return Ok(rt);
    }
    let mut last_error = None;
    for setup in RingSetup::BEST_FIRST {
        match RuntimeBuilder::<FusionDriver>::new()
            .uring_builder(setup.builder())
            .enable_timer()
            .build()
        {
            Ok(rt) => {
                DRIVER_LOGGED.call_once(|| info!(ring = setup.name(), "io driver: io_uring"));
                return Ok(rt);
            }
            Err(e) => last_error = Some(e),
        }
    }
    let rt = legacy_runtime()?;
    DRIVER_LOGGED.call_once(|| {
        let error = last_error.map(|e| e.to_string()).unwrap_or_default();
        warn!(
            error,
            "io driver: epoll (io_uring ring setup failed; using the legacy driver)"
        );
    });
    Ok(rt)
}

fn legacy_runtime() -> io::Result<CoreRuntime> {
    Ok(RuntimeBuilder::<LegacyDriver>::new()
        .enable_timer()
        .build()?
        .into())
}
