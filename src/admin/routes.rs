//! What each admin path answers.

use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Sender};
use tracing::warn;

use super::AdminContext;
use crate::metrics::{render, MetricsSnapshot};
use crate::server::{AppStatus, Control, ScheduledReport};

/// How long a scrape waits for the cores to reply.
const SCRAPE_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a scheduled run started by hand may take to answer (Workers
/// gives a cron run up to 15 minutes).
const SCHEDULED_TIMEOUT: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

impl AdminResponse {
    pub fn text(status: u16, body: impl Into<String>) -> Self {
        AdminResponse {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into(),
        }
    }
}

pub(crate) fn route(method: &str, target: &str, ctx: &AdminContext) -> AdminResponse {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if let Some(app) = path
        .strip_prefix("/apps/")
        .and_then(|rest| rest.strip_suffix("/scheduled"))
    {
        return match method {
            "POST" => run_scheduled(app, query, ctx),
            _ => AdminResponse::text(
                405,
                "method not allowed: POST runs the app's scheduled handler\n",
            ),
        };
    }
    if method != "GET" && method != "HEAD" {
        return AdminResponse::text(405, "method not allowed\n");
    }
    match path {
        "/healthz" => AdminResponse::text(200, "ok\n"),
        "/readyz" => {
            if ctx.readiness.is_ready() {
                AdminResponse::text(200, "ready\n")
            } else if ctx.readiness.is_draining() {
                AdminResponse::text(503, "draining\n")
            } else if ctx.readiness.is_saturated() {
                AdminResponse::text(503, "saturated\n")
            } else {
                AdminResponse::text(503, "starting\n")
            }
        }
        "/apps" => AdminResponse {
            status: 200,
            content_type: "application/json",
            body: apps_json(&collect_apps(&ctx.cores, SCRAPE_TIMEOUT)),
        },
        "/metrics" => AdminResponse {
            status: 200,
            content_type: "text/plain; version=0.0.4; charset=utf-8",
            body: render(&collect_metrics(&ctx.cores, SCRAPE_TIMEOUT)),
        },
        _ => AdminResponse::text(404, "not found\n"),
    }
}

/// `POST /apps/NAME/scheduled?cron=PATTERN`: runs the app's `scheduled`
/// handler on the core that runs its cron triggers and answers, once it
/// has finished, `{"app", "cron", "scheduledTime", "outcome",
/// "duration_ms", "error"}`. Without `cron`, the app's first trigger.
fn run_scheduled(app: &str, query: &str, ctx: &AdminContext) -> AdminResponse {
    let cron = url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "cron")
        .map(|(_, value)| value.into_owned());
    let Some(core) = ctx.cores.first() else {
        return AdminResponse::text(503, "no core is running\n");
    };
    let (reply, answer) = unbounded();
    let asked = Control::Scheduled {
        app: app.to_string(),
        cron,
        reply,
    };
    if core.send(asked).is_err() {
        return AdminResponse::text(503, "the server is stopping\n");
    }
    match answer.recv_timeout(SCHEDULED_TIMEOUT) {
        Ok(Some(report)) => AdminResponse {
            status: 200,
            content_type: "application/json",
            body: scheduled_json(&report),
        },
        Ok(None) => AdminResponse::text(404, format!("no app is named \"{app}\"\n")),
        Err(_) => AdminResponse::text(503, "the scheduled run did not finish\n"),
    }
}

fn scheduled_json(report: &ScheduledReport) -> String {
    let mut body = serde_json::json!({
        "app": report.app,
        "cron": report.cron,
        "scheduledTime": report.scheduled_time_ms,
        "outcome": report.outcome.label(),
        "duration_ms": report.duration.as_secs_f64() * 1000.0,
        "error": report.error,
    })
    .to_string();
    body.push('\n');
    body
}

/// Each core's view of each app, by core index, from the cores that answer
/// in time.
fn collect_apps(cores: &[Sender<Control>], wait: Duration) -> Vec<(usize, Vec<AppStatus>)> {
    let mut answers = ask_cores(cores, Control::Apps, wait);
    answers.sort_by_key(|(core, _)| *core);
    answers
}

/// `{"apps": [{"name", "routes", "port", "isolates": [per core], "last_error"}]}`;
/// an app's last error is the latest any core saw.
fn apps_json(by_core: &[(usize, Vec<AppStatus>)]) -> String {
    let cores = by_core.iter().map(|(core, _)| core + 1).max().unwrap_or(0);
    let mut apps: Vec<(AppStatus, Vec<usize>)> = Vec::new();
    for (core, statuses) in by_core {
        for status in statuses {
            let at = match apps.iter().position(|(app, _)| app.name == status.name) {
                Some(at) => at,
                None => {
                    apps.push((status.clone(), vec![0; cores]));
                    apps.len() - 1
                }
            };
            let (app, isolates) = &mut apps[at];
            isolates[*core] = status.isolates;
            if status.last_error.is_some() {
                app.last_error.clone_from(&status.last_error);
            }
        }
    }
    let apps: Vec<serde_json::Value> = apps
        .into_iter()
        .map(|(app, isolates)| {
            serde_json::json!({
                "name": app.name,
                "routes": app.routes,
                "port": app.port,
                "isolates": isolates,
                "last_error": app.last_error,
            })
        })
        .collect();
    let mut body = serde_json::json!({ "apps": apps }).to_string();
    body.push('\n');
    body
}

/// Asks every core for its snapshot and merges those that answer in time.
/// A core that has stopped is left out.
pub fn collect_metrics(cores: &[Sender<Control>], wait: Duration) -> MetricsSnapshot {
    MetricsSnapshot::merge(ask_cores(cores, Control::Metrics, wait))
}

/// Sends every core the message `ask` makes and collects the answers that
/// come within `wait`. A core that has stopped is left out.
fn ask_cores<T>(
    cores: &[Sender<Control>],
    ask: impl Fn(Sender<T>) -> Control,
    wait: Duration,
) -> Vec<T> {
    let (tx, rx) = unbounded();
    let asked = cores
        .iter()
        .filter(|c| c.send(ask(tx.clone())).is_ok())
        .count();
    drop(tx);
    let deadline = Instant::now() + wait;
    let answers: Vec<T> = std::iter::from_fn(|| rx.recv_deadline(deadline).ok())
        .take(asked)
        .collect();
    if answers.len() < asked {
        warn!(asked, answered = answers.len(), "not every core answered");
    }
    answers
}
