//! A sweep's tables, from its scenario results alone (so that shards merged give the same
//! bytes as one run): `sweep.csv` (one row per scenario), `robustness.csv` (per decision,
//! the share of solved scenarios that choose it), `distribution.csv` (per amount: min,
//! quartiles, max), `bindings.csv` (per rule: the share of solved scenarios in which it
//! binds), `sweep.svg`, `summary.txt` and `sweep.html` (the summary, charts and bindings
//! on one self-contained page). Timings vary between runs and go to
//! `timings.csv`, outside the results.

use super::chart::{bar_chart, line_chart, stack, Chart, Series};
use crate::analysis::sweep::design::{Design, DesignKind};
use crate::analysis::sweep::{Metric, ScenarioResult};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Below this, a price counts as zero (the rule does not bind).
pub const PRICE_ZERO: f64 = 1e-9;

fn num(v: f64) -> String {
    // -0 prints as 0
    format!("{}", if v == 0.0 { 0.0 } else { v })
}

fn opt(v: Option<f64>) -> String {
    v.map_or(String::new(), num)
}

fn csv(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows {
        // writing to memory cannot fail
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// The metrics of every scenario, in order of first appearance.
fn metric_names(results: &[ScenarioResult]) -> Vec<&Metric> {
    let mut seen = std::collections::HashSet::new();
    let mut names = Vec::new();
    for r in results {
        for (n, _) in &r.metrics {
            if seen.insert(n) {
                names.push(n);
            }
        }
    }
    names
}

/// Linear-interpolation quantile of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let (i, f) = (h.floor() as usize, h - h.floor());
    if i + 1 < sorted.len() {
        sorted[i] + f * (sorted[i + 1] - sorted[i])
    } else {
        sorted[i]
    }
}

/// Every file of the sweep's results, by name. `results` must be every scenario of the
/// design, in index order.
pub fn tables(design: &Design, results: &[ScenarioResult]) -> Vec<(String, Vec<u8>)> {
    let names = metric_names(results);
    let solved: Vec<&ScenarioResult> = results.iter().filter(|r| r.solved()).collect();
    let amounts = Amounts::of(&solved);
    let binds = bindings(&solved, &amounts, &names);
    let mut out = vec![
        ("sweep.csv".to_string(), sweep_csv(design, results, &names)),
        ("robustness.csv".to_string(), robustness_csv(&solved)),
        (
            "distribution.csv".to_string(),
            distribution_csv(&amounts, &names),
        ),
    ];
    let bindings = bindings_csv(&binds);
    let chart = svg(design, results, &solved, &binds, &names);
    let text = summary(design, results, &solved, &amounts, &binds);
    let page = super::html::page(
        &format!("stockland sweep `{}`", design.name),
        &text,
        &chart,
        &[(
            "Rules: share of solved scenarios binding, median price",
            &String::from_utf8_lossy(&bindings),
        )],
    );
    out.push(("bindings.csv".to_string(), bindings));
    out.push(("sweep.svg".to_string(), chart.into_bytes()));
    out.push(("summary.txt".to_string(), text.into_bytes()));
    out.push(("sweep.html".to_string(), page.into_bytes()));
    out
}

/// Per-scenario timings (not part of the results: they differ from run to run).
pub fn timings_csv(results: &[ScenarioResult]) -> Vec<u8> {
    let mut rows = vec![vec![
        "scenario".into(),
        "warm".into(),
        "seconds".into(),
        "iterations".into(),
    ]];
    for r in results {
        rows.push(vec![
            r.index.to_string(),
            r.warm.to_string(),
            format!("{:.3}", r.seconds),
            r.iterations.map_or(String::new(), |i| i.to_string()),
        ]);
    }
    csv(rows)
}

fn sweep_csv(design: &Design, results: &[ScenarioResult], names: &[&Metric]) -> Vec<u8> {
    let mut head: Vec<String> = vec!["scenario".into()];
    head.extend(design.parameters.iter().map(|p| p.name.clone()));
    head.extend(["status".into(), "objective".into()]);
    head.extend(names.iter().map(|n| n.column()));
    head.extend(["conflicts".into(), "message".into()]);
    let mut rows = vec![head];
    for r in results {
        let mut row = vec![r.index.to_string()];
        row.extend(r.values.iter().map(|v| num(*v)));
        row.push(r.status.to_string());
        row.push(opt(r.objective));
        let m: BTreeMap<&Metric, f64> = r.metrics.iter().map(|(n, v)| (n, *v)).collect();
        row.extend(names.iter().map(|n| opt(m.get(n).copied())));
        row.push(
            r.conflicts
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        );
        row.push(r.message.clone().unwrap_or_default());
        rows.push(row);
    }
    csv(rows)
}

/// (place, id, use) → km² per solved scenario that chooses it.
type Choices<'a> = BTreeMap<(&'a str, &'a str, &'a str), Vec<f64>>;

