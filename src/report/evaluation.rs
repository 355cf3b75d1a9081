//! Reports of an evaluation (a plan against the optimum) and of a comparison of two plans:
//! text for a planner, CSV tables (`gap_by_zone.csv`, `gap_by_district.csv`,
//! `gap_by_use.csv`, `rules.csv`) and `evaluation.json`.

use crate::analysis::evaluate::{Contributions, Evaluation, RuleGap};
use crate::instance::Instance;
use crate::policy::PolicyModel;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One line of a breakdown: a zone, district or use, the two sides and their difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub name: String,
    pub a: f64,
    pub b: f64,
    /// b − a.
    pub difference: f64,
}

/// `a` and `b` broken down by zone, district and use (net benefit, million yuan), and the
/// region-wide parts.
pub fn breakdown(inst: &Instance, a: &Contributions, b: &Contributions) -> [Vec<Part>; 4] {
    let by = |key: &dyn Fn(usize, &str) -> String| {
        let mut m: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for (&(d, k), &v) in &a.by_district_use {
            m.entry(key(d, k)).or_default().0 += v;
        }
        for (&(d, k), &v) in &b.by_district_use {
            m.entry(key(d, k)).or_default().1 += v;
        }
        m.into_iter()
            .map(|(name, (a, b))| Part {
                name,
                a,
                b,
                difference: b - a,
            })
            .collect::<Vec<_>>()
    };
    let zones = by(&|d, _| inst.zones[inst.districts[d].zone].id.clone());
    let districts = by(&|d, _| inst.districts[d].id.clone());
    let uses = by(&|_, k| k.to_string());
    let region = [
        (
            "linkage transfer and project costs",
            -a.linkage_cost,
            -b.linkage_cost,
        ),
        (
            "soft transport penalty",
            -a.transport_penalty,
            -b.transport_penalty,
        ),
        ("soft-rule penalties", -a.soft_penalty, -b.soft_penalty),
    ]
    .into_iter()
    .map(|(n, a, b)| Part {
        name: n.into(),
        a,
        b,
        difference: b - a,
    })
    .collect();
    [zones, districts, uses, region]
}

fn table(s: &mut String, title: &str, a: &str, b: &str, parts: &[Part], limit: usize) {
    let _ = writeln!(s, "\n{title} (net benefit, million yuan)");
    let _ = writeln!(s, "  {:<34} {:>16} {:>16} {:>14}", "", a, b, "difference");
    let mut rows: Vec<&Part> = parts.iter().collect();
    if rows.len() > limit {
        rows.sort_by(|x, y| y.difference.abs().total_cmp(&x.difference.abs()));
    }
    for p in rows.iter().take(limit) {
        let _ = writeln!(
            s,
            "  {:<34} {:>16.2} {:>16.2} {:>14.2}",
            p.name, p.a, p.b, p.difference
        );
    }
    if rows.len() > limit {
        let _ = writeln!(
            s,
            "  ... {} more, largest differences shown (all in the CSV tables)",
            rows.len() - limit
        );
    }
}

/// The plan could not be completed or realised: say so, why, and the optimum without it.
fn no_plan(s: &mut String, ev: &Evaluation) {
    let Some(run) = &ev.plan_run else { return };
    let what = match ev.reading {
        crate::analysis::evaluate::Reading::Realised => {
            "realised: no unit-level allocation meets its aggregates and the hard rules"
        }
        _ => "completed: no allocation keeps its listed decisions and meets the hard rules",
    };
    let _ = writeln!(
        s,
        "the plan cannot be {what} (status: {}); there is no plan to check or to put against the optimum",
        run.solution.status
    );
    match &run.conflicts {
        Some(c) if !c.is_empty() => {
            let _ = writeln!(s, "the rules that must give for it to exist (km²):");
            for x in c.iter().take(20) {
                let _ = writeln!(s, "  {:<44} by {:.4}", x.name, x.violation);
            }
        }
        _ => {
            let _ = writeln!(s, "no relaxation of the rules makes it exist either: the listed decisions themselves conflict (a lock above a record's area or reclaimable share, or two locks on one record)");
        }
    }
    if let Some(total) = ev
        .optimum
        .as_ref()
        .and_then(|o| o.check.as_ref())
        .map(|c| c.objective.total)
    {
        let _ = writeln!(
            s,
            "optimum without the plan's decisions: {total:.2} million yuan"
        );
    }
}

