//! Planners' formats: the workbook read back sheet by sheet, the template from `init`
//! validated and solved, machine-readable stdout, completions and manual pages, the HTML
//! report's numbers read back from its charts and rendered in a real browser.

use crate::util::*;
use calamine::{open_workbook_auto, Data, Reader};
use std::path::Path;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
}

fn csv_rows(path: &Path) -> usize {
    csv::Reader::from_path(path).unwrap().records().count()
}

#[test]
fn the_workbook_holds_every_table_with_numbers_as_numbers() {
    let d = tempfile::tempdir().unwrap();
    let (out, xlsx, zh) = (
        d.path().join("o"),
        d.path().join("run.xlsx"),
        d.path().join("zh.xlsx"),
    );
    let i = repo().join("instances/tiny/linkage.toml");
    let m = repo().join("models/tiny-linkage-resettlement.toml");
    let args = |extra: &[&str]| {
        let mut v = vec!["solve", i.to_str().unwrap(), "--model", m.to_str().unwrap()];
        v.extend(extra);
        stockland(&v)
    };
    ok(&args(&[
        "--out",
        out.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]));
    let mut wb = open_workbook_auto(&xlsx).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(
        names,
        [
            "units",
            "sites",
            "accounts",
            "project_areas",
            "flows",
            "projects",
            "columns",
            "districts"
        ]
    );
    for name in &names {
        let sheet = wb.worksheet_range(name).unwrap();
        let rows = csv_rows(&out.join(format!("{name}.csv")));
        let height = sheet.height();
        assert!(
            height == rows + 1 || (rows == 0 && height <= 1),
            "{name}: {height} rows for {rows} records"
        );
    }
    let units = wb.worksheet_range("units").unwrap();
    assert_eq!(units.get((0, 4)), Some(&Data::String("area (km²)".into())));
    assert!(
        matches!(units.get((1, 4)), Some(Data::Float(_))),
        "areas are numbers"
    );
    assert!(
        matches!(units.get((1, 0)), Some(Data::String(_))),
        "ids are text"
    );
    // the same workbook in Chinese
    let out2 = d.path().join("o2");
    ok(&args(&[
        "--out",
        out2.to_str().unwrap(),
        "--xlsx",
        zh.to_str().unwrap(),
        "--lang",
        "zh",
    ]));
    let mut wb = open_workbook_auto(&zh).unwrap();
    assert_eq!(wb.sheet_names()[0], "存量单元");
    let units = wb.worksheet_range("存量单元").unwrap();
    assert_eq!(
        units.get((0, 4)),
        Some(&Data::String("面积（平方公里）".into()))
    );
    // a workbook of an earlier run is replaced whole; an input never is
    ok(&args(&["--xlsx", xlsx.to_str().unwrap()]));
    assert_eq!(open_workbook_auto(&xlsx).unwrap().sheet_names().len(), 8);
    let o = args(&["--xlsx", m.to_str().unwrap()]);
    assert!(
        !o.status.success() && stderr(&o).contains("is an input"),
        "{}",
        stderr(&o)
    );
    let o = args(&["--lang", "fr"]);
    assert!(
        stderr(&o).contains("--lang: expected en or zh"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_writes_a_template_that_validates_and_solves() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("my-region");
    ok(&stockland(&["init", dir.to_str().unwrap()]));
    let (i, m) = (dir.join("instance.toml"), dir.join("model.toml"));
    ok(&stockland(&[
        "validate",
        i.to_str().unwrap(),
        m.to_str().unwrap(),
    ]));
    let o = stockland(&[
        "solve",
        dir.to_str().unwrap(),
        "--model",
        m.to_str().unwrap(),
    ]);
    ok(&o);
    assert!(stdout(&o).contains("status: optimal"));
    assert!(std::fs::read_to_string(dir.join("README.md"))
        .unwrap()
        .contains("units.csv"));
    // a directory with files is refused, and left alone
    let o = stockland(&["init", dir.to_str().unwrap()]);
    assert!(
        !o.status.success() && stderr(&o).contains("holds files"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_on_stdout_quiet_completions_and_manual_pages() {
    let i = repo().join("instances/tiny/two-units.toml");
    let m = repo().join("models/tiny-two-units.toml");
    let o = stockland(&[
        "solve",
        i.to_str().unwrap(),
        "--model",
        m.to_str().unwrap(),
        "--json",
    ]);
    ok(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_close(
        v["solution"]["objective"].as_f64().unwrap(),
        31.0,
        1e-9,
        "objective",
    );
    let o = stockland(&[
        "solve",
        i.to_str().unwrap(),
        "--model",
        m.to_str().unwrap(),
        "--quiet",
    ]);
    ok(&o);
    assert_eq!(stdout(&o), "");
    let o = stockland(&["completions", "bash"]);
    ok(&o);
    assert!(stdout(&o).contains("stockland") && stdout(&o).contains("sweep"));
    let o = stockland(&["man"]);
    ok(&o);
    assert!(
        stdout(&o).starts_with(".ie") || stdout(&o).contains(".TH"),
        "{}",
        &stdout(&o)[..200]
    );
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("man");
    ok(&stockland(&["man", "--out", dir.to_str().unwrap()]));
    assert!(dir.join("stockland.1").is_file() && dir.join("stockland-solve.1").is_file());
}

#[test]
fn the_dot_graph_names_units_and_sites() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("g.dot");
    let i = repo().join("instances/tiny/linkage.toml");
    let m = repo().join("models/tiny-linkage.toml");
    ok(&stockland(&[
        "solve",
        i.to_str().unwrap(),
        "--model",
        m.to_str().unwrap(),
        "--dot",
        f.to_str().unwrap(),
    ]));
    let dot = std::fs::read_to_string(&f).unwrap();
    assert!(
        dot.contains(r#""V1" [shape=box, label="V1\nrural homestead, "#),
        "{dot}"
    );
    assert!(dot.contains("km² capacity"), "{dot}");
}

/// The `data-value` numbers of the elements with `attr="name"` (or all) in `html`.
fn attr_values(html: &str, attr: &str) -> Vec<f64> {
    html.match_indices(&format!("{attr}=\""))
        .filter_map(|(i, _)| {
            let rest = &html[i + attr.len() + 2..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

fn beijing_report(dir: &Path, lang: &str) -> (String, serde_json::Value) {
    let (html, json, _) = beijing_report_out(dir, lang);
    (html, json)
}

fn beijing_report_out(dir: &Path, lang: &str) -> (String, serde_json::Value, std::path::PathBuf) {
    let html = dir.join(format!("report-{lang}.html"));
    let out = dir.join(format!("out-{lang}"));
    ok(&stockland(&[
        "solve",
        "--no-sensitivity",
        "--html",
        html.to_str().unwrap(),
        "--lang",
        lang,
        "--out",
        out.to_str().unwrap(),
    ]));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("solution.json")).unwrap()).unwrap();
    (std::fs::read_to_string(html).unwrap(), json, out)
}

#[test]
fn the_html_report_is_self_contained_and_its_charts_carry_the_solution_numbers() {
    let d = tempfile::tempdir().unwrap();
    let (html, json, out) = beijing_report_out(d.path(), "zh");
    // the district table adds up to the region: stock, and the arable change (the region's
    // exogenous change aside)
    let mut r = csv::Reader::from_path(out.join("districts.csv")).unwrap();
    let head = r.headers().unwrap().clone();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let (mut stock, mut arable) = (0.0, 0.0);
    for rec in r.records() {
        let rec = rec.unwrap();
        let f = |n: &str| rec[col(n)].parse::<f64>().unwrap();
        stock += f("stock_redeveloped_km2");
        arable += f("arable_end_km2") - f("arable_baseline_km2");
    }
    let inst = stockland::cases::beijing::instance().unwrap();
    let region = json["accounts"]["arable"].as_f64().unwrap()
        - inst.region.baseline.arable_km2
        - inst.region.exogenous.arable_km2;
    assert_close(arable, region, 1e-6, "arable change by district");
    let by_zone: f64 = json["stock_by_zone"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|v| v.as_f64())
        .sum();
    assert_close(stock, by_zone, 1e-6, "stock by district");
    assert!(
        !html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http")
    );
    assert!(
        html.contains("首都功能核心区")
            && html.contains("存量建设用地挖潜")
            && html.contains("耕地保有量")
    );
    let objective = attr_values(&html, "data-value")[0];
    assert_close(
        objective,
        json["solution"]["objective"].as_f64().unwrap(),
        1e-12,
        "objective",
    );
    // the zone bars: each zone's stock redeveloped, in the solution's numbers
    let zones = json["stock_by_zone"].as_object().unwrap();
    let values = attr_values(&html, "data-value");
    for (z, km2) in zones {
        let km2 = km2.as_f64().unwrap();
        assert!(
            values.iter().any(|v| (v - km2).abs() < 1e-9),
            "zone {z} not charted"
        );
    }
    // the map's circles: stock per district adds up to the stock redeveloped
    let total: f64 = attr_values(&html, "data-stock").iter().sum();
    let by_zone: f64 = zones.values().filter_map(|v| v.as_f64()).sum();
    assert_close(total, by_zone, 1e-9, "map stock");
}

/// Headless Chromium's screenshot of `html` at `width` px, and what it logged.
fn screenshot(html: &Path, width: u32, png: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let o = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={width},2400"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium (Debian's package; .ci/run installs it)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Share of pixels that differ from the most common colour.
fn non_uniform(png_path: &Path) -> (u32, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let mut counts = std::collections::HashMap::new();
    for p in buf[..info.buffer_size()].chunks(px) {
        *counts.entry(p[..3].to_vec()).or_insert(0usize) += 1;
    }
    let n = (info.width * info.height) as f64;
    let top = *counts.values().max().unwrap() as f64;
    (info.width, 1.0 - top / n)
}

#[test]
fn the_html_report_renders_in_a_real_browser_at_two_widths() {
    let d = tempfile::tempdir().unwrap();
    let (_, _) = beijing_report(d.path(), "zh");
    let html = d.path().join("report-zh.html");
    for width in [1280, 390] {
        let png = d.path().join(format!("report-{width}.png"));
        let log = screenshot(&html, width, &png);
        for line in log.lines() {
            assert!(
                !(line.contains("CONSOLE") && line.contains("rror")),
                "console error at {width} px: {line}"
            );
        }
        let (w, share) = non_uniform(&png);
        assert_eq!(w, width);
        assert!(
            share > 0.05,
            "{width} px: the page is near-uniform ({share:.4} of pixels differ)"
        );
    }
}

#[test]
fn the_chinese_summary_keeps_its_columns_straight_with_chinese_ids() {
    use unicode_width::UnicodeWidthStr;
    let d = tempfile::tempdir().unwrap();
    let inst = std::fs::read_to_string(repo().join("instances/tiny/two-units.toml"))
        .unwrap()
        .replace("id = \"z\"", "id = \"中心区\"")
        .replace("name = \"Zone\"", "name = \"Central zone (中心城区)\"")
        .replace("zone = \"z\"", "zone = \"中心区\"")
        .replace("id = \"d\"", "id = \"东城\"")
        .replace("district = \"d\"", "district = \"东城\"");
    let model = std::fs::read_to_string(repo().join("models/tiny-two-units.toml"))
        .unwrap()
        .replace("{ z = 4.0 }", "{ \"中心区\" = 4.0 }");
    let (i, m) = (d.path().join("i.toml"), d.path().join("m.toml"));
    std::fs::write(&i, inst).unwrap();
    std::fs::write(&m, model).unwrap();
    let o = stockland(&[
        "solve",
        i.to_str().unwrap(),
        "--model",
        m.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    ok(&o);
    let text = stdout(&o);
    assert!(
        text.contains("中心城区") && text.contains("存量建设用地挖潜·中心城区"),
        "{text}"
    );
    // each table: the heading row and its rows have one display width
    for section in text.split("\n\n").skip(1) {
        let rows: Vec<&str> = section
            .lines()
            .skip(1)
            .filter(|l| l.starts_with("  "))
            .collect();
        if section.starts_with("分用途") {
            continue; // its total row leaves the last column empty
        }
        let widths: Vec<usize> = rows.iter().map(|l| UnicodeWidthStr::width(*l)).collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "{section}\n{widths:?}"
        );
    }
}
