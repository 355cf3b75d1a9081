//! Golden outputs: the real CLI solves the Beijing case and every tiny instance. For a tiny
//! instance every file it writes (`solution.json`, the CSV tables, the DOT graph) and the
//! summary it prints must equal the committed copies in `tests/golden/<case>/` byte for
//! byte, timings and iteration counts removed. For Beijing, the summary and `accounts.csv`
//! (what a reviewer reads) are compared byte for byte; the per-column tables, where a
//! degenerate optimum may put another solver version on another vertex, must all be written,
//! with the check passed and the objective within 1e-9 (relative) of the committed one.
//!
//! Regenerate only on purpose, and say so in the commit:
//! `STOCKLAND_BLESS=1 cargo test --release --test it golden`.

use crate::util::*;
use std::path::Path;

/// (case, instance, model, extra flags); `None` instance and model: the built-in Beijing case.
type Case = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

const CASES: &[Case] = &[
    ("beijing", None, None, &[]),
    (
        "two-units",
        Some("instances/tiny/two-units.toml"),
        Some("models/tiny-two-units.toml"),
        &[],
    ),
    (
        "two-units-ha",
        Some("instances/tiny/two-units-ha.toml"),
        Some("models/tiny-two-units.toml"),
        &[],
    ),
    (
        "reclaim",
        Some("instances/tiny/reclaim.toml"),
        Some("models/tiny-reclaim.toml"),
        &[],
    ),
    (
        "infeasible",
        Some("instances/tiny/two-units.toml"),
        Some("models/tiny-infeasible.toml"),
        &[],
    ),
    (
        "linkage",
        Some("instances/tiny/linkage.toml"),
        Some("models/tiny-linkage.toml"),
        &[],
    ),
    (
        "linkage-quality",
        Some("instances/tiny/linkage.toml"),
        Some("models/tiny-linkage-quality.toml"),
        &[],
    ),
    (
        "linkage-resettlement",
        Some("instances/tiny/linkage.toml"),
        Some("models/tiny-linkage-resettlement.toml"),
        &[],
    ),
    (
        "linkage-whole-unit",
        Some("instances/tiny/linkage.toml"),
        Some("models/tiny-linkage.toml"),
        &["--whole-unit"],
    ),
];