fn robustness_csv(solved: &[&ScenarioResult]) -> Vec<u8> {
    let mut by: Choices = BTreeMap::new();
    for r in solved {
        for c in &r.chosen {
            by.entry((c.place.as_str(), c.id.as_str(), c.land_use.as_str()))
                .or_default()
                .push(c.km2);
        }
    }
    let n = solved.len().max(1) as f64;
    let mut rows = vec![[
        "place",
        "id",
        "use",
        "chosen_share",
        "mean_km2",
        "min_km2",
        "max_km2",
    ]
    .map(String::from)
    .to_vec()];
    for ((place, id, land_use), v) in &by {
        let all_chosen = v.len() == solved.len();
        let min = if all_chosen {
            v.iter().cloned().fold(f64::INFINITY, f64::min)
        } else {
            0.0
        };
        rows.push(vec![
            place.to_string(),
            id.to_string(),
            land_use.to_string(),
            num(v.len() as f64 / n),
            num(v.iter().sum::<f64>() / n),
            num(min),
            num(v.iter().cloned().fold(0.0, f64::max)),
        ]);
    }
    csv(rows)
}

/// Every amount of the solved scenarios (the objective and each metric), sorted: gathered
/// in one pass, for the distribution, the bindings and the summary. The objective's key is
/// `None`.
struct Amounts<'a>(std::collections::HashMap<Option<&'a Metric>, Vec<f64>>);

