//! The apps of one core: which app a request goes to, each app's isolate
//! loaded on its first request from the core's warm pool, and at most
//! `max_isolates` of them loaded at once, the least recently used and the
//! idle unloaded. Core 0 also fires the apps' cron triggers.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use tracing::{debug, error, info};

use super::app::{AppCore, AppStats, LoadReports};
use super::core_load::CoreLoad;
use super::hosted::{HostedApp, HostedApps};
use super::http::{AppStatus, CoreHandler, Handling, HttpRequest, HttpResponse, RequestContext};
use super::scheduler::{unix_now_ms, CronTable, ScheduledReport, CRON_CHECK_MAX};
use super::warm_pool::WarmPool;
use crate::http::RequestId;
use crate::metrics::{AppIsolates, AppLabel, IsolateStats, TerminationReason};
use crate::runtime::watchdog::stalled_time_of_this_thread;
use crate::runtime::{
    gc_pauses_of_this_thread, isolates_alive, optimising_time_of_this_thread, CacheStore,
};

/// How a core keeps app isolates.
#[derive(Debug, Clone, Copy)]
pub struct IsolatePolicy {
    /// Blank isolates kept ready per core.
    pub warm_isolates: usize,
    /// Heap limit of the warm isolates, in MiB: the default apps get.
    pub warm_heap_mb: usize,
    /// App isolates loaded at once per core; loading one more unloads the
    /// least recently used.
    pub max_isolates: usize,
    /// An app with no request for this long is unloaded.
    pub idle_timeout: Duration,
}

/// Longest wait between two looks for idle apps.
const IDLE_CHECK_MAX: Duration = Duration::from_secs(1);
/// The core that runs the cron triggers.
const CRON_CORE: usize = 0;

/// One app on this core, loaded or not.
struct AppSlot {
    label: AppLabel,
    hosted: RefCell<Arc<HostedApp>>,
    loaded: RefCell<Option<Rc<AppCore>>>,
    /// The core's request count when the app last had a request: orders
    /// apps by last use without reading the clock per request.
    last_used: Cell<u64>,
    /// `last_used` at the previous look for idle apps, and how long it has
    /// stayed the same since.
    idle_since_check: Cell<(u64, Duration)>,
    stats: Rc<AppStats>,
    /// The app's Cache API store on this core: it outlives the app's
    /// isolates, as Workers' cache outlives deployments.
    cache: Rc<CacheStore>,
    evicted_lru: Cell<u64>,
    evicted_idle: Cell<u64>,
}

impl AppSlot {
    fn new(hosted: Arc<HostedApp>) -> Rc<AppSlot> {
        let limits = hosted.limits.cache;
        Rc::new(AppSlot {
            label: AppLabel {
                id: hosted.id,
                name: hosted.name.as_str().into(),
            },
            hosted: RefCell::new(hosted),
            loaded: RefCell::new(None),
            last_used: Cell::new(0),
            idle_since_check: Cell::new((0, Duration::ZERO)),
            stats: Rc::default(),
            cache: Rc::new(CacheStore::new(limits)),
            evicted_lru: Cell::new(0),
            evicted_idle: Cell::new(0),
        })
    }

    fn loaded(&self) -> Option<Rc<AppCore>> {
        self.loaded.borrow().clone()
    }
}

struct Registry {
    core: usize,
    hosted: RefCell<Arc<HostedApps>>,
    /// By label id; ids of removed apps are None.
    slots: RefCell<Vec<Option<Rc<AppSlot>>>>,
    pool: Rc<WarmPool>,
    policy: IsolatePolicy,
    /// Requests routed to an app on this core so far.
    uses: Cell<u64>,
    reports: Option<LoadReports>,
    /// Scheduled runs started on this core, to label their console output.
    scheduled_runs: Cell<u64>,
    /// Set when the core drains: no more cron ticks.
    draining: Cell<bool>,
}

/// The per-core handler of every hosted app.
pub struct AppRegistry {
    inner: Rc<Registry>,
}

