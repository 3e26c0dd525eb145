//! Building a core's monoio runtime: io_uring where the kernel offers it,
//! the epoll ("legacy") driver otherwise.

use std::io;
use std::sync::Once;

use monoio::time::TimeDriver;
use monoio::{FusionDriver, FusionRuntime, IoUringDriver, LegacyDriver, RuntimeBuilder};
use tracing::{info, warn};

/// A runtime on either driver, with timers.
pub(crate) type CoreRuntime = FusionRuntime<TimeDriver<IoUringDriver>, TimeDriver<LegacyDriver>>;

static DRIVER_LOGGED: Once = Once::new();

/// Builds the runtime for one core. `FusionDriver` probes io_uring (and
/// honours `MONOIO_FORCE_LEGACY_DRIVER=1`); if the probe passes but the ring
/// still cannot be created (e.g. locked-memory limits), epoll is used.
pub(crate) fn build_runtime() -> io::Result<CoreRuntime> {
    let uring = monoio::utils::detect_uring();
    match RuntimeBuilder::<FusionDriver>::new().enable_timer().build() {
        Ok(rt) => {
            DRIVER_LOGGED.call_once(|| {
                if uring {
                    info!("io driver: io_uring");
                } else {
                    info!("io driver: epoll (io_uring unavailable; using the legacy driver)");
                }
            });
            Ok(rt)
        }
        Err(e) if uring => {
            let rt = RuntimeBuilder::<LegacyDriver>::new()
                .enable_timer()
                .build()?;
            DRIVER_LOGGED.call_once(|| {
                warn!(error = %e, "io driver: epoll (io_uring ring setup failed; using the legacy driver)");
            });
            Ok(rt.into())
        }
        Err(e) => Err(e),
    }
}
