//! `--watch` (and `nano dev`): the app folder watched through inotify,
//! read again once a burst of changes is over, and each reload's outcome
//! printed, a load error with its source line.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Receiver};
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::apps;
use crate::cli::render::render_load_error;
use crate::config::AppLimits;
use crate::server::{with_server_signals_blocked, AppSource, HostedApps, LoadReport};

/// How long the folder must stay unchanged before the app is read again:
/// an editor's save or an `npm install` is many changes, and reloads once.
const QUIET: Duration = Duration::from_millis(100);

/// How often the supervisor asks whether the folder changed.
const POLL: Duration = Duration::from_millis(25);

/// Notices of changes in a folder, and what keeps them coming.
struct Changes {
    notices: Receiver<()>,
    _watcher: RecommendedWatcher,
}

impl Changes {
    fn watch(folder: &Path) -> notify::Result<Changes> {
        let (sender, notices) = unbounded();
        let own_output = own_output_files();
        let notice = move |event: notify::Result<Event>| {
            if event.is_ok_and(|event| is_edit(&event.kind) && !only_in(&event.paths, &own_output))
            {
                // The receiver goes with the watcher; nothing to tell then.
                let _ = sender.send(());
            }
        };
        // The watcher's thread is started before the server's threads.
        let mut watcher = with_server_signals_blocked(|| notify::recommended_watcher(notice))
            .map_err(notify::Error::io)??;
        watcher.watch(folder, RecursiveMode::Recursive)?;
        Ok(Changes {
            notices,
            _watcher: watcher,
        })
    }

    /// Whether any change was noticed since the last call.
    fn any(&self) -> bool {
        self.notices.try_iter().count() > 0
    }

    /// Blocks until a burst of changes is over.
    fn wait(&self) {
        if self.notices.recv().is_err() {
            return;
        }
        while self.notices.recv_timeout(QUIET).is_ok() {}
    }
}

/// Opening and reading files (NANO's own loads among them) change nothing;
/// a write, a new, removed or renamed file, or new metadata does.
fn is_edit(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The files this process's output goes to: `nano dev . > dev.log` in the
/// app folder would otherwise reload on every line it logs.
fn own_output_files() -> Vec<PathBuf> {
    ["/proc/self/fd/1", "/proc/self/fd/2"]
        .iter()
        .filter_map(|fd| std::fs::canonicalize(fd).ok())
        .filter(|path| path.is_file())
        .collect()
}

/// Whether every path of a change is one of `files`.
fn only_in(paths: &[PathBuf], files: &[PathBuf]) -> bool {
    !files.is_empty()
        && !paths.is_empty()
        && paths.iter().all(|path| {
            let path = path.canonicalize().unwrap_or_else(|_| path.clone());
            files.contains(&path)
        })
}

/// The one app of `nano serve --watch ./app`, read again from its folder.
pub(super) struct WatchedFolder {
    folder: PathBuf,
    app: apps::FolderApp,
    limits: AppLimits,
    current: Arc<HostedApps>,
    changes: Changes,
    /// When the last change of a burst not yet reloaded was noticed.
    last_change: Option<Instant>,
    /// Whether reloads are printed: not among JSON log lines, which say
    /// how each went already.
    print_reloads: bool,
}

impl WatchedFolder {
    pub fn new(
        folder: PathBuf,
        app: apps::FolderApp,
        limits: AppLimits,
        current: Arc<HostedApps>,
        print_reloads: bool,
    ) -> Result<WatchedFolder, String> {
        let changes = Changes::watch(&folder)
            .map_err(|error| format!("cannot watch {}: {error}", folder.display()))?;
        Ok(WatchedFolder {
            folder,
            app,
            limits,
            current,
            changes,
            last_change: None,
            print_reloads,
        })
    }
}

impl AppSource for WatchedFolder {
    fn name(&self) -> &str {
        "the app folder"
    }

    fn read(&mut self) -> anyhow::Result<Arc<HostedApps>> {
        self.last_change = None;
        let definitions =
            apps::from_folder(&self.folder, &self.app, &self.limits).map_err(anyhow::Error::msg)?;
        let apps = Arc::new(HostedApps::new(definitions, Some(&self.current)));
        self.current = apps.clone();
        Ok(apps)
    }

    fn changed(&mut self) -> bool {
        if self.changes.any() {
            self.last_change = Some(Instant::now());
        }
        self.last_change.is_some_and(|last| last.elapsed() >= QUIET)
    }

    fn poll_interval(&self) -> Duration {
        POLL
    }

    fn reported(&mut self, report: LoadReport) {
        if !self.print_reloads {
            return;
        }
        match report.outcome {
            Ok(()) => eprintln!("reloaded {}", report.app),
            Err(error) => eprintln!(
                "{}\n{} did not reload: the last version that loaded keeps serving until an edit fixes it",
                render_load_error(&error, &self.folder),
                report.app
            ),
        }
    }
}

/// After the app failed to load at start: waits for the folder to change,
/// so that it is tried again. Says why it cannot wait.
pub(super) fn wait_for_fix(
    folder: &Path,
    error: &crate::runtime::RuntimeError,
) -> Result<(), String> {
    let changes = Changes::watch(folder)
        .map_err(|error| format!("cannot watch {}: {error}", folder.display()))?;
    eprintln!(
        "{}\nthe app did not load; waiting for a change in {} to try again",
        render_load_error(error, folder),
        folder.display()
    );
    changes.wait();
    Ok(())
}
