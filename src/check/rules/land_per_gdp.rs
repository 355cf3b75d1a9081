//! Check of `land_per_gdp`: construction land at period end, from the accounts, against
//! the baseline's land per unit of GDP lowered by the decline and carried to period-end GDP.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, LandPerGdp, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &LandPerGdp, l: &mut Lines) {
    let Some(g) = c.inst.region.gdp.as_ref() else {
        l.fail("land_per_gdp: the instance gives no GDP");
        return;
    };
    // land per unit of GDP at each end, recomputed from the accounts
    let base = c.inst.region.baseline.construction_km2 / g.baseline;
    let allowed = (1.0 - r.decline) * base * g.period_end;
    l.push(
        RowRef::whole(RuleId::LandPerGdp),
        c.accounts.construction,
        None,
        Some(allowed),
        r.soft_penalty(),
    );
}
