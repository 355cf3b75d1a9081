//! Shapes of settings shared by several families: a capacity ([`Capacity`]), a target with
//! a band ([`Band`]), a cap ([`Cap`]), a floor ([`Floor`]) and a minimum share
//! ([`MinShare`]). A family of one of these shapes is a type alias with its own formula in
//! its own file under `rules/`; this file is no family (it has no rows and no check).

use super::rules::{enforcement, yes, Family, Mode, Validator};
use crate::instance::Instance;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// What a band's value sums, for the static check that its target can be met at all.
pub trait Scope {
    /// The most the value could be on `inst`, km².
    fn most(inst: &Instance) -> f64;
}

/// A capacity: what exists (a unit's area, a site's capacity). Always hard: softening it
/// would let the optimiser, or the elastic diagnosis, create land.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
}

impl Family for Capacity {
    const SOFTENABLE: bool = false;
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if self.mode == Mode::Soft {
            v.push(
                "mode",
                "a capacity is always hard (it states what exists; softened, it would create land): expected mode = \"hard\"",
            );
        }
    }
}

/// Refuse `required` km² (named `what`, in `field`) above the most scope `S` could reach on
/// the instance the model is checked against.
fn reachable<S: Scope>(v: &mut Validator<'_>, field: &str, what: &str, required: f64) {
    let Some(most) = v.instance().map(S::most) else {
        return;
    };
    if required > most + 1e-9 {
        v.push(
            field,
            format!("{what} ({required} km²) is more than the instance could ever supply ({most:.3} km²): expected a target it can meet"),
        );
    }
}

/// A target with a tolerance band, km²: target − tolerance ≤ value ≤ target + tolerance
/// (the lower end cut at 0). `S` says what the value sums, so that validation refuses a
/// target more than the instance could ever supply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band<S> {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub target_km2: f64,
    #[serde(default)]
    pub tolerance_km2: f64,
    #[serde(skip)]
    pub scope: PhantomData<fn() -> S>,
}

impl<S> Band<S> {
    /// The band's bounds on the value: (max(0, target − tolerance), target + tolerance).
    pub fn bounds(&self) -> (f64, f64) {
        (
            (self.target_km2 - self.tolerance_km2).max(0.0),
            self.target_km2 + self.tolerance_km2,
        )
    }
}

impl<S: Scope> Family for Band<S> {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("target_km2", self.target_km2);
        v.km2("tolerance_km2", self.tolerance_km2);
        reachable::<S>(v, "target_km2", "the band's lower end", self.bounds().0);
    }
}

/// A cap, km²: value ≤ max_km2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

impl Family for Cap {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("max_km2", self.max_km2);
    }
}

/// A floor, km²: value ≥ min_km2. `S` says what the value is, so that validation refuses
/// a floor above the most the instance could reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floor<S> {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_km2: f64,
    #[serde(skip)]
    pub scope: PhantomData<fn() -> S>,
}

impl<S: Scope> Family for Floor<S> {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("min_km2", self.min_km2);
        reachable::<S>(v, "min_km2", "the floor", self.min_km2);
    }
}

/// A minimum share in [0, 1] of some total, stated in km² above it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

impl Family for MinShare {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.share("min_share", self.min_share);
    }
}
