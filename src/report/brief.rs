//! The summary in Chinese (`--lang zh`): what a 区县 official reads first — the status and
//! net benefit, stock redevelopment by zone against its target, supply by use against the
//! mix, the plan's indicators (规划指标) under their planning names with value, bound and
//! shadow price, and the check's verdict. Columns are aligned by display width (a Chinese
//! character takes two columns), so tables stay straight with Chinese names and ids.

use super::labels::{self, zone_name, Lang};
use super::{f2, fmt_bound};
use crate::instance::uses::UseGroup;
use crate::instance::Instance;
use crate::policy::{active, Place, PolicyModel, RowRef, RuleId};
use crate::run::Run;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// `s` padded with spaces to `width` display columns (left-aligned).
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// `s` right-aligned in `width` display columns.
pub fn rpad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

/// A table: the first `left` columns left-aligned (names), the others right-aligned
/// (numbers), each as wide as its widest cell.
pub fn table(rows: &[Vec<String>], left: usize) -> String {
    let n = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|x| UnicodeWidthStr::width(x.as_str()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut s = String::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, x)| {
                if c < left {
                    pad(x, widths[c])
                } else {
                    rpad(x, widths[c])
                }
            })
            .collect();
        let _ = writeln!(s, "  {}", cells.join("  ").trim_end());
    }
    s
}

/// The Chinese summary of a run.
pub fn summary_zh(inst: &Instance, model: &PolicyModel, run: &Run) -> String {
    let mut s = String::new();
    let sol = &run.solution;
    let _ = writeln!(
        s,
        "stockland：实例 `{}`，规划模型 `{}`",
        inst.name, model.name
    );
    let status = match sol.status {
        crate::solution::Status::Optimal => "最优".to_string(),
        ref other => other.to_string(),
    };
    let _ = writeln!(
        s,
        "求解状态：{status}；规划方案净收益：{}",
        sol.objective
            .map_or("—".into(), |v| format!("{v:.2} 百万元"))
    );
    let Some(check) = &run.check else {
        let _ = writeln!(s, "无可行方案：见英文摘要（--lang en）中的冲突诊断");
        return s;
    };
    if let Some(p) = super::provenance::Provenance::of(&inst.metadata) {
        let _ = writeln!(s, "{}", p.statement(Lang::Zh));
    }
    let prices = sol.rows_by_ref();
    // both one-sided prices where the optimum is degenerate, as in every rendering
    let price = |row: &RowRef| {
        prices
            .get(row)
            .map_or("—".to_string(), |r| super::text::price_in(r, Lang::Zh))
    };
    benefits_zh(&mut s, check);
    if super::is_structure(inst) {
        structure_zh(&mut s, inst, run);
    } else {
        stock_zh(&mut s, inst, model, check, &price);
    }
    super::years::section_zh(&mut s, run);
    let _ = writeln!(
        s,
        "\n规划指标与约束（数值、约束、余量：平方公里，比例类规则的数值与约束为比例、余量为平方公里；影子价格：百万元/平方公里，a|b 为退化最优解下约束上调|下调的单侧价格，无单一价格）"
    );
    let mut rows = vec![vec![
        "指标".to_string(),
        "规则编号".into(),
        "数值".into(),
        "约束".into(),
        "余量".into(),
        "影子价格".into(),
    ]];
    for l in check.lines.iter().filter(|l| !l.row.is_detail()) {
        let name = l.row.rule.planning_name().zh;
        let place = match l.row.key.place {
            Place::Zone(z) => format!("·{}", zone_name(&inst.zones[z as usize].name, Lang::Zh)),
            Place::District(d) => format!(
                "·{}",
                labels::district_name(&inst.districts[d as usize], Lang::Zh)
            ),
            _ => String::new(),
        };
        let bound = fmt_bound(l);
        let slack = super::text::slack_cell(l.slack);
        rows.push(vec![
            format!("{name}{place}"),
            l.name.clone(),
            super::fmt_value(l),
            bound,
            slack,
            price(&l.row),
        ]);
    }
    s.push_str(&table(&rows, 2));
    let verdict = if check.passed() {
        "独立复核：通过（全部规则由实例、模型和方案重新计算）".to_string()
    } else {
        format!(
            "独立复核：未通过：{}",
            crate::check::joined(&check.failures, "；")
        )
    };
    let _ = writeln!(s, "\n{verdict}");
    if let Some(w) = super::labels::penalty_warning(&check.objective, super::labels::Lang::Zh) {
        let _ = writeln!(s, "{w}");
    }
    s
}

