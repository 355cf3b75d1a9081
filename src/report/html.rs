//! The report to put in front of a decision-maker: one self-contained HTML file (inline CSS
//! and SVG; no script, no font, no network) in English or Chinese. The headline, stock
//! redevelopment per zone against its target, supply by use against the mix, the seed
//! accounts against their bounds, the binding rules and their prices, the district table, a
//! map and the project areas. Every chart is drawn from the same numbers as
//! `solution.json`, and carries them as `data-*` attributes.

use super::chart::{bar_chart, esc, line_chart, Chart, Series};
use super::labels::zone_name;
use super::labels::{self, Lang};
use super::{f2, fmt_bound};
use crate::instance::uses::UseGroup;
use crate::instance::Instance;
use crate::policy::{active, Place, PolicyModel, RowRef, RuleId};
use crate::run::Run;
use std::fmt::Write as _;

use super::labels::t;

/// A rule row's name for a reader: the family's planning name and the row's place.
fn rule_name(inst: &Instance, row: &RowRef, label: &str, lang: Lang) -> String {
    let n = row.rule.planning_name();
    let family = match lang {
        Lang::En => n.en,
        Lang::Zh => n.zh,
    };
    match row.key.place {
        Place::Zone(z) => format!(
            "{family} · {}",
            zone_name(&inst.zones[z as usize].name, lang)
        ),
        Place::District(d) => format!(
            "{family} · {}",
            labels::district_name(&inst.districts[d as usize], lang)
        ),
        // keep the key (e.g. residential.max) when the label has one
        _ => match label.split_once('[') {
            Some((_, rest)) => format!("{family} [{rest}"),
            None => family.to_string(),
        },
    }
}

fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let mut s = String::from("<table><thead><tr>");
    for h in head {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        s.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let class = if i > 0 && c.parse::<f64>().is_ok() {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(s, "<td{class}>{}</td>", esc(c));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif;margin:0;padding:16px;color:#222;background:#fff;max-width:1100px}h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;border-bottom:2px solid #1f77b4;padding-bottom:2px;margin-top:1.6em}.head{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:150px}.card b{display:block;font-size:1.3em}.ok{color:#1a7f37}.bad{color:#b42318}.note{background:#fff8e1;border-left:4px solid #f0b429;padding:6px 10px;font-size:.9em}table{border-collapse:collapse;font-size:.85em;margin:6px 0;display:block;overflow-x:auto;max-width:100%}th,td{border:1px solid #ddd;padding:3px 6px;white-space:nowrap}th{background:#f3f6fa}td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}";

/// A self-contained page of `title`, a preformatted `summary`, `svg` charts and CSV
/// `tables` (name, text): the HTML form of a sweep's or a Pareto front's results.
pub fn page(title: &str, summary: &str, svg: &str, tables: &[(&str, &str)]) -> String {
    let mut s = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title><style>{STYLE} pre{{white-space:pre-wrap;font-size:.85em}}</style></head><body><h1>{t}</h1><pre>{}</pre>",
        esc(summary),
        t = esc(title)
    );
    // the charts inline, without the XML declaration of the standalone file
    let svg = svg.trim_start_matches(|c| c != '<');
    let svg = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(svg);
    s.push_str(svg.trim());
    for (name, text) in tables {
        let mut r = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let head: Vec<String> = r
            .headers()
            .map(|h| h.iter().map(String::from).collect())
            .unwrap_or_default();
        let rows: Vec<Vec<String>> = r
            .records()
            .filter_map(|x| x.ok())
            .map(|x| x.iter().map(String::from).collect())
            .collect();
        let _ = write!(s, "<h2>{}</h2>", esc(name));
        s.push_str(&table(&head, &rows));
    }
    s.push_str("</body></html>\n");
    s
}

/// The report as one HTML document.
pub fn html(inst: &Instance, model: &PolicyModel, run: &Run, lang: Lang) -> String {
    let mut s = String::new();
    let structure = super::is_structure(inst);
    let title = format!(
        "{} · {} — {}",
        inst.name,
        model.name,
        if structure {
            t(lang, "land-use structure plan", "土地利用结构优化方案")
        } else {
            t(
                lang,
                "stock-land redevelopment plan",
                "存量建设用地再开发方案",
            )
        }
    );
    let _ = write!(
        s,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        esc(&title)
    );
    let _ = write!(s, "<h1>{}</h1>", esc(&title));
    headline(&mut s, inst, run, lang);
    if let Some(check) = &run.check {
        if structure {
            structure_section(&mut s, inst, run, lang);
        } else {
            zones(&mut s, inst, model, run, check, lang);
            supply(&mut s, model, check, lang);
        }
        years(&mut s, model, check, lang);
        accounts(&mut s, inst, run, check, lang);
        if !structure {
            // stock redeveloped and reclaimed by district: the structure table says it
            districts(&mut s, inst, run, lang);
        }
        map(&mut s, inst, run, lang);
        project_areas(&mut s, inst, run, lang);
        area_timeline(&mut s, run, lang);
    }
    let _ = writeln!(
        s,
        "<p class=\"note\">{} stockland {}</p></body></html>",
        t(lang, "Written by", "生成工具："),
        env!("CARGO_PKG_VERSION")
    );
    s
}

fn headline(s: &mut String, inst: &Instance, run: &Run, lang: Lang) {
    let sol = &run.solution;
    let verdict = match &run.check {
        Some(c) if c.passed() => format!(
            "<span class=\"ok\">{}</span>",
            t(
                lang,
                "passed: every rule recomputed independently",
                "通过：全部规则独立复核"
            )
        ),
        Some(_) => format!("<span class=\"bad\">{}</span>", t(lang, "FAILED", "未通过")),
        None => format!(
            "<span class=\"bad\">{}</span>",
            t(lang, "no plan to check", "无可复核方案")
        ),
    };
    let objective = sol.objective.map_or("—".to_string(), |v| format!("{v:.2}"));
    let _ = write!(
        s,
        "<div class=\"head\"><div class=\"card\">{}<b>{}</b></div><div class=\"card\">{}<b data-value=\"{}\" id=\"objective\">{objective}</b></div><div class=\"card\">{}<b>{verdict}</b></div></div>",
        t(lang, "status", "求解状态"),
        esc(&match (&sol.status, lang) {
            (crate::solution::Status::Optimal, Lang::Zh) => "最优".to_string(),
            (st, _) => st.to_string(),
        }),
        t(lang, "net benefit (million yuan)", "净收益（百万元）"),
        sol.objective.unwrap_or(f64::NAN),
        t(lang, "independent check", "独立复核"),
    );
    if let Some(w) = run
        .check
        .as_ref()
        .and_then(|c| super::labels::penalty_warning(&c.objective, lang))
    {
        let _ = write!(s, "<p class=\"bad\" id=\"penalties\">{}</p>", esc(&w));
    }
    if let Some(p) = super::provenance::Provenance::of(&inst.metadata) {
        let _ = write!(
            s,
            "<p class=\"note\" id=\"provenance\"><b>{}</b></p>",
            esc(&p.statement(lang))
        );
        if !p.synthetic_fields.is_empty() {
            let fields: Vec<String> = p.synthetic_fields.iter().map(|f| esc(f)).collect();
            let _ = write!(
                s,
                "<details class=\"note\"><summary>{}</summary>{}</details>",
                t(
                    lang,
                    "Synthetic fields (each with its range and reasoning in the instance and sources.csv)",
                    "合成字段（生成方法与依据见实例文件及 sources.csv）"
                ),
                fields.join("; ")
            );
        }
    }
}

/// The land-use structure at period end by use (a chart and a table), for instances with
/// patch groups.
fn structure_section(s: &mut String, inst: &Instance, run: &Run, lang: Lang) {
    let _ = write!(
        s,
        "<h2>{}</h2>",
        t(
            lang,
            "Land-use structure at period end (km²)",
            "规划期末土地利用结构（平方公里）"
        )
    );
    let (rows, unallocated) = super::structure_rows(inst, run);
    let name = |r: &super::StructureRow| match lang {
        Lang::En => r.name_en.to_string(),
        Lang::Zh => r.name_zh.to_string(),
    };
    let bars: Vec<(String, f64)> = rows.iter().map(|r| (name(r), r.km2)).collect();
    s.push_str(&bar_chart("", "km²", &bars));
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells(&name(r))).collect();
    s.push_str(&table(
        &[
            t(lang, "use", "用途").into(),
            t(lang, "GB/T 21010 class", "地类编码").into(),
            t(lang, "from construction land", "来自建设用地").into(),
            t(lang, "from arable", "来自耕地").into(),
            t(lang, "from other land", "来自其他土地").into(),
            t(lang, "area", "面积").into(),
            t(lang, "share", "比例").into(),
        ],
        &cells,
    ));
    if unallocated > 1e-9 {
        let _ = write!(
            s,
            "<p>{} {} km²</p>",
            t(lang, "Left as it is now:", "保持现状："),
            f2(unallocated)
        );
    }
}

