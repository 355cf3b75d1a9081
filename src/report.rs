//! Reports of a run: the text summary, `solution.json` and CSV tables. Returns text; the
//! caller decides where it goes.

use crate::check::{CheckReport, RuleLine};
use crate::engine::Run;
use crate::instance::format::to_csv;
use crate::instance::Instance;
use crate::land_use::LandUse;
use crate::policy::{active, PolicyModel, RuleId};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The seed accounts, in the order a planner reads them: (label, rule row, how to show).
const ACCOUNTS: [(&str, &str); 9] = [
    ("arable land (km²)", "arable_floor"),
    ("basic farmland (km²)", "basic_farmland"),
    ("construction land total (km²)", "construction_cap"),
    ("town construction land (km²)", "town_construction_cap"),
    ("non-construction land (km²)", "non_construction_share"),
    ("new construction (km²)", "new_construction_quota"),
    ("construction supply (km²)", "supply_cap"),
    ("stock share of supply (km² above it)", "stock_share"),
    (
        "affordable share of housing (km² above it)",
        "affordable_share",
    ),
];

fn fmt_bound(l: &RuleLine) -> String {
    match (l.lower, l.upper) {
        (Some(a), Some(b)) if (a - b).abs() < 1e-12 => format!("= {a:.2}"),
        (Some(a), Some(b)) => format!("[{a:.2}, {b:.2}]"),
        (Some(a), None) => format!("≥ {a:.2}"),
        (None, Some(b)) => format!("≤ {b:.2}"),
        (None, None) => "—".into(),
    }
}

/// Shadow prices by row name.
type Prices<'a> = std::collections::HashMap<&'a str, Option<f64>>;

fn prices(run: &Run) -> Prices<'_> {
    run.solution
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.shadow_price))
        .collect()
}

fn price(prices: &Prices, name: &str) -> String {
    match prices.get(name) {
        Some(Some(p)) => format!("{p:.2}"),
        Some(None) => "n/a".into(),
        None => "—".into(),
    }
}

fn pct(a: f64, b: f64) -> String {
    if b.abs() < 1e-12 {
        "—".into()
    } else {
        format!("{:.1}%", 100.0 * a / b)
    }
}

