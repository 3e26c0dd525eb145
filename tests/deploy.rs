//! The monitoring files in `deploy/` query only metrics NANO exports.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::Server;
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

fn deploy_file(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// NANO's metric names in a PromQL expression, with a histogram's
/// `_bucket`, `_sum` and `_count` series named by the histogram.
fn metric_names(expr: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = expr;
    while let Some(start) = rest.find("nano_") {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(tail.len());
        let name = &tail[..end];
        let base = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .unwrap_or(name);
        names.insert(base.to_string());
        rest = &tail[end..];
    }
    names
}

/// Every PromQL expression in the dashboard: panel targets and the
/// queries of template variables.
fn dashboard_queries(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("expr" | "query" | "definition", Value::String(text)) => {
                        out.push(text.clone())
                    }
                    _ => dashboard_queries(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| dashboard_queries(item, out)),
        _ => {}
    }
}

fn check_dashboard() -> Vec<String> {
    let dashboard: Value =
        serde_json::from_str(&deploy_file("grafana/nano-dashboard.json")).expect("valid JSON");
    let variables = dashboard["templating"]["list"]
        .as_array()
        .expect("template variables");
    assert!(
        variables
            .iter()
            .any(|v| v["name"] == "DS_PROMETHEUS" && v["type"] == "datasource"),
        "no DS_PROMETHEUS data source variable"
    );
    let panels = dashboard["panels"].as_array().expect("panels");
    let mut ids = BTreeSet::new();
    for panel in panels {
        assert!(ids.insert(panel["id"].as_u64().expect("panel id")));
        if panel["type"] == "row" {
            continue;
        }
        assert_eq!(
            panel["datasource"]["uid"], "${DS_PROMETHEUS}",
            "panel {} does not use the DS_PROMETHEUS variable",
            panel["title"]
        );
        let targets = panel["targets"].as_array().expect("targets");
        assert!(
            !targets.is_empty(),
            "panel {} queries nothing",
            panel["title"]
        );
    }
    let mut queries = Vec::new();
    dashboard_queries(&dashboard, &mut queries);
    queries
}

fn check_alert_rules() -> Vec<String> {
    let docs =
        YamlLoader::load_from_str(&deploy_file("prometheus/nano-alerts.yml")).expect("valid YAML");
    let groups = docs[0]["groups"].as_vec().expect("groups");
    let mut exprs = Vec::new();
    for group in groups {
        for rule in group["rules"].as_vec().expect("rules") {
            let alert = rule["alert"].as_str().expect("every rule is an alert");
            let expr = rule["expr"]
                .as_str()
                .unwrap_or_else(|| panic!("{alert}: no expr"));
            assert!(
                !matches!(rule["annotations"]["summary"], Yaml::BadValue),
                "{alert}: no summary"
            );
            exprs.push(expr.to_string());
        }
    }
    exprs
}

#[test]
fn every_metric_the_dashboard_and_alert_rules_query_is_exported() {
    let mut wanted = BTreeSet::new();
    for expr in check_dashboard().iter().chain(&check_alert_rules()) {
        wanted.extend(metric_names(expr));
    }
    assert!(wanted.len() >= 8, "too few metrics found: {wanted:?}");

    let s = Server::nano("kit", &["--cores", "1"]);
    assert_eq!(s.get("/").status, 200);
    let text = s.admin_get("/metrics").text();
    let exported: BTreeSet<String> = text
        .lines()
        .filter_map(|line| line.strip_prefix("# TYPE "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect();
    let missing: Vec<&String> = wanted.difference(&exported).collect();
    assert!(
        missing.is_empty(),
        "queried but not exported: {missing:?}\n/metrics:\n{text}"
    );
}

#[test]
fn metric_names_are_read_from_expressions() {
    let names = metric_names(
        "histogram_quantile(0.99, sum by (le) (rate(nano_request_duration_seconds_bucket[5m])))\n / nano_requests_total{app=~\"$app\"}",
    );
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["nano_request_duration_seconds", "nano_requests_total"]
    );
}