fn zones(
    s: &mut String,
    inst: &Instance,
    model: &PolicyModel,
    run: &Run,
    check: &crate::check::CheckReport,
    lang: Lang,
) {
    let _ = write!(
        s,
        "<h2>{}</h2>",
        t(
            lang,
            "Stock redevelopment by zone against its target (km²)",
            "各功能区存量建设用地挖潜与目标（平方公里）"
        )
    );
    let prices = run.solution.rows_by_ref();
    let targets = active(&model.rules.stock_target);
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for (z, zone) in inst.zones.iter().enumerate() {
        let name = zone_name(&zone.name, lang);
        let done = check.aggregates.stock_by_zone[z];
        let target = targets.and_then(|t| t.targets_km2.get(&zone.id)).copied();
        let price = prices
            .get(&RowRef::at(RuleId::StockTarget, Place::Zone(z as u32)))
            .map(|r| super::text::price_in(r, lang));
        rows.push(vec![
            name.clone(),
            f2(done),
            target.map_or("—".into(), f2),
            price.unwrap_or_else(|| "—".into()),
        ]);
        bars.push((format!("{name}: {}", t(lang, "redeveloped", "挖潜")), done));
        if let Some(v) = target {
            bars.push((format!("{name}: {}", t(lang, "target", "目标")), v));
        }
    }
    s.push_str(&bar_chart("", "km²", &bars));
    s.push_str(&table(
        &[
            t(lang, "zone", "功能区").into(),
            t(lang, "redeveloped", "挖潜面积").into(),
            t(lang, "target", "目标").into(),
            t(
                lang,
                "shadow price (M¥/km²; up|down where degenerate)",
                "影子价格（百万元/平方公里；退化时为上调|下调单侧价格）",
            )
            .into(),
        ],
        &rows,
    ));
}

fn supply(s: &mut String, model: &PolicyModel, check: &crate::check::CheckReport, lang: Lang) {
    let _ = write!(
        s,
        "<h2>{}</h2>",
        t(
            lang,
            "Construction land supply by use against the mix (km²)",
            "分用途建设用地供应与供地结构（平方公里）"
        )
    );
    let agg = &check.aggregates;
    let total = agg.stock_construction + agg.new_construction;
    let mix = active(&model.rules.supply_mix);
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for (i, g) in UseGroup::SUPPLY.iter().enumerate() {
        let name = labels::use_group(*g, lang);
        let v = agg.stock_by_group[i] + agg.new_by_group[i];
        let share = if total > 0.0 { v / total } else { 0.0 };
        let target = mix
            .and_then(|m| m.shares.get(g))
            .map_or("—".to_string(), |m| {
                format!("{:.0}% ± {:.0}%", 100.0 * m.share, 100.0 * m.band)
            });
        rows.push(vec![
            name.to_string(),
            f2(agg.stock_by_group[i]),
            f2(agg.new_by_group[i]),
            f2(v),
            format!("{:.1}%", 100.0 * share),
            target,
        ]);
        bars.push((name.to_string(), v));
    }
    s.push_str(&bar_chart("", "km²", &bars));
    s.push_str(&table(
        &[
            t(lang, "use", "用途").into(),
            t(lang, "from stock", "存量").into(),
            t(lang, "new", "新增").into(),
            t(lang, "total", "合计").into(),
            t(lang, "share", "比例").into(),
            t(lang, "mix in the plan", "规划结构").into(),
        ],
        &rows,
    ));
    let _ = write!(
        s,
        "<p>{} {:.2} km² ({:.1}%) · {} {:.2} · {} {:.2} · {} {:.2} km²</p>",
        t(lang, "affordable housing", "保障性住房用地"),
        agg.affordable,
        if agg.stock_by_group[0] + agg.new_by_group[0] > 0.0 {
            100.0 * agg.affordable / (agg.stock_by_group[0] + agg.new_by_group[0])
        } else {
            0.0
        },
        t(lang, "reclaimed to arable", "复垦为耕地"),
        agg.stock_arable,
        t(lang, "restored to ecological land", "生态修复"),
        agg.stock_ecological,
        t(lang, "consolidation, new arable", "土地整治新增耕地"),
        agg.consolidated
    );
}

