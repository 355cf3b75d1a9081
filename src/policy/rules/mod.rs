//! The rule families of a policy model, each in its own file with its settings, its formula
//! and its validation, and listed once in the family registry (the `for_each_family!` macro).
//!
//! Notation: `x[u,k]` km² of stock unit `u` turned to use `k`; `y[s,k]` km² of new
//! construction for use `k` at receiving site `s`; `c[p]` km² of new arable from
//! consolidation project `p`. `C` = construction uses (affordable, market, industrial,
//! infrastructure), `UR` = urban-rural uses (residential and industrial).
//! Stock re-use `X = Σ_u Σ_{k∈C} x[u,k]`, new construction `Y = Σ_s Σ_k y[s,k]`,
//! supply `S = X + Y`; reclaimed arable `R = Σ_u x[u,arable]`; arable occupied
//! `O = Σ_s a_s Σ_k y[s,k]` (`a_s` the site's arable share).
//!
//! Every family has `enabled` (default true), `mode` (`hard` or `soft`, default hard) and
//! `penalty` (million yuan per km² of violation, required when soft: a soft rule without a
//! penalty is a validation error, for every family).
//!
//! ## Adding a family
//!
//! A family is three mirrored files named by its id and one line in `for_each_family!`:
//! `src/policy/rules/<id>.rs` (settings, formula, validation: a [`Family`] impl),
//! `src/programme/rows/<id>.rs` (its columns and rows) and `src/check/rules/<id>.rs` (its
//! independent recomputation). The registry line generates the [`RuleId`] variant, the
//! [`Rules`] field, validation and softening, and the dispatch of the programme and the
//! check, so a family that lacks any of the three files does not compile.

use crate::error::Problem;
use crate::instance::uses::UseRef;
use crate::instance::Instance;
use crate::policy::Years;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The family registry: one line per family — its id (the word in model files, row names
/// and reports, and the name of its three files), its [`RuleId`] variant and its settings
/// type — in the order the programme builds rows and the check recomputes lines.
///
/// `for_each_family!(callback)` calls `callback! { id: Variant(Type), ... }`; the policy,
/// the programme and the check each generate their part of the dispatch from it.
macro_rules! for_each_family {
    ($callback:ident) => {
        $callback! {
            unit_capacity: UnitCapacity(unit_capacity::UnitCapacity),
            site_capacity: SiteCapacity(site_capacity::SiteCapacity),
            eligibility: Eligibility(eligibility::Eligibility),
            transport_access: TransportAccess(transport_access::TransportAccess),
            stock_target: StockTarget(stock_target::StockTarget),
            supply_cap: SupplyCap(supply_cap::SupplyCap),
            stock_share: StockShare(stock_share::StockShare),
            urban_rural_supply: UrbanRuralSupply(urban_rural_supply::UrbanRuralSupply),
            urban_rural_stock: UrbanRuralStock(urban_rural_stock::UrbanRuralStock),
            infrastructure_supply: InfrastructureSupply(infrastructure_supply::InfrastructureSupply),
            supply_mix: SupplyMix(supply_mix::SupplyMix),
            affordable_share: AffordableShare(affordable_share::AffordableShare),
            affordable_homes: AffordableHomes(affordable_homes::AffordableHomes),
            new_construction_quota: NewConstructionQuota(new_construction_quota::NewConstructionQuota),
            arable_floor: ArableFloor(arable_floor::ArableFloor),
            occupation_balance: OccupationBalance(occupation_balance::OccupationBalance),
            basic_farmland: BasicFarmland(basic_farmland::BasicFarmland),
            farmland_concentration: FarmlandConcentration(farmland_concentration::FarmlandConcentration),
            construction_cap: ConstructionCap(construction_cap::ConstructionCap),
            land_per_gdp: LandPerGdp(land_per_gdp::LandPerGdp),
            non_construction_share: NonConstructionShare(non_construction_share::NonConstructionShare),
            town_construction_cap: TownConstructionCap(town_construction_cap::TownConstructionCap),
            ecological_zone: EcologicalZone(ecological_zone::EcologicalZone),
            linkage_balance: LinkageBalance(linkage_balance::LinkageBalance),
            resettlement: Resettlement(resettlement::Resettlement),
            linear: Linear(linear::Linear),
            supplement_first: SupplementFirst(supplement_first::SupplementFirst),
            turnover_quota: TurnoverQuota(turnover_quota::TurnoverQuota),
            annual_plan: AnnualPlan(annual_plan::AnnualPlan),
        }
    };
}
pub(crate) use for_each_family;

pub use super::shapes::{Band, Cap, Capacity, Floor, MinShare, Reading, Scope, Target};
pub use linkage_balance::{Pooling, QualityLevel};
pub use occupation_balance::quality_weight;
pub use supply_mix::MixShare;
pub use town_construction_cap::town_change;

/// A family's name as a plan writes it, in English and in Chinese (规划用语).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanningName {
    pub en: &'static str,
    pub zh: &'static str,
}

