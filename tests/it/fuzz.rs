//! Fuzzing the parsers with proptest, bounded in cases so that it runs in every CI: each
//! parser (manifest and model TOML, unit, site and project CSV, the UTF-8 reader) on the
//! committed corpus (`tests/corpus/`), on arbitrary bytes and on near-valid records with one
//! field replaced by a hostile value; the whole CLI on near-valid instances. Never a panic;
//! the CLI exits 0, 1 or 2 and leaves its output directory untouched or complete.

use crate::bad_input::{setup, MANIFEST, MODEL, SITES, UNITS};
use crate::util::*;
use proptest::prelude::*;
use std::path::Path;
use stockland::files::instance_from_texts;
use stockland::instance::format::{
    parse_csv, parse_toml, InstanceFile, ProjectRecord, SiteRecord, UnitRecord,
};
use stockland::policy::PolicyModel;

/// Every parser on `bytes`, as text when it is UTF-8. Errors are fine; panics are not.
fn all_parsers(bytes: &[u8]) {
    let _ = stockland::files::read_text(Path::new("/nonexistent/fuzz"), None, &Default::default());
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = parse_toml::<InstanceFile>("f.toml", text);
    if let Ok(m) = parse_toml::<PolicyModel>("m.toml", text) {
        let _ = m.validate("m.toml", None);
    }
    let _ = parse_csv::<UnitRecord>("u.csv", text);
    let _ = parse_csv::<SiteRecord>("s.csv", text);
    let _ = parse_csv::<ProjectRecord>("p.csv", text);
    // as a whole instance: this text as the manifest, and as each table
    let _ = instance_from_texts("f.toml", text, |_| Ok(("t.csv".into(), String::new())));
    let _ = instance_from_texts("inst.toml", MANIFEST, |f| {
        Ok((
            f.to_string(),
            if f == "units.csv" {
                text.to_string()
            } else {
                SITES.to_string()
            },
        ))
    });
}

#[test]
fn the_corpus_never_panics_a_parser() {
    let dir = repo().join("tests/corpus");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            continue;
        }
        all_parsers(&std::fs::read(&p).unwrap());
        n += 1;
    }
    assert!(n >= 8, "the corpus is missing files");
}

/// Hostile values for one field.
fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("1e308".to_string()),
        Just("-1e308".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-0".to_string()),
        Just("\"a,b\"".to_string()),
        Just("\"line\nbreak\"".to_string()),
        Just("名字".to_string()),
        Just("x".repeat(5000)),
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| v.to_string()),
        "[ -~]{0,12}",
    ]
}

/// The units table with field `col` of row `row` replaced by `value`.
fn mutate(table: &str, row: usize, col: usize, value: &str) -> String {
    let mut lines: Vec<String> = table.lines().map(str::to_string).collect();
    let r = 1 + row % (lines.len() - 1);
    let mut fields: Vec<String> = lines[r].split(',').map(str::to_string).collect();
    let c = col % fields.len();
    fields[c] = value.to_string();
    lines[r] = fields.join(",");
    lines.join("\n") + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_a_parser(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        all_parsers(&bytes);
        let _ = stockland::instance::format::parse_toml::<toml::Table>("x", &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn near_valid_tables_never_panic_a_parser(row in 0usize..4, col in 0usize..20, value in hostile_value()) {
        all_parsers(mutate(UNITS, row, col, &value).as_bytes());
        all_parsers(mutate(SITES, row, col, &value).as_bytes());
    }
}

fn is_complete(out: &Path) -> bool {
    ["solution.json", stockland::files::MARKER]
        .iter()
        .all(|f| out.join(f).is_file())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// The CLI on a near-valid instance: exit 0, 1 or 2, never a panic, and the output
    /// directory of an earlier run either untouched or replaced by a complete set.
    #[test]
    fn the_cli_exits_cleanly_and_keeps_its_outputs_whole(row in 0usize..2, col in 0usize..15, value in hostile_value()) {
        let d = setup(MANIFEST, UNITS, SITES, MODEL);
        let args = ["solve", "inst", "--model", "model.toml", "--out", "res"];
        let first = stockland_in(d.path(), &args);
        prop_assert_eq!(first.status.code(), Some(0));
        std::fs::write(d.path().join("res/solution.json"), "OLD").unwrap();
        std::fs::write(d.path().join("inst/units.csv"), mutate(UNITS, row, col, &value)).unwrap();
        let o = stockland_in(d.path(), &args);
        let code = o.status.code();
        let err = stderr(&o);
        prop_assert!(matches!(code, Some(0..=2)), "exit {:?}: {}", code, err);
        prop_assert!(!err.contains("panicked"), "{}", err);
        let json = std::fs::read_to_string(d.path().join("res/solution.json")).unwrap();
        if code == Some(2) {
            prop_assert_eq!(json, "OLD", "a refused run changed the outputs");
        } else {
            prop_assert!(json != "OLD" && is_complete(&d.path().join("res")));
        }
    }
}