impl<'a> Amounts<'a> {
    fn of(solved: &[&'a ScenarioResult]) -> Amounts<'a> {
        let mut m: std::collections::HashMap<Option<&Metric>, Vec<f64>> =
            std::collections::HashMap::new();
        for r in solved {
            if let Some(o) = r.objective {
                m.entry(None).or_default().push(o);
            }
            for (n, v) in &r.metrics {
                m.entry(Some(n)).or_default().push(*v);
            }
        }
        for v in m.values_mut() {
            v.sort_by(f64::total_cmp);
        }
        Amounts(m)
    }

    /// The sorted values of `name` (the objective for `None`; empty when no solved
    /// scenario has it).
    fn column<'s>(&'s self, name: Option<&'a Metric>) -> &'s [f64] {
        self.0.get(&name).map_or(&[], |v| v.as_slice())
    }
}

fn distribution_csv(amounts: &Amounts<'_>, names: &[&Metric]) -> Vec<u8> {
    let mut rows = vec![[
        "amount",
        "scenarios",
        "min",
        "q1",
        "median",
        "q3",
        "max",
        "mean",
    ]
    .map(String::from)
    .to_vec()];
    for name in std::iter::once(None).chain(names.iter().map(|&m| Some(m))) {
        let v = amounts.column(name);
        if v.is_empty() {
            continue;
        }
        rows.push(vec![
            name.map_or("objective".to_string(), Metric::column),
            v.len().to_string(),
            num(v[0]),
            num(quantile(v, 0.25)),
            num(quantile(v, 0.5)),
            num(quantile(v, 0.75)),
            num(v[v.len() - 1]),
            num(v.iter().sum::<f64>() / v.len() as f64),
        ]);
    }
    csv(rows)
}

/// (rule, share of solved scenarios in which its price is not zero, median price).
fn bindings(
    solved: &[&ScenarioResult],
    amounts: &Amounts<'_>,
    names: &[&Metric],
) -> Vec<(String, f64, f64)> {
    names
        .iter()
        .filter_map(|&n| match n {
            Metric::RulePrice(rule) => Some((n, rule)),
            _ => None,
        })
        .map(|(n, rule)| {
            let v = amounts.column(Some(n));
            let binding = v.iter().filter(|p| p.abs() > PRICE_ZERO).count();
            (
                rule.to_string(),
                binding as f64 / solved.len().max(1) as f64,
                quantile(v, 0.5),
            )
        })
        .collect()
}

fn bindings_csv(bindings: &[(String, f64, f64)]) -> Vec<u8> {
    let mut rows = vec![["rule", "binding_share", "median_price"]
        .map(String::from)
        .to_vec()];
    for (rule, share, median) in bindings {
        rows.push(vec![rule.clone(), num(*share), num(*median)]);
    }
    csv(rows)
}

fn svg(
    design: &Design,
    results: &[ScenarioResult],
    solved: &[&ScenarioResult],
    binds: &[(String, f64, f64)],
    names: &[&Metric],
) -> String {
    let mut charts = Vec::new();
    let line = design.kind != DesignKind::Draws && design.parameters.len() == 1;
    for (k, p) in design.parameters.iter().enumerate() {
        let points = |f: &dyn Fn(&ScenarioResult) -> Option<f64>| -> Vec<(f64, f64)> {
            let mut v: Vec<(f64, f64)> = results
                .iter()
                .filter(|r| r.solved())
                .filter_map(|r| f(r).map(|y| (r.values[k], y)))
                .collect();
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            v
        };
        let what = if p.target.is_factor() {
            " (factor)"
        } else {
            ""
        };
        charts.push(line_chart(&Chart {
            title: format!("Net benefit against {}", p.name),
            x_label: format!("{}{what}", p.name),
            y_label: "net benefit, million yuan".into(),
            series: vec![Series {
                name: "objective".into(),
                points: points(&|r| r.objective),
                line,
            }],
        }));
        let series: Vec<Series> = names
            .iter()
            .filter(|n| n.plotted())
            .map(|&n| Series {
                name: n.column(),
                points: points(&|r| r.metrics.iter().find(|(m, _)| m == n).map(|m| m.1)),
                line,
            })
            .collect();
        if !series.is_empty() {
            charts.push(line_chart(&Chart {
                title: format!("Stock redeveloped and new construction against {}", p.name),
                x_label: format!("{}{what}", p.name),
                y_label: "km²".into(),
                series,
            }));
        }
    }
    let b: Vec<(String, f64)> = binds
        .iter()
        .filter(|b| b.1 > 0.0)
        .map(|(r, s, _)| (r.clone(), *s))
        .collect();
    if !b.is_empty() {
        charts.push(bar_chart(
            "Share of solved scenarios in which each rule binds",
            "share of scenarios",
            &b,
        ));
    }
    let shares = choice_shares(solved);
    if !shares.is_empty() {
        let bins = ["(0, 25%)", "[25, 50%)", "[50, 75%)", "[75, 100%)", "100%"];
        let mut counts = [0usize; 5];
        for s in &shares {
            let i = if *s >= 1.0 {
                4
            } else {
                (s * 4.0).floor() as usize
            };
            counts[i.min(4)] += 1;
        }
        let bars: Vec<(String, f64)> = bins
            .iter()
            .zip(counts)
            .map(|(b, c)| (format!("chosen in {b} of scenarios"), c as f64))
            .collect();
        charts.push(bar_chart(
            "Decisions (unit, site and project uses) by how often they are chosen",
            "decisions",
            &bars,
        ));
    }
    stack(&charts)
}

/// Per decision ever chosen, the share of solved scenarios that choose it.
fn choice_shares(solved: &[&ScenarioResult]) -> Vec<f64> {
    let mut by: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for r in solved {
        for c in &r.chosen {
            *by.entry((c.place.as_str(), c.id.as_str(), c.land_use.as_str()))
                .or_default() += 1;
        }
    }
    let n = solved.len().max(1) as f64;
    by.values().map(|&c| c as f64 / n).collect()
}

fn summary(
    design: &Design,
    results: &[ScenarioResult],
    solved: &[&ScenarioResult],
    amounts: &Amounts<'_>,
    b: &[(String, f64, f64)],
) -> String {
    let mut s = String::new();
    let kind = match design.kind {
        DesignKind::Grid => "a grid".to_string(),
        DesignKind::Zip => "lists taken together".to_string(),
        DesignKind::Draws => format!(
            "{} draws ({:?} sampling, seed {})",
            design.draws, design.sampling, design.seed
        )
        .replace("LatinHypercube", "Latin hypercube")
        .replace("Random", "random"),
    };
    let params: Vec<&str> = design.parameters.iter().map(|p| p.name.as_str()).collect();
    let _ = writeln!(
        s,
        "sweep `{}`: {} scenario(s), {kind} over {}",
        design.name,
        results.len(),
        params.join(", ")
    );
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    for r in results {
        *statuses.entry(r.status.to_string()).or_default() += 1;
    }
    let st: Vec<String> = statuses.iter().map(|(k, v)| format!("{v} {k}")).collect();
    let _ = writeln!(s, "status: {}", st.join(", "));
    let obj = amounts.column(None);
    if !obj.is_empty() {
        let _ = writeln!(
            s,
            "net benefit of the solved scenarios, million yuan: min {:.2}, median {:.2}, max {:.2}",
            obj[0],
            quantile(obj, 0.5),
            obj[obj.len() - 1]
        );
    }
    let always: Vec<&str> = b
        .iter()
        .filter(|x| x.1 >= 1.0)
        .map(|x| x.0.as_str())
        .collect();
    let sometimes: Vec<String> = b
        .iter()
        .filter(|x| x.1 > 0.0 && x.1 < 1.0)
        .map(|x| format!("{} ({:.0}%)", x.0, 100.0 * x.1))
        .collect();
    let _ = writeln!(
        s,
        "rules binding in every solved scenario: {}",
        if always.is_empty() {
            "none".into()
        } else {
            always.join(", ")
        }
    );
    let _ = writeln!(
        s,
        "rules binding in some: {}",
        if sometimes.is_empty() {
            "none".into()
        } else {
            sometimes.join(", ")
        }
    );
    let shares = choice_shares(solved);
    let all = shares.iter().filter(|&&x| x >= 1.0).count();
    let most = shares.iter().filter(|&&x| (0.5..1.0).contains(&x)).count();
    let _ = writeln!(
        s,
        "decisions ever chosen: {}; in every solved scenario: {all}; in at least half (not all): {most}; in under half: {}",
        shares.len(),
        shares.len() - all - most
    );
    for r in results.iter().filter(|r| !r.solved()) {
        let why = if r.conflicts.is_empty() {
            r.message.clone().unwrap_or_default()
        } else {
            let c: Vec<String> = r
                .conflicts
                .iter()
                .map(|(n, v)| format!("{n} by {v:.4}"))
                .collect();
            format!("must give: {}", c.join(", "))
        };
        let _ = writeln!(s, "scenario {} {}: {why}", r.index, r.status);
    }
    s
}
