//! Blank runtimes restored from the startup snapshot ahead of need, one
//! pool per core, so that loading an app (a cold start, or replacing a
//! terminated isolate) only has to run the app's own code.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use tracing::warn;

use super::core_load::CoreLoad;
use crate::runtime::{Runtime, RuntimeError, RuntimeOptions, UncaughtPolicy};

/// How long after the core starts the pool is first filled: requests that
/// came while the server started are served first.
const FIRST_FILL_DELAY: Duration = Duration::from_millis(50);
/// Restoring a runtime holds the core for a few milliseconds, so the pool
/// waits for the end of the last request running, but no longer than this:
/// under steady load it refills anyway.
const IDLE_WAIT_MAX: Duration = Duration::from_millis(100);

pub(crate) struct WarmPool {
    core: usize,
    /// Runtimes kept ready.
    size: usize,
    /// The heap limit of the pooled runtimes (fixed when an isolate is
    /// made): apps with another limit get a runtime made for them.
    max_heap_mb: usize,
    ready: RefCell<Vec<Runtime>>,
    filling: Cell<bool>,
    load: Rc<CoreLoad>,
}

impl WarmPool {
    pub(crate) fn new(
        core: usize,
        size: usize,
        max_heap_mb: usize,
        load: Rc<CoreLoad>,
    ) -> Rc<WarmPool> {
        let pool = Rc::new(WarmPool {
            core,
            size,
            max_heap_mb,
            ready: RefCell::new(Vec::with_capacity(size)),
            filling: Cell::new(false),
            load,
        });
        pool.fill(FIRST_FILL_DELAY);
        pool
    }

    /// A runtime with the given heap limit: from the pool when it has one,
    /// else made now. The pool refills itself between requests.
    pub(crate) fn take(
        self: &Rc<Self>,
        max_heap_mb: usize,
    ) -> Result<(Runtime, bool), RuntimeError> {
        let pooled = if max_heap_mb == self.max_heap_mb {
            self.ready.borrow_mut().pop()
        } else {
            None
        };
        self.fill(Duration::ZERO);
        match pooled {
            Some(runtime) => Ok((runtime, true)),
            None => blank_runtime(max_heap_mb).map(|runtime| (runtime, false)),
        }
    }

    /// Runtimes ready now.
    pub(crate) fn len(&self) -> usize {
        self.ready.borrow().len()
    }

    /// Waits until no request runs on the core, or `IDLE_WAIT_MAX`.
    async fn until_idle(&self) {
        let _ = monoio::time::timeout(IDLE_WAIT_MAX, self.load.idle()).await;
    }

    /// Restores runtimes until the pool is full, one per turn of the
    /// core's loop so that requests waiting in between go first.
    fn fill(self: &Rc<Self>, delay: Duration) {
        if self.filling.get() || self.len() >= self.size {
            return;
        }
        self.filling.set(true);
        let pool = self.clone();
        monoio::spawn(async move {
            monoio::time::sleep(delay).await;
            while pool.len() < pool.size {
                pool.until_idle().await;
                match blank_runtime(pool.max_heap_mb) {
                    Ok(runtime) => pool.ready.borrow_mut().push(runtime),
                    Err(error) => {
                        warn!(core = pool.core, error = %error, "could not restore a warm isolate");
                        break;
                    }
                }
                yield_now().await;
            }
            pool.filling.set(false);
        });
    }
}

/// Lets every other task ready on the core run before this one goes on.
async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return std::task::Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    })
    .await
}

/// A runtime no app has used: console output dropped and no run limit
/// until an app adopts it.
fn blank_runtime(max_heap_mb: usize) -> Result<Runtime, RuntimeError> {
    Runtime::new(RuntimeOptions {
        max_heap_mb,
        run_time_limit: None,
        console: Box::new(|_, _, _| {}),
        uncaught: UncaughtPolicy::Report,
        from_snapshot: true,
    })
}
