//! Benefit criteria: the criteria table and the `value_<criterion>_<use>` columns of the units and sites tables.

use super::*;

/// A units or sites column `value_<criterion>_<use>` (given `<criterion>_<use>`): a benefit
/// criterion's yield per km² of a use of the instance, beside the use's own value and cost.
/// The use is the longest id of `uses` the name ends with; `None` for a use's own column.
pub(super) fn criterion_column<'a>(name: &'a str, uses: &Uses) -> Option<(&'a str, LandUse)> {
    if uses.get(name).is_some() {
        return None;
    }
    uses.iter()
        .filter_map(|k| {
            let prefix = name.strip_suffix(k.as_str())?.strip_suffix('_')?;
            (!prefix.is_empty()).then_some((prefix, k))
        })
        .max_by_key(|(_, k)| k.as_str().len())
}

/// The criterion columns of the units and sites tables (`value_<criterion>_<use>`), as rows
/// of the criteria table: the same checks apply to both (a use the record offers, no row
/// twice, the value's range).
pub(super) fn criterion_columns(
    parts: &InstanceParts,
    uses: &Uses,
) -> (
    Vec<Located<super::format::CriterionRecord>>,
    Vec<(String, LandUse)>,
) {
    let mut out = Vec::new();
    let mut named: Vec<(String, LandUse)> = Vec::new();
    let records = parts
        .units
        .iter()
        .map(|l| {
            (
                l.file.as_str(),
                l.at.as_str(),
                &l.record.id,
                &l.record.economics,
            )
        })
        .chain(parts.sites.iter().map(|l| {
            (
                l.file.as_str(),
                l.at.as_str(),
                &l.record.id,
                &l.record.economics,
            )
        }));
    for (file, at, id, economics) in records {
        for (name, value, _) in &economics.0 {
            let Some((criterion, k)) = criterion_column(name, uses) else {
                continue;
            };
            if !named.iter().any(|(c, j)| c == criterion && *j == k) {
                named.push((criterion.to_string(), k));
            }
            if let Some(v) = value {
                out.push(Located {
                    file: file.to_string(),
                    at: format!("{at}, column value_{name}"),
                    record: super::format::CriterionRecord {
                        id: id.clone(),
                        criterion: criterion.to_string(),
                        land_use: k.as_str().to_string(),
                        value: *v,
                    },
                });
            }
        }
    }
    (out, named)
}

/// The criteria table: each row names a unit or site, a criterion and a use the record
/// offers, once.
pub(super) fn criteria(
    ctx: &mut Ctx,
    parts: &InstanceParts,
    units: &[StockUnit],
    sites: &[Site],
    uses: &Uses,
    (columns, named): &(
        Vec<Located<super::format::CriterionRecord>>,
        Vec<(String, LandUse)>,
    ),
) -> std::collections::BTreeMap<String, crate::instance::CriterionTable> {
    use std::collections::{BTreeMap, HashMap};
    let unit_ix: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let site_ix: HashMap<&str, usize> = sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut out: BTreeMap<String, crate::instance::CriterionTable> = BTreeMap::new();
    for l in parts.criteria.iter().chain(columns) {
        let r = &l.record;
        let (f, rec) = (
            l.file.as_str(),
            format!("{} (criterion {} of {})", l.at, r.criterion, r.id),
        );
        let ok_id = !r.criterion.is_empty()
            && r.criterion
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !ok_id {
            ctx.push(
                f,
                &rec,
                "criterion",
                format!(
                    "expected an id of letters, digits, `_` or `-`, found `{}`",
                    r.criterion
                ),
            );
            continue;
        }
        let Some(k) = uses.get(&r.land_use) else {
            ctx.push(
                f,
                &rec,
                "use",
                format!(
                    "unknown use `{}`: expected one of the instance's uses ({})",
                    r.land_use,
                    uses.list()
                ),
            );
            continue;
        };
        if !(r.value.is_finite() && r.value.abs() <= 1e9) {
            ctx.push(
                f,
                &rec,
                "value",
                format!("expected a number within ±10⁹, found {}", r.value),
            );
            continue;
        }
        let table = out
            .entry(r.criterion.clone())
            .or_insert_with(|| empty_table(units.len(), sites.len(), uses.len()));
        let (slot, offered) = match (unit_ix.get(r.id.as_str()), site_ix.get(r.id.as_str())) {
            (Some(&u), _) => (
                &mut table.units[u][k.index()],
                units[u].uses[k.index()].is_some(),
            ),
            (None, Some(&s)) => (
                &mut table.sites[s][k.index()],
                sites[s].uses[k.index()].is_some(),
            ),
            (None, None) => {
                ctx.push(
                    f,
                    &rec,
                    "id",
                    format!("`{}` is no unit or site of the instance", r.id),
                );
                continue;
            }
        };
        if !offered {
            ctx.push(f, &rec, "use", format!("`{}` does not offer `{k}` (no value and cost for it): expected a use the record offers", r.id));
        } else if slot.is_some() {
            ctx.push(
                f,
                &rec,
                "",
                format!(
                    "criterion `{}` of `{}` for `{k}` is given twice: expected it once",
                    r.criterion, r.id
                ),
            );
        } else {
            *slot = Some(r.value);
        }
    }
    for (criterion, k) in named {
        let table = out
            .entry(criterion.clone())
            .or_insert_with(|| empty_table(units.len(), sites.len(), uses.len()));
        table.columns.push(*k);
    }
    out
}

fn empty_table(units: usize, sites: usize, uses: usize) -> crate::instance::CriterionTable {
    crate::instance::CriterionTable {
        units: PerUse::new(units, uses, None),
        sites: PerUse::new(sites, uses, None),
        columns: Vec::new(),
    }
}
