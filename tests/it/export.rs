//! Export: the programme written as free MPS and CPLEX LP by the real CLI, read back from
//! disk by HiGHS itself and solved, gives the optimum `solve` gives.

use crate::util::*;
use std::ffi::CString;
use std::path::Path;

/// A fresh, quiet HiGHS instance that has read `file` from disk (the caller destroys it).
fn highs_read(file: &Path) -> *mut std::os::raw::c_void {
    let name = CString::new(file.to_str().unwrap()).unwrap();
    let quiet = CString::new("output_flag").unwrap();
    // SAFETY: a fresh instance and valid NUL-terminated strings.
    unsafe {
        let h = highs_sys::Highs_create();
        highs_sys::Highs_setBoolOptionValue(h, quiet.as_ptr(), 0);
        let st = highs_sys::Highs_readModel(h, name.as_ptr());
        assert_ne!(
            st,
            highs_sys::STATUS_ERROR,
            "HiGHS cannot read {}",
            file.display()
        );
        h
    }
}

/// HiGHS reads `file` from disk, solves it (dual simplex) and returns the objective.
fn highs_objective(file: &Path) -> f64 {
    let h = highs_read(file);
    // SAFETY: `h` is a live instance, destroyed before returning.
    unsafe {
        assert_ne!(highs_sys::Highs_run(h), highs_sys::STATUS_ERROR);
        let status = highs_sys::Highs_getModelStatus(h);
        assert_eq!(
            status,
            highs_sys::MODEL_STATUS_OPTIMAL,
            "{}",
            file.display()
        );
        let obj = highs_sys::Highs_getObjectiveValue(h);
        highs_sys::Highs_destroy(h);
        obj
    }
}

/// The number of columns HiGHS reads from `file`.
fn highs_columns(file: &Path) -> usize {
    let h = highs_read(file);
    // SAFETY: `h` is a live instance, destroyed before returning.
    unsafe {
        let n = highs_sys::Highs_getNumCol(h);
        highs_sys::Highs_destroy(h);
        n as usize
    }
}

#[test]
fn exported_mps_and_lp_solve_to_the_same_optimum_as_solve() {
    let t = tempfile::tempdir().unwrap();
    for (inst, m, whole) in [
        (
            "instances/tiny/two-units.toml",
            "models/tiny-two-units.toml",
            false,
        ),
        (
            "instances/tiny/reclaim.toml",
            "models/tiny-reclaim.toml",
            false,
        ),
        (
            "instances/tiny/linkage.toml",
            "models/tiny-linkage-quality.toml",
            false,
        ),
        (
            "instances/tiny/linkage.toml",
            "models/tiny-linkage-resettlement.toml",
            false,
        ),
        (
            "instances/tiny/linkage.toml",
            "models/tiny-linkage.toml",
            true,
        ),
    ] {
        let mut model_ = model(m);
        model_.whole_unit.enabled = whole;
        let want = solve_checked(&instance(inst), &model_)
            .solution
            .objective
            .unwrap();
        for format in ["mps", "lp"] {
            let file = t
                .path()
                .join(format!("p{}.{format}", if whole { "w" } else { "" }));
            let _ = std::fs::remove_file(&file);
            let (i, mm) = (repo().join(inst), repo().join(m));
            let mut args = vec![
                "export",
                i.to_str().unwrap(),
                "--model",
                mm.to_str().unwrap(),
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ];
            if whole {
                args.push("--whole-unit");
            }
            let o = stockland(&args);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let text = std::fs::read_to_string(&file).unwrap();
            if whole {
                assert!(
                    text.contains("INTORG") || text.contains("General"),
                    "no integer markers"
                );
            }
            let got = highs_objective(&file);
            assert_close(
                got,
                want,
                1e-6 * want.abs().max(1.0),
                &format!("{inst} {m} {format}"),
            );
        }
    }
}

