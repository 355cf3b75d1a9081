//! The real CLI on real instances: the Beijing case built in, tiny instances from files,
//! outputs written, exit codes.

use crate::util::*;

#[test]
fn solve_without_arguments_prints_the_beijing_plan() {
    let o = stockland(&["solve"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    for needle in [
        "status: optimal",
        "extension",
        "55.00",
        "106.00",
        "39.00",
        "residential",
        "32±2%",
        "arable_floor",
        "basic_farmland",
        "construction_cap",
        "town_construction_cap",
        "non_construction_share",
        "new_construction_quota",
        "supply_cap",
        "stock_share",
        "affordable_share",
        "shadow price",
        "check: passed",
    ] {
        assert!(out.contains(needle), "missing `{needle}` in:\n{out}");
    }
}

#[test]
fn the_built_in_case_works_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let o = stockland_in(dir.path(), &["solve", "--method", "simplex"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("check: passed"));
}

#[test]
fn out_writes_solution_json_and_csv_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result");
    let o = stockland(&["solve", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("solution.json")).unwrap()).unwrap();
    assert_eq!(json["check_passed"], serde_json::Value::Bool(true));
    assert_eq!(json["instance"], "beijing-2011-2015");
    assert_eq!(json["units"].as_array().unwrap().len(), 3515);
    assert_eq!(json["sites"].as_array().unwrap().len(), 332);
    let zones = &json["stock_by_zone"];
    assert!((zones["extension"].as_f64().unwrap() - 55.0).abs() <= 0.5 + 1e-6);
    assert!(json["solution"]["objective"].as_f64().unwrap() > 0.0);
    let rules = json["rules"].as_array().unwrap();
    let floor = rules.iter().find(|r| r["name"] == "arable_floor").unwrap();
    assert_eq!(floor["lower"], 2205.0);
    assert!(floor["shadow_price"].is_number());
    for f in ["units.csv", "sites.csv", "accounts.csv"] {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        assert!(text.lines().count() > 2, "{f} is empty");
    }
    let accounts = std::fs::read_to_string(out.join("accounts.csv")).unwrap();
    assert!(
        accounts.starts_with("name,rule,value,lower,upper,slack,violation,binding,shadow_price")
    );
    // nothing half-written left behind
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn solve_a_tiny_instance_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = stockland(&[
        "solve",
        "instances/tiny/two-units.toml",
        "--model",
        "models/tiny-two-units.toml",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("solution.json")).unwrap())
            .unwrap();
    assert!((json["solution"]["objective"].as_f64().unwrap() - 31.0).abs() < 1e-7);
    assert!((json["objective_parts"]["total"].as_f64().unwrap() - 31.0).abs() < 1e-7);
}

#[test]
fn scale_flag_scales_inside_highs_and_refuses_what_it_cannot() {
    let tiny = [
        "solve",
        "instances/tiny/two-units.toml",
        "--model",
        "models/tiny-two-units.toml",
    ];
    let with = |extra: &[&str]| {
        let args: Vec<&str> = tiny.iter().chain(extra).copied().collect();
        stockland(&args)
    };
    // given exponents: said in the summary, and the tiny optimum (31, hand-derived) unchanged
    let o = with(&["--scale", "-3,5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("objective (net benefit): 31.00"), "{out}");
    assert!(
        out.contains("scaled inside HiGHS (--scale): costs × 2^-3, bounds × 2^5"),
        "{out}"
    );
    assert!(out.contains("check: passed"), "{out}");
    // off (the default) says nothing of it
    assert!(!stdout(&with(&[])).contains("scaled inside HiGHS"));
    // bad exponents and a backend without such scaling are refused, naming the flag
    for (extra, says) in [
        (&["--scale", "7"][..], "OBJECTIVE,BOUND"),
        (&["--scale", "1,99"][..], "±60"),
        (&["--scale", "auto", "--backend", "microlp"][..], "--scale"),
    ] {
        let o = with(extra);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(says), "{extra:?}: {}", stderr(&o));
    }
}

#[test]
fn microlp_backend_from_the_cli() {
    let o = stockland(&[
        "solve",
        "instances/tiny/reclaim.toml",
        "--model",
        "models/tiny-reclaim.toml",
        "--backend",
        "microlp",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("objective (net benefit): 35.40"), "{out}");
    assert!(out.contains("(microlp)"), "{out}");
}

#[test]
fn infeasible_exits_1_and_names_the_conflict() {
    let o = stockland(&[
        "solve",
        "instances/tiny/two-units.toml",
        "--model",
        "models/tiny-infeasible.toml",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("status: infeasible"), "{out}");
    assert!(out.contains("Conflicting rules"), "{out}");
}

#[test]
fn validate_accepts_the_shipped_instances_and_models() {
    let o = stockland(&[
        "validate",
        "instances/beijing-2011-2015",
        "models/beijing-12th-fyp.toml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("3515 stock units"));
    assert!(stdout(&o).contains("checked against instance `beijing-2011-2015`"));
    for (i, m) in [
        (
            "instances/tiny/two-units.toml",
            "models/tiny-two-units.toml",
        ),
        (
            "instances/tiny/two-units-ha.toml",
            "models/tiny-infeasible.toml",
        ),
        ("instances/tiny/reclaim.toml", "models/tiny-reclaim.toml"),
    ] {
        let o = stockland(&["validate", i, m]);
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    }
}

#[test]
fn generate_reproduces_the_committed_instance() {
    let dir = tempfile::tempdir().unwrap();
    let o = stockland(&["generate", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["instance.toml", "units.csv", "sites.csv", "projects.csv"] {
        let a = std::fs::read(dir.path().join(f)).unwrap();
        let b = std::fs::read(repo().join("instances/beijing-2011-2015").join(f)).unwrap();
        assert!(a == b, "{f} differs");
    }
    // another seed gives another instance, which is valid and solves
    let other = dir.path().join("seed7");
    let o = stockland(&["generate", "--seed", "7", "--out", other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let o = stockland(&[
        "solve",
        other.to_str().unwrap(),
        "--model",
        "models/beijing-12th-fyp.toml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn benchmark_runs_instance_model_pairs_repeated_and_writes_csv_and_json() {
    let t = tempfile::tempdir().unwrap();
    let (csv, json) = (t.path().join("b.csv"), t.path().join("b.json"));
    let case = format!(
        "{},{}",
        repo().join("instances/tiny/two-units.toml").display(),
        repo().join("models/tiny-two-units.toml").display()
    );
    let o = stockland(&[
        "benchmark",
        "--case",
        &case,
        "--repeat",
        "3",
        "--method",
        "simplex",
        "ipm",
        "--csv",
        csv.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(
        text.lines().count(),
        3,
        "header and one row per method:\n{text}"
    );
    assert!(text.lines().next().unwrap().contains("solve_s_median"));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for r in rows {
        assert!((r["objective"].as_f64().unwrap() - 31.0).abs() < 1e-9);
        assert!(r["solve_s_min"].as_f64().unwrap() <= r["solve_s_max"].as_f64().unwrap());
        assert!(r["peak_rss_mib"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn benchmark_writes_performance_profiles_of_the_methods() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("profile.csv");
    let case =
        |i: &str, m: &str| format!("{},{}", repo().join(i).display(), repo().join(m).display());
    let (c1, c2) = (
        case(
            "instances/tiny/two-units.toml",
            "models/tiny-two-units.toml",
        ),
        case("instances/tiny/mixed.toml", "models/tiny-mixed.toml"),
    );
    let o = stockland(&[
        "benchmark",
        "--case",
        &c1,
        "--case",
        &c2,
        "--method",
        "simplex",
        "ipm",
        "--no-sensitivity",
        "--profile",
        p.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(&p).unwrap();
    let h = r.headers().unwrap().clone();
    let k = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (method, tau, share) = (k("method"), k("tau"), k("share"));
    let rows: Vec<(String, f64, f64)> = r
        .records()
        .map(|x| {
            let x = x.unwrap();
            (
                x[method].to_string(),
                x[tau].parse().unwrap(),
                x[share].parse().unwrap(),
            )
        })
        .collect();
    for m in ["simplex", "ipm"] {
        let pts: Vec<&(String, f64, f64)> = rows.iter().filter(|x| x.0 == m).collect();
        assert_eq!(pts[0].1, 1.0, "{m} starts at τ = 1");
        assert!(
            pts.windows(2).all(|w| w[0].1 < w[1].1 && w[0].2 <= w[1].2),
            "{m}: {pts:?}"
        );
        assert_eq!(pts.last().unwrap().2, 1.0, "{m} solves both cases");
    }
    // at τ = 1 the methods share the cases between them (ties count for both)
    let at_one: f64 = rows.iter().filter(|x| x.1 == 1.0).map(|x| x.2).sum();
    assert!(at_one >= 1.0 - 1e-12, "{rows:?}");
    assert!(
        std::fs::read_to_string(p.with_extension("svg"))
            .unwrap()
            .contains("data-x=\"0\""),
        "τ = 1 at log₂ τ = 0"
    );
    let o = stockland(&[
        "benchmark",
        "--case",
        &c1,
        "--method",
        "simplex",
        "--profile",
        p.to_str().unwrap(),
    ]);
    assert!(
        stderr(&o).contains("--profile compares methods or backends"),
        "{}",
        stderr(&o)
    );
    // backends against each other: HiGHS's simplex and microlp, each row naming its backend
    let rows_csv = d.path().join("rows.csv");
    let o = stockland(&[
        "benchmark",
        "--case",
        &c1,
        "--case",
        &c2,
        "--backends",
        "highs",
        "microlp",
        "--method",
        "simplex",
        "--no-sensitivity",
        "--profile",
        p.to_str().unwrap(),
        "--csv",
        rows_csv.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let solvers: std::collections::BTreeSet<String> = csv::Reader::from_path(&p)
        .unwrap()
        .records()
        .map(|x| x.unwrap()[0].to_string())
        .collect();
    assert_eq!(
        solvers.into_iter().collect::<Vec<_>>(),
        ["highs:simplex", "microlp"]
    );
    let mut r = csv::Reader::from_path(&rows_csv).unwrap();
    let head = r.headers().unwrap().clone();
    let b = head.iter().position(|h| h == "backend").unwrap();
    let o = head.iter().position(|h| h == "objective").unwrap();
    let rows: Vec<(String, f64)> = r
        .records()
        .map(|x| {
            let x = x.unwrap();
            (x[b].to_string(), x[o].parse().unwrap())
        })
        .collect();
    assert_eq!(rows.len(), 4);
    // the same case's two backends agree
    assert_close(rows[0].1, rows[1].1, 1e-6, "two-units");
    assert_eq!(
        (rows[0].0.as_str(), rows[1].0.as_str()),
        ("highs", "microlp")
    );
}

#[test]
fn prices_and_sweeps_refuse_a_backend_they_would_not_use() {
    // both re-solve one HiGHS instance warm: another backend is refused, not ignored
    let o = stockland(&["prices", "--backend", "microlp"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--backend") && stderr(&o).contains("expected highs"),
        "{}",
        stderr(&o)
    );
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("s");
    let o = stockland(&[
        "sweep",
        "examples/sweeps/tiny-target.toml",
        "--out",
        out.to_str().unwrap(),
        "--backend",
        "microlp",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--backend") && stderr(&o).contains("a sweep"),
        "{}",
        stderr(&o)
    );
}

/// A character device like /dev/null made in `dir` (`mknod`, as root), or the machine's own
/// /dev/null where the process may not make one (it cannot replace that either, so a
/// regression still shows as a failed command).
fn char_device(dir: &std::path::Path) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let path = dir.join("null");
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mknod only creates a node there.
    let rc = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if rc == 0 {
        path
    } else {
        std::path::PathBuf::from("/dev/null")
    }
}

#[test]
fn issue_22_an_output_that_is_a_device_is_written_in_place_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let d = tempfile::tempdir().unwrap();
    let null = char_device(d.path());
    for flag in ["--dot", "--html", "--geojson", "--xlsx"] {
        let o = stockland(&[
            "solve",
            "instances/tiny/linkage.toml",
            "--model",
            "models/tiny-linkage.toml",
            flag,
            null.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{flag}: {}", stderr(&o));
        let meta = std::fs::metadata(&null).unwrap();
        assert!(
            meta.file_type().is_char_device(),
            "{flag} replaced the device {} with a {:?}",
            null.display(),
            meta.file_type()
        );
    }
    // nothing left beside it
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "null")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn issue_22_an_output_that_is_a_fifo_is_written_into() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::FileTypeExt;
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("graph.dot");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    // the reader waits on the FIFO; a run that replaced it would leave the reader waiting,
    // so the test waits for the text a bounded time
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send(std::fs::read_to_string(&fifo));
        });
    }
    let o = stockland(&[
        "solve",
        "instances/tiny/linkage.toml",
        "--model",
        "models/tiny-linkage.toml",
        "--dot",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the DOT graph was written into the FIFO")
        .unwrap();
    assert!(text.starts_with("graph linkage {"), "{text}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn issue_22_material_penalties_are_said_in_every_headline_and_mark_the_prices_they_make() {
    // tiny instance A with its supply cap soft at 2 per km² and lowered to 1 km²: the
    // optimum exceeds the cap by 7 km², 14 of penalty against 66 of value (21 %). The
    // summary said `check: passed` and nothing else; prices gave supply_cap's 2.00 as if
    // it were what the rule costs
    let t = tempfile::tempdir().unwrap();
    let model = t.path().join("m.toml");
    std::fs::write(
        &model,
        "schema_version = 1\nname = \"pen\"\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.stock_target]\ntargets_km2 = { z = 4.0 }\n[rules.supply_cap]\nmax_km2 = 1.0\nmode = \"soft\"\npenalty = 2.0\n",
    )
    .unwrap();
    let i = repo().join("instances/tiny/two-units.toml");
    let (i, m) = (i.to_str().unwrap(), model.to_str().unwrap());
    let o = stockland_in(
        t.path(),
        &["solve", i, "--model", m, "--out", "sol", "--html", "p.html"],
    );
    let text = stdout(&o);
    assert!(o.status.success(), "{text}{}", stderr(&o));
    assert!(
        text.contains("WARNING: penalties are 14.00 million yuan, 21% of the value created"),
        "{text}"
    );
    assert!(
        text.contains("but penalties are 14.00 million yuan of it"),
        "{text}"
    );
    let html = std::fs::read_to_string(t.path().join("p.html")).unwrap();
    assert!(html.contains("id=\"penalties\""), "no warning in the page");
    let o = stockland_in(t.path(), &["prices", i, "--model", m, "--out", "pr"]);
    let text = stdout(&o);
    assert!(o.status.success(), "{text}{}", stderr(&o));
    assert!(text.contains("WARNING: penalties"), "{text}");
    let cap = text
        .lines()
        .find(|l| l.trim_start().starts_with("supply_cap"))
        .unwrap();
    assert!(cap.ends_with(" *"), "{cap}");
    let stock = text
        .lines()
        .find(|l| l.trim_start().starts_with("stock_target"))
        .unwrap();
    assert!(!stock.ends_with('*'), "{stock}");
    let csv = std::fs::read_to_string(t.path().join("pr/prices.csv")).unwrap();
    assert!(
        csv.lines().next().unwrap().contains("made_by_penalty"),
        "{csv}"
    );
    let o = stockland_in(t.path(), &["evaluate", "sol", i, "--model", m]);
    let text = stdout(&o);
    assert!(text.contains("plan: WARNING: penalties"), "{text}");
    assert!(text.contains("optimum: WARNING: penalties"), "{text}");
    // without penalties, no warning
    let plain = repo().join("models/tiny-two-units.toml");
    let o = stockland(&["solve", i, "--model", plain.to_str().unwrap()]);
    assert!(!stdout(&o).contains("WARNING"), "{}", stdout(&o));
}
