//! The per-use columns of the units and sites tables (`value_<use>`, `cost_<use>`), read
//! beside the typed record by a [`Layout`] worked out once per header, and the inline
//! `[[units]]`/`[[sites]]` tables read the same way.

use super::*;

/// The `value_<use>` and `cost_<use>` columns of a unit or site: (use id, value, cost) in
/// the order the columns first appear. Read beside the record's typed fields (the use ids
/// are the instance's own, so no fixed field list can hold them) and checked against the
/// instance's uses when it is validated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UseColumns(pub Vec<(&'static str, Option<f64>, Option<f64>)>);

impl UseColumns {
    /// The columns of the first `e.len()` built-in uses.
    pub fn builtin(e: &[(Option<f64>, Option<f64>)]) -> UseColumns {
        let uses = crate::instance::uses::Uses::builtin();
        UseColumns(
            uses.iter()
                .zip(e)
                .map(|(k, &(v, c))| (k.as_str(), v, c))
                .collect(),
        )
    }
    /// The use a column name speaks of and whether it is its value (`value_<use>`) or its
    /// cost (`cost_<use>`); `None` for any other column.
    pub fn column(name: &str) -> Option<(&str, bool)> {
        if let Some(u) = name.strip_prefix("value_") {
            Some((u, true))
        } else {
            name.strip_prefix("cost_").map(|u| (u, false))
        }
    }
    /// Record `v` as the value (or cost) of `use_id`.
    pub fn set(&mut self, use_id: &'static str, is_value: bool, v: Option<f64>) {
        let i = match self.0.iter().position(|(u, _, _)| *u == use_id) {
            Some(i) => i,
            None => {
                self.0.push((use_id, None, None));
                self.0.len() - 1
            }
        };
        if is_value {
            self.0[i].1 = v;
        } else {
            self.0[i].2 = v;
        }
    }
    /// The cells in the order of `header` (use ids), empty where absent: what a CSV row
    /// writes after the record's typed fields (numbers as the csv crate writes them).
    pub(super) fn cells(&self, header: &[&str]) -> Vec<String> {
        let mut out = Vec::with_capacity(2 * header.len());
        let fmt = |v: Option<f64>| v.map(|v| ryu::Buffer::new().format(v).to_string());
        for h in header {
            let (v, c) = self
                .0
                .iter()
                .find(|(u, _, _)| u == h)
                .map_or((None, None), |&(_, v, c)| (v, c));
            out.push(fmt(v).unwrap_or_default());
            out.push(fmt(c).unwrap_or_default());
        }
        out
    }
}

/// A record whose table may carry `value_<use>`/`cost_<use>` columns beside its typed
/// fields.
pub trait Record: serde::de::DeserializeOwned + Serialize {
    /// Whether the record takes use columns (elsewhere a `value_…` column is an unknown
    /// field like any other).
    const TAKES_USE_COLUMNS: bool = false;
    /// The record's use columns, when it takes them.
    fn use_columns(&mut self) -> Option<&mut UseColumns> {
        None
    }
    fn use_columns_ref(&self) -> Option<&UseColumns> {
        None
    }
}

impl Record for UnitRecord {
    const TAKES_USE_COLUMNS: bool = true;
    fn use_columns(&mut self) -> Option<&mut UseColumns> {
        Some(&mut self.economics)
    }
    fn use_columns_ref(&self) -> Option<&UseColumns> {
        Some(&self.economics)
    }
}
impl Record for SiteRecord {
    const TAKES_USE_COLUMNS: bool = true;
    fn use_columns(&mut self) -> Option<&mut UseColumns> {
        Some(&mut self.economics)
    }
    fn use_columns_ref(&self) -> Option<&UseColumns> {
        Some(&self.economics)
    }
}
impl Record for ProjectRecord {}
impl Record for CriterionRecord {}

/// How the rows of one table (CSV or a GeoJSON layer's properties) become records: which
/// columns are `value_<use>`/`cost_<use>` (when the record takes them), read aside from the
/// typed fields, and the header of the rest. Worked out once per header.
pub(crate) struct Layout {
    /// The header without the use columns.
    rest: csv::StringRecord,
    /// Per column of the full header: `Some((use, is_value))` for a use column.
    columns: Vec<Option<(&'static str, bool)>>,
    /// A use column given twice: its name.
    twice: Option<String>,
}

impl Layout {
    pub(crate) fn new<T: Record>(headers: &csv::StringRecord) -> Layout {
        let takes = T::TAKES_USE_COLUMNS;
        let mut rest = csv::StringRecord::new();
        let mut columns = Vec::with_capacity(headers.len());
        let mut seen: Vec<&str> = Vec::new();
        let mut twice = None;
        for h in headers {
            match UseColumns::column(h).filter(|_| takes) {
                Some((u, is_value)) => {
                    if seen.contains(&h) {
                        twice.get_or_insert_with(|| h.to_string());
                    }
                    seen.push(h);
                    columns.push(Some((crate::intern::intern(u), is_value)));
                }
                None => {
                    rest.push_field(h);
                    columns.push(None);
                }
            }
        }
        Layout {
            rest,
            columns,
            twice,
        }
    }