/// Hard (a constraint) or soft (a penalty per km² of violation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Hard,
    Soft,
}

/// What every family's settings provide: the common enforcement settings (through
/// `enforcement!`) and the family's own validation.
pub trait Family {
    /// Whether the elastic relaxation that explains an infeasible model may soften the
    /// family. Families that decide which columns exist stay hard.
    const SOFTENABLE: bool = true;
    fn enabled(&self) -> bool;
    fn mode(&self) -> Mode;
    fn penalty(&self) -> Option<f64>;
    /// Make the family soft at `penalty` per km² of violation.
    fn make_soft(&mut self, penalty: f64);
    /// Every problem of the family's own settings, alone and against the instance.
    fn validate(&self, v: &mut Validator<'_>);
    /// The penalty per km² when soft, `None` when hard. Validation refuses a soft family
    /// without a penalty, so a validated model never reaches the fallback of 0.
    fn soft_penalty(&self) -> Option<f64> {
        match self.mode() {
            Mode::Hard => None,
            Mode::Soft => Some(self.penalty().unwrap_or(0.0)),
        }
    }
}

/// The accessors of the three enforcement fields (`enabled`, `mode`, `penalty`) every
/// settings struct carries, for use inside its `impl Family`.
macro_rules! enforcement {
    () => {
        fn enabled(&self) -> bool {
            self.enabled
        }
        fn mode(&self) -> $crate::policy::Mode {
            self.mode
        }
        fn penalty(&self) -> Option<f64> {
            self.penalty
        }
        fn make_soft(&mut self, penalty: f64) {
            self.mode = $crate::policy::Mode::Soft;
            self.penalty = Some(penalty);
        }
    };
}
#[allow(unused_imports)]
pub(crate) use enforcement;

/// The default of `enabled`.
pub(crate) fn yes() -> bool {
    true
}

/// Generates, from the registry: `RuleId`, the `Rules` table of a model, validation
/// dispatch and softening.
macro_rules! policy_registry {
    ($($id:ident : $variant:ident ($($ty:tt)::+)),* $(,)?) => {
        $(pub mod $id;)*
        $(pub use $($ty)::+;)*

        /// The stable id of a rule family. The same word names it in model files, row
        /// names (`rule_id[key]`), duals, the check and every report.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every family, in registry order.
            pub const ALL: [RuleId; [$(stringify!($id)),*].len()] = [$(RuleId::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => stringify!($id),)*
                }
            }
            /// The family's planning name (each family file's `NAME`).
            pub fn planning_name(self) -> PlanningName {
                match self {
                    $(RuleId::$variant => $id::NAME,)*
                }
            }
            /// Whether the family may be made soft ([`Family::SOFTENABLE`]).
            pub fn softenable(self) -> bool {
                match self {
                    $(RuleId::$variant => <$($ty)::+ as Family>::SOFTENABLE,)*
                }
            }
        }