/// The text summary a planner reads after a solve.
pub fn summary(inst: &Instance, model: &PolicyModel, run: &Run) -> String {
    let mut s = String::new();
    let sol = &run.solution;
    let prices = prices(run);
    // unit and site ids: rows keyed by them are summarised, not listed
    let ids: std::collections::HashSet<&str> = inst
        .units
        .iter()
        .map(|u| u.id.as_str())
        .chain(inst.sites.iter().map(|s| s.id.as_str()))
        .collect();
    let _ = writeln!(
        s,
        "stockland: instance `{}` under model `{}`",
        inst.name, model.name
    );
    let _ = writeln!(
        s,
        "programme: {} columns, {} rows, {} non-zeros; built in {:.3} s",
        run.size.columns, run.size.rows, run.size.nonzeros, sol.build_seconds
    );
    let method = sol
        .method
        .map(|m| format!(", {}", m.as_str()))
        .unwrap_or_default();
    let gap = match sol.mip_gap {
        Some(g) => format!("; whole-unit MIP, relative gap {:.4}%", 100.0 * g),
        None if model.whole_unit.enabled => "; whole-unit MIP".to_string(),
        None => String::new(),
    };
    let _ = writeln!(
        s,
        "status: {} ({}{method}), solved in {:.3} s{gap}",
        sol.status,
        sol.backend.as_str(),
        sol.solve_seconds
    );
    let Some(check) = &run.check else {
        let _ = writeln!(s, "no solution to report.");
        if let Some(conflicts) = &run.conflicts {
            if conflicts.is_empty() {
                let _ = writeln!(s, "no relaxation of the rules is feasible either: eligibility leaves no allocation.");
            } else {
                let _ = writeln!(s, "\nConflicting rules: a least total give that makes the model feasible (elastic relaxation, every rule soft at 1 per km²; other splits of the same total may exist)");
                for c in conflicts {
                    let _ = writeln!(s, "  {:<44} must give {:.4} km²", c.name, c.violation);
                }
            }
        }
        return s;
    };
    let o = &check.objective;
    let _ = writeln!(
        s,
        "objective (net benefit): {:.2} million yuan = value {:.2} − cost {:.2} − transport penalty {:.2} − soft-rule penalties {:.2}",
        sol.objective.unwrap_or(o.total),
        o.value,
        o.cost,
        o.transport_penalty,
        o.soft_penalty
    );

    let agg = &check.aggregates;
    let _ = writeln!(s, "\nStock redevelopment by zone (km²)");
    let _ = writeln!(
        s,
        "  {:<18} {:>10} {:>10} {:>10} {:>10} {:>14}",
        "zone", "redeveloped", "target", "re-used", "reclaimed", "shadow price"
    );
    let targets = active(&model.rules.stock_target);
    for (z, zone) in inst.zones.iter().enumerate() {
        let mut reused = 0.0;
        let mut reclaimed = 0.0;
        for (u, a) in inst.units.iter().zip(&sol.allocation.units) {
            if inst.unit_zone(u) == z {
                reused += LandUse::CONSTRUCTION
                    .iter()
                    .map(|k| a[k.index()])
                    .sum::<f64>();
                reclaimed += a[LandUse::Arable.index()] + a[LandUse::Ecological.index()];
            }
        }
        let target = targets
            .and_then(|t| t.targets_km2.get(&zone.id))
            .map_or("—".to_string(), |t| format!("{t:.2}"));
        let _ = writeln!(
            s,
            "  {:<18} {:>10.2} {:>10} {:>10.2} {:>10.2} {:>14}",
            zone.id,
            agg.stock_by_zone[z],
            target,
            reused,
            reclaimed,
            price(&prices, &format!("stock_target[{}]", zone.id))
        );
    }

    let supply = agg.stock_construction + agg.new_construction;
    let _ = writeln!(s, "\nSupply by use (km²)");
    let _ = writeln!(
        s,
        "  {:<16} {:>9} {:>9} {:>9} {:>8} {:>10}",
        "use", "stock", "new", "total", "share", "target"
    );
    let mix = active(&model.rules.supply_mix);
    for (i, g) in ["residential", "industrial", "infrastructure"]
        .iter()
        .enumerate()
    {
        let total = agg.stock_by_group[i] + agg.new_by_group[i];
        let target = mix
            .and_then(|m| m.shares.iter().find(|(k, _)| k.as_str() == *g))
            .map_or("—".to_string(), |(_, m)| {
                format!("{:.0}±{:.0}%", 100.0 * m.share, 100.0 * m.band)
            });
        let _ = writeln!(
            s,
            "  {:<16} {:>9.2} {:>9.2} {:>9.2} {:>8} {:>10}",
            g,
            agg.stock_by_group[i],
            agg.new_by_group[i],
            total,
            pct(total, supply),
            target
        );
    }
    let _ = writeln!(
        s,
        "  {:<16} {:>9.2} {:>9.2} {:>9.2} {:>8}",
        "total", agg.stock_construction, agg.new_construction, supply, "100%"
    );
    let linkage: f64 = sol.allocation.flows.iter().map(|f| f.quota_km2).sum();
    let link = active(&model.rules.linkage_balance);
    if link.is_some() {
        let _ = writeln!(
            s,
            "  new construction {:.2} km² = {:.2} backed by the new-construction quota + {:.2} by linkage quota",
            agg.new_construction,
            agg.new_construction - linkage,
            linkage
        );
    }
    let from_stock = agg.stock_construction
        + if link.is_some_and(|r| r.counts_as_stock) {
            linkage
        } else {
            0.0
        };
    let _ = writeln!(
        s,
        "  affordable housing {:.2} km² = {} of residential; stock share of supply {}{}; reclaimed to arable {:.2}, to ecological land {:.2}; consolidation {:.2} km² new arable",
        agg.affordable,
        pct(agg.affordable, agg.stock_by_group[0] + agg.new_by_group[0]),
        pct(from_stock, supply),
        if link.is_some_and(|r| r.counts_as_stock) { " (linkage quota counted as stock)" } else { "" },
        agg.stock_arable,
        agg.stock_ecological,
        agg.consolidated
    );

    let _ = writeln!(s, "\nAccounts and rules (value, bound, slack in km²; shadow price in million yuan per km² of the bound)");
    let _ = writeln!(
        s,
        "  {:<44} {:<26} {:>12} {:>18} {:>10} {:>12}",
        "account", "rule", "value", "bound", "slack", "shadow price"
    );
    let mut shown = std::collections::HashSet::new();
    for (label, rule) in ACCOUNTS {
        if let Some(l) = check.line(rule) {
            shown.insert(l.name.clone());
            let _ = writeln!(
                s,
                "  {:<44} {:<26} {:>12.2} {:>18} {:>10.2} {:>12}",
                label,
                l.name,
                l.value,
                fmt_bound(l),
                l.slack,
                price(&prices, &l.name)
            );
        }
    }
    let a = &check.accounts;
    let _ = writeln!(
        s,
        "  (non-construction share at period end {:.2}%; urban-rural {:.2}, town {:.2}, rural {:.2}, transport/water/special {:.2} km²)",
        100.0 * a.non_construction_share,
        a.urban_rural,
        a.town,
        a.rural,
        a.other_construction
    );

    // Every other city-wide or zone-level rule.
    let _ = writeln!(s, "\nOther rules");
    for l in &check.lines {
        if shown.contains(&l.name) || is_detail(&ids, &l.name) {
            continue;
        }
        let slack = if l.slack.is_finite() {
            format!("{:.2}", l.slack)
        } else {
            "—".into()
        };
        let note = if l.rule == RuleId::TransportAccess && l.penalty.is_some() {
            "  (soft: km²·km beyond the distance, priced in the objective)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:<44} {:>12.2} {:>18} {:>10} {:>12}{note}",
            l.name,
            l.value,
            fmt_bound(l),
            slack,
            price(&prices, &l.name)
        );
    }
    for rule in RuleId::ALL {
        let lines: Vec<&RuleLine> = check
            .lines
            .iter()
            .filter(|l| l.rule == rule && is_detail(&ids, &l.name))
            .collect();
        if !lines.is_empty() {
            let binding = lines.iter().filter(|l| l.binding).count();
            let prices: Vec<f64> = lines
                .iter()
                .filter_map(|l| prices.get(l.name.as_str()).copied().flatten())
                .filter(|p| p.abs() > 1e-6)
                .collect();
            let range = if prices.is_empty() {
                String::new()
            } else {
                let lo = prices.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = prices.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                format!("; {} priced, from {lo:.2} to {hi:.2}", prices.len())
            };
            let _ = writeln!(
                s,
                "  {:<44} {} unit/site/pair rows, {} binding{range}",
                rule.as_str(),
                lines.len(),
                binding
            );
        }
    }
    linkage_section(&mut s, inst, run, &prices);

    let mut binding: Vec<(&str, f64)> = sol
        .rows
        .iter()
        .filter(|r| r.rule.is_some() && !is_detail(&ids, &r.name))
        .filter_map(|r| {
            r.shadow_price
                .filter(|p| p.abs() > 1e-6)
                .map(|p| (r.name.as_str(), p))
        })
        .collect();
    binding.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let _ = writeln!(
        s,
        "\nBinding rules with a price (million yuan per km²): {}",
        if binding.is_empty() {
            "none".to_string()
        } else {
            String::new()
        }
    );
    for (name, p) in binding {
        let _ = writeln!(s, "  {name:<44} {p:>12.2}");
    }
    let _ = writeln!(s, "\n{}", verdict(check));
    s
}

