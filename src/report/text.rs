//! The text summary a planner reads after a solve, section by section.

use super::labels::{t, Lang};
use super::{f2, fixed, fmt_bound, fmt_value, Prices};
use crate::check::{CheckReport, RuleLine};
use crate::instance::Instance;
use crate::policy::{active, Part, Place, PolicyModel, RowRef, RuleId};
use crate::run::Run;
use crate::solution::RowResult;
use std::collections::HashSet;
use std::fmt::Write;

/// The seed accounts, in the order a planner reads them: (label, the rule whose one row
/// states the account).
const ACCOUNTS: [(&str, RuleId); 9] = [
    ("arable land (km²)", RuleId::ArableFloor),
    ("basic farmland (km²)", RuleId::BasicFarmland),
    ("construction land total (km²)", RuleId::ConstructionCap),
    ("town construction land (km²)", RuleId::TownConstructionCap),
    ("non-construction land (km²)", RuleId::NonConstructionShare),
    ("new construction (km²)", RuleId::NewConstructionQuota),
    ("construction supply (km²)", RuleId::SupplyCap),
    ("stock share of supply", RuleId::StockShare),
    ("affordable share of housing", RuleId::AffordableShare),
];

/// A side's price, `infeasible` where that side leaves no plan, `?` where not measured.
fn side(p: Option<f64>, infeasible: bool, lang: Lang) -> String {
    match p {
        Some(v) => f2(v),
        None if infeasible => t(lang, "infeasible", "不可行").into(),
        None => "?".into(),
    }
}

/// A solved row's price as a table cell: the dual, or both one-sided prices (up|down) where
/// the optimum is degenerate: never one side as if it were the price.
pub fn price_cell(r: &RowResult) -> String {
    price_in(r, Lang::En)
}

/// [`price_cell`] in `lang`.
pub fn price_in(r: &RowResult, lang: Lang) -> String {
    match (r.shadow_price, r.sensitivity) {
        (_, Some(s)) if s.degenerate == Some(true) => format!(
            "{}|{}",
            side(s.price_up, s.infeasible_up, lang),
            side(s.price_down, s.infeasible_down, lang)
        ),
        (Some(p), _) => f2(p),
        (None, _) => "n/a".into(),
    }
}

/// A row's slack as a table cell: — where the row has no bound to be slack against.
pub(crate) fn slack_cell(slack: f64) -> String {
    if slack.is_finite() {
        f2(slack)
    } else {
        "—".into()
    }
}

fn price(prices: &Prices, row: &RowRef) -> String {
    prices.get(row).map_or("—".into(), |r| price_cell(r))
}

fn pct(a: f64, b: f64) -> String {
    if b.abs() < 1e-12 {
        "—".into()
    } else {
        super::percent(a / b)
    }
}

/// The text summary a planner reads after a solve.
pub fn summary(inst: &Instance, model: &PolicyModel, run: &Run) -> String {
    let mut s = String::new();
    let prices = run.solution.rows_by_ref();
    header(&mut s, inst, model, run);
    let Some(check) = &run.check else {
        no_solution(&mut s, run);
        return s;
    };
    let o = &check.objective;
    let _ = writeln!(
        s,
        "objective (net benefit): {:.2} million yuan = value {:.2} − cost {:.2} − transport penalty {:.2} − soft-rule penalties {:.2}",
        run.solution.objective.unwrap_or(o.total),
        o.value,
        o.cost,
        o.transport_penalty,
        o.soft_penalty
    );
    if let Some(w) = super::labels::penalty_warning(o, super::labels::Lang::En) {
        let _ = writeln!(s, "{w}");
    }
    if let Some(p) = super::provenance::Provenance::of(&inst.metadata) {
        let _ = writeln!(s, "{}", p.statement(Lang::En));
    }
    benefits(&mut s, check);
    if super::is_structure(inst) {
        structure(&mut s, inst, run);
    } else {
        zones(&mut s, inst, model, run, check, &prices);
        supply(&mut s, model, run, check);
    }
    super::years::past_section(&mut s, run);
    super::years::section(&mut s, check, &prices);
    let shown = accounts(&mut s, check, &prices);
    other_rules(&mut s, check, &prices, &shown);
    linkage_section(&mut s, inst, run, &prices);
    binding(&mut s, run);
    sensitivity(&mut s, run);
    locks(&mut s, run);
    if !super::is_structure(inst) {
        districts(&mut s, inst, run);
    }
    let _ = writeln!(s, "\n{}", verdict(check));
    s
}

