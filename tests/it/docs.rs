//! The docs cannot drift: the CLI reference is the command-line definition's own help, the
//! model reference's family table is the registry, the README's worked run is the golden
//! summary, and every relative link of every page resolves (file and heading).

use crate::util::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The subcommands listed under `Commands:` in a help text (`help` left out).
fn subcommands(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if line == "Commands:" {
            inside = true;
            continue;
        }
        if inside {
            let Some(rest) = line.strip_prefix("  ") else {
                break;
            };
            let name = rest.split_whitespace().next().unwrap_or("");
            if !name.is_empty() && name != "help" {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// The CLI reference, page by page from `stockland [COMMAND...] --help`.
fn cli_reference() -> String {
    let mut page = String::from(
        "# CLI reference\n\nGenerated from the command-line definition: each section is \
         `stockland COMMAND --help` as it prints. A test keeps this file equal to it; \
         regenerate with `STOCKLAND_BLESS=1 cargo test --release --test it docs`.\n",
    );
    let mut todo: Vec<Vec<String>> = vec![vec![]];
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let o = stockland(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let help = stdout(&o);
        let title = std::iter::once("stockland")
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        page.push_str(&format!(
            "\n## `{title}`\n\n```text\n{}\n```\n",
            help.trim_end()
        ));
        // depth first, in the order the help lists them
        for sub in subcommands(&help).into_iter().rev() {
            let mut p = path.clone();
            p.push(sub);
            todo.push(p);
        }
    }
    page
}

#[test]
fn the_cli_reference_is_the_commands_own_help() {
    let path = repo().join("docs/reference/cli.md");
    let got = cli_reference();
    if std::env::var_os("STOCKLAND_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert!(
        want == got,
        "docs/reference/cli.md differs from the commands' help: regenerate with STOCKLAND_BLESS=1 cargo test --release --test it docs"
    );
    for cmd in [
        "solve",
        "evaluate",
        "sweep merge",
        "sweep emit",
        "prices",
        "man",
    ] {
        assert!(got.contains(&format!("## `stockland {cmd}`")), "{cmd}");
    }
}

#[test]
fn the_model_reference_lists_every_family_of_the_registry() {
    let text = std::fs::read_to_string(repo().join("docs/reference/model.md")).unwrap();
    let mut listed = BTreeSet::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("| id | rule |") {
            in_table = true;
            continue;
        }
        if in_table {
            if !line.starts_with('|') {
                break;
            }
            let first = line.split('|').nth(1).unwrap_or("");
            for (i, part) in first.split('`').enumerate() {
                if i % 2 == 1 {
                    listed.insert(part.to_string());
                }
            }
        }
    }
    let registry: BTreeSet<String> = stockland::policy::RuleId::ALL
        .iter()
        .map(|r| r.as_str().to_string())
        .collect();
    assert_eq!(
        listed, registry,
        "the family table of docs/reference/model.md"
    );
}

#[test]
fn the_readme_s_worked_run_is_the_golden_summary() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let marker = "<!-- an excerpt of tests/golden/beijing/summary.txt";
    let at = readme
        .find(marker)
        .expect("the README marks its worked run");
    let block = &readme[at..];
    let start = block.find("```text\n").unwrap() + "```text\n".len();
    let end = start + block[start..].find("```").unwrap();
    let excerpt = &block[start..end];
    assert!(excerpt.lines().count() >= 10);
    let golden = std::fs::read_to_string(repo().join("tests/golden/beijing/summary.txt")).unwrap();
    assert!(
        golden.contains(excerpt),
        "the README's worked run is not a part of tests/golden/beijing/summary.txt"
    );
}

/// Every Markdown page of the project.
fn pages() -> Vec<PathBuf> {
    let mut out = vec![repo().join("README.md"), repo().join("CONTRIBUTING.md")];
    let mut todo = vec![repo().join("docs")];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out
}

/// A heading's anchor as GitHub makes it: lower case, spaces to hyphens, punctuation gone.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(page: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(page).unwrap();
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.starts_with("```") {
                fenced = !fenced;
            }
            !fenced && l.starts_with('#')
        })
        .map(|l| anchor(l.trim_start_matches('#')))
        .collect()
}

