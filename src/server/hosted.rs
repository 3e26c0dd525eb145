//! The apps a server hosts, as every core shares them: what each one is,
//! and which app answers a request on which listener. Built on the main
//! thread at start and at each config reload; cores hold it in an `Arc`.

use std::collections::HashMap;
use std::sync::Arc;

use super::app::IsolateLimits;
use crate::config::{Route, RouteTable};
use crate::cron::CronSchedule;
use crate::metrics::UNROUTED_ID;
use crate::runtime::AppSpec;

/// One app, as the config describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct HostedApp {
    /// Its label id in metrics: fixed for the life of the process, so a
    /// core's counters and isolates follow the app across reloads.
    pub id: usize,
    pub name: String,
    pub spec: AppSpec,
    pub limits: IsolateLimits,
    pub routes: Vec<Route>,
    /// A port the app answers everything on.
    pub port: Option<u16>,
    /// The cron triggers of its `scheduled` handler.
    pub crons: Vec<CronSchedule>,
}

/// What the config says of one app, before ids are given.
pub struct AppDefinition {
    pub name: String,
    pub spec: AppSpec,
    pub limits: IsolateLimits,
    pub routes: Vec<Route>,
    pub port: Option<u16>,
    pub crons: Vec<CronSchedule>,
}

/// Which app a listener's requests go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListenerApps {
    /// The shared listener: by route.
    Routed,
    /// A listener of one app's own: index into `apps`.
    Only(usize),
}

pub struct HostedApps {
    pub apps: Vec<Arc<HostedApp>>,
    routes: RouteTable<usize>,
    /// Listener 0 is the shared one; then one per app with a port, in the
    /// order of `apps`.
    listeners: Vec<ListenerApps>,
    /// The id of every name the process has hosted, removed ones included,
    /// so that a name coming back gets its id back.
    ids: HashMap<String, usize>,
}

impl std::fmt::Debug for HostedApps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.apps.iter().map(|app| &app.name))
            .finish()
    }
}

impl HostedApps {
    /// Gives each app its id: the one its name had in `previous` (the set a
    /// reload replaces) or before, else a new one.
    pub fn new(definitions: Vec<AppDefinition>, previous: Option<&HostedApps>) -> HostedApps {
        let mut ids = previous.map(|p| p.ids.clone()).unwrap_or_default();
        let mut apps = Vec::with_capacity(definitions.len());
        let mut routes = Vec::new();
        let mut listeners = vec![ListenerApps::Routed];
        for (index, definition) in definitions.into_iter().enumerate() {
            let fresh = UNROUTED_ID + 1 + ids.len();
            let id = *ids.entry(definition.name.clone()).or_insert(fresh);
            routes.extend(
                definition
                    .routes
                    .iter()
                    .cloned()
                    .map(|route| (route, index)),
            );
            if definition.port.is_some() {
                listeners.push(ListenerApps::Only(index));
            }
            apps.push(Arc::new(HostedApp {
                id,
                name: definition.name,
                spec: definition.spec,
                limits: definition.limits,
                routes: definition.routes,
                port: definition.port,
                crons: definition.crons,
            }));
        }
        HostedApps {
            apps,
            routes: RouteTable::new(routes),
            listeners,
            ids,
        }
    }

    /// The app that answers `host` and `path` on `listener`.
    pub fn route(&self, listener: usize, host: &str, path: &str) -> Option<&Arc<HostedApp>> {
        let index = match self.listeners.get(listener)? {
            ListenerApps::Routed => *self.routes.lookup(host, path)?,
            ListenerApps::Only(index) => *index,
        };
        self.apps.get(index)
    }

    /// The one app a listener belongs to: its own app, or on the shared
    /// listener the only app there is.
    pub fn owner(&self, listener: usize) -> Option<&Arc<HostedApp>> {
        match self.listeners.get(listener)? {
            ListenerApps::Only(index) => self.apps.get(*index),
            ListenerApps::Routed if self.apps.len() == 1 => self.apps.first(),
            ListenerApps::Routed => None,
        }
    }

    /// The ports of the apps' own listeners (listeners 1, 2, ...), with the
    /// app's name.
    pub fn app_ports(&self) -> Vec<(String, u16)> {
        self.apps
            .iter()
            .filter_map(|app| Some((app.name.clone(), app.port?)))
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::*;

    /// An app definition with the usual test limits (also used by the
    /// scheduler's tests).
    pub(crate) fn app(name: &str, routes: &[&str], port: Option<u16>) -> AppDefinition {
        AppDefinition {
            name: name.into(),
            spec: AppSpec {
                root: PathBuf::from("/apps").join(name),
                entry: PathBuf::from("/apps").join(name).join("index.js"),
                vars: Vec::new(),
                kv: Vec::new(),
            },
            limits: IsolateLimits {
                cpu_limit: Duration::from_millis(50),
                max_heap_mb: 128,
                max_in_flight: 10,
                cache: crate::runtime::CacheLimits::default(),
            },
            routes: routes.iter().map(|r| r.parse().unwrap()).collect(),
            port,
            crons: Vec::new(),
        }
    }

    fn routed<'a>(
        apps: &'a HostedApps,
        listener: usize,
        host: &str,
        path: &str,
    ) -> Option<&'a str> {
        apps.route(listener, host, path)
            .map(|app| app.name.as_str())
    }

    #[test]
    fn listeners_route_by_host_or_belong_to_one_app() {
        let apps = HostedApps::new(
            vec![
                app("shop", &["shop.test/*"], None),
                app("admin", &[], Some(8081)),
                app("blog", &["*.blog.test/*"], Some(8082)),
            ],
            None,
        );
        assert_eq!(routed(&apps, 0, "shop.test", "/x"), Some("shop"));
        assert_eq!(routed(&apps, 0, "a.blog.test", "/"), Some("blog"));
        assert_eq!(routed(&apps, 0, "other.test", "/"), None);
        assert_eq!(routed(&apps, 1, "shop.test", "/x"), Some("admin"));
        assert_eq!(routed(&apps, 2, "anything", "/"), Some("blog"));
        assert_eq!(routed(&apps, 3, "shop.test", "/"), None);
        assert_eq!(
            apps.app_ports(),
            vec![("admin".to_string(), 8081), ("blog".to_string(), 8082)]
        );
        assert!(apps.owner(0).is_none(), "the shared listener has many apps");
        assert_eq!(apps.owner(1).map(|a| a.name.as_str()), Some("admin"));
    }

    #[test]
    fn a_name_keeps_its_id_for_the_life_of_the_process() {
        let first = HostedApps::new(
            vec![app("a", &["a.test/*"], None), app("b", &["b.test/*"], None)],
            None,
        );
        let ids = |apps: &HostedApps| -> Vec<(String, usize)> {
            apps.apps.iter().map(|a| (a.name.clone(), a.id)).collect()
        };
        assert_eq!(ids(&first), vec![("a".into(), 1), ("b".into(), 2)]);
        let second = HostedApps::new(
            vec![app("c", &["c.test/*"], None), app("a", &["a.test/*"], None)],
            Some(&first),
        );
        assert_eq!(ids(&second), vec![("c".into(), 3), ("a".into(), 1)]);
        let third = HostedApps::new(vec![app("b", &["b.test/*"], None)], Some(&second));
        assert_eq!(
            ids(&third),
            vec![("b".into(), 2)],
            "a name coming back has its id"
        );
        assert_eq!(third.owner(0).map(|a| a.name.as_str()), Some("b"));
    }
}