/// The benefit criteria (效益准则) by their own names, when the model has any.
fn benefits_zh(s: &mut String, check: &crate::check::CheckReport) {
    if check.benefits.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\n效益准则（目标函数中各准则之和 {}：权重 × 准则值 / 归一化尺度）",
        f2(check.objective.benefits)
    );
    let mut rows = vec![vec![
        "准则".to_string(),
        "编号".into(),
        "准则值".into(),
        "权重".into(),
        "尺度".into(),
        "贡献".into(),
    ]];
    for b in &check.benefits {
        rows.push(vec![
            if b.name.is_empty() {
                b.id.clone()
            } else {
                b.name.clone()
            },
            b.id.clone(),
            format!("{:.4}", b.value),
            format!("{:.3}", b.weight),
            format!("{:.4}", b.scale),
            format!("{:.4}", b.contribution),
        ]);
    }
    s.push_str(&table(&rows, 2));
}

/// Stock redevelopment by zone and supply by use group, in Chinese.
fn stock_zh(
    s: &mut String,
    inst: &Instance,
    model: &PolicyModel,
    check: &crate::check::CheckReport,
    price: &dyn Fn(&RowRef) -> String,
) {
    let _ = writeln!(s, "\n各功能区存量建设用地挖潜（平方公里）");
    let mut rows = vec![vec![
        "功能区".to_string(),
        "挖潜面积".into(),
        "目标".into(),
        "影子价格".into(),
    ]];
    let targets = active(&model.rules.stock_target);
    for (z, zone) in inst.zones.iter().enumerate() {
        rows.push(vec![
            zone_name(&zone.name, Lang::Zh),
            f2(check.aggregates.stock_by_zone[z]),
            targets
                .and_then(|t| t.targets_km2.get(&zone.id))
                .map_or("—".into(), |v| f2(*v)),
            price(&RowRef::at(RuleId::StockTarget, Place::Zone(z as u32))),
        ]);
    }
    s.push_str(&table(&rows, 1));
    let _ = writeln!(s, "\n分用途建设用地供应（平方公里）");
    let agg = &check.aggregates;
    let total = agg.stock_construction + agg.new_construction;
    let mix = active(&model.rules.supply_mix);
    let mut rows = vec![vec![
        "用途".to_string(),
        "存量".into(),
        "新增".into(),
        "合计".into(),
        "比例".into(),
        "规划结构".into(),
    ]];
    for (i, g) in UseGroup::SUPPLY.iter().enumerate() {
        let name = labels::use_group(*g, Lang::Zh);
        let v = agg.stock_by_group[i] + agg.new_by_group[i];
        rows.push(vec![
            name.into(),
            f2(agg.stock_by_group[i]),
            f2(agg.new_by_group[i]),
            f2(v),
            if total > 0.0 {
                format!("{:.1}%", 100.0 * v / total)
            } else {
                "—".into()
            },
            mix.and_then(|m| m.shares.get(g)).map_or("—".into(), |m| {
                format!("{:.0}%±{:.0}%", 100.0 * m.share, 100.0 * m.band)
            }),
        ]);
    }
    rows.push(vec![
        "合计".into(),
        f2(agg.stock_construction),
        f2(agg.new_construction),
        f2(total),
        "100%".into(),
        String::new(),
    ]);
    s.push_str(&table(&rows, 1));
}

/// The land-use structure at period end by use, in Chinese (土地利用结构).
fn structure_zh(s: &mut String, inst: &Instance, run: &Run) {
    let _ = writeln!(s, "\n规划期末土地利用结构（平方公里；按图斑现状地类来源）");
    let mut rows = vec![vec![
        "用途".to_string(),
        "地类编码".into(),
        "来自建设用地".into(),
        "来自耕地".into(),
        "来自其他土地".into(),
        "面积".into(),
        "比例".into(),
    ]];
    let (structure, unallocated) = super::structure_rows(inst, run);
    rows.extend(structure.iter().map(|r| r.cells(r.name_zh)));
    s.push_str(&table(&rows, 2));
    if unallocated > 1e-9 {
        let _ = writeln!(s, "保持现状：{} 平方公里", f2(unallocated));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_display_width_with_chinese_cells() {
        let rows = vec![
            vec!["功能区".to_string(), "1.00".into()],
            vec!["core".to_string(), "12.50".into()],
            vec!["首都功能核心区".to_string(), "3.25".into()],
        ];
        let t = table(&rows, 1);
        let widths: Vec<usize> = t.lines().map(UnicodeWidthStr::width).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{t}");
        assert_eq!(pad("区", 4), "区  ");
        assert_eq!(rpad("区", 4), "  区");
    }
}