/// `n thing` or `n things`.
fn count(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

fn header(s: &mut String, inst: &Instance, model: &PolicyModel, run: &Run) {
    let sol = &run.solution;
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
    if let Some(a) = run.aggregation.filter(|a| a.reduced_columns == a.columns) {
        let _ = writeln!(
            s,
            "aggregation: {}, {}, no two of them interchangeable: solved apart",
            count(a.units, "unit"),
            count(a.sites, "site")
        );
    } else if let Some(a) = &run.aggregation {
        let _ = writeln!(
            s,
            "aggregation: {} in {}, {} in {} of interchangeable ones; solved as {} columns and {} non-zeros, the answer split back by area (exact; --no-aggregate to solve them apart); aggregated in {:.3} s",
            count(a.units, "unit"),
            count(a.unit_groups, "group"),
            count(a.sites, "site"),
            count(a.site_groups, "group"),
            a.reduced_columns,
            a.reduced_nonzeros,
            a.aggregate_seconds
        );
    }
    let span = |x: crate::programme::Span| match (x.min, x.max) {
        (Some(a), Some(b)) => format!("[{a:.1e}, {b:.1e}]"),
        _ => "—".into(),
    };
    if let Some(c) = &run.choice {
        let _ = writeln!(s, "{c}");
    }
    let n = &run.numerics;
    let _ = writeln!(
        s,
        "numerics (smallest and largest magnitudes): matrix {}, costs {}, bounds {}, right-hand sides {}",
        span(n.matrix),
        span(n.costs),
        span(n.bounds),
        span(n.rhs)
    );
    let e = run.scaling;
    if e != Default::default() {
        let _ = writeln!(
            s,
            "scaled inside HiGHS (--scale): costs × 2^{}, bounds × 2^{}; every figure here is unscaled",
            e.objective, e.bound
        );
    }
    let method = match sol.method {
        Some(m) if sol.mip_gap.is_some() || model.whole_unit.enabled => {
            format!(", branch-and-cut with {} LPs", m.as_str())
        }
        Some(m) => format!(", {}", m.as_str()),
        None => String::new(),
    };
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
    if run.sensitivity_seconds > 0.0 {
        let _ = writeln!(
            s,
            "sensitivity: ranging and one-sided prices{}, analysed in {:.3} s",
            if sol.prices_conditional {
                " of the LP with the chosen units fixed (prices conditional on them)"
            } else {
                ""
            },
            run.sensitivity_seconds
        );
    }
}

/// The benefit criteria: each one's amount, weight, scale and what it adds.
/// The land-use structure at period end by use, and where its land came from.
fn structure(s: &mut String, inst: &Instance, run: &Run) {
    let _ = writeln!(
        s,
        "\nLand-use structure at period end (km²; by the account the units' land is in now)"
    );
    let _ = writeln!(
        s,
        "  {:<16} {:<14} {:>5} {:>12} {:>10} {:>14} {:>10} {:>7}",
        "use", "role", "class", "construction", "arable", "other land", "total", "share"
    );
    let (rows, unallocated) = super::structure_rows(inst, run);
    for r in &rows {
        let _ = writeln!(
            s,
            "  {:<16} {:<14} {:>5} {:>12.2} {:>10.2} {:>14.2} {:>10.2} {:>6.1}%",
            r.land_use,
            r.role,
            r.class,
            r.from_construction,
            r.from_arable,
            r.from_non_construction,
            r.km2,
            100.0 * r.share
        );
    }
    if unallocated > 1e-9 {
        let _ = writeln!(s, "  left as it is now: {unallocated:.2} km²");
    }
}

fn benefits(s: &mut String, check: &CheckReport) {
    if check.benefits.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "  + benefit criteria {:.2} = Σ weight × amount / scale:",
        check.objective.benefits
    );
    let _ = writeln!(
        s,
        "    {:<20} {:>14} {:>8} {:>12} {:>14}",
        "criterion", "amount", "weight", "scale", "contribution"
    );
    for b in &check.benefits {
        let name = if b.name.is_empty() {
            b.id.clone()
        } else {
            format!("{} ({})", b.id, b.name)
        };
        let _ = writeln!(
            s,
            "    {} {:>14.4} {:>8.3} {:>12.4} {:>14.4}",
            super::brief::pad(&name, 20),
            b.value,
            b.weight,
            b.scale,
            b.contribution
        );
    }
}