        /// All rule families of a model. A family left out of the file is absent (not
        /// applied).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        pub struct Rules {
            $(
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $id: Option<$($ty)::+>,
            )*
        }

        impl Rules {
            /// Every problem of the rules, alone and against `instance` when given.
            pub fn validate(
                &self,
                file: &str,
                instance: Option<&Instance>,
                years: Option<&Years>,
                problems: &mut Vec<Problem>,
            ) {
                $(
                    if let Some(r) = &self.$id {
                        let mut v = Validator { id: RuleId::$variant, file, instance, years, problems };
                        v.enforcement(r);
                        r.validate(&mut v);
                    }
                )*
            }

            /// The same rules, each made soft with `penalty` per km² of violation except
            /// those that decide which columns exist ([`Family::SOFTENABLE`]). Used by the
            /// elastic relaxation that explains an infeasible model.
            pub fn all_soft(&self, penalty: f64) -> Rules {
                let mut r = self.clone();
                $(
                    if let Some(x) = r.$id.as_mut() {
                        if <$($ty)::+ as Family>::SOFTENABLE {
                            x.make_soft(penalty);
                        }
                    }
                )*
                r
            }

            /// The families present and enabled, in registry order.
            pub fn enabled(&self) -> Vec<RuleId> {
                let mut ids = Vec::new();
                $(
                    if active(&self.$id).is_some() {
                        ids.push(RuleId::$variant);
                    }
                )*
                ids
            }
        }
    };
}
for_each_family!(policy_registry);

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Returns the family if present and enabled.
pub fn active<T: Family>(r: &Option<T>) -> Option<&T> {
    r.as_ref().filter(|r| r.enabled())
}

/// Collects the problems of one family's settings, each under `rules.<id>`.
pub struct Validator<'a> {
    id: RuleId,
    file: &'a str,
    instance: Option<&'a Instance>,
    years: Option<&'a Years>,
    problems: &'a mut Vec<Problem>,
}

/// The largest penalty a soft rule may carry, million yuan per km²: far above any land
/// value, and three orders below the 1e12 beyond which the programme refuses a coefficient.
pub const MAX_PENALTY: f64 = 1e9;

