//! Each rule family tested three ways on the tiny mixed instance
//! (`instances/tiny/mixed.toml`): the rows it builds, the property holding on the solved
//! allocation (through the independent check) and changing the optimum, and bad arguments
//! rejected with the rule's id and field named.

use crate::util::*;
use stockland::policy::PolicyModel;
use stockland::programme::{build, row_label, ColumnKey, Total};

const BASE: &str =
    "schema_version = 1\nname = \"family-test\"\n[rules.unit_capacity]\n[rules.site_capacity]\n";

struct Family {
    id: &'static str,
    /// The family's TOML, added to the base (unit and site capacity).
    toml: &'static str,
    /// Row names it must build.
    rows: &'static [&'static str],
    /// A bad variant and the field the error must name.
    bad: (&'static str, &'static str),
}

const FAMILIES: &[Family] = &[
    Family {
        id: "stock_target",
        toml: "[rules.stock_target]\ntargets_km2 = { a = 2.0, b = 3.0 }\n",
        rows: &["stock_target[a]", "stock_target[b]"],
        bad: ("[rules.stock_target]\ntargets_km2 = { a = 2.0, c = 3.0 }\n", "targets_km2.c"),
    },
    Family {
        id: "supply_cap",
        toml: "[rules.supply_cap]\nmax_km2 = 5.0\n",
        rows: &["supply_cap"],
        bad: ("[rules.supply_cap]\nmax_km2 = -5.0\n", "max_km2"),
    },
    Family {
        id: "stock_share",
        toml: "[rules.stock_share]\nmin_share = 0.7\n",
        rows: &["stock_share"],
        bad: ("[rules.stock_share]\nmin_share = 1.7\n", "min_share"),
    },
    Family {
        id: "urban_rural_supply",
        toml: "[rules.urban_rural_supply]\ntarget_km2 = 8.0\ntolerance_km2 = 1.0\n",
        rows: &["urban_rural_supply"],
        bad: ("[rules.urban_rural_supply]\ntarget_km2 = 8.0\ntolerance_km2 = -1.0\n", "tolerance_km2"),
    },
    Family {
        id: "urban_rural_stock",
        toml: "[rules.urban_rural_stock]\ntarget_km2 = 3.0\ntolerance_km2 = 0.5\n",
        rows: &["urban_rural_stock"],
        bad: ("[rules.urban_rural_stock]\ntarget_km2 = inf\n", "target_km2"),
    },
    Family {
        id: "supply_mix",
        toml: "[rules.supply_mix]\nshares.residential = { share = 0.3, band = 0.05 }\nshares.industrial = { share = 0.3, band = 0.05 }\nshares.infrastructure = { share = 0.4, band = 0.05 }\n",
        rows: &[
            "supply_mix[residential.min]",
            "supply_mix[residential.max]",
            "supply_mix[industrial.min]",
            "supply_mix[industrial.max]",
            "supply_mix[infrastructure.min]",
            "supply_mix[infrastructure.max]",
        ],
        bad: ("[rules.supply_mix]\nshares.residential = { share = 1.3 }\n", "shares.residential.share"),
    },
    Family {
        id: "affordable_share",
        toml: "[rules.affordable_share]\nmin_share = 0.5\n",
        rows: &["affordable_share"],
        bad: ("[rules.affordable_share]\nmin_share = -0.5\n", "min_share"),
    },
    Family {
        id: "new_construction_quota",
        toml: "[rules.new_construction_quota]\nmax_km2 = 3.0\n",
        rows: &["new_construction_quota"],
        bad: ("[rules.new_construction_quota]\nmax_km2 = nan\n", "max_km2"),
    },
    Family {
        id: "arable_floor",
        toml: "[rules.arable_floor]\nmin_km2 = 30.0\n",
        rows: &["arable_floor"],
        bad: ("[rules.arable_floor]\nmin_km2 = -30.0\n", "min_km2"),
    },
    Family {
        id: "occupation_balance",
        toml: "[rules.occupation_balance]\nquality_weighted = true\n",
        rows: &["occupation_balance[area]", "occupation_balance[quality]"],
        bad: ("[rules.occupation_balance]\nmode = \"soft\"\n", "penalty"),
    },
    Family {
        id: "basic_farmland",
        toml: "[rules.basic_farmland]\nmin_km2 = 19.5\n",
        rows: &["basic_farmland"],
        bad: ("[rules.basic_farmland]\nmin_km2 = -1.0\n", "min_km2"),
    },
    Family {
        id: "construction_cap",
        toml: "[rules.construction_cap]\nmax_km2 = 25.0\n",
        rows: &["construction_cap"],
        bad: ("[rules.construction_cap]\nmax_km2 = -25.0\n", "max_km2"),
    },
    Family {
        id: "non_construction_share",
        toml: "[rules.non_construction_share]\nmin_share = 0.74\n",
        rows: &["non_construction_share"],
        bad: ("[rules.non_construction_share]\nmin_share = 74.0\n", "min_share"),
    },
    Family {
        id: "town_construction_cap",
        toml: "[rules.town_construction_cap]\nmax_km2 = 10.0\n",
        rows: &["town_construction_cap"],
        bad: ("[rules.town_construction_cap]\nmax_km2 = -1.0\n", "max_km2"),
    },
    Family {
        id: "ecological_zone",
        toml: "[rules.ecological_zone]\nzones = [\"b\"]\n",
        rows: &["ecological_zone[b]"],
        bad: ("[rules.ecological_zone]\nzones = [\"nowhere\"]\n", "zones[0]"),
    },
    Family {
        id: "eligibility",
        toml: "[rules.eligibility]\n",
        rows: &[],
        bad: ("[rules.eligibility]\nmode = \"soft\"\npenalty = 1.0\n", "mode"),
    },
    Family {
        id: "transport_access",
        toml: "[rules.transport_access]\nmax_station_km = 3.0\n",
        rows: &[],
        bad: ("[rules.transport_access]\nmax_station_km = -3.0\n", "max_station_km"),
    },
];