fn accounts(
    s: &mut String,
    inst: &Instance,
    run: &Run,
    check: &crate::check::CheckReport,
    lang: Lang,
) {
    let _ = write!(
        s,
        "<h2>{}</h2>",
        t(
            lang,
            "Rules and accounts against their bounds",
            "规划指标与约束"
        )
    );
    let prices = run.solution.rows_by_ref();
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for l in check.lines.iter().filter(|l| !l.row.is_detail()) {
        let name = rule_name(inst, &l.row, &l.name, lang);
        let bound = fmt_bound(l);
        let solved = prices.get(&l.row);
        rows.push(vec![
            name.clone(),
            l.name.clone(),
            super::fmt_value(l),
            bound,
            super::text::slack_cell(l.slack),
            solved.map_or("—".into(), |r| super::text::price_in(r, lang)),
        ]);
        // a degenerate row has no single price to draw
        let single = solved
            .filter(|r| r.sensitivity.and_then(|s| s.degenerate) != Some(true))
            .and_then(|r| r.shadow_price);
        if let Some(p) = single.filter(|p| p.abs() > 1e-9) {
            bars.push((
                format!("{name} ({})", if p > 0.0 { "+" } else { "−" }),
                p.abs(),
            ));
        }
    }
    s.push_str(&table(
        &[
            t(lang, "rule", "规则").into(),
            t(lang, "id", "编号").into(),
            t(lang, "value", "数值").into(),
            t(lang, "bound", "约束").into(),
            t(lang, "slack", "余量").into(),
            t(
                lang,
                "shadow price (M¥/km²; up|down where degenerate)",
                "影子价格（百万元/平方公里；退化时为上调|下调单侧价格）",
            )
            .into(),
        ],
        &rows,
    ));
    if !bars.is_empty() {
        let _ = write!(
            s,
            "<h2>{}</h2>",
            t(
                lang,
                "Binding rules: what one km² of each bound is worth (million yuan)",
                "起约束作用的规则：每平方公里的影子价格（百万元）"
            )
        );
        s.push_str(&bar_chart(
            "",
            t(
                lang,
                "|shadow price|, M¥ per km²",
                "影子价格绝对值，百万元/平方公里",
            ),
            &bars,
        ));
    }
}

fn districts(s: &mut String, inst: &Instance, run: &Run, lang: Lang) {
    let _ = write!(
        s,
        "<h2>{}</h2>",
        t(lang, "Districts (km²)", "区县汇总（平方公里）")
    );
    let rows: Vec<Vec<String>> = super::district_rows(inst, run)
        .iter()
        .zip(&inst.districts)
        .map(|(r, d)| {
            vec![
                labels::district_name(d, lang).to_string(),
                zone_name(&inst.zones[d.zone].name, lang),
                f2(r.stock_redeveloped_km2),
                f2(r.reclaimed_km2),
                f2(r.new_construction_km2),
                f2(r.quota_sent_km2),
                f2(r.quota_received_km2),
            ]
        })
        .collect();
    s.push_str(&table(
        &[
            t(lang, "district", "区县").into(),
            t(lang, "zone", "功能区").into(),
            t(lang, "stock redeveloped", "存量挖潜").into(),
            t(lang, "of it reclaimed", "其中复垦").into(),
            t(lang, "new construction", "新增建设").into(),
            t(lang, "linkage quota sent", "挂钩指标调出").into(),
            t(lang, "linkage quota received", "挂钩指标调入").into(),
        ],
        &rows,
    ));
}