impl<'a> Validator<'a> {
    /// The instance the model is checked against, when one is given.
    pub fn instance(&self) -> Option<&'a Instance> {
        self.instance
    }
    /// The model's `[years]`, when it declares them.
    pub fn years(&self) -> Option<&'a Years> {
        self.years
    }
    /// A rule stated in time needs the model's `[years]`: refused at `field` without them.
    pub fn needs_years(&mut self, field: &str) -> Option<&'a Years> {
        if self.years.is_none() {
            self.push(
                field,
                "a rule stated by year needs the model's years: add [years] first = …, last = … (one year gives the one-period programme)",
            );
        }
        self.years
    }
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(
            self.file,
            format!("rules.{}", self.id),
            field,
            message,
        ));
    }
    fn enforcement<T: Family>(&mut self, r: &T) {
        match (r.mode(), r.penalty()) {
            (Mode::Soft, None) => self.push(
                "penalty",
                "a soft rule needs a penalty (million yuan per km² of violation)",
            ),
            (_, Some(p)) if !p.is_finite() || p < 0.0 => self.push(
                "penalty",
                format!("expected a finite penalty ≥ 0, found {p}"),
            ),
            (_, Some(p)) if p > MAX_PENALTY => self.push(
                "penalty",
                format!("expected a penalty of at most {MAX_PENALTY:e} million yuan per km², found {p:e}: a larger one swamps every value in the solver's tolerances (to forbid the violation, make the rule hard)"),
            ),
            _ => {}
        }
    }
    /// A finite area (or other amount) ≥ 0.
    pub fn km2(&mut self, field: &str, v: f64) {
        if !v.is_finite() || v < 0.0 {
            self.push(field, format!("expected a finite area ≥ 0 km², found {v}"));
        }
    }
    /// A share in [0, 1].
    pub fn share(&mut self, field: &str, v: f64) {
        if !v.is_finite() || !(0.0..=1.0).contains(&v) {
            self.push(field, format!("expected a share in [0, 1], found {v}"));
        }
    }
    /// Uses of the instance's catalogue (when an instance is given).
    pub fn uses<'r>(&mut self, field: &str, refs: impl IntoIterator<Item = &'r UseRef>) {
        if let Some(inst) = self.instance {
            for r in refs {
                if r.resolve(&inst.uses).is_none() {
                    self.push(
                        field,
                        format!(
                            "unknown use `{r}`: expected one of the instance's uses ({})",
                            inst.uses.list()
                        ),
                    );
                }
            }
        }
    }
    /// A zone id of the instance (when one is given).
    pub fn zone(&mut self, field: &str, zone: &str) {
        if let Some(inst) = self.instance {
            if inst.zone_index(zone).is_none() {
                let known: Vec<&str> = inst.zones.iter().map(|z| z.id.as_str()).collect();
                self.push(
                    field,
                    format!(
                        "unknown zone `{zone}`: expected one of the instance's zones ({})",
                        known.join(", ")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_snake_case() {
        for id in RuleId::ALL {
            let s = serde_json::to_string(&id).unwrap();
            assert_eq!(s, format!("\"{}\"", id.as_str()));
        }
    }

    const YEARS: Years = Years {
        first: 2011,
        last: 2012,
        discount_rate: 0.0,
    };

    /// Every family, each with its required settings.
    const EVERY_FAMILY: &str = r#"
[unit_capacity]
[site_capacity]
[eligibility]
[transport_access]
max_station_km = 3.0
[stock_target]
targets_km2 = { a = 1.0 }
[supply_cap]
max_km2 = 1.0
[stock_share]
min_share = 0.5
[urban_rural_supply]
target_km2 = 1.0
[urban_rural_stock]
target_km2 = 1.0
[infrastructure_supply]
target_km2 = 1.0
[supply_mix]
shares.residential = { share = 0.3 }
[affordable_share]
min_share = 0.5
[affordable_homes]
homes = 100.0
homes_per_km2 = 100.0
[new_construction_quota]
max_km2 = 1.0
[arable_floor]
min_km2 = 1.0
[occupation_balance]
[basic_farmland]
min_km2 = 1.0
[farmland_concentration]
[construction_cap]
max_km2 = 1.0
[land_per_gdp]
decline = 0.3
[non_construction_share]
min_share = 0.5
[town_construction_cap]
max_km2 = 1.0
[ecological_zone]
zones = ["a"]
[linkage_balance]
max_distance_km = 10.0
[resettlement]
land_m2_per_person = 50.0
[linear]
rules = [{ id = "r", relation = "<=", bound = 1.0, terms = [{ uses = ["market"] }] }]
[supplement_first]
[turnover_quota]
[annual_plan]
limits = [{ activity = "supply", max_km2 = { 2011 = 1.0 } }]
"#;

    #[test]
    fn soft_without_penalty_is_rejected_for_every_family() {
        let rules: Rules = toml::from_str(EVERY_FAMILY).unwrap();
        assert_eq!(
            rules.enabled(),
            RuleId::ALL.to_vec(),
            "EVERY_FAMILY must list every family of the registry"
        );
        let mut p = Vec::new();
        rules.validate("m.toml", None, Some(&YEARS), &mut p);
        assert!(p.is_empty(), "{p:?}");
        // Each family made soft without a penalty: every one must be refused.
        let mut soft = rules.all_soft(1.0);
        macro_rules! strip {
            ($($id:ident : $variant:ident ($($ty:tt)::+)),* $(,)?) => {$(
                if let Some(r) = soft.$id.as_mut() {
                    r.penalty = None;
                    r.mode = Mode::Soft;
                }
            )*};
        }
        for_each_family!(strip);
        soft.validate("m.toml", None, Some(&YEARS), &mut p);
        for id in RuleId::ALL {
            assert!(
                p.iter()
                    .any(|p| p.record == format!("rules.{id}") && p.field == "penalty"),
                "{id}: a soft rule without a penalty passed validation"
            );
        }
    }

    #[test]
    fn all_soft_leaves_column_deciding_families_and_capacities_hard() {
        let rules = Rules {
            eligibility: Some(toml::from_str("").unwrap()),
            unit_capacity: Some(toml::from_str("").unwrap()),
            site_capacity: Some(toml::from_str("").unwrap()),
            supply_cap: Some(toml::from_str("max_km2 = 1.0").unwrap()),
            ..Default::default()
        };
        let soft = rules.all_soft(2.0);
        assert_eq!(soft.eligibility.unwrap().mode, Mode::Hard);
        assert_eq!(soft.unit_capacity.unwrap().mode, Mode::Hard);
        assert_eq!(soft.site_capacity.unwrap().mode, Mode::Hard);
        assert_eq!(soft.supply_cap.unwrap().soft_penalty(), Some(2.0));
    }
}
