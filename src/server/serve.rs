//! The supervising main thread: start the cores, announce, wait for
//! signals (reload on SIGHUP; drain on SIGTERM/SIGINT), join.

use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{anyhow, bail, Context};
use crossbeam_channel::{after, never, select, tick, unbounded, Receiver, Sender};
use nix::sys::signal::Signal;
use tracing::{error, info, warn};

use super::app::LoadReport;
use super::config::ServerConfig;
use super::control::{Control, Readiness};
use super::core::{run_core, CoreStart};
use super::hosted::HostedApps;
use super::http::HandlerFactory;
use super::listener::{ensure_free, AddressError};
use super::log_buffer::wait_for_log_writes;
use super::logging::ANNOUNCE_TARGET;
use super::signals::{ServerSignals, RELOAD};
use crate::admin::AdminServer;

/// How long the end of `serve` waits for the log writer to write the cores'
/// last lines; a stderr that takes nothing must not keep the process alive.
const LOG_WRITES_WAIT: Duration = Duration::from_secs(2);

/// Tells the supervisor a core thread ended, however it ended.
struct ExitNotice(usize, Sender<usize>);

impl Drop for ExitNotice {
    fn drop(&mut self) {
        let _ = self.1.send(self.0);
    }
}

struct Cores {
    controls: Vec<Sender<Control>>,
    threads: Vec<JoinHandle<()>>,
}

impl Cores {
    fn shutdown(&self) {
        for c in &self.controls {
            let _ = c.send(Control::Shutdown);
        }
    }

    fn reload(&self, apps: Option<Arc<HostedApps>>) {
        for c in &self.controls {
            let _ = c.send(Control::Reload(apps.clone()));
        }
    }

