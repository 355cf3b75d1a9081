//! The land-use classes of GB/T 21010-2017 《土地利用现状分类》: the codes a survey records a
//! parcel's present use in. Shipped as data (`data/gbt-21010-2017.csv`, embedded at compile
//! time; its source in `data/README.md`): 12 first-level and 73 second-level classes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One class of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LandClass {
    /// Two digits (first level) or four (second level).
    pub code: &'static str,
    /// The standard's name.
    pub name_zh: &'static str,
    /// An English rendering (stockland's, not the standard's text).
    pub name_en: &'static str,
}

impl LandClass {
    /// The first-level class a second-level one belongs to (itself for a first-level one).
    pub fn parent(&self) -> &'static LandClass {
        lookup(&self.code[..2]).expect("every second-level code has its first-level class")
    }
    pub fn is_second_level(&self) -> bool {
        self.code.len() == 4
    }
}

const TABLE: &str = include_str!("../../data/gbt-21010-2017.csv");

fn table() -> &'static BTreeMap<&'static str, LandClass> {
    static T: OnceLock<BTreeMap<&'static str, LandClass>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| {
                // code,name_zh,name_en: the English name may hold commas, the first two never
                let mut f = l.splitn(3, ',');
                let mut next = || {
                    f.next()
                        .expect("three fields per line of the shipped table")
                };
                let c = LandClass {
                    code: next(),
                    name_zh: next(),
                    name_en: next(),
                };
                (c.code, c)
            })
            .collect()
    })
}

/// The class of `code` (two or four digits), if the standard has one.
pub fn lookup(code: &str) -> Option<&'static LandClass> {
    table().get(code)
}

/// Every class, in code order.
pub fn all() -> impl Iterator<Item = &'static LandClass> {
    table().values()
}

/// Why `code` is not a second-level class of the standard, in words a planner can act on:
/// the classes under its first level when that exists, else the first-level classes.
pub fn explain_unknown(code: &str) -> String {
    let standard = "GB/T 21010-2017 (土地利用现状分类)";
    if code.len() == 2 {
        if let Some(first) = lookup(code) {
            return format!(
                "`{code}` is the first-level class {} {} of {standard}; a unit needs its second-level class: {}",
                first.code,
                first.name_zh,
                children(code)
            );
        }
    }
    match code.get(..2).and_then(lookup) {
        Some(first) if code.len() == 4 => format!(
            "`{code}` is not a class of {standard}; under {} {} it has {}",
            first.code,
            first.name_zh,
            children(&first.code[..2])
        ),
        _ => format!(
            "expected a four-digit second-level code of {standard} such as 0702 (农村宅基地), found `{code}`; the first-level classes are {}",
            all()
                .filter(|c| !c.is_second_level())
                .map(|c| format!("{} {}", c.code, c.name_zh))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn children(first: &str) -> String {
    all()
        .filter(|c| c.is_second_level() && c.code.starts_with(first))
        .map(|c| format!("{} {}", c.code, c.name_zh))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_has_12_first_and_73_second_level_classes() {
        let first = all().filter(|c| !c.is_second_level()).count();
        let second = all().filter(|c| c.is_second_level()).count();
        assert_eq!((first, second), (12, 73));
        for c in all() {
            assert!(c.code.bytes().all(|b| b.is_ascii_digit()), "{}", c.code);
            assert!(matches!(c.code.len(), 2 | 4), "{}", c.code);
            assert!(!c.name_zh.is_empty() && !c.name_en.is_empty(), "{}", c.code);
            assert!(!c.parent().is_second_level(), "{}", c.code);
        }
        // a name holding a comma reads whole
        assert_eq!(
            lookup("06").unwrap().name_en,
            "industrial, mining and storage land"
        );
    }

    #[test]
    fn the_classes_stock_units_come_from() {
        assert_eq!(lookup("0702").unwrap().name_zh, "农村宅基地");
        assert_eq!(lookup("0601").unwrap().name_zh, "工业用地");
        assert_eq!(lookup("1201").unwrap().name_zh, "空闲地");
        assert_eq!(lookup("0702").unwrap().parent().name_zh, "住宅用地");
        assert!(lookup("0799").is_none());
    }

    #[test]
    fn an_unknown_code_is_explained_by_its_neighbours() {
        let e = explain_unknown("0799");
        assert!(e.contains("住宅用地") && e.contains("0701 城镇住宅用地") && e.contains("0702"));
        let e = explain_unknown("07");
        assert!(
            e.contains("first-level") && e.contains("0702 农村宅基地"),
            "{e}"
        );
        let e = explain_unknown("x1");
        assert!(e.contains("01 耕地") && e.contains("12 其他土地"), "{e}");
        let e = explain_unknown("1301");
        assert!(e.contains("found `1301`"), "{e}");
    }
}
