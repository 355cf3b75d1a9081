//! What a planner reads: table and column headings with their units, in English or Chinese.
//! Rule families carry their own planning names (`policy::rules::<id>::NAME`).

use crate::instance::uses::{LandUse, UseGroup, Uses};

/// The language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// A use's name, as its catalogue entry gives it.
pub fn land_use(k: LandUse, lang: Lang) -> &'static str {
    let d = k.def();
    match lang {
        Lang::En => &d.name_en,
        Lang::Zh => &d.name_zh,
    }
}

/// A district's name in `lang`: its Chinese name for `zh` when the instance gives one.
pub fn district_name(d: &crate::instance::District, lang: Lang) -> &str {
    match (lang, &d.name_zh) {
        (Lang::Zh, Some(zh)) => zh,
        _ => &d.name,
    }
}

/// A zone's name: the Chinese in its parentheses for `zh` when the name has one.
pub fn zone_name(name: &str, lang: Lang) -> String {
    if lang == Lang::Zh {
        if let Some((_, rest)) = name.split_once('(') {
            if let Some(inner) = rest.strip_suffix(')') {
                if inner
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                {
                    return inner.to_string();
                }
            }
        }
    }
    name.to_string()
}

/// A supply group's name.
pub fn use_group(g: UseGroup, lang: Lang) -> &'static str {
    match (g, lang) {
        (UseGroup::Residential, Lang::Zh) => "住宅用地",
        (UseGroup::Industrial, Lang::Zh) => "产业用地",
        (UseGroup::Infrastructure | UseGroup::NonConstruction, Lang::Zh) => "基础设施用地",
        (g, Lang::En) => g.as_str(),
    }
}

