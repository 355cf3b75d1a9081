//! Hostile inputs and outputs through the real CLI, one test per class of harm: data loss,
//! half-written results, reading outside the instance, unbounded echo, silently accepted
//! nonsense, and messages that miss the place. Each failed before the outputs became a
//! transaction and the inputs were fenced and range-checked.

use crate::bad_input::{expect_error, setup, MANIFEST, MODEL, SITES, UNITS};
use crate::util::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every file below `dir` with its bytes, sorted (a snapshot to compare).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                for (n, b) in snapshot(&p) {
                    out.push((
                        format!("{}/{n}", p.file_name().unwrap().to_string_lossy()),
                        b,
                    ));
                }
            } else {
                out.push((
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let o = stockland_in(dir, args);
    (o.status.code(), format!("{}{}", stdout(&o), stderr(&o)))
}

#[test]
fn an_output_directory_that_is_the_instance_is_refused_and_nothing_is_lost() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let before = snapshot(&d.path().join("inst"));
    let (code, out) = run_in(
        d.path(),
        &["solve", "inst", "--model", "model.toml", "--out", "inst"],
    );
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("input"), "{out}");
    assert!(
        !out.contains("objective"),
        "refused before the solve: {out}"
    );
    assert_eq!(
        snapshot(&d.path().join("inst")),
        before,
        "the instance was touched"
    );
    // the model file as DOT output, and a directory holding the model
    let (code, out) = run_in(
        d.path(),
        &[
            "solve",
            "inst",
            "--model",
            "model.toml",
            "--dot",
            "model.toml",
        ],
    );
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(
        std::fs::read_to_string(d.path().join("model.toml")).unwrap(),
        MODEL
    );
    let (code, _) = run_in(
        d.path(),
        &["solve", "inst", "--model", "model.toml", "--out", "."],
    );
    assert_eq!(code, Some(2));
}

#[test]
fn outputs_are_checked_before_the_solve_and_a_foreign_directory_is_left_alone() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    // --out names an existing file: refused before the solve, and no DOT file written
    std::fs::write(d.path().join("taken"), "mine").unwrap();
    let (code, out) = run_in(
        d.path(),
        &[
            "solve",
            "inst",
            "--model",
            "model.toml",
            "--out",
            "taken",
            "--dot",
            "g.dot",
        ],
    );
    assert_eq!(code, Some(2), "{out}");
    assert!(!out.contains("objective"), "{out}");
    assert!(!d.path().join("g.dot").exists());
    assert_eq!(
        std::fs::read_to_string(d.path().join("taken")).unwrap(),
        "mine"
    );
    // a directory of the user's (here with flows.csv as a directory) is never mixed into
    std::fs::create_dir_all(d.path().join("res/flows.csv")).unwrap();
    std::fs::write(d.path().join("res/notes.txt"), "keep").unwrap();
    let before = snapshot(&d.path().join("res"));
    let (code, out) = run_in(
        d.path(),
        &["solve", "inst", "--model", "model.toml", "--out", "res"],
    );
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("notes.txt"), "{out}");
    assert_eq!(snapshot(&d.path().join("res")), before);
}

#[test]
fn a_second_run_replaces_the_set_whole() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let args = ["solve", "inst", "--model", "model.toml", "--out", "res"];
    assert_eq!(run_in(d.path(), &args).0, Some(0));
    let first = snapshot(&d.path().join("res"));
    assert!(first.iter().any(|(n, _)| n == "solution.json"));
    assert_eq!(run_in(d.path(), &args).0, Some(0));
    assert_eq!(snapshot(&d.path().join("res")).len(), first.len());
    let stray: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("stockland-tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left behind");
}

#[test]
fn a_run_killed_while_writing_leaves_the_old_set_or_the_new_one() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let args = ["solve", "inst", "--model", "model.toml", "--out", "res"];
    assert_eq!(run_in(d.path(), &args).0, Some(0));
    std::fs::write(d.path().join("res/solution.json"), "OLD").unwrap();
    let old = snapshot(&d.path().join("res"));
    // each output file takes 150 ms to stage: kill at several points of the writing
    for kill_ms in [50u64, 250, 500, 800] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stockland"))
            .args(args)
            .current_dir(d.path())
            .env("STOCKLAND_TEST_WRITE_DELAY_MS", "150")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(kill_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot(&d.path().join("res"));
        if status.success() {
            assert_ne!(now, old, "a finished run writes the new set");
            return;
        }
        assert_eq!(
            now, old,
            "killed at {kill_ms} ms: the old set must stay whole"
        );
    }
    // never finished within the kill times: let it finish, then the new set is whole
    let (code, _) = run_in(d.path(), &args);
    assert_eq!(code, Some(0));
    let now = snapshot(&d.path().join("res"));
    assert!(now.iter().any(|(n, b)| n == "solution.json" && b != b"OLD"));
}