fn no_solution(s: &mut String, run: &Run) {
    let _ = writeln!(s, "no solution to report.");
    if let Some(conflicts) = &run.conflicts {
        if conflicts.is_empty() && run.replan.is_some() {
            let _ = writeln!(
                s,
                "no relaxation of the rules is feasible either: what was observed before the re-planned years, or eligibility, leaves no allocation."
            );
        } else if conflicts.is_empty() {
            let _ = writeln!(
                s,
                "no relaxation of the rules is feasible either: eligibility leaves no allocation."
            );
        } else {
            let _ = writeln!(s, "\nConflicting rules: a least total give that makes the model feasible (elastic relaxation, every rule soft at 1 per km²; other splits of the same total may exist)");
            for c in conflicts {
                let _ = writeln!(s, "  {:<44} must give {:.4} km²", c.name, c.violation);
            }
        }
    }
}

fn zones(
    s: &mut String,
    inst: &Instance,
    model: &PolicyModel,
    run: &Run,
    check: &CheckReport,
    prices: &Prices,
) {
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
        for (u, a) in inst.units.iter().zip(&run.solution.allocation.units) {
            if inst.unit_zone(u) == z {
                reused += inst.uses.construction().map(|k| a[k.index()]).sum::<f64>();
                reclaimed += inst
                    .uses
                    .non_construction()
                    .map(|k| a[k.index()])
                    .sum::<f64>();
            }
        }
        let target = targets
            .and_then(|t| t.targets_km2.get(&zone.id))
            .map_or("—".to_string(), |t| format!("{t:.2}"));
        let row = RowRef::at(RuleId::StockTarget, Place::Zone(z as u32));
        let _ = writeln!(
            s,
            "  {:<18} {:>10.2} {:>10} {:>10.2} {:>10.2} {:>14}",
            zone.id,
            agg.stock_by_zone[z],
            target,
            reused,
            reclaimed,
            price(prices, &row)
        );
    }
}

