//! Writing records back as CSV, per-use columns after the typed fields.

use super::*;

/// Write records as CSV text with a header row.
pub fn to_csv<T: Serialize>(records: &[T]) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for r in records {
        w.serialize(r).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Write instance records as CSV text with a header row, a unit's or site's use columns
/// (`value_<use>`, `cost_<use>`) after its typed fields, for every use any record has, in
/// the order they first appear.
pub fn records_to_csv<T: Record>(records: &[T]) -> Result<String, String> {
    let mut header: Vec<&str> = Vec::new();
    for c in records.iter().filter_map(|r| r.use_columns_ref()) {
        for &(u, _, _) in &c.0 {
            if !header.contains(&u) {
                header.push(u);
            }
        }
    }
    let mut typed = csv::WriterBuilder::new()
        .has_headers(true)
        .from_writer(Vec::new());
    for r in records {
        typed.serialize(r).map_err(|e| e.to_string())?;
    }
    let typed = typed.into_inner().map_err(|e| e.to_string())?;
    if header.is_empty() {
        return String::from_utf8(typed).map_err(|e| e.to_string());
    }
    // append the use columns to each row the csv crate wrote
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(typed.as_slice());
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for (i, row) in rows.records().enumerate() {
        let mut row = row.map_err(|e| e.to_string())?;
        if i == 0 {
            for u in &header {
                row.push_field(&format!("value_{u}"));
                row.push_field(&format!("cost_{u}"));
            }
        } else {
            let cells = records[i - 1]
                .use_columns_ref()
                .map(|c| c.cells(&header))
                .unwrap_or_else(|| vec![String::new(); 2 * header.len()]);
            for c in &cells {
                row.push_field(c);
            }
        }
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
