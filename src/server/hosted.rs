//! The apps a server hosts, as every core shares them: what each one is,
//! and which app answers a request on which listener. Built on the main
//! thread at start and at each config reload; cores hold it in an `Arc`.

use std::collections::HashMap;
use std::sync::Arc;

use super::app::IsolateLimits;
use crate::config::{Route, RouteTable};
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
}

/// What the config says of one app, before ids are given.
pub struct AppDefinition {
    pub name: String,
    pub spec: AppSpec,
    pub limits: IsolateLimits,
    pub routes: Vec<Route>,
    pub port: Option<u16>,
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
    /// The id the next new name gets.
    next_id: usize,
}

impl std::fmt::Debug for HostedApps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.apps.iter().map(|app| &app.name))
            .finish()
    }
}

impl HostedApps {
    /// Gives each app its id: the one it had in `previous` (the set a reload
    /// replaces), else a new one.
    pub fn new(definitions: Vec<AppDefinition>, previous: Option<&HostedApps>) -> HostedApps {
        let known: HashMap<&str, usize> = previous
            .map(|p| p.apps.iter().map(|a| (a.name.as_str(), a.id)).collect())
            .unwrap_or_default();
        let mut next_id = previous.map_or(UNROUTED_ID + 1, |p| p.next_id);
        let mut apps = Vec::with_capacity(definitions.len());
        let mut routes = Vec::new();
        let mut listeners = vec![ListenerApps::Routed];
        for (index, definition) in definitions.into_iter().enumerate() {
            let id = known
                .get(definition.name.as_str())
                .copied()
                .unwrap_or_else(|| {
                    next_id += 1;
                    next_id - 1
                });
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
            }));
        }
        HostedApps {
            apps,
            routes: RouteTable::new(routes),
            listeners,
            next_id,
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

    pub fn by_name(&self, name: &str) -> Option<&Arc<HostedApp>> {
        self.apps.iter().find(|app| app.name == name)
    }
}
