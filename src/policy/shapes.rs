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
        always_hard(v, self.mode);
    }
}

/// Refuse a soft capacity: it states what exists; softened, it would create land.
pub(super) fn always_hard(v: &mut Validator<'_>, mode: Mode) {
    if mode == Mode::Soft {
        v.push(
            "mode",
            "a capacity is always hard (it states what exists; softened, it would create land): expected mode = \"hard\"",
        );
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

/// How a plan's sentence states a target, and so which bounds it puts on the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// 力争, 不低于: value ≥ target.
    AtLeast,
    /// 以内, 控制在, 不超过: value ≤ target.
    AtMost,
    /// 左右, 约: target − tolerance ≤ value ≤ target + tolerance; the band is a modelling
    /// choice, stated in the model (a tolerance in km² or as a share of the target).
    About,
    /// value = target.
    Exact,
}

impl Reading {
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::AtLeast => "at_least",
            Reading::AtMost => "at_most",
            Reading::About => "about",
            Reading::Exact => "exact",
        }
    }
}

/// A target as read: its reading and its band (km²), shared by every target family.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub reading: Reading,
    /// Half-width of an `about` band, km² (0 otherwise).
    pub band_km2: f64,
}

impl Target {
    /// The reading of a target: the one stated, else `about` when a band is given and
    /// `exact` when none is (the behaviour of models written before readings existed).
    pub fn of(
        reading: Option<Reading>,
        target: f64,
        tolerance_km2: f64,
        tolerance_share: Option<f64>,
    ) -> Target {
        let band = tolerance_share.map_or(tolerance_km2, |s| s * target.abs());
        let reading = reading.unwrap_or(if band > 0.0 {
            Reading::About
        } else {
            Reading::Exact
        });
        Target {
            reading,
            band_km2: if reading == Reading::About { band } else { 0.0 },
        }
    }

    /// The bounds on the value for `target`: (lower, upper), the lower cut at 0, an open
    /// side infinite.
    pub fn bounds(&self, target: f64) -> (f64, f64) {
        match self.reading {
            Reading::AtLeast => (target.max(0.0), f64::INFINITY),
            Reading::AtMost => (0.0, target),
            Reading::About => ((target - self.band_km2).max(0.0), target + self.band_km2),
            Reading::Exact => (target.max(0.0), target),
        }
    }
}

/// Refuse a reading and a band that contradict each other: a band with `at_least`,
/// `at_most` or `exact`, an `about` without one, both a km² and a share band, a share
/// outside (0, 1).
pub fn check_reading(
    v: &mut Validator<'_>,
    reading: Option<Reading>,
    tolerance_km2: f64,
    tolerance_share: Option<f64>,
) {
    if let Some(s) = tolerance_share {
        if !(s.is_finite() && s > 0.0 && s < 1.0) {
            v.push(
                "tolerance_share",
                format!("expected a share of the target in (0, 1), found {s}"),
            );
        }
        if tolerance_km2 != 0.0 {
            v.push("tolerance_share", "a band is given either in km² (tolerance_km2) or as a share (tolerance_share): expected one of them");
        }
    }
    let band = tolerance_km2 > 0.0 || tolerance_share.is_some();
    match reading {
        Some(r @ (Reading::AtLeast | Reading::AtMost | Reading::Exact)) if band => v.push(
            "reading",
            format!(
                "a target read as {} has no band: expected no tolerance, or reading = \"about\"",
                r.as_str()
            ),
        ),
        Some(Reading::About) if !band => v.push(
            "reading",
            "a target read as about needs its band: expected tolerance_km2 > 0 or tolerance_share",
        ),
        _ => {}
    }
}

/// A target with a tolerance band, km²: target − tolerance ≤ value ≤ target + tolerance
/// (the lower end cut at 0), or as `reading` says (at least, at most, about, exact). `S`
/// says what the value sums, so that validation refuses a target more than the instance
/// could ever supply.
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
    /// The band as a share of the target (instead of `tolerance_km2`).
    #[serde(default)]
    pub tolerance_share: Option<f64>,
    /// How the plan states the target (default: about with a band, exact without).
    #[serde(default)]
    pub reading: Option<Reading>,
    #[serde(skip)]
    pub scope: PhantomData<fn() -> S>,
}

impl<S> Band<S> {
    /// The target as read.
    pub fn target(&self) -> Target {
        Target::of(
            self.reading,
            self.target_km2,
            self.tolerance_km2,
            self.tolerance_share,
        )
    }
    /// The bounds on the value (an open side infinite).
    pub fn bounds(&self) -> (f64, f64) {
        self.target().bounds(self.target_km2)
    }
}

impl<S: Scope> Family for Band<S> {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("target_km2", self.target_km2);
        v.km2("tolerance_km2", self.tolerance_km2);
        check_reading(v, self.reading, self.tolerance_km2, self.tolerance_share);
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
