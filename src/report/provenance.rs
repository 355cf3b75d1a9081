//! What the figures rest on: from the instance's metadata (its sources and its synthetic
//! fields), which results are sourced and which follow from synthetic or assumed inputs,
//! stated once and carried into every output (summary, HTML, workbook, JSON) in the
//! output's language.

use super::labels::{t, Lang};
use crate::instance::Metadata;
use serde::Serialize;

/// What a run's figures rest on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// Values or costs of units, sites or projects are synthetic: the net benefit, the
    /// prices and every money figure compare plans, they are not amounts of money.
    pub money_synthetic: bool,
    /// The units, sites or projects themselves are synthetic: which village or site a
    /// plan chooses is illustrative.
    pub places_synthetic: bool,
    /// District baseline accounts are synthetic (the region's may be sourced).
    pub district_accounts_synthetic: bool,
    /// Every synthetic field the instance declares.
    pub synthetic_fields: Vec<String>,
    /// How many sourced figures the instance lists.
    pub sources: usize,
}

impl Provenance {
    /// The provenance of an instance's figures from its metadata; `None` when the instance
    /// says nothing of it.
    pub fn of(m: &Metadata) -> Option<Provenance> {
        if m.synthetic.is_empty() && m.sources.is_empty() {
            return None;
        }
        let fields: Vec<String> = m.synthetic.iter().map(|f| f.field.clone()).collect();
        let any = |prefixes: &[&str]| {
            fields
                .iter()
                .any(|f| prefixes.iter().any(|p| f.starts_with(p)))
        };
        Some(Provenance {
            money_synthetic: any(&[
                "units (all fields)",
                "sites (all fields)",
                "projects (all fields)",
                "units.value",
                "units.cost",
                "sites.value",
                "sites.cost",
                "projects.cost",
            ]),
            places_synthetic: any(&[
                "units (all fields)",
                "sites (all fields)",
                "projects (all fields)",
            ]),
            district_accounts_synthetic: any(&["districts.baseline"]),
            synthetic_fields: fields,
            sources: m.sources.len(),
        })
    }

    /// The statement, a few sentences in `lang`.
    pub fn statement(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.money_synthetic {
            parts.push(
                t(
                    lang,
                    "net benefit, shadow prices and every money figure rest on synthetic values and costs of the units: use them to compare plans, not as amounts of money",
                    "净收益、影子价格及各项金额基于合成的单元估值与成本，仅用于比较方案，不代表实际金额",
                )
                .into(),
            );
        }
        if self.places_synthetic {
            parts.push(
                t(
                    lang,
                    "the stock units, sites and projects are synthetic: which village or site a plan chooses is illustrative, the totals by zone and district are what the plan says",
                    "存量单元、项目地块与整治项目为合成数据，具体村庄与地块的选择仅作示意，分区与区县合计方为方案结论",
                )
                .into(),
            );
        }
        if self.district_accounts_synthetic {
            parts.push(
                t(
                    lang,
                    "district baseline accounts are synthetic shares of the region's",
                    "区县基期地类数据由全市总量按假设比例分解，为合成数据",
                )
                .into(),
            );
        }
        let sourced = match lang {
            Lang::En => format!(
                "sourced: {} figures, each listed with its source in the instance",
                self.sources
            ),
            Lang::Zh => format!("有公开来源的数据 {} 项，来源逐项列于实例文件", self.sources),
        };
        parts.push(sourced);
        match lang {
            Lang::En => {
                let mut s = parts.join("; ");
                if let Some(c) = s.get(..1) {
                    s = c.to_uppercase() + &s[1..];
                }
                format!("Data basis: {s}.")
            }
            Lang::Zh => format!("数据来源说明：{}。", parts.join("；")),
        }
    }

    /// The `sources.csv` table (one row per sourced and synthetic field), as records.
    pub fn rows(m: &Metadata) -> Vec<SourceRow<'_>> {
        m.sources
            .iter()
            .map(|s| SourceRow {
                kind: "sourced",
                what: &s.what,
                how: &s.source,
            })
            .chain(m.synthetic.iter().map(|f| SourceRow {
                kind: "synthetic",
                what: &f.field,
                how: &f.how,
            }))
            .collect()
    }
}

/// One row of `sources.csv`.
#[derive(Debug, Serialize)]
pub struct SourceRow<'a> {
    pub kind: &'static str,
    pub what: &'a str,
    pub how: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::{Source, SyntheticField};

    #[test]
    fn synthetic_values_make_the_money_comparative_only() {
        let field = |f: &str| SyntheticField {
            field: f.into(),
            how: "drawn".into(),
        };
        let mut m = Metadata {
            description: String::new(),
            sources: vec![Source {
                what: "region.baseline".into(),
                source: "a yearbook".into(),
            }],
            synthetic: vec![field("units (all fields)"), field("districts.baseline")],
        };
        let p = Provenance::of(&m).expect("a stated basis");
        assert!(p.money_synthetic && p.places_synthetic && p.district_accounts_synthetic);
        let zh = p.statement(Lang::Zh);
        assert!(zh.contains("仅用于比较方案，不代表实际金额"), "{zh}");
        assert!(p.statement(Lang::En).starts_with("Data basis: Net benefit"));
        // synthetic costs alone: the money is comparative, the places are real
        m.synthetic = vec![field("units.cost_*")];
        let p = Provenance::of(&m).unwrap();
        assert!(p.money_synthetic && !p.places_synthetic);
        // sourced values: only what is sourced is said
        m.synthetic.clear();
        let p = Provenance::of(&m).unwrap();
        assert!(!p.money_synthetic && !p.statement(Lang::En).contains("synthetic"));
        m.sources.clear();
        assert_eq!(Provenance::of(&m), None);
    }
}