/// Whether a rule row is one of many per unit, site or pairing (summarised, not listed):
/// its key is a unit id, a site id, a pairing `u>s`, or `site.quality`.
fn is_detail(ids: &std::collections::HashSet<&str>, name: &str) -> bool {
    let Some(key) = name.split_once('[').map(|(_, k)| k.trim_end_matches(']')) else {
        return false;
    };
    let key = key.split('.').next().unwrap_or(key);
    key.contains('>') || ids.contains(key)
}

fn linkage_section(s: &mut String, inst: &Instance, run: &Run, prices: &Prices) {
    // (value, bound, slack in km²; shadow price in million yuan per km²)
    let Some(net) = &run.network else { return };
    let _ = writeln!(s, "\nIncrease-decrease linkage");
    let _ = writeln!(
        s,
        "  network: {} withdrawal units, {} sites, {} edges ({} across districts), {} components; {} units with no allowed site, {} sites no unit can reach; built in {:.3} s",
        net.withdrawal_units,
        net.sites,
        net.edges,
        net.cross_district_edges,
        net.components,
        net.isolated_units,
        net.unreachable_sites,
        run.network_seconds
    );
    let flows = &run.solution.allocation.flows;
    let quota: f64 = flows.iter().map(|f| f.quota_km2).sum();
    let cross: f64 = flows
        .iter()
        .filter(|f| inst.units[f.unit as usize].district != inst.sites[f.site as usize].district)
        .map(|f| f.quota_km2)
        .sum();
    let resettled: f64 = flows.iter().map(|f| f.resettled_km2).sum();
    let _ = writeln!(
        s,
        "  quota: {quota:.2} km² on {} flows, {cross:.2} km² across districts; {resettled:.2} km² of affordable-housing land for people resettled across districts",
        flows.iter().filter(|f| f.quota_km2 > 1e-9).count()
    );
    let areas = &run.project_areas;
    let _ = writeln!(
        s,
        "  project areas: {} (connected components of the flows), largest first:",
        areas.len()
    );
    let _ = writeln!(
        s,
        "  {:>4} {:>6} {:>6} {:>32} {:>10} {:>9} {:>9} {:>11}",
        "id",
        "units",
        "sites",
        "zones (units → sites)",
        "reclaimed",
        "quota",
        "people",
        "cost (M¥)"
    );
    for a in areas.iter().take(12) {
        let _ = writeln!(
            s,
            "  {:>4} {:>6} {:>6} {:>32} {:>10.2} {:>9.2} {:>9.0} {:>11.1}",
            a.id,
            a.units.len(),
            a.sites.len(),
            format!("{} → {}", a.unit_zones.join("+"), a.site_zones.join("+")),
            a.reclaimed_km2,
            a.quota_km2,
            a.people_resettled,
            a.cost
        );
    }
    if areas.len() > 12 {
        let _ = writeln!(
            s,
            "  ... {} more (all in solution.json and project_areas.csv)",
            areas.len() - 12
        );
    }
    // The linkage rules of every site that receives quota, with slack and price.
    let Some(check) = &run.check else { return };
    let mut served: Vec<u32> = flows
        .iter()
        .filter(|f| f.quota_km2 > 1e-9)
        .map(|f| f.site)
        .collect();
    served.sort_unstable();
    served.dedup();
    if served.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "  linkage rules at the sites served (quota received − construction ≤ 0; quality ≥ 0):"
    );
    for site in served {
        let id = &inst.sites[site as usize].id;
        for name in [
            format!("linkage_balance[{id}]"),
            format!("linkage_balance[{id}.quality]"),
        ] {
            if let Some(l) = check.line(&name) {
                let _ = writeln!(
                    s,
                    "    {:<40} {:>10.3} {:>12} {:>10.3} {:>12}",
                    l.name,
                    l.value,
                    fmt_bound(l),
                    l.slack,
                    price(prices, &l.name)
                );
            }
        }
    }
}