    /// `row` as a `T`.
    pub(crate) fn record<T: Record>(&self, row: &csv::StringRecord) -> Result<T, RecordError> {
        if self.rest.len() == self.columns.len() {
            return row.deserialize(Some(&self.rest)).map_err(RecordError::Csv);
        }
        if let Some(h) = &self.twice {
            return Err(RecordError::Cell(
                h.clone(),
                "the column appears twice in the header: expected each use's value and cost once"
                    .into(),
            ));
        }
        let mut rest = csv::StringRecord::with_capacity(row.as_slice().len(), self.rest.len());
        let mut cols = UseColumns::default();
        for (c, cell) in self.columns.iter().zip(row.iter()) {
            match c {
                Some((u, is_value)) => {
                    let v = if cell.is_empty() {
                        None
                    } else {
                        match cell.parse::<f64>() {
                            Ok(v) => Some(v),
                            Err(_) => {
                                let h = format!("{}_{u}", if *is_value { "value" } else { "cost" });
                                return Err(RecordError::Cell(
                                    h,
                                    format!("`{cell}` is not a number: expected a number or an empty cell (the use not offered)"),
                                ));
                            }
                        }
                    };
                    cols.set(u, *is_value, v);
                }
                None => rest.push_field(cell),
            }
        }
        if let Some(pos) = row.position() {
            rest.set_position(Some(pos.clone()));
        }
        let mut rec: T = rest
            .deserialize(Some(&self.rest))
            .map_err(|e| RecordError::Shifted(e, self.rest.clone()))?;
        if let Some(c) = rec.use_columns() {
            *c = cols;
        }
        Ok(rec)
    }
}

impl Layout {
    /// The columns a record needs that the header lacks, all of them, found from the
    /// table's first row (`first`): serde reports one missing field at a time, so each is
    /// added with a stand-in cell and the row read again, until no field is missing.
    pub(crate) fn missing_columns<T: Record>(&self, first: &csv::StringRecord) -> Vec<String> {
        let mut head = self.rest.clone();
        let mut row = csv::StringRecord::new();
        for (c, cell) in self.columns.iter().zip(first.iter()) {
            if c.is_none() {
                row.push_field(cell);
            }
        }
        let mut missing: Vec<String> = Vec::new();
        // the stand-in a column takes: tried in turn until the field reads
        const STAND_INS: [&str; 3] = ["", "0", "false"];
        let mut tries = vec![0usize; 0];
        for _ in 0..256 {
            let Err(e) = row.deserialize::<T>(Some(&head)) else {
                break;
            };
            let message = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
                _ => break,
            };
            if let Some(name) = message
                .strip_prefix("missing field `")
                .and_then(|m| m.split('`').next())
            {
                if missing.iter().any(|m| m == name) {
                    break;
                }
                missing.push(name.to_string());
                head.push_field(name);
                row.push_field(STAND_INS[0]);
                tries.push(0);
                continue;
            }
            // a stand-in that does not read as the field's type: the next one
            let at = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => err.field().map(|i| i as usize),
                _ => None,
            };
            let Some(i) = at.filter(|&i| i >= self.rest.len()) else {
                break;
            };
            let k = i - self.rest.len();
            tries[k] += 1;
            let Some(next) = STAND_INS.get(tries[k]) else {
                break;
            };
            let mut fields: Vec<String> = row.iter().map(str::to_string).collect();
            fields[i] = next.to_string();
            row = csv::StringRecord::from(fields);
        }
        missing
    }
}

/// Why a row is not a record.
pub(crate) enum RecordError {
    /// From the csv crate, field indices into the table's header.
    Csv(csv::Error),
    /// From the csv crate, field indices into this header (the use columns taken out).
    Shifted(csv::Error, csv::StringRecord),
    /// A use column's cell: (field, message).
    Cell(String, String),
}

/// One record of an inline TOML table (`[[units]]`), its `value_<use>`/`cost_<use>` keys
/// taken aside first.
pub(crate) fn deserialize_inline<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Record,
{
    use serde::de::Error as _;
    let tables: Vec<toml::Table> = Deserialize::deserialize(d)?;
    let mut out = Vec::with_capacity(tables.len());
    for (i, mut t) in tables.into_iter().enumerate() {
        let mut cols = UseColumns::default();
        let keys: Vec<String> = t
            .keys()
            .filter(|k| UseColumns::column(k).is_some())
            .cloned()
            .collect();
        for k in keys {
            let (u, is_value) = UseColumns::column(&k).expect("filtered above");
            let u = crate::intern::intern(u);
            let v = match t.remove(&k) {
                Some(toml::Value::Float(v)) => v,
                Some(toml::Value::Integer(v)) => v as f64,
                other => {
                    return Err(D::Error::custom(format!(
                        "record {i}, field `{k}`: expected a number, found {}",
                        other.map_or("nothing".into(), |o| o.type_str().to_string())
                    )))
                }
            };
            cols.set(u, is_value, Some(v));
        }
        // through text, so that an error's span names its field
        let text = toml::to_string(&t).map_err(|e| D::Error::custom(format!("record {i}: {e}")))?;
        let mut rec: T = toml::from_str(&text).map_err(|e: toml::de::Error| {
            let field = toml_field(&text, &e);
            let message = e.message().trim().to_string();
            if field.is_empty() || message.contains(&format!("`{field}`")) {
                D::Error::custom(format!("record {i}: {message}"))
            } else {
                D::Error::custom(format!("record {i}, field `{field}`: {message}"))
            }
        })?;
        if let Some(c) = rec.use_columns() {
            *c = cols;
        }
        out.push(rec);
    }
    Ok(out)
}
