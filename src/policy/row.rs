//! Typed names of rule rows: [`RowRef`] names a row of the programme, its shadow price, its
//! line in the independent check and its entry in every report. Reports print it as
//! `rule_id` or `rule_id[key]` ([`RowRef::label`]); nothing ever parses that text back.

use super::RuleId;
use crate::instance::uses::UseGroup;
use crate::instance::Instance;
use std::fmt::Write;

/// One rule row: its family and its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowRef {
    pub rule: RuleId,
    pub key: RowKey,
}

/// The key of a row within its family: a place (the whole region, a unit, a site, a zone,
/// a district, a pairing or a use group) and, where a place has several rows, which part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowKey {
    pub place: Place,
    pub part: Option<Part>,
    /// The calendar year of a rule stated per year (`None`: the period).
    pub year: Option<u16>,
}

/// The place a row is about. Unit, site, zone and district are indices into the instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The whole region (the row is the family itself: `rule_id`).
    Region,
    Unit(u32),
    Site(u32),
    Zone(u32),
    District(u32),
    /// A linkage pairing of a withdrawal unit with a site (`unit>site`).
    Pair {
        unit: u32,
        site: u32,
    },
    /// A use group (`residential`, ...).
    Group(UseGroup),
    /// A rule the model names itself (a `linear` rule's id).
    Named(Name),
    /// A farmland concentration area, by index.
    FarmlandArea(u32),
    /// A pool of withdrawal units sending linkage quota as one: those of `district` at
    /// transport node `node` with arable grade `grade` (see [`crate::policy::Pooling`]).
    Pool {
        district: u32,
        node: u32,
        grade: u8,
    },
}

/// A name a model gives one of its own rules (a `linear` rule's id), kept `Copy` so that a
/// row key stays a plain value: each distinct name is stored once for the life of the
/// process (a model names a handful; a sweep re-reads the same ones), and compared by text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(&'static str);

impl Name {
    /// The name `text`, stored once.
    pub fn new(text: &str) -> Name {
        Name(crate::intern::intern(text))
    }
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Which of a place's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// A lower limit (`min`), also a pairing's minimum project size.
    Min,
    /// An upper limit (`max`).
    Max,
    /// Balanced in area.
    Area,
    /// Balanced in quality.
    Quality,
    /// Flows only on the network's pairings.
    Network,
    /// A pairing's binary: used or not.
    Used,
    /// Basic farmland (occupied, kept).
    BasicFarmland,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Min => "min",
            Part::Max => "max",
            Part::Area => "area",
            Part::Quality => "quality",
            Part::Network => "network",
            Part::Used => "used",
            Part::BasicFarmland => "basic_farmland",
        }
    }
}

impl RowRef {
    /// The family's only row: `rule_id`.
    pub fn whole(rule: RuleId) -> RowRef {
        RowRef::at(rule, Place::Region)
    }
    /// The row of `rule` at `place`.
    pub fn at(rule: RuleId, place: Place) -> RowRef {
        RowRef {
            rule,
            key: RowKey {
                place,
                part: None,
                year: None,
            },
        }
    }
    /// The same place's `part` row.
    pub fn part(self, part: Part) -> RowRef {
        RowRef {
            key: RowKey {
                part: Some(part),
                ..self.key
            },
            ..self
        }
    }
    /// The same row in calendar year `year`.
    pub fn in_year(self, year: u16) -> RowRef {
        RowRef {
            key: RowKey {
                year: Some(year),
                ..self.key
            },
            ..self
        }
    }
    /// Whether the row is one of many per unit, site or pairing (reports summarise these
    /// rather than list them).
    pub fn is_detail(&self) -> bool {
        matches!(
            self.key.place,
            Place::Unit(_) | Place::Site(_) | Place::Pair { .. } | Place::Pool { .. }
        )
    }
    /// The printed name, `rule_id` or `rule_id[key]`, with the instance's ids.
    pub fn label(&self, inst: &Instance) -> String {
        let mut s = self.rule.as_str().to_string();
        let key = self.key.label(inst);
        if !key.is_empty() {
            let _ = write!(s, "[{key}]");
        }
        s
    }
}

impl RowKey {
    /// The key as printed: the place's id, then `.part` (or the part alone for the region),
    /// then `@year` (or the year alone).
    pub fn label(&self, inst: &Instance) -> String {
        let mut s = match self.place {
            Place::Region => String::new(),
            Place::Unit(u) => inst.units[u as usize].id.clone(),
            Place::Site(x) => inst.sites[x as usize].id.clone(),
            Place::Zone(z) => inst.zones[z as usize].id.clone(),
            Place::District(d) => inst.districts[d as usize].id.clone(),
            Place::Pair { unit, site } => format!(
                "{}>{}",
                inst.units[unit as usize].id, inst.sites[site as usize].id
            ),
            Place::Group(g) => g.to_string(),
            Place::Named(n) => n.to_string(),
            Place::FarmlandArea(a) => inst.farmland_areas[a as usize].id.clone(),
            Place::Pool {
                district,
                node,
                grade,
            } => {
                let n = &inst.transport.nodes[node as usize];
                let mut s = format!("pool:{}/g{grade}", n.id);
                if n.district != district as usize {
                    s = format!("{s}@{}", inst.districts[district as usize].id);
                }
                s
            }
        };
        if let Some(p) = self.part {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(p.as_str());
        }
        if let Some(y) = self.year {
            if !s.is_empty() {
                s.push('@');
            }
            s.push_str(&y.to_string());
        }
        s
    }
}
