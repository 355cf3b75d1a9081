//! The linkage flows as a Graphviz DOT graph.

use crate::instance::Instance;
use crate::run::Run;
use std::fmt::Write;

/// `s` escaped for a DOT string.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `s` quoted for DOT.
fn q(s: &str) -> String {
    format!("\"{}\"", esc(s))
}

/// Lines joined into one quoted DOT label.
fn lines(parts: &[String]) -> String {
    let parts: Vec<String> = parts.iter().map(|p| esc(p)).collect();
    format!("\"{}\"", parts.join("\\n"))
}

/// The linkage flows as a Graphviz DOT graph: one cluster per project area, villages
/// (boxes) to sites (ellipses), each labelled with its id, kind, district and area, edges
/// labelled with km² of quota.
pub fn dot(inst: &Instance, run: &Run) -> String {
    let units: std::collections::HashMap<&str, usize> = inst
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let sites: std::collections::HashMap<&str, usize> = inst
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut s = String::from("graph linkage {\n  rankdir=LR;\n  node [fontsize=10];\n");
    if let Some(n) = &run.network {
        let _ = writeln!(
            s,
            "  // network: {} withdrawal units, {} sites, {} allowed pairings; only pairings carrying quota are drawn",
            n.withdrawal_units, n.sites, n.edges
        );
    }
    for a in &run.project_areas {
        let _ = writeln!(
            s,
            "  subgraph cluster_{} {{\n    label=\"project area {}: {:.2} km², {} → {}\";",
            a.id,
            a.id,
            a.quota_km2,
            a.unit_zones.join("+"),
            a.site_zones.join("+")
        );
        for u in &a.units {
            let label = units.get(u.as_str()).map_or(q(u), |&i| {
                let x = &inst.units[i];
                lines(&[
                    x.id.clone(),
                    format!(
                        "{}, {}",
                        x.kind.as_str().replace('_', " "),
                        inst.districts[x.district].name
                    ),
                    format!("{:.3} km², {:.0} people", x.area_km2, x.population),
                ])
            });
            let _ = writeln!(s, "    {} [shape=box, label={label}];", q(u));
        }
        for site in &a.sites {
            let label = sites.get(site.as_str()).map_or(q(site), |&i| {
                let x = &inst.sites[i];
                lines(&[
                    x.id.clone(),
                    format!(
                        "{}, {}",
                        x.kind.as_str().replace('_', " "),
                        inst.districts[x.district].name
                    ),
                    format!("{:.3} km² capacity", x.capacity_km2),
                ])
            });
            let _ = writeln!(s, "    {} [shape=ellipse, label={label}];", q(site));
        }
        s.push_str("  }\n");
    }
    for f in run
        .solution
        .allocation
        .flows
        .iter()
        .filter(|f| f.quota_km2 > 1e-7)
    {
        let _ = writeln!(
            s,
            "  {} -- {} [label=\"{:.3} km²\"];",
            q(&inst.units[f.unit as usize].id),
            q(&inst.sites[f.site as usize].id),
            f.quota_km2
        );
    }
    s.push_str("}\n");
    s
}