/// One line: the check's verdict.
pub fn verdict(check: &CheckReport) -> String {
    let max_violation = check
        .lines
        .iter()
        .filter(|l| l.penalty.is_none())
        .map(|l| l.violation)
        .fold(0.0, f64::max);
    if check.passed() {
        format!(
            "check: passed — {} rule rows recomputed from instance, model and allocation; largest hard violation {:.2e} km²; objective recomputed {:.4} (solver {:.4})",
            check.lines.len(),
            max_violation,
            check.objective.total,
            check.reported_objective.unwrap_or(f64::NAN)
        )
    } else {
        format!("check: FAILED — {}", check.failures.join("; "))
    }
}

#[derive(Serialize)]
struct UnitRow<'a> {
    id: &'a str,
    district: &'a str,
    zone: &'a str,
    kind: &'a str,
    area_km2: f64,
    affordable: f64,
    market: f64,
    industrial: f64,
    infrastructure: f64,
    arable: f64,
    ecological: f64,
    redeveloped: f64,
}

#[derive(Serialize)]
struct SiteRow<'a> {
    id: &'a str,
    district: &'a str,
    zone: &'a str,
    capacity_km2: f64,
    affordable: f64,
    market: f64,
    industrial: f64,
    infrastructure: f64,
    total: f64,
}