#[test]
fn the_beijing_programme_exports_with_its_stockland_names() {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("beijing.mps");
    let o = stockland(&["export", "--out", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    for name in [
        "stock_target[extension]",
        "supply_cap",
        "linkage_balance[",
        "x[U00001,",
    ] {
        assert!(text.contains(name), "no {name}");
    }
    let inst = stockland::cases::beijing::instance().unwrap();
    let m = stockland::cases::beijing::model().unwrap();
    let want = solve_checked(&inst, &m).solution.objective.unwrap();
    assert_close(
        highs_objective(&file),
        want,
        1e-6 * want,
        "Beijing from MPS",
    );
}

/// CBC's command line on `file`: `Some(objective)` at an optimum, `None` when it proves
/// the programme infeasible.
fn cbc_objective(file: &Path) -> Option<f64> {
    let o = std::process::Command::new("cbc")
        .arg(file)
        .arg("solve")
        .output()
        .expect("the cbc command (Debian's coinor-cbc, which .ci/run installs)");
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    if text.contains("Problem is infeasible")
        || text.contains("Result - Linear relaxation infeasible")
    {
        return None;
    }
    let line = text
        .lines()
        .find(|l| l.starts_with("Optimal - objective value") || l.starts_with("Objective value:"))
        .unwrap_or_else(|| panic!("{}: {text}", file.display()));
    Some(line.rsplit(' ').next().unwrap().trim().parse().unwrap())
}

/// One LP case of the certified family, as `optima.csv` gives it.
#[derive(serde::Deserialize)]
struct FamilyCase {
    case: String,
    instance: String,
    model: String,
    mode: String,
    columns: usize,
    rows: usize,
    status: String,
    objective: Option<f64>,
}

/// The certified family's LP cases, each exported by the real CLI to `dir/CASE.EXT` with
/// `args` (the `{case}` in an argument replaced by the case's name): the case and the file.
fn export_family_lp(dir: &Path, ext: &str, args: &[&str]) -> Vec<(FamilyCase, std::path::PathBuf)> {
    let family = repo().join("instances/family");
    let cases: Vec<FamilyCase> = csv::Reader::from_path(family.join("optima.csv"))
        .unwrap()
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for c in cases.into_iter().filter(|c| c.mode == "lp") {
        let file = dir.join(format!("{}.{ext}", c.case));
        let (i, m) = (family.join(&c.instance), family.join(&c.model));
        let extra: Vec<String> = args
            .iter()
            .map(|a| a.replace("{case}", &dir.join(&c.case).display().to_string()))
            .collect();
        let mut argv = vec![
            "export",
            i.to_str().unwrap(),
            "--model",
            m.to_str().unwrap(),
            "--out",
            file.to_str().unwrap(),
        ];
        argv.extend(extra.iter().map(String::as_str));
        let o = stockland(&argv);
        assert_eq!(o.status.code(), Some(0), "{}: {}", c.case, stderr(&o));
        out.push((c, file));
    }
    out
}

#[test]
fn the_lp_export_is_read_by_another_solver_as_the_same_problem_bands_included() {
    // every LP case of the certified family (their rows have bands: `lo <= expr <= hi`,
    // which HiGHS refused and CBC read without its lower side, m10-infeasible coming back
    // "Optimal 114026.75"), against optima.csv, read back by CBC and by HiGHS
    let t = tempfile::tempdir().unwrap();
    let cases = export_family_lp(t.path(), "lp", &["--format", "lp"]);
    for (c, file) in &cases {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            !text
                .lines()
                .any(|l| l.matches("<=").count() > 1 && !l.contains(" <= x") && l.contains(':')),
            "a band left in {}",
            c.case
        );
        // no phantom column for an empty row or objective: the file has the programme's
        assert!(!text.contains("_zero"), "{}", c.case);
        assert_eq!(highs_columns(file), c.columns, "{}", c.case);
        let got = cbc_objective(file);
        if c.status == "infeasible" {
            assert_eq!(got, None, "{}: CBC found an optimum", c.case);
        } else {
            let want = c.objective.unwrap();
            let got = got.unwrap_or_else(|| panic!("{}: CBC says infeasible", c.case));
            let tol = 1e-7 * want.abs().max(1.0);
            assert_close(got, want, tol, &format!("{} by CBC", c.case));
            assert_close(
                highs_objective(file),
                want,
                tol,
                &format!("{} by HiGHS", c.case),
            );
        }
    }
    assert!(cases.len() >= 9, "{} LP cases", cases.len());
}

#[test]
fn the_mps_export_minimised_is_read_by_cbc_as_the_same_problem() {
    // CBC reads `OBJSENSE MAX` and minimises (m20-plan came back −43,707.00 instead of
    // 66,546.67): `--sense min` writes the negated objective with no OBJSENSE, which every
    // reader minimises; the optimum is the certified one, negated. The NAME is the
    // instance's and the model's.
    let t = tempfile::tempdir().unwrap();
    let cases = export_family_lp(t.path(), "mps", &["--sense", "min"]);
    let mut optimal = 0;
    for (c, file) in cases.iter().filter(|(c, _)| c.status == "optimal") {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains("OBJSENSE"), "{}", c.case);
        let name = text.lines().find(|l| l.starts_with("NAME ")).unwrap();
        assert!(
            name.len() > "NAME ".len() && !name.ends_with(" stockland"),
            "{name}"
        );
        let want = c.objective.unwrap();
        let got = cbc_objective(file).expect("an optimum");
        assert_close(got, -want, 1e-7 * want.abs().max(1.0), &c.case);
        optimal += 1;
    }
    assert!(optimal >= 3, "{optimal} cases");
}