#[test]
fn every_relative_link_of_the_docs_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = &rest[..end];
            if target.contains("://") || target.starts_with("mailto:") || target.contains(' ') {
                continue;
            }
            let (file, frag) = target.split_once('#').unwrap_or((target, ""));
            let dest = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            checked += 1;
            let rel = page.strip_prefix(repo()).unwrap().display().to_string();
            if !dest.exists() {
                broken.push(format!("{rel}: {target} (no such file)"));
            } else if !frag.is_empty()
                && dest.extension().is_some_and(|x| x == "md")
                && !anchors(&dest).contains(frag)
            {
                broken.push(format!("{rel}: {target} (no such heading)"));
            }
        }
    }
    assert!(checked > 20, "{checked} links");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn headings_become_github_anchors() {
    assert_eq!(
        anchor(" Exit codes and what is refused"),
        "exit-codes-and-what-is-refused"
    );
    assert_eq!(
        anchor("The Beijing instance: what is sourced, what is synthetic"),
        "the-beijing-instance-what-is-sourced-what-is-synthetic"
    );
}

#[test]
fn the_backend_table_is_the_capabilities_table() {
    use stockland::solve::Backend;
    let text = std::fs::read_to_string(repo().join("docs/reference/solving.md")).unwrap();
    for b in Backend::ALL {
        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("| {} |", b.as_str())))
            .unwrap_or_else(|| panic!("no row for {}", b.as_str()));
        let cells: Vec<&str> = row
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let c = b.capabilities();
        let yes = |v: bool| if v { "yes" } else { "no" };
        let takes = |v: bool| if v { "yes" } else { "refused" };
        let method = if c.methods {
            "yes"
        } else if c.simplex {
            "`simplex` only"
        } else {
            "refused"
        };
        let want = [
            b.as_str(),
            yes(c.row_duals),
            yes(c.col_duals),
            yes(c.ranging),
            yes(c.warm_start),
            takes(c.mip),
            takes(c.time_limit),
            takes(c.mip_gap),
            method,
        ];
        assert_eq!(cells, want, "{row}");
    }
}

/// The citation file and the licence files say what `Cargo.toml` says: the version, and the
/// licence `MIT OR Apache-2.0` with a text for each.
#[test]
fn the_citation_and_the_licences_match_the_package() {
    let cargo: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    let package = &cargo["package"];
    let cff = std::fs::read_to_string(repo().join("CITATION.cff")).unwrap();
    let cff = &yaml_rust2::YamlLoader::load_from_str(&cff).unwrap()[0];
    assert_eq!(cff["cff-version"].as_str(), Some("1.2.0"));
    assert_eq!(cff["version"].as_str(), package["version"].as_str());
    assert_eq!(cff["license"].as_str(), package["license"].as_str());
    assert_eq!(package["license"].as_str(), Some("MIT OR Apache-2.0"));
    assert!(!cff["title"].is_badvalue() && !cff["authors"][0]["name"].is_badvalue());
    let licence = std::fs::read_to_string(repo().join("LICENSE")).unwrap();
    assert!(licence.contains("MIT OR Apache-2.0"));
    assert!(std::fs::read_to_string(repo().join("LICENSE-APACHE"))
        .unwrap()
        .contains("Apache License\n                           Version 2.0, January 2004"));
    assert!(std::fs::read_to_string(repo().join("LICENSE-MIT"))
        .unwrap()
        .starts_with("MIT License"));
}

/// `docs/formulation.md` states the whole programme with one section per family of the
/// registry (`### id` under "The rule families"), no more and no fewer, and each family's
/// formula doc points to its section.
#[test]
fn the_formulation_has_a_section_for_every_family_and_each_links_to_it() {
    let text = std::fs::read_to_string(repo().join("docs/formulation.md")).unwrap();
    let families = text
        .split("\n## The rule families\n")
        .nth(1)
        .expect("a section `## The rule families`");
    let families = families.split("\n## ").next().unwrap();
    let sections: BTreeSet<String> = families
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(str::to_string)
        .collect();
    let registry: BTreeSet<String> = stockland::policy::RuleId::ALL
        .iter()
        .map(|r| r.as_str().to_string())
        .collect();
    assert_eq!(
        sections, registry,
        "the family sections of docs/formulation.md"
    );
    for id in &registry {
        let source =
            std::fs::read_to_string(repo().join(format!("src/policy/rules/{id}.rs"))).unwrap();
        assert!(
            source.contains(&format!("`docs/formulation.md#{id}`")),
            "src/policy/rules/{id}.rs does not point to its section of docs/formulation.md"
        );
    }
    // the objective, the variables and the years are stated too
    for heading in [
        "## Variables",
        "## Objective",
        "## Whole-unit mode",
        "## Years",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
}