/// Replace the number after each `marker` (up to the next space, comma or end of line).
fn blank_after(text: &str, marker: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(marker) {
        let (head, tail) = rest.split_at(i + marker.len());
        out.push_str(head);
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | 'e' | '+')))
            .unwrap_or(tail.len());
        out.push('#');
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Timings and iteration counts removed: what is left is the answer.
fn normalise(text: &str) -> String {
    let mut t = text.to_string();
    for marker in [
        "built in ",
        "solved in ",
        "analysed in ",
        "\"solve_seconds\": ",
        "\"build_seconds\": ",
        "\"aggregate_seconds\": ",
        "aggregated in ",
        "\"simplex_iterations\": ",
        "\"ipm_iterations\": ",
    ] {
        t = blank_after(&t, marker);
    }
    // the output directory differs from run to run
    t.lines()
        .filter(|l| !l.starts_with("wrote "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The Beijing files compared byte for byte; the rest by objective and check.
const BEIJING_REVIEWED: [&str; 2] = ["summary.txt", "accounts.csv"];

/// Every file a Beijing run writes into `--out`.
const BEIJING_WRITTEN: [&str; 11] = [
    "accounts.csv",
    "columns.csv",
    "districts.csv",
    "flows.csv",
    "project_areas.csv",
    "projects.csv",
    "sites.csv",
    "solution.geojson",
    "solution.json",
    "sources.csv",
    "units.csv",
];

/// Beijing's per-column outputs: every one written, the check passed, the objective the
/// committed one.
fn beijing_by_objective(golden: &Path, out: &Path, files: &[String], failures: &mut Vec<String>) {
    let written: Vec<&str> = files.iter().map(String::as_str).collect();
    if written != BEIJING_WRITTEN {
        failures.push(format!(
            "beijing: wrote {written:?}, expected {BEIJING_WRITTEN:?}"
        ));
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("solution.json")).unwrap()).unwrap();
    let objective = json["solution"]["objective"].as_f64().unwrap();
    let path = golden.join("objective.txt");
    if std::env::var_os("STOCKLAND_BLESS").is_some() {
        std::fs::write(&path, format!("{objective:?}\n")).unwrap();
        return;
    }
    if json["check_passed"] != serde_json::Value::Bool(true) {
        failures.push("beijing: solution.json says the check did not pass".into());
    }
    let want: f64 = std::fs::read_to_string(&path)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    if (objective - want).abs() > 1e-9 * want.abs() {
        failures.push(format!(
            "beijing: objective {objective} against the committed {want}"
        ));
    }
    for f in files {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        if text.trim().is_empty() {
            failures.push(format!("beijing: {f} is empty"));
        }
    }
}

fn compare_or_bless(dir: &Path, name: &str, got: &str, failures: &mut Vec<String>) {
    let path = dir.join(name);
    if std::env::var_os("STOCKLAND_BLESS").is_some() {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (bless with STOCKLAND_BLESS=1)", path.display()));
    if want != got {
        let line = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(got.lines().count()));
        failures.push(format!(
            "{}: differs from line {}:\n  golden: {}\n  now:    {}",
            path.display(),
            line + 1,
            want.lines().nth(line).unwrap_or("<end>"),
            got.lines().nth(line).unwrap_or("<end>")
        ));
    }
}

#[test]
fn golden_outputs_are_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (case, inst, model, flags) in CASES {
        let out = tmp.path().join(case);
        let dot = tmp.path().join(format!("{case}.dot"));
        let mut args: Vec<String> = vec!["solve".into()];
        if let Some(i) = inst {
            args.push(i.to_string());
        }
        if let Some(m) = model {
            args.extend(["--model".into(), m.to_string()]);
        }
        args.extend(["--method".into(), "simplex".into()]);
        args.extend(flags.iter().map(|f| f.to_string()));
        args.extend([
            "--out".into(),
            out.display().to_string(),
            "--dot".into(),
            dot.display().to_string(),
        ]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = stockland(&argv);
        let code = o.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{case}: exit {code:?}\n{}",
            stderr(&o)
        );
        let golden = repo().join("tests/golden").join(case);
        compare_or_bless(
            &golden,
            "summary.txt",
            &normalise(&stdout(&o)),
            &mut failures,
        );
        let mut files: Vec<String> = std::fs::read_dir(&out)
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        // the marker that lets the next run replace the directory (its text names the version)
        if out.exists() {
            assert!(
                files.iter().any(|f| f == stockland::files::MARKER),
                "{case}: no marker"
            );
        }
        files.retain(|f| !f.starts_with('.'));
        if *case == "beijing" {
            for f in &files {
                if BEIJING_REVIEWED.contains(&f.as_str()) {
                    let text = std::fs::read_to_string(out.join(f)).unwrap();
                    compare_or_bless(&golden, f, &normalise(&text), &mut failures);
                }
            }
            beijing_by_objective(&golden, &out, &files, &mut failures);
            continue;
        }
        if let Ok(d) = std::fs::read_to_string(&dot) {
            compare_or_bless(&golden, "linkage.dot", &d, &mut failures);
        }
        for f in &files {
            let text = std::fs::read_to_string(out.join(f)).unwrap();
            compare_or_bless(&golden, f, &normalise(&text), &mut failures);
        }
        // no golden file may go missing from a run
        if std::env::var_os("STOCKLAND_BLESS").is_none() {
            for e in std::fs::read_dir(&golden).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                if name != "summary.txt" && name != "linkage.dot" && !files.contains(&name) {
                    failures.push(format!("{case}: {name} is no longer written"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn one_declared_year_writes_the_golden_outputs() {
    // every tiny case's model with `[years] first = last = 2011` added (and a discount rate,
    // which one year never applies): the summary and every file are the committed ones
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (case, inst, model, flags) in CASES {
        let (Some(inst), Some(model)) = (inst, model) else {
            continue;
        };
        let text = std::fs::read_to_string(repo().join(model)).unwrap();
        let one = tmp.path().join(format!("{case}.toml"));
        std::fs::write(
            &one,
            format!("{text}\n[years]\nfirst = 2011\nlast = 2011\ndiscount_rate = 0.05\n"),
        )
        .unwrap();
        let out = tmp.path().join(case);
        let mut args: Vec<String> = vec![
            "solve".into(),
            inst.to_string(),
            "--model".into(),
            one.display().to_string(),
            "--method".into(),
            "simplex".into(),
        ];
        args.extend(flags.iter().map(|f| f.to_string()));
        args.extend(["--out".into(), out.display().to_string()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = stockland(&argv);
        let golden = repo().join("tests/golden").join(case);
        let want = std::fs::read_to_string(golden.join("summary.txt")).unwrap();
        if normalise(&stdout(&o)) != want {
            failures.push(format!("{case}: summary.txt"));
        }
        for e in std::fs::read_dir(&golden).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name == "summary.txt" || name == "linkage.dot" {
                continue;
            }
            let got = std::fs::read_to_string(out.join(&name)).unwrap_or_default();
            let want = std::fs::read_to_string(golden.join(&name)).unwrap();
            if normalise(&got) != want {
                failures.push(format!("{case}: {name}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