fn manifest_with_units_file(f: &str) -> String {
    MANIFEST.replace(
        "units_file = \"units.csv\"",
        &format!("units_file = \"{f}\""),
    )
}

#[test]
fn a_table_outside_the_instance_is_refused_without_echoing_it() {
    let d = setup(
        &manifest_with_units_file("../secret.csv"),
        UNITS,
        SITES,
        MODEL,
    );
    std::fs::write(
        d.path().join("secret.csv"),
        "root:x:0:0:root:/root:/bin/bash\n",
    )
    .unwrap();
    let (code, out) = run_in(d.path(), &["validate", "inst"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("outside the instance directory"), "{out}");
    assert!(!out.contains("root:x"), "the foreign file is echoed: {out}");
    // a symlink inside the directory that leads outside is refused the same way
    let d2 = setup(&manifest_with_units_file("link.csv"), UNITS, SITES, MODEL);
    std::fs::write(d2.path().join("elsewhere.csv"), UNITS).unwrap();
    std::os::unix::fs::symlink(
        d2.path().join("elsewhere.csv"),
        d2.path().join("inst/link.csv"),
    )
    .unwrap();
    let (code, out) = run_in(d2.path(), &["validate", "inst"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("outside the instance directory"), "{out}");
    // unless the user says so
    let (code, out) = run_in(d2.path(), &["validate", "inst", "--allow-outside-paths"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn devices_and_fifos_are_refused_without_reading_or_hanging() {
    let d = setup(&manifest_with_units_file("/dev/zero"), UNITS, SITES, MODEL);
    let t = Instant::now();
    let (code, out) = run_in(d.path(), &["validate", "inst", "--allow-outside-paths"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("not a regular file"), "{out}");
    assert!(t.elapsed() < Duration::from_secs(10));

    let d = setup(&manifest_with_units_file("pipe.csv"), UNITS, SITES, MODEL);
    let fifo = d.path().join("inst/pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_stockland"))
        .args(["validate", "inst"])
        .current_dir(d.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("reading a FIFO hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("not a regular file"), "{}", stdout(&o));
}

#[test]
fn a_file_over_the_size_limit_is_refused_naming_the_limit() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let (code, out) = run_in(d.path(), &["validate", "inst", "--max-file-size", "100"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("more than the limit of 100 bytes"), "{out}");
}

#[test]
fn echoes_and_problem_lists_are_bounded() {
    // a 2 MB field value
    let huge = "k".repeat(2_000_000);
    let units = UNITS.replace("U1,d,idle,", &format!("U1,d,{huge},"));
    let d = setup(MANIFEST, &units, SITES, MODEL);
    let (code, out) = run_in(d.path(), &["validate", "inst"]);
    assert_eq!(code, Some(2));
    assert!(out.len() < 10_000, "{} bytes of output", out.len());
    assert!(out.contains("more characters"), "{out}");
    // 200,000 rows, every one bad
    let header = UNITS.lines().next().unwrap();
    let mut bad = String::from(header);
    bad.push('\n');
    for i in 0..200_000 {
        bad.push_str(&format!(
            "V{i},d,idle,1201,town,true,oops,false,false,1.0,0,0.5,5,10,2\n"
        ));
    }
    let d = setup(MANIFEST, &bad, SITES, MODEL);
    let (code, out) = run_in(d.path(), &["validate", "inst"]);
    assert_eq!(code, Some(2));
    assert!(out.len() < 100_000, "{} bytes of output", out.len());
    assert!(
        out.contains("199800 more problem(s)"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    let (_, out) = run_in(d.path(), &["validate", "inst", "--max-problems", "5"]);
    assert!(out.contains("199995 more problem(s)"), "{out}");
}

#[test]
fn nonsense_is_refused_naming_the_place() {
    let header = UNITS.lines().next().unwrap();
    // an empty units table
    expect_error(
        setup(MANIFEST, &format!("{header}\n"), SITES, MODEL).path(),
        &["units.csv", "no stock units"],
    );
    // an empty unit id
    expect_error(
        setup(MANIFEST, &UNITS.replace("U1,d,", ",d,"), SITES, MODEL).path(),
        &["units.csv", "line 2", "non-empty id"],
    );
    // an empty district id
    expect_error(
        setup(
            &MANIFEST.replace("id = \"d\"", "id = \"\""),
            UNITS,
            SITES,
            MODEL,
        )
        .path(),
        &["instance.toml", "non-empty id"],
    );
    // an area of 1e308 km²
    expect_error(
        setup(
            MANIFEST,
            &UNITS.replace("true,1.0,false", "true,1e308,false"),
            SITES,
            MODEL,
        )
        .path(),
        &["units.csv", "line 2", "area_km2", "[0, 2e7] km²"],
    );
    // a value of 1e308
    expect_error(
        setup(
            MANIFEST,
            &UNITS.replace("5,10,2\nU2", "5,1e308,2\nU2"),
            SITES,
            MODEL,
        )
        .path(),
        &[
            "units.csv",
            "line 2",
            "value_market",
            "million yuan per km²",
        ],
    );
    // a unit larger than its district
    expect_error(
        setup(
            MANIFEST,
            &UNITS.replace("true,1.0,false", "true,150.0,false"),
            SITES,
            MODEL,
        )
        .path(),
        &["units.csv", "line 2", "larger than its district `d`"],
    );
    // district areas that do not add up to the region's
    expect_error(
        setup(
            &MANIFEST.replace("area_km2 = 100.0", "area_km2 = 60.0"),
            UNITS,
            SITES,
            MODEL,
        )
        .path(),
        &["instance.toml", "districts", "area_km2", "add up to 60"],
    );
    // a transport link from a node to itself
    let with_network = MANIFEST.to_string()
        + "\n[transport]\nnote = \"t\"\n[[transport.nodes]]\nid = \"n\"\nkind = \"district_seat\"\ndistrict = \"d\"\n[[transport.links]]\nfrom = \"n\"\nto = \"n\"\nlength_km = 1.0\ntime_min = 1.0\n";
    expect_error(
        setup(&with_network, UNITS, SITES, MODEL).path(),
        &["transport.links[0]", "itself"],
    );
    // a target far beyond the stock that could meet it
    let model = MODEL.to_string() + "[rules.urban_rural_stock]\ntarget_km2 = 1000.0\n";
    expect_error(
        setup(MANIFEST, UNITS, SITES, &model).path(),
        &[
            "rules.urban_rural_stock",
            "target_km2",
            "more than the instance could ever supply",
        ],
    );
    // a floor above what the instance could ever reach (50 km² of arable, nothing to
    // reclaim, no consolidation)
    let model = MODEL.to_string() + "[rules.arable_floor]\nmin_km2 = 60.0\n";
    expect_error(
        setup(MANIFEST, UNITS, SITES, &model).path(),
        &[
            "rules.arable_floor",
            "min_km2",
            "the floor (60 km²) is more than the instance could ever supply (50.000 km²)",
        ],
    );
}

#[test]
fn messages_name_the_physical_place() {
    // CRLF: the bad row is on line 3 as an editor shows it
    let crlf = UNITS
        .replace(
            "U2,d,rural_homestead,0702,rural,false,2.0",
            "U2,d,rural_homestead,0702,rural,false,oops",
        )
        .replace('\n', "\r\n");
    expect_error(
        setup(MANIFEST, &crlf, SITES, MODEL).path(),
        &["units.csv", "line 3", "area_km2"],
    );
    // a byte that is not UTF-8
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let mut bytes = UNITS.as_bytes().to_vec();
    let at = UNITS.find("U2").unwrap() + 1;
    bytes[at] = 0xff;
    std::fs::write(d.path().join("inst/units.csv"), bytes).unwrap();
    expect_error(d.path(), &["units.csv", "line 3", "byte column 2", "UTF-8"]);
    // a duplicated table names its key
    let dup = MANIFEST.to_string() + "\n[region]\nname = \"again\"\n";
    expect_error(
        setup(&dup, UNITS, SITES, MODEL).path(),
        &["instance.toml", "duplicate key `region`"],
    );
}

#[test]
fn validate_tells_a_manifest_from_a_model_by_its_tables() {
    let no_region = MANIFEST
        .replace("[region]\nname = \"Test\"\nbaseline_year = 2010\n", "")
        .replace("[region.baseline]", "[baseline]");
    let d = setup(&no_region, UNITS, SITES, MODEL);
    let (code, out) = run_in(d.path(), &["validate", "inst/instance.toml"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("`region`"), "{out}");
    assert!(!out.contains("rules"), "taken for a model: {out}");
    std::fs::write(d.path().join("empty.toml"), "name = \"x\"\n").unwrap();
    let (code, out) = run_in(d.path(), &["validate", "empty.toml"]);
    assert_eq!(code, Some(2));
    assert!(out.contains("neither instance tables"), "{out}");
}

#[test]
fn negative_flag_values_get_stocklands_own_range_message() {
    for (flag, v, needle) in [
        (
            "--mip-gap",
            "-1",
            "--mip-gap: expected a relative gap ≥ 0, found -1",
        ),
        (
            "--time-limit",
            "-5",
            "--time-limit: expected seconds > 0, found -5",
        ),
    ] {
        let o = stockland(&["solve", flag, v]);
        let out = format!("{}{}", stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(out.contains(needle), "{out}");
        assert!(
            !out.contains("'--"),
            "clap's tip instead of stockland's: {out}"
        );
    }
}