fn supply(s: &mut String, model: &PolicyModel, run: &Run, check: &CheckReport) {
    let agg = &check.aggregates;
    let supply = agg.stock_construction + agg.new_construction;
    let _ = writeln!(s, "\nSupply by use (km²)");
    let _ = writeln!(
        s,
        "  {:<16} {:>9} {:>9} {:>9} {:>8} {:>10}",
        "use", "stock", "new", "total", "share", "target"
    );
    let mix = active(&model.rules.supply_mix);
    for (i, g) in crate::instance::uses::UseGroup::SUPPLY.iter().enumerate() {
        let total = agg.stock_by_group[i] + agg.new_by_group[i];
        let target = mix
            .and_then(|m| m.shares.get(g))
            .map_or("—".to_string(), |m| {
                format!("{:.0}±{:.0}%", 100.0 * m.share, 100.0 * m.band)
            });
        let _ = writeln!(
            s,
            "  {:<16} {:>9.2} {:>9.2} {:>9.2} {:>8} {:>10}",
            g.as_str(),
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
    let linkage: f64 = run
        .solution
        .allocation
        .flows
        .iter()
        .map(|f| f.quota_km2)
        .sum();
    let link = active(&model.rules.linkage_balance);
    if link.is_some() {
        let _ = writeln!(
            s,
            "  new construction {} km² = {} backed by the new-construction quota + {} by linkage quota",
            f2(agg.new_construction),
            f2(agg.new_construction - linkage),
            f2(linkage)
        );
    }
    let counts = link.is_some_and(|r| r.counts_as_stock);
    let from_stock = agg.stock_construction + if counts { linkage } else { 0.0 };
    let share = if counts {
        format!(
            "{} with the linkage quota counted as stock ({} gross: stock re-use alone)",
            pct(from_stock, supply),
            pct(agg.stock_construction, supply)
        )
    } else {
        pct(from_stock, supply)
    };
    let _ = writeln!(
        s,
        "  affordable housing {} km² = {} of residential; stock share of supply {}; reclaimed to arable {}, to ecological land {}; consolidation {} km² new arable",
        f2(agg.affordable),
        pct(agg.affordable, agg.stock_by_group[0] + agg.new_by_group[0]),
        share,
        f2(agg.stock_arable),
        f2(agg.stock_ecological),
        f2(agg.consolidated)
    );
}

/// The seed accounts table; returns the rows it showed.
fn accounts(s: &mut String, check: &CheckReport, prices: &Prices) -> HashSet<RowRef> {
    let _ = writeln!(s, "\nAccounts and rules (value, bound, slack in km²; shadow price in million yuan per km² of the bound)");
    let _ = writeln!(
        s,
        "  {:<44} {:<26} {:>12} {:>18} {:>10} {:>12}",
        "account", "rule", "value", "bound", "slack", "shadow price"
    );
    let mut shown = HashSet::new();
    for (label, rule) in ACCOUNTS {
        if let Some(l) = check.get(&RowRef::whole(rule)) {
            shown.insert(l.row);
            let _ = writeln!(
                s,
                "  {:<44} {:<26} {:>12} {:>18} {:>10} {:>12}",
                label,
                l.name,
                fmt_value(l),
                fmt_bound(l),
                slack_cell(l.slack),
                price(prices, &l.row)
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
    shown
}

/// Every other region-, zone- or district-level line, then one summary line per family of
/// the rows it has per unit, site or pairing.
fn other_rules(s: &mut String, check: &CheckReport, prices: &Prices, shown: &HashSet<RowRef>) {
    let _ = writeln!(s, "\nOther rules");
    for l in &check.lines {
        if shown.contains(&l.row) || l.row.is_detail() {
            continue;
        }
        let slack = slack_cell(l.slack);
        let note = if l.priced_amount {
            "  (soft: km²·km beyond the distance, priced in the objective)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:<44} {:>12} {:>18} {:>10} {:>12}{note}",
            l.name,
            fmt_value(l),
            fmt_bound(l),
            slack,
            price(prices, &l.row)
        );
    }
    for rule in RuleId::ALL {
        let lines: Vec<&RuleLine> = check
            .lines
            .iter()
            .filter(|l| l.rule == rule && l.row.is_detail())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let binding = lines.iter().filter(|l| l.binding).count();
        let priced: Vec<f64> = lines
            .iter()
            .filter_map(|l| prices.get(&l.row).and_then(|r| r.shadow_price))
            .filter(|p| p.abs() > 1e-6)
            .collect();
        let range = if priced.is_empty() {
            String::new()
        } else {
            let lo = priced.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = priced.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            format!("; {} priced, from {lo:.2} to {hi:.2}", priced.len())
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

fn linkage_section(s: &mut String, inst: &Instance, run: &Run, prices: &Prices) {
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
    if let Some(p) = net.pooled {
        let _ = writeln!(
            s,
            "  pooled by transport node: {} units in {} pools; the {} edges stand for {} (unit, site) pairings, each pool's flow split over its units by reclaimed arable",
            net.withdrawal_units, p.pools, net.edges, p.pairings
        );
    }
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
        "  quota: {} km² on {} flows, {} km² across districts; {} km² of affordable-housing land for people resettled across districts",
        f2(quota),
        flows.iter().filter(|f| f.quota_km2 > 1e-9).count(),
        f2(cross),
        f2(resettled)
    );
    project_areas(s, run);
    if let Some(check) = &run.check {
        served_sites(s, run, check, prices);
    }
}

fn project_areas(s: &mut String, run: &Run) {
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
}

/// The linkage rules of every site that receives quota, with slack and price.
fn served_sites(s: &mut String, run: &Run, check: &CheckReport, prices: &Prices) {
    let mut served: Vec<u32> = run
        .solution
        .allocation
        .flows
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
        let row = RowRef::at(RuleId::LinkageBalance, Place::Site(site));
        for row in [row, row.part(Part::Quality)] {
            if let Some(l) = check.get(&row) {
                let _ = writeln!(
                    s,
                    "    {:<40} {:>10} {:>12} {:>10} {:>12}",
                    l.name,
                    fixed(l.value, 3),
                    fmt_bound(l),
                    fixed(l.slack, 3),
                    price(prices, &l.row)
                );
            }
        }
    }
}

/// The region-, zone- and district-level rows with a non-zero price, largest first.
fn binding(s: &mut String, run: &Run) {
    // ranked by the dual; a degenerate row shows both one-sided prices, not the dual
    let mut binding: Vec<(&str, f64, String)> = run
        .solution
        .rows
        .iter()
        .filter(|r| r.row.is_some_and(|row| !row.is_detail()))
        .filter_map(|r| {
            r.shadow_price
                .filter(|p| p.abs() > 1e-6)
                .map(|p| (r.name.as_str(), p, price_cell(r)))
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
    for (name, _, p) in binding {
        let _ = writeln!(s, "  {name:<44} {p:>12}");
    }
}

/// Ranging and one-sided prices of the binding region-, zone- and district-level rows, and
/// a count for the rows per unit, site or pairing.
fn sensitivity(s: &mut String, run: &Run) {
    let rows: Vec<_> = run
        .solution
        .rows
        .iter()
        .filter(|r| r.row.is_some_and(|row| !row.is_detail()))
        .filter_map(|r| r.sensitivity.map(|x| (r, x)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\nSensitivity of the binding rules (price per km² of the bound moved up | down; the range of the bound over which the price holds, and the objective at its ends)"
    );
    let _ = writeln!(
        s,
        "  {:<36} {:>11} {:>11} {:>27} {:>27}  note",
        "rule", "up", "down", "holds for (km²)", "objective at the ends"
    );
    let num = |v: f64| {
        if v.is_finite() {
            f2(v)
        } else if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        }
    };
    for (r, x) in rows {
        let km2 = |v: f64| {
            if v.is_finite() {
                fixed(v, 3)
            } else {
                num(v)
            }
        };
        let range = x
            .range
            .map_or("—".into(), |[a, b]| format!("{} … {}", km2(a), km2(b)));
        let obj = x
            .range_objective
            .map_or("—".into(), |[a, b]| format!("{} … {}", num(a), num(b)));
        let note = match (x.degenerate, r.shadow_price) {
            (Some(true), _) => "degenerate: the two sides differ, no single price",
            (None, _) => "one side not measured",
            (Some(false), Some(p)) if p.abs() <= 1e-9 => "binding with a zero price",
            _ => "",
        };
        let _ = writeln!(
            s,
            "  {:<36} {:>11} {:>11} {:>27} {:>27}  {note}",
            r.name,
            side(x.price_up, x.infeasible_up, Lang::En),
            side(x.price_down, x.infeasible_down, Lang::En),
            range,
            obj
        );
    }
    let detail: Vec<_> = run
        .solution
        .rows
        .iter()
        .filter(|r| r.row.is_some_and(|row| row.is_detail()))
        .filter_map(|r| r.sensitivity)
        .collect();
    if !detail.is_empty() {
        let degenerate = detail.iter().filter(|x| x.degenerate == Some(true)).count();
        let unknown = detail.iter().filter(|x| x.degenerate.is_none()).count();
        let _ = writeln!(
            s,
            "  rows per unit, site or pairing: {} binding; {} with both sides equal, {degenerate} degenerate, {unknown} with a side ranging cannot tell (not re-solved; accounts.csv has every row's range)",
            detail.len(),
            detail.len() - degenerate - unknown
        );
    }
}

/// The locked decisions with their price: what keeping each costs per km².
/// What the plan asks of each district (districts.csv has every column).
fn districts(s: &mut String, inst: &Instance, run: &Run) {
    let rows = super::district_rows(inst, run);
    let _ = writeln!(s, "\nDistricts (km²; every column in districts.csv)");
    let _ = writeln!(
        s,
        "  {:<22} {:>11} {:>10} {:>9} {:>9} {:>9} {:>11} {:>15}",
        "district",
        "stock redev",
        "new",
        "reclaimed",
        "quota out",
        "quota in",
        "people",
        "arable change"
    );
    for r in &rows {
        let arable = match (r.arable_baseline_km2, r.arable_end_km2) {
            (Some(b), Some(e)) => format!("{:+.2}", e - b),
            _ => "—".into(),
        };
        let _ = writeln!(
            s,
            "  {:<22} {:>11.2} {:>10.2} {:>9.2} {:>9.2} {:>9.2} {:>11.0} {:>15}",
            r.name,
            r.stock_redeveloped_km2,
            r.new_construction_km2,
            r.reclaimed_km2,
            r.quota_sent_km2,
            r.quota_received_km2,
            r.people_displaced,
            arable
        );
    }
}

fn locks(s: &mut String, run: &Run) {
    if run.locks.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\nLocked decisions (km²; prices per km² of the lock moved up | down, million yuan: what keeping the decision costs)"
    );
    for l in run.locks.iter().take(40) {
        let bounds = if l.min == l.max {
            format!("= {}", fixed(l.min, 3))
        } else {
            format!("[{}, {}]", fixed(l.min, 3), fixed(l.max, 3))
        };
        let _ = writeln!(
            s,
            "  {:<44} {:>12.3} {:>20} {:>11} {:>11}",
            l.label,
            l.value,
            bounds,
            side(l.price_up, false, Lang::En),
            side(l.price_down, false, Lang::En)
        );
    }
    if run.locks.len() > 40 {
        let _ = writeln!(s, "  ... {} more", run.locks.len() - 40);
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
        let penalties = if check.objective.penalties_material() {
            format!(
                "; but penalties are {:.2} million yuan of it (see the warning above)",
                check.objective.penalties()
            )
        } else {
            String::new()
        };
        format!(
            "check: passed — {} rule rows recomputed from instance, model and allocation; largest hard violation {:.2e} km²; objective recomputed {:.4} (solver {:.4}){penalties}",
            check.lines.len(),
            max_violation,
            check.objective.total,
            check.reported_objective.unwrap_or(f64::NAN)
        )
    } else {
        format!(
            "check: FAILED — {}",
            crate::check::joined(&check.failures, "; ")
        )
    }
}
