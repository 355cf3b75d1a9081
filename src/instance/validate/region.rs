//! The region and its parts: the baseline accounts, zones, districts (whose accounts must add up to the region's), farmland concentration areas and district boundaries.

use super::*;

pub(super) fn region(ctx: &mut Ctx, mf: &str, m: &InstanceFile) -> Region {
    if m.schema_version != SCHEMA_VERSION {
        ctx.push(
            mf,
            "document",
            "schema_version",
            format!(
                "this build reads schema_version {SCHEMA_VERSION}, found {}",
                m.schema_version
            ),
        );
    }
    let baseline = ctx.accounts(mf, "region.baseline", &m.region.baseline);
    let ek = m.region.exogenous.unit.to_km2();
    for (field, v) in [
        ("arable", m.region.exogenous.arable),
        ("basic_farmland", m.region.exogenous.basic_farmland),
    ] {
        if !v.is_finite() || v.abs() > range::AREA_KM2 {
            ctx.push(
                mf,
                "region.exogenous",
                field,
                format!(
                    "expected a number in [-{a:e}, {a:e}], found {v}",
                    a = range::AREA_KM2
                ),
            );
        }
    }
    let gdp = m.region.gdp.as_ref().map(|g| {
        for (field, v) in [("baseline", g.baseline), ("period_end", g.period_end)] {
            if !(v.is_finite() && v > 0.0 && v <= 1e12) {
                ctx.push(
                    mf,
                    "region.gdp",
                    field,
                    format!("expected a GDP in (0, 10¹²], found {v}"),
                );
            }
        }
        crate::instance::Gdp {
            baseline: g.baseline,
            period_end: g.period_end,
            unit: g.unit.clone(),
        }
    });
    Region {
        name: m.region.name.clone(),
        baseline_year: m.region.baseline_year,
        baseline,
        exogenous: ExogenousChange {
            arable_km2: m.region.exogenous.arable * ek,
            basic_farmland_km2: m.region.exogenous.basic_farmland * ek,
        },
        gdp,
    }
}

pub(super) fn zones<'a>(
    ctx: &mut Ctx,
    mf: &str,
    m: &'a InstanceFile,
) -> (Vec<Zone>, HashMap<&'a str, usize>) {
    let mut zone_ix: HashMap<&str, usize> = HashMap::new();
    let mut zones = Vec::new();
    for (i, z) in m.zones.iter().enumerate() {
        if zone_ix.insert(z.id.as_str(), i).is_some() {
            ctx.push(
                mf,
                &format!("zones[{i}]"),
                "id",
                format!("duplicate zone id `{}`", z.id),
            );
        }
        if z.id.is_empty() {
            ctx.push(mf, &format!("zones[{i}]"), "id", "expected a non-empty id");
        }
        zones.push(Zone {
            id: z.id.clone(),
            name: z.name.clone(),
        });
    }
    if zones.is_empty() {
        ctx.push(mf, "zones", "", "expected at least one zone");
    }
    (zones, zone_ix)
}

