//! The independent check: every rule and the objective recomputed from the instance, the
//! policy model and the allocation alone — never from the solver's matrix (this module does
//! not use [`crate::programme`]). A check that reused the formulation would only re-check the
//! solver; this one re-checks the model.
//!
//! Each rule instance becomes a [`RuleLine`] named exactly like its programme row
//! (`rule_id[key]`), with value, bounds, slack and violation. A hard rule violated beyond
//! [`tolerance`] fails the check, and so does an objective that differs from the solver's.

mod accounts;
mod linkage;

pub use accounts::{Accounts, Aggregates};

use crate::instance::Instance;
use crate::land_use::{LandUse, UseGroup};
use crate::policy::{active, quality_weight, Enforced, PolicyModel, RuleId};
use crate::solution::Allocation;
use serde::Serialize;

/// Feasibility tolerance for a row with bound `b`: 1e-6 · max(1, |b|) km².
pub fn tolerance(bound: f64) -> f64 {
    1e-6 * bound.abs().max(1.0)
}

/// One rule instance, recomputed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleLine {
    /// `rule_id` or `rule_id[key]`, as the programme names the row.
    pub name: String,
    pub rule: RuleId,
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Distance to the nearest bound (negative when violated).
    pub slack: f64,
    /// How far outside its bounds the value is (0 when satisfied).
    pub violation: f64,
    /// Penalty per km² of violation when soft.
    pub penalty: Option<f64>,
    /// Whether the line is within tolerance of a bound.
    pub binding: bool,
}

/// The objective recomputed, million yuan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct ObjectiveParts {
    /// Weighted value of the uses created.
    pub value: f64,
    /// Weighted redevelopment, construction and consolidation costs.
    pub cost: f64,
    /// Soft transport-access penalties (per km² per km beyond the distance).
    pub transport_penalty: f64,
    /// Penalties of soft rules' violations.
    pub soft_penalty: f64,
    /// value − cost − transport_penalty − soft_penalty.
    pub total: f64,
}

/// The check's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub lines: Vec<RuleLine>,
    pub accounts: Accounts,
    pub aggregates: Aggregates,
    pub objective: ObjectiveParts,
    /// The solver's objective, if one was given to compare with.
    pub reported_objective: Option<f64>,
    /// Every failure: a hard rule violated beyond tolerance, a negative allocation, an
    /// allocation to a use not offered, or an objective mismatch.
    pub failures: Vec<String>,
}

impl CheckReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
    /// The line named `name`.
    pub fn line(&self, name: &str) -> Option<&RuleLine> {
        self.lines.iter().find(|l| l.name == name)
    }
}

pub(crate) struct Lines<'a> {
    pub(crate) lines: Vec<RuleLine>,
    pub(crate) failures: Vec<String>,
    pub(crate) soft_penalty: f64,
    _m: std::marker::PhantomData<&'a ()>,
}

impl Lines<'_> {
    fn push(
        &mut self,
        rule: RuleId,
        key: Option<&str>,
        value: f64,
        lower: Option<f64>,
        upper: Option<f64>,
        r: &dyn Enforced,
    ) {
        let name = match key {
            Some(k) => format!("{rule}[{k}]"),
            None => rule.to_string(),
        };
        let below = lower.map_or(f64::INFINITY, |l| value - l);
        let above = upper.map_or(f64::INFINITY, |u| u - value);
        let slack = below.min(above);
        let violation = (-slack).max(0.0);
        let tol = tolerance(lower.or(upper).unwrap_or(0.0));
        let penalty = r.soft_penalty();
        match penalty {
            Some(p) => self.soft_penalty += p * violation,
            None => {
                if violation > tol {
                    self.failures.push(format!(
                        "{name}: value {value:.6} outside [{}, {}] by {violation:.6}",
                        lower.map_or("-inf".into(), |v| format!("{v:.6}")),
                        upper.map_or("inf".into(), |v| format!("{v:.6}")),
                    ));
                }
            }
        }
        self.lines.push(RuleLine {
            name,
            rule,
            value,
            lower,
            upper,
            slack,
            violation,
            penalty,
            binding: slack.abs() <= tol,
        });
    }
}

