//! Row of `land_per_gdp`: construction land at period end ≤ (1 − decline) · baseline
//! construction · GDP growth. See [`crate::policy::LandPerGdp`].

use super::construction_cap::construction_change;
use super::Ctx;
use crate::policy::Level;
use crate::policy::{Family, LandPerGdp, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &LandPerGdp) {
    // validation refuses the family on an instance without GDP
    let Some(max) = r.max_km2(c.inst) else { return };
    let offset = c.inst.region.baseline.construction_km2;
    c.begin(RowRef::whole(RuleId::LandPerGdp), -INF, max, offset, r.soft_penalty());
    construction_change(c, 1.0);
    c.add_rebase(Level::Construction, 1.0);
    c.b.end_row();
}