/// An objective and its parts, each named (the benefit criteria and the linkage's costs
/// only when the model has them).
pub fn objective_line(o: &crate::check::ObjectiveParts) -> String {
    let mut s = format!(
        "{:.2} million yuan = value {:.2} − cost {:.2}",
        o.total, o.value, o.cost
    );
    if o.linkage_cost != 0.0 {
        let _ = write!(s, " (of which linkage {:.2})", o.linkage_cost);
    }
    let _ = write!(
        s,
        " − transport penalty {:.2} − soft-rule penalties {:.2}",
        o.transport_penalty, o.soft_penalty
    );
    if o.benefits != 0.0 {
        let _ = write!(s, " + benefit criteria {:.2}", o.benefits);
    }
    s
}

/// The gap as a share of the optimum, when that means something: only against a positive
/// optimum (a share of a negative or zero objective reads backwards).
pub fn gap_share(gap: f64, optimum: f64) -> String {
    if optimum > 1e-9 {
        format!(", {:.3}% of the optimum", 100.0 * gap / optimum)
    } else {
        " (no share given: the optimum is not positive)".to_string()
    }
}

/// What the figures rest on, when the instance says.
fn basis(s: &mut String, inst: &Instance) {
    if let Some(p) = crate::report::provenance::Provenance::of(&inst.metadata) {
        let _ = writeln!(s, "{}", p.statement(crate::report::labels::Lang::En));
    }
}

/// The evaluation as text: how the plan was read, its check, and the gap to the optimum.
pub fn evaluation_text(
    inst: &Instance,
    model: &PolicyModel,
    plan_name: &str,
    ev: &Evaluation,
) -> String {
    let mut s = String::new();
    let reading = match ev.reading {
        crate::analysis::evaluate::Reading::AsStated => {
            "as stated (what the plan does not list is untouched)"
        }
        crate::analysis::evaluate::Reading::Completed => {
            "completed (its listed decisions kept, the rest optimised)"
        }
        crate::analysis::evaluate::Reading::Realised => {
            "realised (the best unit-level allocation that meets its aggregates)"
        }
    };
    let _ = writeln!(
        s,
        "stockland evaluate: plan `{plan_name}` on instance `{}` under model `{}`, read {reading}",
        inst.name, model.name
    );
    basis(&mut s, inst);
    if ev.no_plan() {
        no_plan(&mut s, ev);
        return s;
    }
    let o = &ev.check.objective;
    let _ = writeln!(s, "plan objective (net benefit): {}", objective_line(o));
    if let Some(w) = crate::report::labels::penalty_warning(o, crate::report::labels::Lang::En) {
        let _ = writeln!(s, "plan: {w}");
    }
    let violated: Vec<&RuleGap> = ev.rules.iter().filter(|r| r.violated).collect();
    let _ = writeln!(
        s,
        "check: {} rule rows recomputed; {} violated{}",
        ev.rules.len(),
        violated.len(),
        if ev.check.passed() {
            ""
        } else {
            " (the plan breaks hard rules)"
        }
    );
    if !violated.is_empty() {
        let _ = writeln!(s, "\nViolated rules (km² outside the bounds)");
        for r in violated.iter().take(40) {
            let _ = writeln!(
                s,
                "  {:<44} value {:>12.4}  violation {:>10.4}",
                r.name, r.plan_value, r.plan_violation
            );
        }
        if violated.len() > 40 {
            let _ = writeln!(s, "  ... {} more (all in rules.csv)", violated.len() - 40);
        }
    }
    for f in ev
        .check
        .failures
        .iter()
        .filter(|f| f.row.is_none())
        .take(10)
    {
        let _ = writeln!(s, "  domain: {f}");
    }
    let (Some(opt), Some(oc), Some(gap)) = (&ev.optimum, &ev.optimum_contributions, ev.gap())
    else {
        let _ = writeln!(s, "\n(no optimum asked for, or the model has none: no gap)");
        return s;
    };
    let total = opt.check.as_ref().map_or(f64::NAN, |c| c.objective.total);
    let _ = writeln!(
        s,
        "\noptimum: {:.2} million yuan; gap (optimum − plan) {:.2} million yuan{}",
        total,
        gap,
        gap_share(gap, total)
    );
    if let Some(w) = opt.check.as_ref().and_then(|c| {
        crate::report::labels::penalty_warning(&c.objective, crate::report::labels::Lang::En)
    }) {
        let _ = writeln!(s, "optimum: {w}");
    }
    let [zones, districts, uses, region] = breakdown(inst, &ev.contributions, oc);
    if ev.contributions.benefits != 0.0 || oc.benefits != 0.0 {
        let _ = writeln!(
            s,
            "(the tables by zone, use and district include the benefit criteria: plan {:.2}, optimum {:.2})",
            ev.contributions.benefits, oc.benefits
        );
    }
    table(&mut s, "Gap by zone", "plan", "optimum", &zones, 50);
    table(&mut s, "Gap by use", "plan", "optimum", &uses, 50);
    table(&mut s, "Gap by district", "plan", "optimum", &districts, 10);
    table(&mut s, "Region-wide parts", "plan", "optimum", &region, 10);
    let mut rules: Vec<&RuleGap> = ev
        .rules
        .iter()
        .filter(|r| r.first_order.is_some_and(|v| v.abs() > 1e-6))
        .collect();
    rules.sort_by(|a, b| {
        b.first_order
            .unwrap()
            .abs()
            .total_cmp(&a.first_order.unwrap().abs())
    });
    if !rules.is_empty() {
        let _ = writeln!(s, "\nGap by rule: the rules whose quantity differs most, priced at the optimum (first-order: price × (plan − optimum); an estimate, not an exact share)");
        let _ = writeln!(
            s,
            "  {:<44} {:>12} {:>12} {:>12} {:>14}",
            "rule", "plan", "optimum", "price", "first-order"
        );
        for r in rules.iter().take(15) {
            let _ = writeln!(
                s,
                "  {:<44} {:>12.3} {:>12.3} {:>12.2} {:>14.2}",
                r.name,
                r.plan_value,
                r.optimum_value.unwrap_or(f64::NAN),
                r.price.unwrap_or(f64::NAN),
                r.first_order.unwrap_or(0.0)
            );
        }
    }
    s
}

fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, String> {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows {
        w.serialize(r).map_err(|e| e.to_string())?;
    }
    String::from_utf8(w.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

#[derive(Serialize)]
struct EvaluationFile<'a> {
    stockland_version: &'static str,
    plan: &'a str,
    reading: crate::analysis::evaluate::Reading,
    /// How the completing or realising run ended (absent for a plan read as stated).
    #[serde(skip_serializing_if = "Option::is_none")]
    plan_status: Option<String>,
    plan_objective: crate::check::ObjectiveParts,
    plan_passes_check: bool,
    optimum_objective: Option<f64>,
    gap: Option<f64>,
    gap_by_zone: Vec<Part>,
    gap_by_district: Vec<Part>,
    gap_by_use: Vec<Part>,
    region_wide: Vec<Part>,
    rules: &'a [RuleGap],
}

/// `evaluation.json` and the CSV tables of an evaluation (a = plan, b = optimum).
pub fn evaluation_files(
    inst: &Instance,
    plan_name: &str,
    ev: &Evaluation,
) -> Result<Vec<(String, String)>, String> {
    let empty = Contributions::default();
    let oc = ev.optimum_contributions.as_ref().unwrap_or(&empty);
    let [zones, districts, uses, region] = breakdown(inst, &ev.contributions, oc);
    let mut files = vec![
        ("gap_by_zone.csv".to_string(), to_csv(&zones)?),
        ("gap_by_district.csv".to_string(), to_csv(&districts)?),
        ("gap_by_use.csv".to_string(), to_csv(&uses)?),
        ("rules.csv".to_string(), to_csv(&ev.rules)?),
    ];
    let file = EvaluationFile {
        stockland_version: env!("CARGO_PKG_VERSION"),
        plan: plan_name,
        reading: ev.reading,
        plan_status: ev.plan_status().map(|s| s.to_string()),
        plan_objective: ev.check.objective,
        plan_passes_check: ev.check.passed() && !ev.no_plan(),
        optimum_objective: ev
            .optimum
            .as_ref()
            .and_then(|o| o.check.as_ref())
            .map(|c| c.objective.total),
        gap: ev.gap(),
        gap_by_zone: zones,
        gap_by_district: districts,
        gap_by_use: uses,
        region_wide: region,
        rules: &ev.rules,
    };
    files.push((
        "evaluation.json".into(),
        serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?,
    ));
    Ok(files)
}

/// One rule in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSide {
    pub name: String,
    pub a: f64,
    pub b: f64,
    pub difference: f64,
    pub a_violation: f64,
    pub b_violation: f64,
    pub a_binding: bool,
    pub b_binding: bool,
}

