//! The uses a stock unit or a receiving site can be turned to, and how they group.
//!
//! Six uses, in a fixed order that every table, column and report follows:
//!
//! | use | group | construction? | account it adds to |
//! |---|---|---|---|
//! | `affordable` | residential | yes | town or rural (urban-rural land) |
//! | `market` | residential | yes | town or rural (urban-rural land) |
//! | `industrial` | industrial (industry, storage, commerce) | yes | town or rural (urban-rural land) |
//! | `infrastructure` | infrastructure (transport, water, energy, public services) | yes | transport, water and special land |
//! | `arable` | reclaimed farmland | no | — (adds to arable) |
//! | `ecological` | green, forest, wetland | no | — |

use serde::{Deserialize, Serialize};
use std::fmt;

/// One use of land.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LandUse {
    Affordable,
    Market,
    Industrial,
    Infrastructure,
    Arable,
    Ecological,
}

/// The group a use belongs to in the supply-mix rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UseGroup {
    Residential,
    Industrial,
    Infrastructure,
    NonConstruction,
}

impl LandUse {
    /// All uses, in table order.
    pub const ALL: [LandUse; 6] = [
        LandUse::Affordable,
        LandUse::Market,
        LandUse::Industrial,
        LandUse::Infrastructure,
        LandUse::Arable,
        LandUse::Ecological,
    ];
    /// The urban-rural uses: residential and industrial (town or rural construction land).
    pub const URBAN_RURAL: [LandUse; 3] =
        [LandUse::Affordable, LandUse::Market, LandUse::Industrial];
    /// The uses that take stock out of construction: reclamation to arable, restoration to
    /// ecological land.
    pub const RECLAIM: [LandUse; 2] = [LandUse::Arable, LandUse::Ecological];
    /// The construction uses, the ones that count as land supply.
    pub const CONSTRUCTION: [LandUse; 4] = [
        LandUse::Affordable,
        LandUse::Market,
        LandUse::Industrial,
        LandUse::Infrastructure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LandUse::Affordable => "affordable",
            LandUse::Market => "market",
            LandUse::Industrial => "industrial",
            LandUse::Infrastructure => "infrastructure",
            LandUse::Arable => "arable",
            LandUse::Ecological => "ecological",
        }
    }

    pub fn parse(s: &str) -> Option<LandUse> {
        LandUse::ALL.into_iter().find(|u| u.as_str() == s)
    }

    /// Position in [`LandUse::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn group(self) -> UseGroup {
        match self {
            LandUse::Affordable | LandUse::Market => UseGroup::Residential,
            LandUse::Industrial => UseGroup::Industrial,
            LandUse::Infrastructure => UseGroup::Infrastructure,
            LandUse::Arable | LandUse::Ecological => UseGroup::NonConstruction,
        }
    }

    /// Construction uses keep the land in the construction account.
    pub fn is_construction(self) -> bool {
        self.group() != UseGroup::NonConstruction
    }

    /// Residential and industrial uses are urban-rural construction land (town or rural);
    /// infrastructure is transport, water, energy and special land.
    pub fn is_urban_rural(self) -> bool {
        matches!(self.group(), UseGroup::Residential | UseGroup::Industrial)
    }
}

impl fmt::Display for LandUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl UseGroup {
    pub const SUPPLY: [UseGroup; 3] = [
        UseGroup::Residential,
        UseGroup::Industrial,
        UseGroup::Infrastructure,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            UseGroup::Residential => "residential",
            UseGroup::Industrial => "industrial",
            UseGroup::Infrastructure => "infrastructure",
            UseGroup::NonConstruction => "non_construction",
        }
    }
    pub fn contains(self, u: LandUse) -> bool {
        u.group() == self
    }
}

impl fmt::Display for UseGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_parse_round_trip() {
        for (i, u) in LandUse::ALL.into_iter().enumerate() {
            assert_eq!(u.index(), i);
            assert_eq!(LandUse::parse(u.as_str()), Some(u));
        }
        assert_eq!(LandUse::parse("farmland"), None);
    }

    #[test]
    fn groups() {
        assert!(LandUse::Market.is_urban_rural());
        assert!(!LandUse::Infrastructure.is_urban_rural());
        assert!(LandUse::Infrastructure.is_construction());
        assert!(!LandUse::Arable.is_construction());
        assert_eq!(LandUse::CONSTRUCTION.len(), 4);
    }
}