/// A table's sheet name.
pub fn table(file: &str, lang: Lang) -> String {
    let stem = file.trim_end_matches(".csv");
    let zh = match stem {
        "units" => "存量单元",
        "sites" => "新增用地选址",
        "accounts" => "规则与账户",
        "project_areas" => "挂钩项目区",
        "flows" => "挂钩指标流向",
        "projects" => "土地整治项目",
        "columns" => "决策变量",
        "districts" => "区县汇总",
        "structure" => "土地利用结构",
        "sources" => "数据来源",
        _ => stem,
    };
    match lang {
        Lang::En => stem.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

/// A column heading with its unit (`None`: a column no table has).
pub fn column(uses: &Uses, name: &str, lang: Lang) -> Option<String> {
    column_in("", uses, name, lang)
}

/// [`column()`] for a column of the table in file `table` (`name` is a rule row's name in
/// `accounts.csv`, a district's in `districts.csv`, a name elsewhere).
pub fn column_in(table: &str, uses: &Uses, name: &str, lang: Lang) -> Option<String> {
    if name == "name" && table != "accounts.csv" {
        let (en, zh) = match table {
            "districts.csv" => ("district name", "区县名称"),
            _ => ("name", "名称"),
        };
        return Some(t(lang, en, zh).to_string());
    }
    if let Some(k) = uses.get(name) {
        let unit = if lang == Lang::Zh {
            "（平方公里）"
        } else {
            " (km²)"
        };
        return Some(format!("{}{unit}", land_use(k, lang)));
    }
    if let Some(k) = name.strip_prefix("reduced_cost_").and_then(|n| uses.get(n)) {
        return Some(match lang {
            Lang::En => format!("reduced cost, {} (M¥/km²)", land_use(k, lang)),
            Lang::Zh => format!("检验数·{}（百万元/平方公里）", land_use(k, lang)),
        });
    }
    let (en, zh) = match name {
        "id" => ("id", "编号"),
        "name" => ("rule row", "规则"),
        "rule" => ("rule family", "规则类别"),
        "district" => ("district", "区县"),
        "zone" => ("functional zone", "功能区"),
        "kind" => ("kind", "类型"),
        "use" => ("use", "用途"),
        "name_zh" => ("name (Chinese)", "名称"),
        "name_en" => ("name (English)", "英文名称"),
        "role" => ("role", "用途类别"),
        "class" => ("GB/T 21010 class", "地类编码"),
        "from_construction" => ("from construction land (km²)", "来自建设用地（平方公里）"),
        "from_arable" => ("from arable (km²)", "来自耕地（平方公里）"),
        "from_non_construction" => ("from other land (km²)", "来自其他土地（平方公里）"),
        "share" => ("share", "比例"),
        "area_km2" => ("area (km²)", "面积（平方公里）"),
        "capacity_km2" => ("capacity (km²)", "容量（平方公里）"),
        "consolidated_km2" => ("new arable (km²)", "新增耕地（平方公里）"),
        "redeveloped" => ("redeveloped (km²)", "挖潜面积（平方公里）"),
        "total" => ("total (km²)", "合计（平方公里）"),
        "value" => ("value", "数值"),
        "lower" => ("lower bound", "下限"),
        "upper" => ("upper bound", "上限"),
        "slack" => ("slack", "余量"),
        "violation" => ("violation", "超出量"),
        "binding" => ("binding", "是否约束"),
        "shadow_price" => ("shadow price (M¥/km²)", "影子价格（百万元/平方公里）"),
        "price_up" => (
            "price of one more (M¥/km²)",
            "放宽一单位的价值（百万元/平方公里）",
        ),
        "price_down" => (
            "price of one less (M¥/km²)",
            "收紧一单位的代价（百万元/平方公里）",
        ),
        "infeasible_side" => ("infeasible side", "不可行方向"),
        "degenerate" => ("degenerate", "退化"),
        "range_lower" => ("price holds from", "价格有效区间下限"),
        "range_upper" => ("price holds to", "价格有效区间上限"),
        "objective_at_lower" => (
            "objective at the lower end (M¥)",
            "区间下端目标值（百万元）",
        ),
        "objective_at_upper" => (
            "objective at the upper end (M¥)",
            "区间上端目标值（百万元）",
        ),
        "land_use" => ("use", "用途"),
        "km2" => ("km²", "平方公里"),
        "coefficient" => (
            "objective coefficient (M¥/km²)",
            "目标系数（百万元/平方公里）",
        ),
        "reduced_cost" => ("reduced cost (M¥/km²)", "检验数（百万元/平方公里）"),
        "coefficient_lower" => ("coefficient holds from", "系数有效区间下限"),
        "coefficient_upper" => ("coefficient holds to", "系数有效区间上限"),
        "unit" => ("withdrawn unit", "拆旧地块"),
        "site" => ("receiving site", "建新地块"),
        "unit_district" => ("unit's district", "拆旧区县"),
        "site_district" => ("site's district", "建新区县"),
        "quota_km2" => ("linkage quota (km²)", "挂钩指标（平方公里）"),
        "resettled_km2" => ("resettlement land (km²)", "安置用地（平方公里）"),
        "units" => ("units", "拆旧地块数"),
        "sites" => ("sites", "建新地块数"),
        "unit_zones" => ("units' zones", "拆旧功能区"),
        "site_zones" => ("sites' zones", "建新功能区"),
        "reclaimed_km2" => ("reclaimed (km²)", "复垦面积（平方公里）"),
        "people_resettled" => ("people resettled", "搬迁人口"),
        "cost_myuan" => ("cost (M¥)", "成本（百万元）"),
        "unit_ids" => ("unit ids", "拆旧地块编号"),
        "site_ids" => ("site ids", "建新地块编号"),
        "stock_redeveloped_km2" => ("stock redeveloped (km²)", "存量挖潜（平方公里）"),
        "new_construction_km2" => ("new construction (km²)", "新增建设（平方公里）"),
        "quota_sent_km2" => ("linkage quota sent (km²)", "挂钩指标调出（平方公里）"),
        "quota_received_km2" => ("linkage quota received (km²)", "挂钩指标调入（平方公里）"),
        "people_displaced" => ("people on redeveloped land", "涉及搬迁人口"),
        "arable_baseline_km2" => ("arable, baseline (km²)", "基期耕地（平方公里）"),
        "arable_end_km2" => ("arable, period end (km²)", "期末耕地（平方公里）"),
        "basic_farmland_baseline_km2" => {
            ("basic farmland, baseline (km²)", "基期基本农田（平方公里）")
        }
        "basic_farmland_end_km2" => (
            "basic farmland, period end (km²)",
            "期末基本农田（平方公里）",
        ),
        "construction_baseline_km2" => (
            "construction land, baseline (km²)",
            "基期建设用地（平方公里）",
        ),
        "construction_end_km2" => (
            "construction land, period end (km²)",
            "期末建设用地（平方公里）",
        ),
        "town_baseline_km2" => ("town land, baseline (km²)", "基期城镇建设用地（平方公里）"),
        "town_end_km2" => (
            "town land, period end (km²)",
            "期末城镇建设用地（平方公里）",
        ),
        "row_prices" => (
            "prices of the district's rows (M¥/km²)",
            "区县约束影子价格（百万元/平方公里）",
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    })
}

/// The headline warning when penalties are a material part of the objective: what it is and
/// why the objective and the violated rules' prices are not to be read as answers.
pub fn penalty_warning(o: &crate::check::ObjectiveParts, lang: Lang) -> Option<String> {
    if !o.penalties_material() {
        return None;
    }
    let share = o.penalty_share().unwrap_or(f64::INFINITY);
    let share = if share.is_finite() {
        format!("{:.0}%", 100.0 * share)
    } else {
        "∞".to_string()
    };
    Some(match lang {
        Lang::En => format!(
            "WARNING: penalties are {:.2} million yuan, {share} of the value created: the objective {:.2} is net of them, so it turns on penalties the model chose and is no net benefit to report, and a violated soft rule's price is its penalty, not what the rule costs",
            o.penalties(),
            o.total
        ),
        Lang::Zh => format!(
            "注意：罚项合计 {:.2} 百万元，占所创价值的 {share}：目标值 {:.2} 已扣除罚项，取决于模型所设罚项，不宜作为净效益报告；被突破的软约束，其影子价格即罚项，并非该规则的代价",
            o.penalties(),
            o.total
        ),
    })
}

/// A text in the report's language.
pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_use_has_a_heading_in_both_languages() {
        let uses = Uses::builtin();
        for k in uses.iter() {
            assert!(column(&uses, k.as_str(), Lang::Zh)
                .unwrap()
                .contains("平方公里"));
            assert!(column(&uses, &format!("reduced_cost_{k}"), Lang::En).is_some());
        }
        assert_eq!(column(&uses, "nonsense", Lang::En), None);
    }
}
