//! One workbook with every table of a run as a sheet (rust_xlsxwriter): headings with their
//! units in the report's language, numbers as numbers, ids as text, the heading row frozen.

use super::labels::{self, Lang};
use rust_xlsxwriter::{Format, Workbook};

/// Whether a column holds identifiers (kept as text even when they look like numbers).
fn is_id(column: &str) -> bool {
    column == "id"
        || column.ends_with("_ids")
        || matches!(
            column,
            "district"
                | "zone"
                | "kind"
                | "land_class"
                | "unit"
                | "site"
                | "unit_district"
                | "site_district"
                | "name"
                | "rule"
                | "land_use"
                | "unit_zones"
                | "site_zones"
        )
}

/// The workbook of `tables` (file name, CSV text), as bytes.
pub fn workbook(
    tables: &[(String, String)],
    uses: &crate::instance::uses::Uses,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for (file, text) in tables {
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let head: Vec<String> = r
            .headers()
            .map_err(|e| e.to_string())?
            .iter()
            .map(String::from)
            .collect();
        let rows: Vec<::csv::StringRecord> = r
            .records()
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        let ws = wb.add_worksheet();
        ws.set_name(labels::table(file, lang))
            .map_err(|e| e.to_string())?;
        for (c, h) in head.iter().enumerate() {
            let label = labels::column_in(file, uses, h, lang).unwrap_or_else(|| h.clone());
            ws.write_string_with_format(0, c as u16, label, &bold)
                .map_err(|e| e.to_string())?;
            ws.set_column_width(c as u16, 14)
                .map_err(|e| e.to_string())?;
        }
        for (i, rec) in rows.iter().enumerate() {
            let row = (i + 1) as u32;
            for (c, cell) in rec.iter().enumerate() {
                let numeric = !head.get(c).is_some_and(|h| is_id(h));
                match cell.parse::<f64>() {
                    Ok(v) if numeric && v.is_finite() => ws.write_number(row, c as u16, v),
                    _ if cell.is_empty() => continue,
                    _ => ws.write_string(row, c as u16, cell),
                }
                .map_err(|e| e.to_string())?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}