#[derive(Serialize)]
struct RuleRow<'a> {
    name: &'a str,
    rule: &'a str,
    value: f64,
    lower: Option<f64>,
    upper: Option<f64>,
    slack: f64,
    violation: f64,
    binding: bool,
    shadow_price: Option<f64>,
}

fn r6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn unit_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<UnitRow<'a>> {
    inst.units
        .iter()
        .zip(&run.solution.allocation.units)
        .map(|(u, a)| UnitRow {
            id: &u.id,
            district: &inst.districts[u.district].id,
            zone: &inst.zones[inst.unit_zone(u)].id,
            kind: u.kind.as_str(),
            area_km2: u.area_km2,
            affordable: r6(a[0]),
            market: r6(a[1]),
            industrial: r6(a[2]),
            infrastructure: r6(a[3]),
            arable: r6(a[4]),
            ecological: r6(a[5]),
            redeveloped: r6(a.iter().sum()),
        })
        .collect()
}

fn site_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<SiteRow<'a>> {
    inst.sites
        .iter()
        .zip(&run.solution.allocation.sites)
        .map(|(s, a)| SiteRow {
            id: &s.id,
            district: &inst.districts[s.district].id,
            zone: &inst.zones[inst.site_zone(s)].id,
            capacity_km2: s.capacity_km2,
            affordable: r6(a[0]),
            market: r6(a[1]),
            industrial: r6(a[2]),
            infrastructure: r6(a[3]),
            total: r6(a.iter().sum()),
        })
        .collect()
}

fn rule_rows<'a>(check: &'a CheckReport, run: &Run) -> Vec<RuleRow<'a>> {
    let prices: BTreeMap<&str, Option<f64>> = run
        .solution
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.shadow_price))
        .collect();
    check
        .lines
        .iter()
        .map(|l| RuleRow {
            name: &l.name,
            rule: l.rule.as_str(),
            value: l.value,
            lower: l.lower,
            upper: l.upper,
            slack: if l.slack.is_finite() {
                l.slack
            } else {
                f64::MAX
            },
            violation: l.violation,
            binding: l.binding,
            shadow_price: prices.get(l.name.as_str()).copied().flatten(),
        })
        .collect()
}

#[derive(Serialize)]
struct SolutionFile<'a> {
    stockland_version: &'static str,
    instance: &'a str,
    model: &'a str,
    programme: crate::engine::ProgrammeSize,
    solution: &'a crate::solution::Solution,
    objective_parts: Option<crate::check::ObjectiveParts>,
    accounts: Option<crate::check::Accounts>,
    baseline: crate::instance::Accounts,
    stock_by_zone: BTreeMap<&'a str, f64>,
    aggregates: Option<&'a crate::check::Aggregates>,
    rules: Vec<RuleRow<'a>>,
    conflicts: Option<&'a Vec<crate::diagnose::Conflict>>,
    network: Option<crate::network::NetworkSummary>,
    project_areas: &'a [crate::network::ProjectArea],
    flows: Vec<FlowRow<'a>>,
    check_passed: Option<bool>,
    units: Vec<UnitRow<'a>>,
    sites: Vec<SiteRow<'a>>,
    projects: BTreeMap<&'a str, f64>,
}