impl AppRegistry {
    /// The apps of core `core`. With `preload`, the only app there is is
    /// loaded now, and a failure to load it is returned (the one-app
    /// `nano serve ./app` refuses to start with an app that does not load).
    /// `load` is the core's, whose gaps between requests the warm pool
    /// restores its runtimes in. Each reload's outcome goes
    /// to `reports` when given.
    pub async fn start(
        hosted: Arc<HostedApps>,
        core: usize,
        load: Rc<CoreLoad>,
        policy: IsolatePolicy,
        preload: bool,
        reports: Option<LoadReports>,
    ) -> Result<AppRegistry, crate::runtime::RuntimeError> {
        let registry = Rc::new(Registry {
            core,
            hosted: RefCell::new(hosted.clone()),
            slots: RefCell::new(Vec::new()),
            pool: WarmPool::new(core, policy.warm_isolates, policy.warm_heap_mb, load),
            policy,
            uses: Cell::new(0),
            reports,
            scheduled_runs: Cell::new(0),
            draining: Cell::new(false),
        });
        registry.take_apps(&hosted);
        if preload {
            for app in &hosted.apps {
                let slot = registry.slot(app.id).expect("every hosted app has a slot");
                registry.app_core(&slot).load_now().await?;
            }
        }
        monoio::spawn(registry.clone().unload_idle());
        if core == CRON_CORE {
            monoio::spawn(registry.clone().fire_crons());
        }
        Ok(AppRegistry { inner: registry })
    }
}

impl Registry {
    fn slot(&self, id: usize) -> Option<Rc<AppSlot>> {
        self.slots.borrow().get(id).cloned().flatten()
    }

    /// Makes the slots match `hosted`: new apps get one, removed apps are
    /// unloaded (their requests finish first), the others take their new
    /// description. Returns the apps that stayed and are loaded.
    fn take_apps(&self, hosted: &HostedApps) -> Vec<(Rc<AppCore>, Arc<HostedApp>)> {
        let mut slots = self.slots.borrow_mut();
        let mut kept = Vec::new();
        let mut present = vec![false; slots.len()];
        for app in &hosted.apps {
            if slots.len() <= app.id {
                slots.resize(app.id + 1, None);
                present.resize(app.id + 1, false);
            }
            present[app.id] = true;
            match &slots[app.id] {
                Some(slot) => {
                    *slot.hosted.borrow_mut() = app.clone();
                    if let Some(core) = slot.loaded() {
                        kept.push((core, app.clone()));
                    }
                }
                None => slots[app.id] = Some(AppSlot::new(app.clone())),
            }
        }
        for (id, slot) in slots.iter_mut().enumerate() {
            if !present[id] {
                if let Some(slot) = slot.take() {
                    Self::unload(&slot);
                    info!(app = %slot.label.name, core = self.core, "app removed");
                }
            }
        }
        kept
    }

    /// The app's isolate holder, made (not loaded: its first request loads
    /// it) when the app is not loaded, after unloading the least recently
    /// used app if the core is at its limit.
    fn app_core(&self, slot: &Rc<AppSlot>) -> Rc<AppCore> {
        if let Some(core) = slot.loaded() {
            return core;
        }
        let loaded = self.loaded_slots();
        if loaded.len() >= self.policy.max_isolates {
            let oldest = loaded
                .iter()
                .min_by_key(|other| other.last_used.get())
                .expect("max_isolates is at least 1");
            debug!(app = %oldest.label.name, core = self.core, "unloading the least recently used app");
            Self::unload(oldest);
            oldest.evicted_lru.set(oldest.evicted_lru.get() + 1);
        }
        let core = AppCore::new(
            slot.hosted.borrow().clone(),
            self.core,
            self.pool.clone(),
            slot.stats.clone(),
            slot.cache.clone(),
            self.reports.clone(),
        );
        *slot.loaded.borrow_mut() = Some(core.clone());
        core
    }

    fn loaded_slots(&self) -> Vec<Rc<AppSlot>> {
        self.slots
            .borrow()
            .iter()
            .flatten()
            .filter(|slot| slot.loaded.borrow().is_some())
            .cloned()
            .collect()
    }

    fn unload(slot: &AppSlot) {
        if let Some(core) = slot.loaded.borrow_mut().take() {
            core.unload();
        }
    }

