//! What a director reads: every label of the reports true on the built-in Beijing case, in
//! the summaries (en and zh), the HTML report and the workbook: a degenerate row's two
//! one-sided prices wherever a price is shown, share rules as shares against their targets,
//! no `-0.00`, no slack `inf`, no homes (套) on km², the district table's name column not
//! headed as a rule.

use crate::util::*;
use calamine::{open_workbook_auto, Data, Reader};

/// The line of `text` that holds `needle`.
fn line<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}:\n{text}"))
}

/// A number printed as a negative zero (`-0.00`, `-0.000`), if any.
fn negative_zero(text: &str) -> Option<&str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .find(|w| w.starts_with('-') && w.len() > 1 && w.parse::<f64>() == Ok(0.0))
}

#[test]
fn the_beijing_reports_label_every_number_truly() {
    let d = tempfile::tempdir().unwrap();
    let (html, xlsx) = (d.path().join("zh.html"), d.path().join("zh.xlsx"));
    let zh = stockland(&[
        "solve",
        "--lang",
        "zh",
        "--html",
        html.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(zh.status.code(), Some(0), "{}", stderr(&zh));
    let zh = stdout(&zh);
    let en = stdout(&stockland(&["solve"]));
    let page = std::fs::read_to_string(&html).unwrap();

    // supply_cap is degenerate at the optimum (212.85 up, 531.83 down): no single price
    for (what, text) in [("zh", zh.as_str()), ("en", en.as_str())] {
        for l in text.lines().filter(|l| l.contains("supply_cap")) {
            assert!(!l.contains("425.97"), "{what}: one side as the price: {l}");
        }
    }
    assert!(line(&zh, "supply_cap").contains("212.85|531.83"), "{zh}");
    assert!(page.contains("212.85|531.83") && !page.contains("425.97"));

    // the shares read as shares: 50 % of supply from stock, 50 % of housing affordable
    for (text, rule) in [
        (&zh, "stock_share"),
        (&zh, "affordable_share"),
        (&en, "stock_share"),
    ] {
        let l = line(text, rule);
        assert!(l.contains("50.0%") && l.contains("≥ 50.0%"), "{l}");
    }
    assert!(line(&zh, "supply_mix[residential.max]").contains("≤ 34.0%"));
    assert!(!en.contains("km² above it"));

    // no −0.00, no slack inf, no 套 on km²
    for (what, text) in [
        ("zh", zh.as_str()),
        ("en", en.as_str()),
        ("html", page.as_str()),
    ] {
        assert_eq!(negative_zero(text), None, "{what} prints a negative zero");
        assert!(!text.contains("（套）"), "{what} labels km² as homes");
    }
    assert!(!page.contains(">inf<"), "a slack of inf in the page");

    // the district sheet's name column is the district's name, not a rule
    let mut wb = open_workbook_auto(&xlsx).unwrap();
    let sheet = wb
        .sheet_names()
        .into_iter()
        .find(|n| n.contains("区县"))
        .expect("a district sheet");
    let districts = wb.worksheet_range(&sheet).unwrap();
    let head: Vec<String> = (0..districts.width())
        .filter_map(|c| match districts.get((0, c)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(head.iter().any(|h| h == "区县名称"), "{head:?}");
    assert!(!head.iter().any(|h| h == "规则"), "{head:?}");

    // districts under their Chinese names (the instance's name_zh), not `Fangshan (110111)`
    assert!(zh.contains("搬迁安置·房山区"), "{zh}");
    assert!(!zh.contains("Fangshan (110111)"), "{zh}");
    assert!(page.contains("房山区") && !page.contains("Fangshan (110111)"));
}

/// The synthetic basis travels with the numbers: the summaries (en, zh), the HTML, the
/// workbook's 数据来源 sheet, sources.csv, solution.json, and prices and evaluate.
#[test]
fn every_beijing_output_says_what_its_money_rests_on() {
    let d = tempfile::tempdir().unwrap();
    let (out, html, xlsx) = (
        d.path().join("o"),
        d.path().join("zh.html"),
        d.path().join("zh.xlsx"),
    );
    let zh = stockland(&[
        "solve",
        "--lang",
        "zh",
        "--out",
        out.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(zh.status.code(), Some(0), "{}", stderr(&zh));
    let said = "仅用于比较方案，不代表实际金额";
    assert!(stdout(&zh).contains(said));
    assert!(std::fs::read_to_string(&html).unwrap().contains(said));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("solution.json")).unwrap()).unwrap();
    assert_eq!(json["provenance"]["money_synthetic"], true);
    let sources = std::fs::read_to_string(out.join("sources.csv")).unwrap();
    assert!(sources.starts_with("kind,what,how"));
    assert!(
        sources
            .lines()
            .any(|l| l.starts_with("synthetic,units.cost_")),
        "{sources}"
    );
    let wb = open_workbook_auto(&xlsx).unwrap();
    assert!(wb.sheet_names().iter().any(|n| n == "数据来源"));
    let en = stdout(&stockland(&["solve"]));
    assert!(en.contains("not as amounts of money"), "{en}");
    let prices = stdout(&stockland(&["prices", "--rules", "supply_cap"]));
    assert!(prices.contains("not as amounts of money"), "{prices}");
    // an instance that declares nothing says nothing
    let tiny = stdout(&stockland(&[
        "solve",
        "instances/tiny/two-units.toml",
        "--model",
        "models/tiny-two-units.toml",
    ]));
    assert!(!tiny.contains("Data basis"), "{tiny}");
}