fn with(extra: &str) -> PolicyModel {
    model_from(&format!("{BASE}{extra}"))
}

#[test]
fn each_family_builds_its_named_rows() {
    let inst = instance("instances/tiny/mixed.toml");
    let base = build(&inst, &with(""));
    for f in FAMILIES {
        let p = build(&inst, &with(f.toml));
        let names: Vec<String> = p.rows.iter().map(|r| row_label(&inst, r)).collect();
        let own: Vec<&String> = names
            .iter()
            .filter(|n| n.split('[').next() == Some(f.id))
            .collect();
        assert_eq!(own.len(), f.rows.len(), "{}: rows {own:?}", f.id);
        for r in f.rows {
            assert!(names.iter().any(|n| n == r), "{}: no row {r}", f.id);
        }
        if f.rows.is_empty() {
            // Column-level rules remove the columns they forbid.
            assert!(
                p.num_cols() < base.num_cols(),
                "{}: no column removed",
                f.id
            );
        }
    }
}

#[test]
fn each_family_holds_on_the_solved_allocation_and_changes_the_optimum() {
    let inst = instance("instances/tiny/mixed.toml");
    let free = solve_checked(&inst, &with("")).solution.objective.unwrap();
    for f in FAMILIES {
        let r = solve_checked(&inst, &with(f.toml));
        let c = r
            .check
            .as_ref()
            .unwrap_or_else(|| panic!("{}: {}", f.id, r.solution.status));
        let lines: Vec<_> = c.lines.iter().filter(|l| l.rule.as_str() == f.id).collect();
        assert!(!lines.is_empty(), "{}: no check line", f.id);
        for l in &lines {
            assert!(
                l.violation <= 1e-6,
                "{}: {} violated by {}",
                f.id,
                l.name,
                l.violation
            );
        }
        let obj = r.solution.objective.unwrap();
        assert!(
            obj < free - 1e-6,
            "{}: the rule does not bind here ({obj} vs {free})",
            f.id
        );
        // the binding rows carry a price, the others none
        for row in r
            .solution
            .rows
            .iter()
            .filter(|row| row.rule.map(|r| r.as_str()) == Some(f.id))
        {
            let line = c.line(&row.name).unwrap();
            if !line.binding {
                assert!(
                    row.shadow_price.unwrap().abs() < 1e-7,
                    "{}: slack row priced",
                    row.name
                );
            }
        }
    }
}

#[test]
fn each_family_switched_off_is_not_applied() {
    let inst = instance("instances/tiny/mixed.toml");
    let free = solve_checked(&inst, &with("")).solution.objective.unwrap();
    for f in FAMILIES {
        let off = f.toml.replacen('\n', "\nenabled = false\n", 1);
        let r = solve_checked(&inst, &with(&off));
        assert_close(r.solution.objective.unwrap(), free, 1e-6, f.id);
    }
}