    /// Unloads apps idle longer than the idle timeout, until the core stops.
    async fn unload_idle(self: Rc<Self>) {
        let every = (self.policy.idle_timeout / 4).min(IDLE_CHECK_MAX);
        loop {
            monoio::time::sleep(every).await;
            for slot in self.loaded_slots() {
                let (seen, idle) = slot.idle_since_check.get();
                let used = slot.last_used.get();
                let busy = slot.loaded().is_some_and(|core| core.in_flight() > 0);
                let idle = if used == seen && !busy {
                    idle + every
                } else {
                    Duration::ZERO
                };
                slot.idle_since_check.set((used, idle));
                if idle >= self.policy.idle_timeout {
                    debug!(app = %slot.label.name, core = self.core, idle_s = idle.as_secs(), "unloading an idle app");
                    Self::unload(&slot);
                    slot.evicted_idle.set(slot.evicted_idle.get() + 1);
                }
            }
        }
    }

    /// Fires the cron triggers of the apps as they fall due, until the core
    /// drains. Each run is a task of its own: a slow one delays no other.
    async fn fire_crons(self: Rc<Self>) {
        let mut table = CronTable::default();
        while !self.draining.get() {
            let now = unix_now_ms();
            let hosted = self.hosted.borrow().clone();
            let (ticks, next) = table.due(&hosted, now);
            for tick in ticks {
                if let Some(slot) = self.slot(tick.app) {
                    let run = self
                        .clone()
                        .run_scheduled(slot, tick.cron, tick.scheduled_time_ms);
                    monoio::spawn(run);
                }
            }
            let wait = next.map_or(CRON_CHECK_MAX, |at| {
                Duration::from_millis(at.saturating_sub(now).max(1) as u64)
            });
            monoio::time::sleep(wait.min(CRON_CHECK_MAX)).await;
        }
    }

    /// Runs the app's `scheduled` handler for one tick of `cron`, then logs
    /// and counts the run as a request is.
    async fn run_scheduled(
        self: Rc<Self>,
        slot: Rc<AppSlot>,
        cron: String,
        scheduled_time_ms: i64,
    ) -> ScheduledReport {
        let uses = self.uses.get() + 1;
        self.uses.set(uses);
        slot.last_used.set(uses);
        let run = self.scheduled_runs.get() + 1;
        self.scheduled_runs.set(run);
        let run_id = RequestId::scheduled_run(self.core, run);
        let started = Instant::now();
        let (outcome, failure) = self
            .app_core(&slot)
            .scheduled(&cron, scheduled_time_ms, run_id)
            .await;
        let took = started.elapsed();
        slot.stats.scheduled.borrow_mut().record(outcome, took);
        let app = &slot.label.name;
        let duration_ms = took.as_secs_f64() * 1000.0;
        match &failure {
            None => {
                info!(target: "nano::scheduled", app = %app, run_id = %run_id, cron = %cron, scheduled_time = scheduled_time_ms, outcome = outcome.label(), duration_ms, core = self.core, "scheduled")
            }
            Some(reason) => {
                error!(target: "nano::scheduled", app = %app, run_id = %run_id, cron = %cron, scheduled_time = scheduled_time_ms, outcome = outcome.label(), duration_ms, core = self.core, error = %reason, "scheduled")
            }
        }
        ScheduledReport {
            app: app.to_string(),
            cron,
            scheduled_time_ms,
            outcome,
            duration: took,
            error: failure,
        }
    }

    async fn reload(self: Rc<Self>, apps: Option<Arc<HostedApps>>) {
        let kept = match apps {
            Some(apps) => {
                let kept = self.take_apps(&apps);
                *self.hosted.borrow_mut() = apps;
                kept
            }
            None => self
                .loaded_slots()
                .iter()
                .filter_map(|slot| Some((slot.loaded()?, slot.hosted.borrow().clone())))
                .collect(),
        };
        for (core, hosted) in kept {
            core.reload(hosted).await;
        }
    }
}

impl CoreHandler for AppRegistry {
    fn route(&self, listener: usize, host: Option<&str>, path: &str) -> Option<AppLabel> {
        let hosted = self.inner.hosted.borrow();
        let app = hosted.route(listener, host.unwrap_or(""), path)?;
        self.inner.slot(app.id).map(|slot| slot.label.clone())
    }

    fn listener_label(&self, listener: usize) -> AppLabel {
        let hosted = self.inner.hosted.borrow();
        hosted
            .owner(listener)
            .and_then(|app| self.inner.slot(app.id))
            .map_or_else(AppLabel::unrouted, |slot| slot.label.clone())
    }