fn map(s: &mut String, inst: &Instance, run: &Run, lang: Lang) {
    let seat = |d: usize| inst.districts[d].seat;
    let node = |n: Option<usize>| n.and_then(|n| inst.transport.nodes[n].location);
    // where a flow starts and ends: the record's location, its transport node, its seat
    let unit_at = |u: &crate::instance::StockUnit| u.location.or(node(u.node)).or(seat(u.district));
    let site_at = |x: &crate::instance::Site| x.location.or(node(x.node)).or(seat(x.district));
    let pts: Vec<(f64, f64)> = (0..inst.districts.len())
        .filter_map(seat)
        .chain(inst.transport.nodes.iter().filter_map(|n| n.location))
        .collect();
    if pts.len() < 2 {
        return;
    }
    let (mut x0, mut x1, mut y0, mut y1) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for &(lon, lat) in &pts {
        x0 = x0.min(lon);
        x1 = x1.max(lon);
        y0 = y0.min(lat);
        y1 = y1.max(lat);
    }
    let k = ((y0 + y1) / 2.0).to_radians().cos();
    let (w, h, pad) = (640.0, 480.0, 40.0);
    let sx = (w - 2.0 * pad) / ((x1 - x0) * k).max(1e-9);
    let sy = (h - 2.0 * pad) / (y1 - y0).max(1e-9);
    let sc = sx.min(sy);
    let px = |lon: f64| pad + (lon - x0) * k * sc;
    let py = |lat: f64| h - pad - (lat - y0) * sc;
    let a = &run.solution.allocation;
    let mut stock = vec![0.0; inst.districts.len()];
    let mut new = vec![0.0; inst.districts.len()];
    for (u, x) in inst.units.iter().zip(&a.units) {
        stock[u.district] += x.iter().sum::<f64>();
    }
    for (site, y) in inst.sites.iter().zip(&a.sites) {
        new[site.district] += y.iter().sum::<f64>();
    }
    let max = stock.iter().chain(&new).cloned().fold(1e-9, f64::max);
    let _ = write!(
        s,
        "<h2>{}</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\"><rect width=\"100%\" height=\"100%\" fill=\"#f7fbff\"/>",
        t(lang, "Map: district seats, stock redeveloped (blue) and new construction (orange), transport links (grey), linkage quota from village to site (lines, one colour per project area)", "示意图：区县驻地、存量挖潜（蓝）与新增建设（橙）、交通联系（灰）、挂钩指标从村庄到项目地块的流向（线，按项目区着色）")
    );
    for l in &inst.transport.links {
        let (Some(a), Some(b)) = (
            inst.transport.nodes[l.from].location,
            inst.transport.nodes[l.to].location,
        ) else {
            continue;
        };
        let _ = write!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ccc\" stroke-width=\"1\"/>",
            px(a.0), py(a.1), px(b.0), py(b.1)
        );
    }
    let colours = [
        "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
    ];
    for (i, area) in run.project_areas.iter().enumerate() {
        let c = colours[i % colours.len()];
        for f in a.flows.iter().filter(|f| {
            f.quota_km2 > 1e-7
                && area
                    .units
                    .iter()
                    .any(|u| *u == inst.units[f.unit as usize].id)
        }) {
            let (u, site) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
            if let (Some(p), Some(q)) = (unit_at(u), site_at(site)) {
                let _ = write!(
                    s,
                    "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{c}\" stroke-width=\"{:.1}\" stroke-opacity=\"0.7\" data-flow=\"{}\"/>",
                    px(p.0), py(p.1), px(q.0), py(q.1), 1.0 + 4.0 * (f.quota_km2 / max).sqrt(), f.quota_km2
                );
            }
        }
    }
    for (d, dist) in inst.districts.iter().enumerate() {
        let Some((lon, lat)) = dist.seat else {
            continue;
        };
        let (x, y) = (px(lon), py(lat));
        let r = |v: f64| 2.0 + 16.0 * (v / max).sqrt();
        let _ = write!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#1f77b4\" fill-opacity=\"0.5\" data-district=\"{}\" data-stock=\"{}\"/><circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#ff7f0e\" fill-opacity=\"0.5\" data-new=\"{}\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            r(stock[d]),
            esc(&dist.id),
            stock[d],
            x + 3.0,
            r(new[d]),
            new[d],
            y - 4.0 - r(stock[d]),
            esc(labels::district_name(dist, lang))
        );
    }
    s.push_str("</svg>");
}

