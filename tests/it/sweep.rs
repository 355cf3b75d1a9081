//! Sweeps: hand-derived optima per scenario, independent solves reproduced, warm equal to
//! cold, draws reproducible and independent of workers and shards, resumption, the
//! emitted Slurm script and Kubernetes manifest run locally shard by shard.

use crate::util::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const TABLES: [&str; 7] = [
    "sweep.csv",
    "robustness.csv",
    "distribution.csv",
    "bindings.csv",
    "sweep.svg",
    "summary.txt",
    "sweep.html",
];

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_stockland"))
}

fn sweep(file: &str, out: &Path, extra: &[&str]) -> String {
    let f = repo().join(file);
    let mut args = vec!["sweep", f.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend(extra);
    let o = stockland(&args);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    stdout(&o)
}

/// The rows of a CSV file as maps from header to cell.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            head.iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn num(row: &BTreeMap<String, String>, col: &str) -> f64 {
    row[col]
        .parse()
        .unwrap_or_else(|_| panic!("{col}: `{}`", row[col]))
}

fn same_tables(a: &Path, b: &Path) {
    for t in TABLES {
        let (x, y) = (
            std::fs::read(a.join(t)).unwrap(),
            std::fs::read(b.join(t)).unwrap(),
        );
        assert!(
            x == y,
            "{t} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

#[test]
fn a_target_sweep_gives_the_hand_derived_optimum_of_every_scenario() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("s");
    let printed = sweep("examples/sweeps/tiny-target.toml", &out, &[]);
    assert!(printed.contains("1 invalid, 5 optimal"), "{printed}");
    let r = rows(&out.join("sweep.csv"));
    assert_eq!(r.len(), 6);
    // 27 at 1 km², 27 + T for T = 2…5 (derived in the sweep file); 6 km² is refused
    for (row, want) in r.iter().zip([27.0, 29.0, 30.0, 31.0, 32.0]) {
        assert_close(num(row, "objective"), want, 1e-9, "objective");
        assert_close(
            num(row, "stock_in.z"),
            num(row, "target_km2"),
            1e-9,
            "stock",
        );
    }
    assert_eq!(r[5]["status"], "invalid");
    assert!(r[5]["message"].contains("larger than the zone's candidate stock"));
    // the supply cap's price is 5 wherever it binds with U2 greened (T ≥ 2)
    for row in &r[1..5] {
        assert_close(num(row, "price:supply_cap"), 5.0, 1e-9, "supply_cap price");
    }
}

#[test]
fn every_scenario_of_a_grid_equals_its_own_solve_and_infeasible_ones_name_the_conflict() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("g");
    sweep(
        "tests/sweeps/tiny-supply-grid.toml",
        &out,
        &["--workers", "2"],
    );
    let r = rows(&out.join("sweep.csv"));
    assert_eq!(r.len(), 8);
    let base_text = std::fs::read_to_string(repo().join("models/tiny-two-units.toml")).unwrap();
    for row in &r {
        let cap = num(row, "supply_cap_km2");
        let f = num(row, "site_value_factor");
        let m = model_from(&base_text.replace("max_km2 = 5.0", &format!("max_km2 = {cap:?}")));
        let mut inst = instance("instances/tiny/two-units.toml");
        for s in &mut inst.sites {
            for e in s.uses.iter_mut().flatten() {
                // only market is offered at S1
                e.value *= f;
            }
        }
        let run = solve_with(&inst, &m, &Default::default());
        if cap < 1.0 {
            assert_eq!(row["status"], "infeasible");
            assert!(
                row["conflicts"].contains("stock_target[z]=0.5"),
                "{:?}",
                row
            );
            assert!(!run.solution.status.has_solution());
        } else {
            assert_eq!(row["status"], "optimal");
            assert_close(
                num(row, "objective"),
                run.solution.objective.unwrap(),
                1e-9,
                "objective",
            );
        }
    }
    // hand-derived: cap 4 at full value: U1 market, U2 greened, the site 2 km²: 14 + 2 + 10
    assert_close(num(&r[3], "objective"), 26.0, 1e-9, "cap 4");
    assert_close(num(&r[7], "objective"), 36.0, 1e-9, "cap 6");
}

#[test]
fn warm_and_cold_sweeps_agree_on_every_optimum() {
    let d = tempfile::tempdir().unwrap();
    let (w, c) = (d.path().join("warm"), d.path().join("cold"));
    sweep("tests/sweeps/tiny-linkage-draws.toml", &w, &[]);
    sweep("tests/sweeps/tiny-linkage-draws.toml", &c, &["--cold"]);
    let (rw, rc) = (rows(&w.join("sweep.csv")), rows(&c.join("sweep.csv")));
    assert_eq!(rw.len(), 12);
    for (a, b) in rw.iter().zip(&rc) {
        assert_eq!(a["status"], "optimal");
        assert_eq!(a["status"], b["status"]);
        assert_close(
            num(a, "objective"),
            num(b, "objective"),
            1e-7,
            "warm vs cold",
        );
    }
    let tw = rows(&w.join("timings.csv"));
    assert!(
        tw.iter().all(|t| t["warm"] == "true"),
        "every scenario keeps the base's shape"
    );
    assert!(rows(&c.join("timings.csv"))
        .iter()
        .all(|t| t["warm"] == "false"));
}

#[test]
fn draws_repeat_from_the_seed_whatever_the_workers_and_shards() {
    let d = tempfile::tempdir().unwrap();
    let one = d.path().join("one");
    sweep(
        "tests/sweeps/tiny-linkage-draws.toml",
        &one,
        &["--workers", "1"],
    );
    let two = d.path().join("two");
    sweep(
        "tests/sweeps/tiny-linkage-draws.toml",
        &two,
        &["--workers", "2"],
    );
    same_tables(&one, &two);
    for n in [2usize, 5] {
        let mut shards = Vec::new();
        for i in 0..n {
            let s = d.path().join(format!("n{n}-shard-{i}"));
            let printed = sweep(
                "tests/sweeps/tiny-linkage-draws.toml",
                &s,
                &["--shard", &format!("{i}/{n}")],
            );
            assert!(printed.contains(&format!("shard {i}/{n}")), "{printed}");
            assert!(!s.join("sweep.csv").exists(), "a shard writes no tables");
            shards.push(s);
        }
        let merged = d.path().join(format!("merged-{n}"));
        let mut args = vec!["sweep", "merge"];
        let names: Vec<String> = shards
            .iter()
            .rev()
            .map(|s| s.display().to_string())
            .collect();
        args.extend(names.iter().map(|s| s.as_str()));
        let m = merged.display().to_string();
        args.extend(["--out", &m]);
        let o = stockland(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        same_tables(&one, &merged);
    }
    // the draws themselves: every parameter within its range, Latin-hypercube strata filled
    let r = rows(&one.join("sweep.csv"));
    let mut strata: Vec<usize> = r
        .iter()
        .map(|x| ((num(x, "rules.new_construction_quota.max_km2") - 0.2) / 0.6 * 12.0) as usize)
        .collect();
    strata.sort();
    assert_eq!(strata, (0..12).collect::<Vec<_>>());
}

#[test]
fn a_merge_refuses_missing_mixed_or_unfinished_shards() {
    let d = tempfile::tempdir().unwrap();
    let s0 = d.path().join("s0");
    sweep(
        "tests/sweeps/tiny-linkage-draws.toml",
        &s0,
        &["--shard", "0/2"],
    );
    let other = d.path().join("other");
    sweep(
        "tests/sweeps/tiny-supply-grid.toml",
        &other,
        &["--shard", "1/2"],
    );
    let out = d.path().join("m").display().to_string();
    let o = stockland(&["sweep", "merge", s0.to_str().unwrap(), "--out", &out]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("shard 1 of 2 is missing"),
        "{}",
        stderr(&o)
    );
    let o = stockland(&[
        "sweep",
        "merge",
        s0.to_str().unwrap(),
        other.to_str().unwrap(),
        "--out",
        &out,
    ]);
    assert!(
        stderr(&o).contains("a shard of another sweep"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(s0.join("complete")).unwrap();
    let o = stockland(&["sweep", "merge", s0.to_str().unwrap(), "--out", &out]);
    assert!(stderr(&o).contains("not complete"), "{}", stderr(&o));
}

#[test]
fn a_rerun_resumes_and_a_foreign_directory_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("s");
    sweep("tests/sweeps/tiny-supply-grid.toml", &out, &[]);
    let before: Vec<Vec<u8>> = TABLES
        .iter()
        .map(|t| std::fs::read(out.join(t)).unwrap())
        .collect();
    std::fs::remove_file(out.join("scenarios/000003.json")).unwrap();
    let printed = sweep("tests/sweeps/tiny-supply-grid.toml", &out, &[]);
    assert!(printed.contains("1 scenario(s) solved now"), "{printed}");
    let after: Vec<Vec<u8>> = TABLES
        .iter()
        .map(|t| std::fs::read(out.join(t)).unwrap())
        .collect();
    assert!(before == after);
    // another sweep into the same directory, or into a directory of other files
    let f = repo().join("tests/sweeps/tiny-linkage-draws.toml");
    let o = stockland(&["sweep", f.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("holds the results of another sweep"),
        "{}",
        stderr(&o)
    );
    let busy = d.path().join("busy");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let o = stockland(&[
        "sweep",
        f.to_str().unwrap(),
        "--out",
        busy.to_str().unwrap(),
    ]);
    assert!(
        stderr(&o).contains("not a sweep's directory"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(busy.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_bad_sweep_file_names_the_parameter_and_field() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("bad.toml");
    let model = repo().join("models/tiny-two-units.toml");
    let inst = repo().join("instances/tiny/two-units.toml");
    std::fs::write(
        &f,
        format!(
            "instance = {:?}\nmodel = {:?}\n[[parameter]]\npath = \"rules.supply_cap.max\"\nvalues = [1]\n[[parameter]]\npath = \"units.cost_marquee\"\nrange = {{ from = 1, to = 0, step = 1 }}\n",
            inst, model
        ),
    )
    .unwrap();
    let out = d.path().join("o");
    let o = stockland(&["sweep", f.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("parameter 1 (rules.supply_cap.max)") && e.contains("expected one of max_km2"),
        "{e}"
    );
    assert!(
        e.contains("parameter 2 (units.cost_marquee)") && e.contains("path"),
        "{e}"
    );
    assert!(!out.exists(), "nothing is written for a refused sweep");
}

/// `bash script` with `env` and the built binary as $STOCKLAND.
fn bash(script: &Path, args: &[&str], env: &[(&str, String)]) -> std::process::Output {
    let mut c = std::process::Command::new("bash");
    c.arg(script).args(args).env("STOCKLAND", bin());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// The draws sweep run whole into `d/one` (the reference), and `sweep emit ENGINE N` for
/// it with its shards under `dir` and `extra` flags (checked to succeed); the reference and
/// what emit printed.
fn emit(d: &Path, engine: &str, n: &str, dir: &Path, extra: &[&str]) -> (PathBuf, String) {
    let one = d.join("one");
    sweep("tests/sweeps/tiny-linkage-draws.toml", &one, &[]);
    let f = repo().join("tests/sweeps/tiny-linkage-draws.toml");
    let mut args = vec![
        "sweep",
        "emit",
        engine,
        n,
        "--sweep",
        f.to_str().unwrap(),
        "--dir",
        dir.to_str().unwrap(),
    ];
    args.extend(extra);
    let o = stockland(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    (one, stdout(&o))
}

#[test]
fn the_slurm_script_runs_every_shard_and_the_merge_locally() {
    let d = tempfile::tempdir().unwrap();
    let script = d.path().join("sweep.sbatch");
    let dir = d.path().join("cluster");
    let (one, _) = emit(
        d.path(),
        "slurm",
        "3",
        &dir,
        &["--out", script.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("#SBATCH --array=0-2"), "{text}");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..3 {
        let o = bash(
            &script,
            &[],
            &[
                ("SLURM_ARRAY_TASK_ID", i.to_string()),
                ("SLURM_JOB_ID", "7".into()),
            ],
        );
        assert!(o.status.success(), "shard {i}: {}", stderr(&o));
        assert!(dir.join(format!("shard-{i}/complete")).is_file());
    }
    let o = bash(&script, &["merge"], &[]);
    assert!(o.status.success(), "merge: {}", stderr(&o));
    same_tables(&one, &dir.join("merged"));
    // the submitting branch: the array, then the merge after it (a stand-in sbatch records)
    let fake = d.path().join("bin");
    std::fs::create_dir(&fake).unwrap();
    let log = d.path().join("sbatch.log");
    std::fs::write(
        fake.join("sbatch"),
        format!("#!/bin/sh\necho \"$@\" >> {}\necho 4242\n", log.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(fake.join("sbatch"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", fake.display(), std::env::var("PATH").unwrap());
    let o = bash(&script, &[], &[("PATH", path)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let calls = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = calls.lines().collect();
    assert_eq!(lines.len(), 2, "{calls}");
    assert!(
        lines[0].starts_with("--parsable ") && lines[0].ends_with("sweep.sbatch"),
        "{calls}"
    );
    assert!(
        lines[1].contains("--dependency=afterok:4242") && lines[1].contains("merge"),
        "{calls}"
    );
}

fn yaml_str(y: &yaml_rust2::Yaml, path: &[&str]) -> String {
    let mut v = y;
    for k in path {
        v = match k.parse::<usize>() {
            Ok(i) => &v[i],
            Err(_) => &v[*k],
        };
    }
    match v {
        yaml_rust2::Yaml::String(s) => s.clone(),
        yaml_rust2::Yaml::Integer(i) => i.to_string(),
        other => panic!("{path:?}: {other:?}"),
    }
}

#[test]
fn the_kubernetes_manifest_parses_and_its_commands_run_every_shard_locally() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("volume");
    let (one, manifest) = emit(
        d.path(),
        "k8s",
        "4",
        &dir,
        &["--image", "registry.example/stockland:1"],
    );
    let docs = yaml_rust2::YamlLoader::load_from_str(&manifest).unwrap();
    assert_eq!(docs.len(), 2);
    let (job, merge) = (&docs[0], &docs[1]);
    assert_eq!(yaml_str(job, &["kind"]), "Job");
    assert_eq!(yaml_str(job, &["spec", "completionMode"]), "Indexed");
    assert_eq!(yaml_str(job, &["spec", "completions"]), "4");
    let c = ["spec", "template", "spec", "containers", "0"];
    assert_eq!(
        yaml_str(job, &[&c[..], &["image"]].concat()),
        "registry.example/stockland:1"
    );
    let env = |doc: &yaml_rust2::Yaml| -> Vec<(String, String)> {
        let mut v = doc;
        for k in c {
            v = match k.parse::<usize>() {
                Ok(i) => &v[i],
                Err(_) => &v[k],
            };
        }
        v["env"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|e| (yaml_str(e, &["name"]), yaml_str(e, &["value"])))
            .collect()
    };
    let command = |doc: &yaml_rust2::Yaml| -> Vec<String> {
        (0..3)
            .map(|i| yaml_str(doc, &[&c[..], &["command", &i.to_string()]].concat()))
            .collect()
    };
    std::fs::create_dir_all(&dir).unwrap();
    let path = format!(
        "{}:{}",
        bin().parent().unwrap().display(),
        std::env::var("PATH").unwrap()
    );
    let run = |doc: &yaml_rust2::Yaml, extra: &[(&str, String)]| {
        let cmd = command(doc);
        assert_eq!(cmd[..2], ["sh".to_string(), "-c".to_string()]);
        let mut p = std::process::Command::new(&cmd[0]);
        p.args(&cmd[1..]).env("PATH", &path);
        for (k, v) in env(doc) {
            p.env(k, v);
        }
        for (k, v) in extra {
            p.env(k, v);
        }
        p.output().unwrap()
    };
    for i in 0..4 {
        let o = run(job, &[("JOB_COMPLETION_INDEX", i.to_string())]);
        assert!(
            o.status.success(),
            "shard {i}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert_eq!(
        yaml_str(merge, &["metadata", "name"]),
        "stockland-sweep-merge"
    );
    let o = run(merge, &[]);
    assert!(
        o.status.success(),
        "merge: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    same_tables(&one, &dir.join("merged"));
}

#[test]
fn the_chart_carries_the_sweep_numbers() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("s");
    sweep("examples/sweeps/tiny-target.toml", &out, &[]);
    let svg = std::fs::read_to_string(out.join("sweep.svg")).unwrap();
    let r = rows(&out.join("sweep.csv"));
    for row in r.iter().filter(|x| x["status"] == "optimal") {
        let point = format!(
            r#"data-x="{}" data-y="{}""#,
            row["target_km2"], row["objective"]
        );
        assert!(svg.contains(&point), "{point} not in the chart");
    }
    assert!(
        !svg.contains("http://")
            || svg.matches("http://").count()
                == svg.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
}

#[test]
#[ignore = "needs a local Slurm: .ci/run starts one (tests/cluster/slurm-local) and runs this with --ignored"]
fn the_slurm_array_runs_for_real_on_a_local_slurm() {
    let d = tempfile::tempdir().unwrap();
    let script = d.path().join("sweep.sbatch");
    let dir = d.path().join("cluster");
    let flags = [
        "--cpus",
        "1",
        "--time",
        "00:10:00",
        "--out",
        script.to_str().unwrap(),
    ];
    let (one, _) = emit(d.path(), "slurm", "3", &dir, &flags);
    let o = std::process::Command::new("bash")
        .arg(&script)
        .current_dir(d.path())
        .env("STOCKLAND", bin())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "submitting: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let merged = dir.join("merged");
    let t0 = std::time::Instant::now();
    while !merged.join("complete").is_file() {
        assert!(
            t0.elapsed().as_secs() < 600,
            "the array and its merge did not finish in 10 minutes: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    for i in 0..3 {
        assert!(dir.join(format!("shard-{i}/complete")).is_file());
    }
    same_tables(&one, &merged);
}

#[test]
fn issue_22_a_zone_named_like_a_use_keeps_its_own_sweep_column_and_series() {
    // tiny instance A with its zone renamed `ecological`, the name of the use U2 is greened
    // to: the zone's stock (T) and the stock greened (T − 2) used to share `stock.ecological`,
    // one overwriting the other, twice as many values in distribution.csv, no chart series
    let d = tempfile::tempdir().unwrap();
    let rename = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(repo().join(rel)).unwrap();
        assert!(text.contains(from), "{rel}");
        text.replace(from, to)
    };
    let inst = rename(
        "instances/tiny/two-units.toml",
        "id = \"z\"",
        "id = \"ecological\"",
    )
    .replace("zone = \"z\"", "zone = \"ecological\"");
    std::fs::write(d.path().join("instance.toml"), inst).unwrap();
    let model = rename(
        "models/tiny-two-units.toml",
        "{ z = 4.0 }",
        "{ ecological = 4.0 }",
    );
    std::fs::write(d.path().join("model.toml"), model).unwrap();
    std::fs::write(
        d.path().join("sweep.toml"),
        "name = \"eco\"\ninstance = \"instance.toml\"\nmodel = \"model.toml\"\n[[parameter]]\npath = \"rules.stock_target.targets_km2.ecological\"\nname = \"target_km2\"\nrange = { from = 2.0, to = 5.0, step = 1.0 }\n",
    )
    .unwrap();
    let out = d.path().join("s");
    sweep(d.path().join("sweep.toml").to_str().unwrap(), &out, &[]);
    let r = rows(&out.join("sweep.csv"));
    assert_eq!(r.len(), 4);
    for row in &r {
        let t = num(row, "target_km2");
        assert_close(num(row, "stock_in.ecological"), t, 1e-9, "the zone's stock");
        assert_close(
            num(row, "stock_to.ecological"),
            t - 2.0,
            1e-9,
            "stock greened",
        );
    }
    let dist = rows(&out.join("distribution.csv"));
    for name in ["stock_in.ecological", "stock_to.ecological"] {
        let line: Vec<_> = dist.iter().filter(|x| x["amount"] == name).collect();
        assert_eq!(line.len(), 1, "{name}");
        assert_eq!(line[0]["scenarios"], "4", "{name}");
    }
    let svg = std::fs::read_to_string(out.join("sweep.svg")).unwrap();
    assert!(
        svg.contains("data-name=\"stock_in.ecological\""),
        "no zone series"
    );
}

/// An annual figure swept by its limit's id, and the sweep's tables by year: tiny E over
/// two years at 10 %, S's 1 km² of supply worth 80 a km² in 2011 and 80/1.1 in 2012; with
/// at most x km² supplied in 2011 the optimum is 80x + 80(1 − x)/1.1, x in 2011, the
/// rest in 2012.
#[test]
fn an_annual_limit_sweeps_by_id_and_the_tables_go_year_by_year() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("m.toml"),
        "schema_version = 1\nname = \"two-years\"\n[years]\nfirst = 2011\nlast = 2012\ndiscount_rate = 0.1\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.annual_plan]\nlimits = [{ id = \"supply\", activity = \"supply\", max_km2 = { 2011 = 0.4 } }]\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("s.toml"),
        format!(
            "name = \"annual\"\ninstance = \"{}\"\nmodel = \"m.toml\"\n[[parameter]]\npath = \"rules.annual_plan.limits.supply.max_km2.2011\"\nname = \"supply_2011\"\nvalues = [0.2, 0.4, 1.0]\n",
            repo().join("instances/tiny/years.toml").display()
        ),
    )
    .unwrap();
    let out = d.path().join("out");
    let f = d.path().join("s.toml");
    let o = stockland(&["sweep", f.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let r = rows(&out.join("sweep.csv"));
    assert_eq!(r.len(), 3);
    for (row, x) in r.iter().zip([0.2, 0.4, 1.0]) {
        assert_close(num(row, "supply_2011"), x, 1e-12, "parameter");
        assert_close(
            num(row, "objective"),
            80.0 * x + 80.0 * (1.0 - x) / 1.1,
            1e-6,
            "objective",
        );
        assert_close(num(row, "year.2011.supply"), x, 1e-7, "2011 supply");
        assert_close(num(row, "year.2012.supply"), 1.0 - x, 1e-7, "2012 supply");
    }
    // a limit that is not there: the message says what there is
    let bad = d.path().join("bad.toml");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&f)
            .unwrap()
            .replace("limits.supply", "limits.reclaimed"),
    )
    .unwrap();
    let o = stockland(&[
        "sweep",
        bad.to_str().unwrap(),
        "--out",
        d.path().join("o2").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("an index 0-0 or an element's id"),
        "{}",
        stderr(&o)
    );
}
