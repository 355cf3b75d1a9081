//! The linkage flows as a Graphviz DOT graph.

use crate::engine::Run;
use crate::instance::Instance;
use std::fmt::Write;

/// The linkage flows as a Graphviz DOT graph: one cluster per project area, villages
/// (boxes) to sites (ellipses), edges labelled with km² of quota.
pub fn dot(inst: &Instance, run: &Run) -> String {
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
            let _ = writeln!(s, "    \"{u}\" [shape=box];");
        }
        for site in &a.sites {
            let _ = writeln!(s, "    \"{site}\" [shape=ellipse];");
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
            "  \"{}\" -- \"{}\" [label=\"{:.3}\"];",
            inst.units[f.unit as usize].id, inst.sites[f.site as usize].id, f.quota_km2
        );
    }
    s.push_str("}\n");
    s
}
