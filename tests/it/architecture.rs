//! The house's rules, read from the source: one-way dependencies between the library's
//! top-level modules (no cycle), the check and the solution never reaching the programme,
//! the core naming no city, and every rule family with its three mirrored files.

use crate::util::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The library's top-level modules and, for each, the top-level modules its code names
/// through `crate::` paths (comments and tests included: a doc link is a dependency too).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "main" || module == "lib" || module == "cli" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let deps = graph.entry(module.clone()).or_default();
        for name in crate_paths(&text) {
            if name != module && !name.chars().next().unwrap().is_uppercase() {
                deps.insert(name);
            }
        }
    }
    graph
}

/// The first segment of every `crate::` path in `text`, grouped imports included:
/// `crate::{check::check, run::Run}` names `check` and `run`.
fn crate_paths(text: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // the top-level items of the group: split at commas outside nested braces
            let mut depth = 0;
            let mut start = 0;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.push(word(&group[start..k]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(word(&group[start..k]));
                        start = k + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(word(rest));
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

#[test]
fn grouped_imports_are_read_as_dependencies() {
    assert_eq!(
        crate_paths(
            "use crate::{check::{check, CheckReport}, run::Run,\n  solve};\nx = crate::plan::Lock;"
        ),
        ["check", "run", "solve", "plan"]
    );
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(m) = todo.pop() {
        for d in graph.get(&m).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn top_level_modules_have_no_circular_imports() {
    let graph = module_graph();
    assert!(graph.contains_key("programme") && graph.contains_key("check"));
    for m in graph.keys() {
        let r = reaches(&graph, m);
        assert!(
            !r.contains(m),
            "`{m}` reaches itself through {:?}: {graph:#?}",
            r
        );
    }
}

#[test]
fn the_check_and_the_solution_never_reach_the_programme() {
    let graph = module_graph();
    for m in ["check", "solution"] {
        let r = reaches(&graph, m);
        for forbidden in ["programme", "solve", "run", "analysis"] {
            assert!(!r.contains(forbidden), "`{m}` reaches `{forbidden}`: {r:?}");
        }
    }
    let r = reaches(&graph, "solution");
    assert!(
        !r.contains("network"),
        "`solution` reaches `network`: {r:?}"
    );
}

#[test]
fn no_module_but_the_cases_names_a_city_or_a_case() {
    // every top-level module of the library, by exclusion: a new one is held to it too
    let graph = module_graph();
    let core: Vec<&String> = graph.keys().filter(|m| *m != "cases").collect();
    assert!(core.len() >= 12, "{core:?}");
    for m in core {
        assert!(
            !reaches(&graph, m).contains("cases"),
            "`{m}` reaches the cases"
        );
        let mut files = Vec::new();
        let dir = repo().join("src").join(m);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        } else {
            files.push(repo().join("src").join(format!("{m}.rs")));
        }
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap().to_lowercase();
            assert!(!text.contains("beijing"), "{} names a city", f.display());
        }
    }
}

#[test]
fn every_family_has_its_three_mirrored_files() {
    for id in stockland::policy::RuleId::ALL {
        for dir in ["src/policy/rules", "src/programme/rows", "src/check/rules"] {
            let f = repo().join(dir).join(format!("{id}.rs"));
            assert!(f.is_file(), "{id}: {} is missing", f.display());
        }
    }
}