/// Recompute every rule of `model` and the objective for `alloc` on `inst`. When
/// `reported_objective` is given, a mismatch beyond 1e-6 relative is a failure.
pub fn check(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    reported_objective: Option<f64>,
) -> CheckReport {
    let rules = &model.rules;
    let mut l = Lines {
        lines: Vec::new(),
        failures: Vec::new(),
        soft_penalty: 0.0,
        _m: std::marker::PhantomData,
    };
    let shape_ok = alloc.units.len() == inst.units.len()
        && alloc.sites.len() == inst.sites.len()
        && alloc.projects.len() == inst.projects.len();
    if !shape_ok {
        l.failures.push(
            "the allocation does not have one entry per unit, site and project of the instance"
                .into(),
        );
        let acc = Accounts::default();
        return CheckReport {
            lines: l.lines,
            accounts: acc,
            aggregates: Aggregates::default(),
            objective: ObjectiveParts::default(),
            reported_objective,
            failures: l.failures,
        };
    }

    // Domain: non-negative, within the uses offered.
    for (u, a) in inst.units.iter().zip(&alloc.units) {
        for k in LandUse::ALL {
            let v = a[k.index()];
            if v < -tolerance(0.0) || !v.is_finite() {
                l.failures.push(format!(
                    "unit {}: {k} allocation {v} is negative or not finite",
                    u.id
                ));
            }
            if v > tolerance(0.0) && u.uses[k.index()].is_none() {
                l.failures.push(format!(
                    "unit {}: {v} km² allocated to {k}, a use the unit does not offer",
                    u.id
                ));
            }
        }
    }
    for (s, a) in inst.sites.iter().zip(&alloc.sites) {
        for k in LandUse::ALL {
            let v = a[k.index()];
            if v < -tolerance(0.0) || !v.is_finite() {
                l.failures.push(format!(
                    "site {}: {k} allocation {v} is negative or not finite",
                    s.id
                ));
            }
            if v > tolerance(0.0) && (s.uses[k.index()].is_none() || !k.is_construction()) {
                l.failures.push(format!(
                    "site {}: {v} km² allocated to {k}, a use the site does not offer",
                    s.id
                ));
            }
        }
    }
    for (p, &v) in inst.projects.iter().zip(&alloc.projects) {
        if v < -tolerance(0.0) || v > p.capacity_km2 + tolerance(p.capacity_km2) {
            l.failures.push(format!(
                "project {}: {v} km² outside [0, {}]",
                p.id, p.capacity_km2
            ));
        }
    }

    let acc = accounts::period_end(inst, alloc);
    let agg = accounts::aggregates(inst, alloc);

    if let Some(r) = active(&rules.unit_capacity) {
        for (u, a) in inst.units.iter().zip(&alloc.units) {
            let total: f64 = a.iter().sum();
            l.push(
                RuleId::UnitCapacity,
                Some(&u.id),
                total,
                None,
                Some(u.area_km2),
                r,
            );
            let reclaimable = u.reclaimable_share * u.area_km2;
            let ar = a[LandUse::Arable.index()];
            if ar > reclaimable + tolerance(reclaimable) {
                l.failures.push(format!(
                    "unit_capacity[{}]: {ar} km² reclaimed to arable, more than the reclaimable {reclaimable} km²",
                    u.id
                ));
            }
        }
    }
    if let Some(r) = active(&rules.site_capacity) {
        for (s, a) in inst.sites.iter().zip(&alloc.sites) {
            l.push(
                RuleId::SiteCapacity,
                Some(&s.id),
                a.iter().sum(),
                None,
                Some(s.capacity_km2),
                r,
            );
        }
    }
    if let Some(r) = active(&rules.eligibility) {
        let mut bad = 0.0;
        for (u, a) in inst.units.iter().zip(&alloc.units) {
            for k in LandUse::ALL {
                let v = a[k.index()];
                let barred = (u.in_redline && !r.redline_uses.contains(&k))
                    || (u.in_basic_farmland_area && !r.basic_farmland_area_uses.contains(&k));
                if barred {
                    bad += v.max(0.0);
                }
            }
        }
        if !r.allow_sites_on_basic_farmland {
            for (s, a) in inst.sites.iter().zip(&alloc.sites) {
                if s.basic_farmland_share > 0.0 {
                    bad += a.iter().map(|v| v.max(0.0)).sum::<f64>();
                }
            }
        }
        l.push(RuleId::Eligibility, None, bad, None, Some(0.0), r);
    }
    let mut transport_penalty = 0.0;
    if let Some(r) = active(&rules.transport_access) {
        let mut beyond_km2 = 0.0;
        let mut beyond_km2_km = 0.0;
        let places = inst
            .units
            .iter()
            .map(|u| u.station_km)
            .zip(alloc.units.iter())
            .chain(
                inst.sites
                    .iter()
                    .map(|s| s.station_km)
                    .zip(alloc.sites.iter()),
            );
        for (dist, a) in places {
            if dist > r.max_station_km {
                for &k in &r.uses {
                    let v = a[k.index()].max(0.0);
                    beyond_km2 += v;
                    beyond_km2_km += v * (dist - r.max_station_km);
                }
            }
        }
        match r.soft_penalty() {
            None => l.push(
                RuleId::TransportAccess,
                None,
                beyond_km2,
                None,
                Some(0.0),
                r,
            ),
            Some(p) => {
                transport_penalty = p * beyond_km2_km;
                // Soft: reported as km²·km beyond, priced in the objective, never a violation.
                l.lines.push(RuleLine {
                    name: RuleId::TransportAccess.to_string(),
                    rule: RuleId::TransportAccess,
                    value: beyond_km2_km,
                    lower: None,
                    upper: None,
                    slack: f64::INFINITY,
                    violation: 0.0,
                    penalty: Some(p),
                    binding: false,
                });
            }
        }
    }
    if let Some(r) = active(&rules.stock_target) {
        for (zone, &target) in &r.targets_km2 {
            let Some(z) = inst.zone_index(zone) else {
                continue;
            };
            let mut v = 0.0;
            for (u, a) in inst.units.iter().zip(&alloc.units) {
                if inst.districts[u.district].zone == z {
                    v += r.counts.iter().map(|k| a[k.index()]).sum::<f64>();
                }
            }
            l.push(
                RuleId::StockTarget,
                Some(zone),
                v,
                Some((target - r.tolerance_km2).max(0.0)),
                Some(target + r.tolerance_km2),
                r,
            );
        }
    }
    let stock_c = agg.stock_construction;
    let linkage: f64 = alloc.flows.iter().map(|f| f.quota_km2).sum();
    let link = active(&rules.linkage_balance);
    let new_c = agg.new_construction;
    let supply = stock_c + new_c;
    if let Some(r) = active(&rules.supply_cap) {
        l.push(RuleId::SupplyCap, None, supply, None, Some(r.max_km2), r);
    }
    if let Some(r) = active(&rules.stock_share) {
        l.push(
            RuleId::StockShare,
            None,
            // with the linkage counted as stock, its quota is stock-sourced supply
            stock_c
                + if link.is_some_and(|k| k.counts_as_stock) {
                    linkage
                } else {
                    0.0
                }
                - r.min_share * supply,
            Some(0.0),
            None,
            r,
        );
    }
    let ur_stock = agg.stock_by_group[0] + agg.stock_by_group[1];
    let ur_new = agg.new_by_group[0] + agg.new_by_group[1];
    if let Some(r) = active(&rules.urban_rural_supply) {
        l.push(
            RuleId::UrbanRuralSupply,
            None,
            ur_stock + ur_new,
            Some((r.target_km2 - r.tolerance_km2).max(0.0)),
            Some(r.target_km2 + r.tolerance_km2),
            r,
        );
    }
    if let Some(r) = active(&rules.urban_rural_stock) {
        l.push(
            RuleId::UrbanRuralStock,
            None,
            ur_stock,
            Some((r.target_km2 - r.tolerance_km2).max(0.0)),
            Some(r.target_km2 + r.tolerance_km2),
            r,
        );
    }
    if let Some(r) = active(&rules.supply_mix) {
        for (&g, m) in &r.shares {
            let gi = match g {
                UseGroup::Residential => 0,
                UseGroup::Industrial => 1,
                UseGroup::Infrastructure => 2,
                UseGroup::NonConstruction => continue,
            };
            let gv = agg.stock_by_group[gi] + agg.new_by_group[gi];
            let lo = (m.share - m.band).max(0.0);
            let hi = (m.share + m.band).min(1.0);
            l.push(
                RuleId::SupplyMix,
                Some(&format!("{g}.min")),
                gv - lo * supply,
                Some(0.0),
                None,
                r,
            );
            l.push(
                RuleId::SupplyMix,
                Some(&format!("{g}.max")),
                gv - hi * supply,
                None,
                Some(0.0),
                r,
            );
        }
    }
    if let Some(r) = active(&rules.affordable_share) {
        let aff = agg.affordable;
        let res = agg.stock_by_group[0] + agg.new_by_group[0];
        l.push(
            RuleId::AffordableShare,
            None,
            aff - r.min_share * res,
            Some(0.0),
            None,
            r,
        );
    }
    if let Some(r) = active(&rules.new_construction_quota) {
        l.push(
            RuleId::NewConstructionQuota,
            None,
            // linkage-backed construction does not use the quota
            new_c - if link.is_some() { linkage } else { 0.0 },
            None,
            Some(r.max_km2),
            r,
        );
    }
    if let Some(r) = active(&rules.arable_floor) {
        l.push(
            RuleId::ArableFloor,
            None,
            acc.arable,
            Some(r.min_km2),
            None,
            r,
        );
    }
    if let Some(r) = active(&rules.occupation_balance) {
        let balance = |w: &dyn Fn(u8) -> f64| {
            let mut v = 0.0;
            for (u, a) in inst.units.iter().zip(&alloc.units) {
                v += w(u.arable_grade) * a[LandUse::Arable.index()];
            }
            for (p, &c) in inst.projects.iter().zip(&alloc.projects) {
                v += w(p.arable_grade) * c;
            }
            for (s, a) in inst.sites.iter().zip(&alloc.sites) {
                v -= w(s.arable_grade) * s.arable_share * a.iter().sum::<f64>();
            }
            v
        };
        l.push(
            RuleId::OccupationBalance,
            Some("area"),
            balance(&|_| 1.0),
            Some(0.0),
            None,
            r,
        );
        if r.quality_weighted {
            l.push(
                RuleId::OccupationBalance,
                Some("quality"),
                balance(&quality_weight),
                Some(0.0),
                None,
                r,
            );
        }
    }
    if let Some(r) = active(&rules.basic_farmland) {
        l.push(
            RuleId::BasicFarmland,
            None,
            acc.basic_farmland,
            Some(r.min_km2),
            None,
            r,
        );
    }
    if let Some(r) = active(&rules.construction_cap) {
        l.push(
            RuleId::ConstructionCap,
            None,
            acc.construction,
            None,
            Some(r.max_km2),
            r,
        );
    }
    if let Some(r) = active(&rules.non_construction_share) {
        let total = inst.region.baseline.total_km2;
        l.push(
            RuleId::NonConstructionShare,
            None,
            total - acc.construction,
            Some(r.min_share * total),
            None,
            r,
        );
    }
    if let Some(r) = active(&rules.town_construction_cap) {
        l.push(
            RuleId::TownConstructionCap,
            None,
            acc.town,
            None,
            Some(r.max_km2),
            r,
        );
    }
    if let Some(r) = active(&rules.ecological_zone) {
        for zone in &r.zones {
            let Some(z) = inst.zone_index(zone) else {
                continue;
            };
            let mut growth = 0.0;
            for (s, a) in inst.sites.iter().zip(&alloc.sites) {
                if inst.districts[s.district].zone == z {
                    growth += LandUse::CONSTRUCTION
                        .iter()
                        .map(|k| a[k.index()])
                        .sum::<f64>();
                }
            }
            for (u, a) in inst.units.iter().zip(&alloc.units) {
                if inst.districts[u.district].zone == z {
                    growth -= a[LandUse::Arable.index()] + a[LandUse::Ecological.index()];
                }
            }
            l.push(
                RuleId::EcologicalZone,
                Some(zone),
                growth,
                None,
                Some(0.0),
                r,
            );
        }
    }

    let linkage_cost = linkage::check(inst, model, alloc, &mut l);
    linkage::check_whole_units(inst, model, alloc, &mut l);

    // Objective, from the instance's values and costs.
    let vw = model.objective.effective_value_weight();
    let cw = model.objective.cost_weight;
    let mut value = 0.0;
    let mut cost = 0.0;
    for (u, a) in inst.units.iter().zip(&alloc.units) {
        for k in LandUse::ALL {
            if let Some(e) = u.uses[k.index()] {
                value += vw * e.value * a[k.index()];
                cost += cw * e.cost * a[k.index()];
            }
        }
    }
    for (s, a) in inst.sites.iter().zip(&alloc.sites) {
        for k in LandUse::CONSTRUCTION {
            if let Some(e) = s.uses[k.index()] {
                value += vw * e.value * a[k.index()];
                cost += cw * e.cost * a[k.index()];
            }
        }
    }
    for (p, &c) in inst.projects.iter().zip(&alloc.projects) {
        cost += cw * p.cost * c;
    }
    cost += linkage_cost;
    let objective = ObjectiveParts {
        value,
        cost,
        transport_penalty,
        soft_penalty: l.soft_penalty,
        total: value - cost - transport_penalty - l.soft_penalty,
    };
    if let Some(rep) = reported_objective {
        let scale = value.abs().max(cost.abs()).max(1.0);
        if (rep - objective.total).abs() > 1e-6 * scale {
            l.failures.push(format!(
                "objective: the solver reports {rep:.6}, recomputed from the allocation {:.6}",
                objective.total
            ));
        }
    }
    CheckReport {
        lines: l.lines,
        accounts: acc,
        aggregates: agg,
        objective,
        reported_objective,
        failures: l.failures,
    }
}