/// A MIPLIB solution file checked against the model file by HiGHS's reader and our own
/// arithmetic: every name is a column of the file, the columns' bounds and every row hold
/// within `tol`, and `=obj=` is the file's objective at the point. The objective.
fn check_solution_file(model: &Path, sol: &Path, tol: f64) -> f64 {
    let text = std::fs::read_to_string(sol).unwrap();
    let mut lines = text.lines();
    let obj: f64 = lines
        .next()
        .unwrap()
        .strip_prefix("=obj= ")
        .unwrap_or_else(|| panic!("{}: no =obj= line", sol.display()))
        .parse()
        .unwrap();
    let h = highs_read(model);
    // SAFETY: a live instance, arrays sized by HiGHS's own counts, destroyed at the end.
    unsafe {
        let (n, m, nz) = (
            highs_sys::Highs_getNumCol(h) as usize,
            highs_sys::Highs_getNumRow(h) as usize,
            highs_sys::Highs_getNumNz(h) as usize,
        );
        let mut x = vec![0.0; n];
        for line in lines {
            let (col, v) = line.split_once(' ').unwrap();
            let c = CString::new(col).unwrap();
            let mut j = 0;
            assert_eq!(
                highs_sys::Highs_getColByName(h, c.as_ptr(), &mut j),
                highs_sys::STATUS_OK,
                "{col} is not a column of {}",
                model.display()
            );
            x[j as usize] = v.parse().unwrap();
        }
        let (mut k, mut knz) = (0, 0);
        let (mut cost, mut lo, mut hi) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        let (mut start, mut index, mut value) = (vec![0; n + 1], vec![0; nz], vec![0.0; nz]);
        highs_sys::Highs_getColsByRange(
            h,
            0,
            n as i32 - 1,
            &mut k,
            cost.as_mut_ptr(),
            lo.as_mut_ptr(),
            hi.as_mut_ptr(),
            &mut knz,
            start.as_mut_ptr(),
            index.as_mut_ptr(),
            value.as_mut_ptr(),
        );
        let mut activity = vec![0.0; m];
        for j in 0..n {
            assert!(x[j] >= lo[j] - tol && x[j] <= hi[j] + tol, "column {j}");
            let end = if j + 1 < n { start[j + 1] } else { knz };
            for e in start[j]..end {
                activity[index[e as usize] as usize] += value[e as usize] * x[j];
            }
        }
        let (mut rlo, mut rhi) = (vec![0.0; m], vec![0.0; m]);
        let (mut rk, mut rnz) = (0, 0);
        highs_sys::Highs_getRowsByRange(
            h,
            0,
            m as i32 - 1,
            &mut rk,
            rlo.as_mut_ptr(),
            rhi.as_mut_ptr(),
            &mut rnz,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        for i in 0..m {
            let slack = tol * rlo[i].abs().max(rhi[i].abs()).clamp(1.0, 1e6);
            assert!(
                activity[i] >= rlo[i] - slack && activity[i] <= rhi[i] + slack,
                "row {i}: {} not in [{}, {}]",
                activity[i],
                rlo[i],
                rhi[i]
            );
        }
        let value: f64 = cost.iter().zip(&x).map(|(c, v)| c * v).sum();
        assert_close(value, obj, 1e-9 * obj.abs().max(1.0), "=obj= at the point");
        highs_sys::Highs_destroy(h);
        obj
    }
}

/// `export --solution --metadata`: every LP case of the certified family written as MPS
/// minimised with its MIPLIB solution file and its metadata; HiGHS's reader finds every
/// named column, the point feasible and `=obj=` the certified optimum negated; the infeasible
/// case's file says `=infeas=`; the metadata names the sizes, the inputs' digests and the
/// checked solve.
#[test]
fn exported_solution_files_are_the_certified_optima_under_the_file_s_names() {
    let t = tempfile::tempdir().unwrap();
    let cases = export_family_lp(
        t.path(),
        "mps",
        &[
            "--sense",
            "min",
            "--solution",
            "{case}.sol",
            "--metadata",
            "{case}.json",
        ],
    );
    for (c, file) in &cases {
        let (sol, meta) = (file.with_extension("sol"), file.with_extension("json"));
        let md: serde_json::Value = serde_json::from_slice(&std::fs::read(&meta).unwrap()).unwrap();
        assert_eq!(md["columns"], c.columns);
        assert_eq!(md["rows"], c.rows);
        assert_eq!(md["sense"], "min");
        assert_eq!(md["solved"]["status"], c.status);
        assert!(md["inputs"].as_array().unwrap().iter().all(|x| x["sha256"]
            .as_str()
            .unwrap()
            .len()
            == 64));
        if c.status == "infeasible" {
            assert_eq!(std::fs::read_to_string(&sol).unwrap(), "=infeas=\n");
        } else {
            let want = c.objective.unwrap();
            let got = check_solution_file(file, &sol, 1e-6);
            assert_close(got, -want, 1e-9 * want.abs(), &c.case);
            assert_eq!(md["solved"]["checked"], true);
            let objective = md["solved"]["objective"].as_f64().unwrap();
            assert_close(objective, -want, 1e-9 * want.abs(), &c.case);
        }
    }
    assert!(cases.len() >= 9, "{}", cases.len());
}