fn project_areas(s: &mut String, inst: &Instance, run: &Run, lang: Lang) {
    if run.project_areas.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<h2>{}</h2>",
        t(lang, "Linkage project areas", "增减挂钩项目区")
    );
    let rows: Vec<Vec<String>> = run
        .project_areas
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.units.len().to_string(),
                a.sites.len().to_string(),
                a.unit_zones.join(" "),
                a.site_zones.join(" "),
                f2(a.reclaimed_km2),
                f2(a.quota_km2),
                format!("{:.0}", a.people_resettled),
            ]
        })
        .collect();
    let head: Vec<String> = [
        "id",
        "units",
        "sites",
        "unit_zones",
        "site_zones",
        "reclaimed_km2",
        "quota_km2",
        "people_resettled",
    ]
    .iter()
    .map(|c| labels::column(&inst.uses, c, lang).unwrap_or_else(|| c.to_string()))
    .collect();
    s.push_str(&table(&head, &rows));
}

/// The project areas' timeline in a multi-year plan: the villages withdrawn and reclaimed,
/// the construction their quota backs, and the quota not yet returned, year by year, all
/// areas together as a chart and each area as a table row per year.
fn area_timeline(s: &mut String, run: &Run, lang: Lang) {
    let Some(first) = run.project_areas.first() else {
        return;
    };
    if first.years.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<h3>{}</h3>",
        t(
            lang,
            "Project areas year by year (km²)",
            "项目区分年度进度（平方公里）"
        )
    );
    type Get = fn(&crate::network::AreaYear) -> f64;
    let shown: [(&str, Get); 4] = [
        (t(lang, "withdrawn", "拆旧"), |y| y.withdrawn_km2),
        (t(lang, "reclaimed", "复垦"), |y| y.reclaimed_km2),
        (t(lang, "built on quota", "建新（使用指标）"), |y| {
            y.quota_km2
        }),
        (
            t(lang, "quota not yet returned", "周转指标未归还"),
            |y| y.outstanding_km2,
        ),
    ];
    let series = shown
        .iter()
        .map(|(name, get)| Series {
            name: name.to_string(),
            points: (0..first.years.len())
                .map(|t| {
                    let total = run.project_areas.iter().map(|a| get(&a.years[t])).sum();
                    (first.years[t].year as f64, total)
                })
                .collect(),
            line: true,
        })
        .collect();
    s.push_str(&line_chart(&Chart {
        title: t(lang, "All project areas", "全部项目区").into(),
        x_label: t(lang, "year", "年份").into(),
        y_label: "km²".into(),
        series,
    }));
    const SHOWN: usize = 10;
    let rows: Vec<Vec<String>> = run
        .project_areas
        .iter()
        .take(SHOWN)
        .flat_map(|a| {
            a.years.iter().map(move |y| {
                let mut r = vec![a.id.to_string(), y.year.to_string()];
                r.extend(shown.iter().map(|(_, get)| f2(get(y))));
                r
            })
        })
        .collect();
    let mut head: Vec<String> = vec![
        t(lang, "area", "项目区").into(),
        t(lang, "year", "年份").into(),
    ];
    head.extend(shown.iter().map(|(n, _)| n.to_string()));
    s.push_str(&table(&head, &rows));
    if run.project_areas.len() > SHOWN {
        let _ = write!(
            s,
            "<p class=\"note\">{}</p>",
            match lang {
                Lang::Zh => format!(
                    "仅列出最大的 {SHOWN} 个项目区；全部 {} 个见 project_area_years.csv。",
                    run.project_areas.len()
                ),
                Lang::En => format!(
                    "The {SHOWN} largest areas; all {} in project_area_years.csv.",
                    run.project_areas.len()
                ),
            }
        );
    }
}

