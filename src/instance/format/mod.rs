//! The instance file format: a TOML manifest (`instance.toml`) with region, zones and
//! districts, and the stock units, receiving sites and consolidation projects either inline
//! (`[[units]]`, `[[sites]]`, `[[projects]]`) or in CSV files named by the manifest
//! (`units_file`, `sites_file`, `projects_file`, relative to the manifest).
//!
//! Areas: a record gives its area as exactly one of `area_km2`, `area_ha`, `area_mu`
//! (a site's and a project's capacity likewise as `capacity_km2|ha|mu`), and an accounts table
//! gives `unit = "km2" | "ha" | "mu"` (default km2); everything is km² once loaded
//! (1 km² = 100 ha = 1,500 mu).
//!
//! Money: `value_<use>` and `cost_<use>` are million yuan per km² (= yuan per m²); an empty
//! pair means the use is not offered.
//!
//! These functions parse text; they never touch the file system.

use crate::error::Problem;
use serde::{Deserialize, Serialize};

mod columns;
mod parse;
mod schema;
mod write;

pub use columns::*;
pub use parse::*;
pub use schema::*;
pub use write::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_units_convert() {
        assert_eq!(AreaUnit::Km2.to_km2(), 1.0);
        assert!((AreaUnit::Ha.to_km2() * 100.0 - 1.0).abs() < 1e-12);
        assert!((AreaUnit::Mu.to_km2() * 1500.0 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn csv_error_names_line_and_field() {
        let text = "id,district,cost,arable_grade,capacity_km2\np1,d1,abc,5,1.0\n";
        let err = parse_csv::<ProjectRecord>("projects.csv", text).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].record, "line 2");
        assert_eq!(err[0].field, "cost");
        assert!(
            err[0].message.contains("expected a number"),
            "{}",
            err[0].message
        );
    }

    #[test]
    fn csv_lines_follow_records() {
        let text = "id,district,cost,arable_grade,capacity_km2\np1,d1,1,5,1.0\np2,d1,1,5,2.0\n";
        let recs = parse_csv::<ProjectRecord>("projects.csv", text).unwrap();
        assert_eq!(recs[1].at, "line 3");
        assert_eq!(recs[1].record.capacity_km2, Some(2.0));
    }

    #[test]
    fn csv_lines_are_physical_with_crlf_and_quoted_line_breaks() {
        let text = "id,district,cost,arable_grade,capacity_km2\r\n\"p\n1\",d1,1,5,1.0\r\np2,d1,x,5,2.0\r\n";
        let ps = parse_csv::<ProjectRecord>("projects.csv", text).unwrap_err();
        assert_eq!(ps[0].record, "line 4", "{:?}", ps[0]);
        let ok = "id,district,cost,arable_grade,capacity_km2\r\n\"p\n1\",d1,1,5,1.0\r\np2,d1,1,5,2.0\r\n";
        let recs = parse_csv::<ProjectRecord>("projects.csv", ok).unwrap();
        assert_eq!(
            (recs[0].at.as_str(), recs[1].at.as_str()),
            ("line 2", "line 4")
        );
    }

    #[test]
    fn a_duplicated_table_or_key_is_named() {
        let p =
            parse_toml::<toml::Table>("i.toml", "[region]\nname = \"a\"\n[region]\n").unwrap_err();
        assert_eq!((p.record.as_str(), p.field.as_str()), ("line 3", "region"));
        assert!(p.message.contains("`region`"), "{}", p.message);
    }

    #[test]
    fn toml_error_names_line_and_field() {
        let text = "schema_version = 1\nname = 3\n";
        let p = parse_toml::<InstanceFile>("i.toml", text).unwrap_err();
        assert_eq!(p.record, "line 2");
        assert_eq!(p.field, "name");
    }
}