/// Two evaluated plans side by side (b − a throughout).
pub fn comparison(
    inst: &Instance,
    a: &Evaluation,
    b: &Evaluation,
) -> ([Vec<Part>; 4], Vec<RuleSide>, f64) {
    let parts = breakdown(inst, &a.contributions, &b.contributions);
    let rules = a
        .check
        .lines
        .iter()
        .filter_map(|la| {
            let lb = b.check.get(&la.row)?;
            Some(RuleSide {
                name: la.name.clone(),
                a: la.value,
                b: lb.value,
                difference: lb.value - la.value,
                a_violation: la.violation,
                b_violation: lb.violation,
                a_binding: la.binding,
                b_binding: lb.binding,
            })
        })
        .collect();
    (
        parts,
        rules,
        b.check.objective.total - a.check.objective.total,
    )
}

/// The comparison as text.
pub fn comparison_text(
    inst: &Instance,
    a_name: &str,
    b_name: &str,
    a: &Evaluation,
    b: &Evaluation,
) -> String {
    let mut s = String::new();
    let (parts, rules, gap) = comparison(inst, a, b);
    let _ = writeln!(
        s,
        "stockland compare: A = `{a_name}`, B = `{b_name}` on instance `{}`",
        inst.name
    );
    basis(&mut s, inst);
    let _ = writeln!(
        s,
        "objective: A {:.2}, B {:.2} million yuan; B − A = {gap:.2}",
        a.check.objective.total, b.check.objective.total
    );
    let _ = writeln!(
        s,
        "check: A {} ({} violated), B {} ({} violated)",
        if a.check.passed() { "passes" } else { "fails" },
        rules.iter().filter(|r| r.a_violation > 1e-6).count(),
        if b.check.passed() { "passes" } else { "fails" },
        rules.iter().filter(|r| r.b_violation > 1e-6).count()
    );
    for (side, e) in [("A", a), ("B", b)] {
        if let Some(w) = crate::report::labels::penalty_warning(
            &e.check.objective,
            crate::report::labels::Lang::En,
        ) {
            let _ = writeln!(s, "{side}: {w}");
        }
    }
    let [zones, districts, uses, region] = &parts;
    table(&mut s, "By zone", "A", "B", zones, 50);
    table(&mut s, "By use", "A", "B", uses, 50);
    table(&mut s, "By district", "A", "B", districts, 10);
    table(&mut s, "Region-wide parts", "A", "B", region, 10);
    let mut differ: Vec<&RuleSide> = rules
        .iter()
        .filter(|r| r.difference.abs() > 1e-6 || r.a_binding != r.b_binding)
        .collect();
    differ.sort_by(|x, y| y.difference.abs().total_cmp(&x.difference.abs()));
    let _ = writeln!(
        s,
        "\nRules that differ (value in km²; binding: A/B), {} of {}:",
        differ.len(),
        rules.len()
    );
    for r in differ.iter().take(25) {
        let bind = |x: bool| if x { "binds" } else { "-" };
        let _ = writeln!(
            s,
            "  {:<44} {:>12.3} {:>12.3} {:>12.3}  {}/{}",
            r.name,
            r.a,
            r.b,
            r.difference,
            bind(r.a_binding),
            bind(r.b_binding)
        );
    }
    s
}

/// The comparison's CSV tables.
pub fn comparison_files(
    inst: &Instance,
    a: &Evaluation,
    b: &Evaluation,
) -> Result<Vec<(String, String)>, String> {
    let ([zones, districts, uses, region], rules, _) = comparison(inst, a, b);
    Ok(vec![
        ("compare_by_zone.csv".into(), to_csv(&zones)?),
        ("compare_by_district.csv".into(), to_csv(&districts)?),
        ("compare_by_use.csv".into(), to_csv(&uses)?),
        ("compare_region_wide.csv".into(), to_csv(&region)?),
        ("compare_rules.csv".into(), to_csv(&rules)?),
    ])
}