/// A level's path: its name, how to read it from the accounts, and its period-end rule
/// (bound, name) when the model has one.
type Path<'a> = (
    &'a str,
    &'a dyn Fn(&crate::check::Accounts) -> f64,
    Option<(f64, &'a str)>,
);

/// The plan year by year (nothing for one period): what is done each year, and the arable
/// and construction land at each year's end against the period-end rules on them, as charts
/// and a table.
fn years(s: &mut String, model: &PolicyModel, check: &crate::check::CheckReport, lang: Lang) {
    use crate::policy::Activity as A;
    if check.years.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<h2>{}</h2>",
        t(lang, "Year by year (km²)", "分年度实施（平方公里）")
    );
    let get = |y: &crate::check::years::YearAccounts, a: A| y.activity(a);
    let year = |y: &crate::check::years::YearAccounts| y.year as f64;
    let shown = [
        (A::Supply, t(lang, "supply", "建设用地供应")),
        (A::Redeveloped, t(lang, "stock redeveloped", "存量再开发")),
        (A::NewConstruction, t(lang, "new construction", "新增建设")),
        (A::Supplemented, t(lang, "arable supplemented", "补充耕地")),
        (A::Occupied, t(lang, "arable occupied", "占用耕地")),
        (A::QuotaUsed, t(lang, "linkage quota used", "挂钩指标使用")),
    ];
    let series = shown
        .iter()
        .map(|(a, name)| Series {
            name: name.to_string(),
            points: check.years.iter().map(|y| (year(y), get(y, *a))).collect(),
            line: true,
        })
        .collect();
    s.push_str(&line_chart(&Chart {
        title: t(lang, "Done each year", "各年实施量").into(),
        x_label: t(lang, "year", "年份").into(),
        y_label: "km²".into(),
        series,
    }));
    // each level's path against its period-end rule, drawn flat over the years
    let paths: [Path<'_>; 2] = [
        (
            t(lang, "arable land", "耕地"),
            &|a| a.arable,
            active(&model.rules.arable_floor)
                .map(|r| (r.min_km2, t(lang, "arable floor", "耕地保有量"))),
        ),
        (
            t(lang, "construction land", "建设用地"),
            &|a| a.construction,
            active(&model.rules.construction_cap)
                .map(|r| (r.max_km2, t(lang, "construction cap", "建设用地总规模"))),
        ),
    ];
    let mut charts = Vec::new();
    for (name, get, rule) in paths {
        let mut series = vec![Series {
            name: name.to_string(),
            points: check
                .years
                .iter()
                .map(|y| (year(y), get(&y.accounts)))
                .collect(),
            line: true,
        }];
        if let Some((v, rule)) = rule {
            series.push(Series {
                name: rule.to_string(),
                points: check.years.iter().map(|y| (year(y), v)).collect(),
                line: true,
            });
        }
        charts.push(line_chart(&Chart {
            title: format!("{name} {}", t(lang, "at each year's end", "各年末")),
            x_label: t(lang, "year", "年份").into(),
            y_label: "km²".into(),
            series,
        }));
    }
    s.push_str(&charts.join(""));
    let mut rows = Vec::new();
    for y in &check.years {
        let mut r = vec![y.year.to_string()];
        r.extend(shown.iter().map(|(a, _)| f2(get(y, *a))));
        r.push(f2(y.quota_outstanding));
        r.push(f2(y.accounts.arable));
        r.push(f2(y.accounts.construction));
        rows.push(r);
    }
    let mut head: Vec<String> = vec![t(lang, "year", "年份").into()];
    head.extend(shown.iter().map(|(_, n)| n.to_string()));
    head.push(t(lang, "quota not yet returned", "周转指标未归还").into());
    head.push(t(lang, "arable at year end", "年末耕地").into());
    head.push(t(lang, "construction at year end", "年末建设用地").into());
    s.push_str(&table(&head, &rows));
}