pub(super) fn districts<'a>(
    ctx: &mut Ctx,
    mf: &str,
    m: &'a InstanceFile,
    zone_ix: &HashMap<&str, usize>,
    region: &Region,
) -> (Vec<District>, HashMap<&'a str, usize>) {
    let mut district_ix: HashMap<&str, usize> = HashMap::new();
    let mut districts = Vec::new();
    let mut sum = Accounts::default();
    let mut all_have_accounts = !m.districts.is_empty();
    for (i, d) in m.districts.iter().enumerate() {
        let rec = format!("district {}", d.id);
        if district_ix.insert(d.id.as_str(), i).is_some() {
            ctx.push(mf, &rec, "id", format!("duplicate district id `{}`", d.id));
        }
        let zone = match zone_ix.get(d.zone.as_str()) {
            Some(&z) => z,
            None => {
                ctx.push(
                    mf,
                    &rec,
                    "zone",
                    format!(
                        "unknown zone `{}`: expected one of {}",
                        d.zone,
                        m.zones
                            .iter()
                            .map(|z| z.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                0
            }
        };
        ctx.id(mf, &rec, &d.id);
        ctx.within(
            mf,
            &rec,
            "population",
            d.population,
            range::POPULATION,
            "people",
        );
        ctx.non_negative(mf, &rec, "area_km2", d.area_km2);
        let baseline = d.baseline.as_ref().map(|b| {
            let a = ctx.accounts(mf, &format!("{rec}.baseline"), b);
            sum.total_km2 += a.total_km2;
            sum.arable_km2 += a.arable_km2;
            sum.basic_farmland_km2 += a.basic_farmland_km2;
            sum.construction_km2 += a.construction_km2;
            sum.urban_rural_km2 += a.urban_rural_km2;
            sum.town_km2 += a.town_km2;
            a
        });
        all_have_accounts &= baseline.is_some();
        let seat = match (d.seat_lon, d.seat_lat) {
            (Some(lon), Some(lat)) => {
                ctx.location(mf, &rec, lon, lat, "seat_");
                Some((lon, lat))
            }
            (None, None) => None,
            _ => {
                ctx.push(
                    mf,
                    &rec,
                    "seat_lat",
                    "give both seat_lon and seat_lat, or neither",
                );
                None
            }
        };
        districts.push(District {
            id: d.id.clone(),
            name: d.name.clone(),
            name_zh: d.name_zh.clone().filter(|n| !n.trim().is_empty()),
            zone,
            population: d.population,
            area_km2: d.area_km2,
            seat,
            baseline,
            boundary: None,
        });
    }
    if all_have_accounts {
        let b = &region.baseline;
        for (field, s, r) in [
            ("total", sum.total_km2, b.total_km2),
            ("arable", sum.arable_km2, b.arable_km2),
            (
                "basic_farmland",
                sum.basic_farmland_km2,
                b.basic_farmland_km2,
            ),
            ("construction", sum.construction_km2, b.construction_km2),
            ("urban_rural", sum.urban_rural_km2, b.urban_rural_km2),
            ("town", sum.town_km2, b.town_km2),
        ] {
            // land areas are rounded and revised by their sources; the accounts add up
            let (tol, within) = if field == "total" {
                (
                    AREA_TOLERANCE * r,
                    format!(" within {:.0}%", 100.0 * AREA_TOLERANCE),
                )
            } else {
                (1e-6 * r.max(1.0), String::new())
            };
            if (s - r).abs() > tol {
                ctx.push(
                    mf,
                    "districts",
                    field,
                    format!("district baselines add up to {s:.4} km², the region's baseline says {r:.4} km²: expected them to agree{within}"),
                );
            }
        }
    }
    let area: f64 = districts.iter().map(|d| d.area_km2).sum();
    let total = region.baseline.total_km2;
    if !districts.is_empty()
        && districts.iter().all(|d| d.area_km2 > 0.0)
        && (area - total).abs() > AREA_TOLERANCE * total
    {
        ctx.push(
            mf,
            "districts",
            "area_km2",
            format!("district areas add up to {area:.4} km², the region's total is {total:.4} km²: expected them to agree within {:.0}%", 100.0 * AREA_TOLERANCE),
        );
    }
    (districts, district_ix)
}

/// How far the districts' land areas may differ from the region's total area (sources
/// round and revise areas; the accounts must agree exactly).
pub(super) const AREA_TOLERANCE: f64 = 0.01;

/// The farmland concentration areas: unique ids, a district of the instance, arable ≥ basic
/// farmland ≥ 0.
pub(super) fn farmland_areas(
    ctx: &mut Ctx,
    mf: &str,
    m: &InstanceFile,
    places: &Places,
) -> Vec<crate::instance::FarmlandArea> {
    let mut out = Vec::new();
    for (i, a) in m.farmland_areas.iter().enumerate() {
        let rec = format!("farmland_areas[{i}] (area {})", a.id);
        if m.farmland_areas[..i].iter().any(|o| o.id == a.id) {
            ctx.push(
                mf,
                &rec,
                "id",
                format!("area id `{}` is given twice: expected each once", a.id),
            );
        }
        let district = places.districts.get(a.district.as_str()).copied();
        if district.is_none() {
            ctx.push(
                mf,
                &rec,
                "district",
                format!("unknown district `{}`", a.district),
            );
        }
        for (field, v) in [
            ("arable_km2", a.arable_km2),
            ("basic_farmland_km2", a.basic_farmland_km2),
        ] {
            if !v.is_finite() || v < 0.0 {
                ctx.push(
                    mf,
                    &rec,
                    field,
                    format!("expected a finite area ≥ 0 km², found {v}"),
                );
            }
        }
        if a.basic_farmland_km2 > a.arable_km2 {
            ctx.push(
                mf,
                &rec,
                "basic_farmland_km2",
                format!("{} km² of basic farmland in {} km² of arable: expected basic farmland to be part of the arable", a.basic_farmland_km2, a.arable_km2),
            );
        }
        out.push(crate::instance::FarmlandArea {
            id: a.id.clone(),
            name: a.name.clone(),
            district: district.unwrap_or(0),
            arable_km2: a.arable_km2,
            basic_farmland_km2: a.basic_farmland_km2,
        });
    }
    out
}

/// Each district's boundary from the boundaries layer: every id known, none twice.
pub(super) fn boundaries(
    ctx: &mut Ctx,
    parts: &InstanceParts,
    district_ix: &HashMap<&str, usize>,
    n: usize,
) -> Vec<Option<geo::MultiPolygon<f64>>> {
    let mut out = vec![None; n];
    for l in &parts.boundaries {
        let (id, poly) = &l.record;
        match district_ix.get(id.as_str()) {
            Some(&d) if out[d].is_some() => ctx.push(
                &l.file,
                &l.at,
                "id",
                format!("district `{id}` has two boundaries: expected one feature per district"),
            ),
            Some(&d) => out[d] = Some(poly.clone()),
            None => ctx.push(
                &l.file,
                &l.at,
                "id",
                format!("unknown district `{id}`: expected a district id of the manifest"),
            ),
        }
    }
    out
}