#[test]
fn each_family_made_soft_trades_violation_against_its_penalty() {
    let inst = instance("instances/tiny/mixed.toml");
    for f in FAMILIES.iter().filter(|f| !f.rows.is_empty()) {
        let hard = solve_checked(&inst, &with(f.toml))
            .solution
            .objective
            .unwrap();
        // A penalty of zero: the rule costs nothing to break, so the optimum is at least as
        // good as the hard one, and the check accounts for the (free) violation.
        let soft0 = f
            .toml
            .replacen('\n', "\nmode = \"soft\"\npenalty = 0.0\n", 1);
        let r0 = solve_checked(&inst, &with(&soft0));
        assert!(r0.solution.objective.unwrap() >= hard - 1e-6, "{}", f.id);
        // A prohibitive penalty: the soft rule is kept, and the optimum equals the hard one.
        let soft_hi = f
            .toml
            .replacen('\n', "\nmode = \"soft\"\npenalty = 1e6\n", 1);
        let r = solve_checked(&inst, &with(&soft_hi));
        assert_close(
            r.solution.objective.unwrap(),
            hard,
            1e-5 * hard.abs().max(1.0),
            f.id,
        );
        assert!(r.check.unwrap().objective.soft_penalty < 1e-6, "{}", f.id);
    }
}

#[test]
fn each_family_rejects_bad_arguments_naming_rule_and_field() {
    let inst = instance("instances/tiny/mixed.toml");
    for f in FAMILIES {
        let m = with(f.bad.0);
        let err = m.validate("bad.toml", Some(&inst)).expect_err(f.id);
        let stockland::Error::Input(problems) = err else {
            panic!("{}: not an input error", f.id)
        };
        assert!(
            problems
                .0
                .iter()
                .any(|p| p.record == format!("rules.{}", f.id)
                    && p.field == f.bad.1
                    && p.file == "bad.toml"),
            "{}: {problems}",
            f.id
        );
    }
}

#[test]
fn share_rules_are_stated_with_the_share_as_coefficients() {
    // stock_share: (1 − s) on the stock totals of construction uses, −s on the new-construction
    // totals; each total is tied to its unit or site columns by its own `total[...]` row.
    let inst = instance("instances/tiny/mixed.toml");
    let p = build(&inst, &with("[rules.stock_share]\nmin_share = 0.7\n"));
    let row = p
        .rows
        .iter()
        .position(|r| row_label(&inst, r) == "stock_share")
        .unwrap() as u32;
    let mut stock = Vec::new();
    let mut sites = Vec::new();
    for j in 0..p.num_cols() {
        for k in p.col_start[j]..p.col_start[j + 1] {
            if p.row_index[k] == row {
                match p.columns[j] {
                    ColumnKey::Total(Total::Stock { .. }) => stock.push(p.value[k]),
                    ColumnKey::Total(Total::New { .. }) => sites.push(p.value[k]),
                    _ => panic!("unexpected column in stock_share"),
                }
            }
        }
    }
    // 2 zones × 4 construction uses of each kind
    assert_eq!((stock.len(), sites.len()), (8, 8));
    assert!(stock.iter().all(|v| (v - 0.3).abs() < 1e-12), "{stock:?}");
    assert!(sites.iter().all(|v| (v + 0.7).abs() < 1e-12), "{sites:?}");
    assert_eq!(p.row_lower[row as usize], 0.0);
}

#[test]
fn whole_unit_mode_needs_the_unit_capacity_rows() {
    let inst = instance("instances/tiny/mixed.toml");
    let m = model_from("schema_version = 1\nname = \"x\"\n[whole_unit]\nenabled = true\n");
    let err = m
        .validate("m.toml", Some(&inst))
        .expect_err("no unit_capacity");
    assert!(err.to_string().contains("unit_capacity"), "{err}");
    let ok = with("[rules.supply_cap]\nmax_km2 = 5.0\n");
    let mut whole = ok.clone();
    whole.whole_unit.enabled = true;
    let lp = solve_checked(&inst, &ok).solution.objective.unwrap();
    let mip = solve_checked(&inst, &whole).solution.objective.unwrap();
    assert!(mip <= lp + 1e-6, "whole-unit {mip} above the LP {lp}");
}
