//! Check of `transport_access`: hard, km² of the rule's uses at places too far from a
//! station (must be 0); soft, km²·km beyond the distance, priced in the objective.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, RowRef, RuleId, TransportAccess};

pub(super) fn check(c: &Ctx<'_>, r: &TransportAccess, l: &mut Lines) {
    let mut beyond_km2 = 0.0;
    let mut beyond_km2_km = 0.0;
    let places = c
        .inst
        .units
        .iter()
        .map(|u| u.station_km)
        .zip(c.alloc.units.iter())
        .chain(c.inst.sites.iter().map(|s| s.station_km).zip(c.alloc.sites.iter()));
    for (dist, a) in places {
        if dist > r.max_station_km {
            for k in c.inst.uses.iter().filter(|&k| r.km_beyond(k, dist) > 0.0) {
                let v = a[k.index()].max(0.0);
                beyond_km2 += v;
                beyond_km2_km += v * (dist - r.max_station_km);
            }
        }
    }
    let row = RowRef::whole(RuleId::TransportAccess);
    match r.soft_penalty() {
        None => l.push(row, beyond_km2, None, Some(0.0), None),
        Some(p) => {
            l.transport_penalty = p * beyond_km2_km;
            l.push_priced(row, beyond_km2_km, p);
        }
    }
}