    fn join(&mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn resolve(host: &str, port: u16) -> anyhow::Result<SocketAddr> {
    (host, port)
        .to_socket_addrs()
        .with_context(|| format!("resolving {host}:{port}"))?
        .next()
        .ok_or_else(|| anyhow!("{host}:{port} resolves to no address"))
}

/// Where the apps are described (the config file, or the one app's
/// folder), read again on SIGHUP. Without one, SIGHUP loads the same apps
/// again from disk.
pub trait AppSource {
    /// What it is, for log lines: "the config file", "the app folder".
    fn name(&self) -> &str;
    /// The apps as described now.
    fn read(&mut self) -> anyhow::Result<Arc<HostedApps>>;
    /// Whether the description changed since it was last read; `serve`
    /// asks every `poll_interval` when watching.
    fn changed(&mut self) -> bool;
    /// How often a watched source is asked whether it changed.
    fn poll_interval(&self) -> Duration {
        Duration::from_secs(1)
    }
    /// How a reload went on a core, when the cores report to the source.
    fn reported(&mut self, _report: LoadReport) {}
}

/// The source of the apps, whether to watch it for changes, and the
/// channel the cores report their reloads on (see `AppRegistry::start`).
pub struct Reloader {
    pub source: Box<dyn AppSource>,
    pub watch: bool,
    pub reports: Option<Receiver<LoadReport>>,
}

/// Runs the server until SIGTERM or SIGINT, then drains and returns
/// `Ok(())`; SIGHUP reloads the app meanwhile. Fails before announcing
/// anything if any core cannot start.
///
/// SIGINT, SIGTERM and SIGHUP are blocked in the calling thread and every
/// thread it spawns; call this before starting other threads that should
/// not see them.
pub fn serve(
    config: ServerConfig,
    factory: HandlerFactory,
    reloader: Option<Reloader>,
) -> anyhow::Result<()> {
    if config.cores == 0 {
        bail!("cores must be at least 1");
    }
    let mut addrs = vec![resolve(&config.host, config.port)?];
    for (_, port) in &config.app_ports {
        addrs.push(resolve(&config.host, *port)?);
    }
    let admin_addr = resolve(&config.admin_host, config.admin_port)?;
    check_ports(&config, &addrs, admin_addr)?;

    let signals = ServerSignals::block().context("blocking the server's signals")?;
    let result = run(&config, factory, reloader, addrs, admin_addr, &signals);
    signals.unblock();
    result
}

/// Refuses a port another process listens on, and a port given to two of
/// the server's own listeners: `SO_REUSEPORT` would let either be shared.
fn check_ports(
    config: &ServerConfig,
    addrs: &[SocketAddr],
    admin_addr: SocketAddr,
) -> Result<(), AddressError> {
    let flags = std::iter::once(config.port_flag)
        .chain(
            config
                .app_ports
                .iter()
                .map(|_| "the app's `port` in the config"),
        )
        .chain(std::iter::once(config.admin_port_flag));
    let mut seen: Vec<(u16, &'static str)> = Vec::with_capacity(addrs.len() + 1);
    for (address, flag) in addrs.iter().chain([&admin_addr]).zip(flags) {
        if address.port() == 0 {
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(port, _)| *port == address.port()) {
            return Err(AddressError::Twice {
                port: address.port(),
                first,
                second: flag,
            });
        }
        seen.push((address.port(), flag));
        ensure_free(*address, flag)?;
    }
    Ok(())
}

fn run(
    config: &ServerConfig,
    factory: HandlerFactory,
    reloader: Option<Reloader>,
    addrs: Vec<SocketAddr>,
    admin_addr: SocketAddr,
    signals: &ServerSignals,
) -> anyhow::Result<()> {
    let readiness = Arc::new(Readiness::new(config.cores));
    let cpus = core_affinity::get_core_ids().unwrap_or_default();
    if cpus.is_empty() {
        warn!("cpu list unavailable; core threads will not be pinned");
    }
    let (ready_tx, ready_rx) = unbounded();
    let (exit_tx, exit_rx) = unbounded();
    let mut cores = Cores {
        controls: Vec::new(),
        threads: Vec::new(),
    };

    // Core 0 binds first so that with port 0 the others can share the port
    // the kernel picked.
    let mut bound = addrs;
    for index in 0..config.cores {
        let (control_tx, control_rx) = unbounded();
        let start = CoreStart {
            index,
            cpu: (!cpus.is_empty()).then(|| cpus[index % cpus.len()]),
            addrs: bound.clone(),
            limits: config.limits.clone(),
            drain_timeout: config.drain_timeout,
            access_log: config.access_log,
            proxy: config.proxy.clone(),
            io_uring: config.syscall_filter.is_none(),
            factory: factory.clone(),
            control: control_rx,
            ready: ready_tx.clone(),
            readiness: readiness.clone(),
        };
        let exit = ExitNotice(index, exit_tx.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("nano-core-{index}"))
            .spawn(move || {
                let _exit = exit;
                run_core(start);
            });
        match spawned {
            Ok(t) => {
                cores.controls.push(control_tx);
                cores.threads.push(t);
            }
            Err(e) => {
                cores.shutdown();
                cores.join();
                return Err(anyhow::Error::new(e).context(format!("spawning core {index}")));
            }
        }
        if index == 0 {
            match wait_ready(&ready_rx, &exit_rx, 1) {
                Ok(mut reports) => bound = reports.remove(0),
                Err(e) => {
                    cores.shutdown();
                    cores.join();
                    return Err(e);
                }
            }
        }
    }
    if config.cores > 1 {
        if let Err(e) = wait_ready(&ready_rx, &exit_rx, config.cores - 1) {
            cores.shutdown();
            cores.join();
            return Err(e);
        }
    }

    let admin = match AdminServer::start(admin_addr, cores.controls.clone(), readiness.clone()) {
        Ok(a) => a,
        Err(e) => {
            cores.shutdown();
            cores.join();
            return Err(
                anyhow::Error::new(e).context(format!("binding admin listener {admin_addr}"))
            );
        }
    };
    let (sig_tx, sig_rx) = unbounded();
    if let Err(e) = signals.spawn_waiter(sig_tx) {
        admin.stop();
        cores.shutdown();
        cores.join();
        return Err(anyhow::Error::new(e).context("starting the signal thread"));
    }
    // Every thread of the serving process exists now (cores, their V8
    // platform workers, admin, signals); later ones inherit the filter.
    if let Some(filter) = &config.syscall_filter {
        if let Err(e) = filter.apply_to_all_threads() {
            admin.stop();
            cores.shutdown();
            cores.join();
            return Err(anyhow::Error::new(e));
        }
        info!("sandbox: seccomp filter installed on every thread");
    }

    info!(target: ANNOUNCE_TARGET, serving = %config.apps_label, cores = config.cores, "listening on http://{}", bound[0]);
    for ((app, _), addr) in config.app_ports.iter().zip(&bound[1..]) {
        info!(target: ANNOUNCE_TARGET, "app {app} on http://{addr}");
    }
    info!(target: ANNOUNCE_TARGET, "admin listening on http://{}", admin.local_addr());
    if let Some(watched) = reloader.as_ref().filter(|r| r.watch) {
        info!(target: ANNOUNCE_TARGET, "open http://{}/ (reloads when {} changes)", bound[0], watched.source.name());
    }

    let outcome = supervise(&cores, config, reloader, &readiness, &sig_rx, &exit_rx);
    cores.join();
    admin.stop();
    // The cores' last lines go out before the closing ones.
    wait_for_log_writes(LOG_WRITES_WAIT);
    match outcome {
        Ok(()) => {
            info!("shutdown complete");
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Reloads the apps on every core: the same apps from disk, or those the
/// config file describes now. A config that does not read, or that would
/// change the listeners (which stay as they were bound at start), is
/// refused and the apps keep serving as they are.
fn reload(cores: &Cores, config: &ServerConfig, source: Option<&mut Box<dyn AppSource>>) {
    let Some(source) = source else {
        info!(signal = RELOAD.as_str(), "reloading the app on every core");
        cores.reload(None);
        return;
    };
    match source.read() {
        Ok(apps) if apps.app_ports() != config.app_ports => {
            error!("reload refused: the apps' own ports changed, and listeners are bound only at start; restart to change them");
        }
        Ok(apps) => {
            info!(
                apps = apps.apps.len(),
                "{} read again; reloading the apps on every core",
                source.name()
            );
            cores.reload(Some(apps));
        }
        Err(e) => error!(
            "reload refused: {} does not read; the apps keep serving as they are: {e:#}",
            source.name()
        ),
    }
}

/// Collects `n` readiness reports; the first failure wins. A core thread
/// that ends without reporting (it panicked) is a failure too.
fn wait_ready(
    ready_rx: &Receiver<(usize, anyhow::Result<Vec<SocketAddr>>)>,
    exit_rx: &Receiver<usize>,
    n: usize,
) -> anyhow::Result<Vec<Vec<SocketAddr>>> {
    let mut addrs = Vec::with_capacity(n);
    while addrs.len() < n {
        select! {
            recv(ready_rx) -> report => match report {
                Ok((_, Ok(a))) => addrs.push(a),
                Ok((_, Err(e))) => return Err(e),
                Err(_) => bail!("core threads ended before reporting readiness"),
            },
            recv(exit_rx) -> idx => {
                // A core reports its error before its thread ends; prefer
                // that error when both are waiting.
                if let Ok((_, Err(e))) = ready_rx.try_recv() {
                    return Err(e);
                }
                bail!("core {} exited during start-up", idx.unwrap_or(usize::MAX));
            }
        }
    }
    Ok(addrs)
}

/// Reloads the apps on SIGHUP. On the first SIGTERM/SIGINT, `/readyz` turns
/// 503 at once, the cores keep serving for the shutdown delay (so load
/// balancers see it and stop sending), then drain within the drain timeout. An unexpected core exit drains at once; a second
/// SIGTERM/SIGINT ends the process at once.
fn supervise(
    cores: &Cores,
    config: &ServerConfig,
    reloader: Option<Reloader>,
    readiness: &Readiness,
    sig_rx: &Receiver<Signal>,
    exit_rx: &Receiver<usize>,
) -> anyhow::Result<()> {
    let (mut source, watch_tick, mut reports) = match reloader {
        Some(Reloader {
            source,
            watch,
            reports,
        }) => {
            let watch_tick = if watch {
                tick(source.poll_interval())
            } else {
                never()
            };
            (Some(source), watch_tick, reports.unwrap_or_else(never))
        }
        None => (None, never(), never()),
    };
    let mut alive = config.cores;
    let mut draining = false;
    let mut failure = None;
    // Fires when the shutdown delay is over; never before a signal.
    let mut delay_over = never();
    while alive > 0 {
        select! {
            recv(sig_rx) -> sig => {
                if sig == Ok(RELOAD) {
                    if !draining {
                        reload(cores, config, source.as_mut());
                    }
                    continue;
                }
                let sig = sig.map_or("signal", Signal::as_str);
                if draining {
                    error!(signal = sig, "second signal during drain; exiting now");
                    std::process::exit(1);
                }
                draining = true;
                readiness.set_draining();
                let delay = config.shutdown_delay;
                info!(signal = sig, delay_ms = delay.as_millis() as u64, "shutting down: not ready; serving on until the delay is over, then draining");
                delay_over = after(delay);
            }
            recv(watch_tick) -> _ => {
                if let Some(watched) = source.as_mut() {
                    if !draining && watched.changed() {
                        info!("{} changed", watched.name());
                        reload(cores, config, source.as_mut());
                    }
                }
            }
            recv(reports) -> report => {
                match (report, source.as_mut()) {
                    (Ok(report), Some(source)) => source.reported(report),
                    // Every core has stopped reporting.
                    _ => reports = never(),
                }
            }
            recv(delay_over) -> _ => {
                delay_over = never();
                info!("shutdown delay over: closing listeners and draining in-flight requests");
                cores.shutdown();
            }
            recv(exit_rx) -> idx => {
                alive -= 1;
                if !draining {
                    let idx = idx.unwrap_or(usize::MAX);
                    error!(core = idx, "core thread exited unexpectedly; shutting down");
                    failure = Some(anyhow!("core {idx} exited unexpectedly"));
                    draining = true;
                    readiness.set_draining();
                    cores.shutdown();
                }
            }
        }
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