/// `solution.json`: everything of the summary plus the allocation per unit, site and project.
pub fn solution_json(inst: &Instance, model: &PolicyModel, run: &Run) -> String {
    let has = run.check.is_some();
    let file = SolutionFile {
        stockland_version: env!("CARGO_PKG_VERSION"),
        instance: &inst.name,
        model: &model.name,
        programme: run.size,
        solution: &run.solution,
        objective_parts: run.check.as_ref().map(|c| c.objective),
        accounts: run.check.as_ref().map(|c| c.accounts),
        baseline: inst.region.baseline,
        stock_by_zone: run
            .check
            .as_ref()
            .map(|c| {
                inst.zones
                    .iter()
                    .zip(&c.aggregates.stock_by_zone)
                    .map(|(z, v)| (z.id.as_str(), r6(*v)))
                    .collect()
            })
            .unwrap_or_default(),
        aggregates: run.check.as_ref().map(|c| &c.aggregates),
        rules: run
            .check
            .as_ref()
            .map(|c| rule_rows(c, run))
            .unwrap_or_default(),
        conflicts: run.conflicts.as_ref(),
        network: run.network,
        project_areas: &run.project_areas,
        flows: flow_rows(inst, run),
        check_passed: run.check.as_ref().map(|c| c.passed()),
        units: if has {
            unit_rows(inst, run)
        } else {
            Vec::new()
        },
        sites: if has {
            site_rows(inst, run)
        } else {
            Vec::new()
        },
        projects: if has {
            inst.projects
                .iter()
                .zip(&run.solution.allocation.projects)
                .map(|(p, v)| (p.id.as_str(), r6(*v)))
                .collect()
        } else {
            BTreeMap::new()
        },
    };
    serde_json::to_string_pretty(&file).expect("solution serialises")
}

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

#[derive(Serialize)]
struct ProjectAreaRow<'a> {
    id: usize,
    units: usize,
    sites: usize,
    unit_zones: String,
    site_zones: String,
    reclaimed_km2: f64,
    quota_km2: f64,
    people_resettled: f64,
    cost_myuan: f64,
    unit_ids: String,
    site_ids: String,
    #[serde(skip)]
    _m: std::marker::PhantomData<&'a ()>,
}

/// The CSV tables: `units.csv`, `sites.csv`, `rules.csv` (every rule row with value, bounds,
/// slack and shadow price: the accounts table).
pub fn csv_tables(inst: &Instance, run: &Run) -> Result<Vec<(String, String)>, String> {
    let Some(check) = &run.check else {
        return Ok(Vec::new());
    };
    Ok(vec![
        ("units.csv".into(), to_csv(&unit_rows(inst, run))?),
        ("sites.csv".into(), to_csv(&site_rows(inst, run))?),
        ("accounts.csv".into(), to_csv(&rule_rows(check, run))?),
        ("project_areas.csv".into(), to_csv(&project_area_rows(run))?),
        ("flows.csv".into(), to_csv(&flow_rows(inst, run))?),
    ])
}

fn project_area_rows(run: &Run) -> Vec<ProjectAreaRow<'_>> {
    run.project_areas
        .iter()
        .map(|a| ProjectAreaRow {
            id: a.id,
            units: a.units.len(),
            sites: a.sites.len(),
            unit_zones: a.unit_zones.join(" "),
            site_zones: a.site_zones.join(" "),
            reclaimed_km2: r6(a.reclaimed_km2),
            quota_km2: r6(a.quota_km2),
            people_resettled: a.people_resettled.round(),
            cost_myuan: r6(a.cost),
            unit_ids: a.units.join(" "),
            site_ids: a.sites.join(" "),
            _m: std::marker::PhantomData,
        })
        .collect()
}

#[derive(Serialize)]
struct FlowRow<'a> {
    unit: &'a str,
    site: &'a str,
    unit_district: &'a str,
    site_district: &'a str,
    quota_km2: f64,
    resettled_km2: f64,
}

fn flow_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<FlowRow<'a>> {
    run.solution
        .allocation
        .flows
        .iter()
        .map(|f| {
            let (u, s) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
            FlowRow {
                unit: &u.id,
                site: &s.id,
                unit_district: &inst.districts[u.district].id,
                site_district: &inst.districts[s.district].id,
                quota_km2: r6(f.quota_km2),
                resettled_km2: r6(f.resettled_km2),
            }
        })
        .collect()
}