    fn handle(&self, app: &AppLabel, req: HttpRequest, ctx: RequestContext) -> Handling {
        let Some(slot) = self.inner.slot(app.id) else {
            // Removed by a reload since it was routed.
            return Handling::Ready(HttpResponse::text(404, "Not Found\n"));
        };
        let uses = self.inner.uses.get() + 1;
        self.inner.uses.set(uses);
        slot.last_used.set(uses);
        self.inner.app_core(&slot).handle(req, ctx)
    }

    /// Every isolate alive on this core but the warm ones: those serving,
    /// versions retiring after a reload or an eviction, and terminated ones
    /// until the last request holding them lets go.
    fn isolate_stats(&self) -> IsolateStats {
        let slots: Vec<Rc<AppSlot>> = self
            .inner
            .slots
            .borrow()
            .iter()
            .flatten()
            .cloned()
            .collect();
        let mut terminations = Vec::with_capacity(2 * slots.len());
        let mut apps = Vec::with_capacity(slots.len());
        for slot in &slots {
            let name = slot.label.name.to_string();
            let killed = &slot.stats.terminations;
            terminations.push((
                name.clone(),
                TerminationReason::CpuLimit,
                killed.cpu_limit.get(),
            ));
            terminations.push((
                name.clone(),
                TerminationReason::HeapLimit,
                killed.heap_limit.get(),
            ));
            let cache = slot.cache.counts();
            apps.push(AppIsolates {
                name,
                isolates: slot.loaded().map_or(0, |core| core.isolates()),
                cold_starts: slot.stats.cold_starts.borrow().clone(),
                evicted_lru: slot.evicted_lru.get(),
                evicted_idle: slot.evicted_idle.get(),
                cache_hits: cache.hits,
                cache_misses: cache.misses,
                cache_bytes: slot.cache.used_bytes() as u64,
                scheduled: slot.stats.scheduled.borrow().clone(),
            });
        }
        IsolateStats {
            alive: isolates_alive().saturating_sub(self.inner.pool.len()),
            terminations,
            stalled: stalled_time_of_this_thread(),
            optimising: optimising_time_of_this_thread(),
            gc_pauses: gc_pauses_of_this_thread(),
            apps,
        }
    }

    fn app_status(&self) -> Vec<AppStatus> {
        let hosted = self.inner.hosted.borrow().clone();
        hosted
            .apps
            .iter()
            .map(|app| {
                let slot = self.inner.slot(app.id);
                AppStatus {
                    name: app.name.clone(),
                    routes: app.routes.iter().map(ToString::to_string).collect(),
                    port: app.port,
                    isolates: slot
                        .as_ref()
                        .and_then(|slot| slot.loaded())
                        .map_or(0, |core| core.isolates()),
                    last_error: slot.and_then(|slot| slot.stats.last_error.borrow().clone()),
                }
            })
            .collect()
    }

    /// Whether every loaded app is at its in-flight limit (with one app:
    /// whether it is).
    fn at_capacity(&self) -> bool {
        let loaded = self.inner.loaded_slots();
        !loaded.is_empty()
            && loaded
                .iter()
                .all(|slot| slot.loaded().is_some_and(|core| core.at_capacity()))
    }

    fn drain(&self) -> LocalBoxFuture<'static, ()> {
        self.inner.draining.set(true);
        let loaded: Vec<Rc<AppCore>> = self
            .inner
            .loaded_slots()
            .iter()
            .filter_map(|slot| slot.loaded())
            .collect();
        async move {
            for core in loaded {
                core.drain().await;
            }
        }
        .boxed_local()
    }

    fn reload(&self, apps: Option<Arc<HostedApps>>) -> LocalBoxFuture<'static, ()> {
        self.inner.clone().reload(apps).boxed_local()
    }

    fn scheduled(
        &self,
        app: &str,
        cron: Option<String>,
    ) -> Option<LocalBoxFuture<'static, ScheduledReport>> {
        let hosted = self.inner.hosted.borrow().clone();
        let app = hosted.apps.iter().find(|hosted| hosted.name == app)?;
        let slot = self.inner.slot(app.id)?;
        let cron = cron.unwrap_or_else(|| {
            app.crons
                .first()
                .map_or_else(String::new, |first| first.as_str().to_string())
        });
        Some(
            self.inner
                .clone()
                .run_scheduled(slot, cron, unix_now_ms())
                .boxed_local(),
        )
    }
}
