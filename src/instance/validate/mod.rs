//! Turning parsed records into a validated [`Instance`], reporting every problem found:
//! [`from_parts`] runs the checks of each concern in turn (fields, the catalogue of uses, the
//! region and its parts, the transport network, the records, the criteria), each pushing
//! every problem it finds, none stopping the rest.

use super::format::{AccountsRecord, AreaUnit, InstanceFile, InstanceParts, Located};
use super::*;
use crate::error::{Error, Problem};
use std::collections::{HashMap, HashSet};

mod criteria;
mod fields;
mod records;
mod region;
mod transport;
mod uses;

use criteria::*;
use fields::*;
use records::*;
use region::*;
use transport::*;
use uses::*;

/// The documented ranges of an instance's numbers. Anything outside is a typo or a unit
/// mistake, and numbers near the ends of f64 break the solver.
pub mod range {
    /// Largest area, km² (any field: a region, a district, a unit, a capacity): more than
    /// any country's land.
    pub const AREA_KM2: f64 = 2.0e7;
    /// Largest value or cost, million yuan per km² (10⁷ yuan per m²: far above any land
    /// price).
    pub const MONEY: f64 = 1.0e7;
    /// Largest distance, km (the Earth's circumference).
    pub const DISTANCE_KM: f64 = 4.0e4;
    /// Largest travel time, minutes (about two years).
    pub const TIME_MIN: f64 = 1.0e6;
    /// Largest population.
    pub const POPULATION: f64 = 1.0e10;
}

fn check_unique<T>(ctx: &mut Ctx, items: &[Located<T>], id: impl Fn(&T) -> &str) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for it in items {
        let i = id(&it.record);
        if let Some(first) = seen.insert(i, &it.at) {
            ctx.push(
                &it.file,
                &it.at,
                "id",
                format!("duplicate id `{i}` (first at {first}): ids must be unique"),
            );
        }
    }
}

/// Validate and convert; every problem found is reported.
/// Build the instance from its parsed parts, table by table; every problem is reported.
pub fn from_parts(parts: InstanceParts) -> crate::error::Result<Instance> {
    let mut ctx = Ctx {
        problems: Vec::new(),
    };
    let mf = parts.manifest_file.as_str();
    let m = &parts.manifest;
    let region = region(&mut ctx, mf, m);
    let (zones, zone_ix) = zones(&mut ctx, mf, m);
    let (districts, district_ix) = districts(&mut ctx, mf, m, &zone_ix, &region);
    let (transport, nodes, seats) = transport(&mut ctx, mf, m, &district_ix);
    let boundaries = boundaries(&mut ctx, &parts, &district_ix, districts.len());
    let places = Places {
        district_ids: m.districts.iter().map(|d| d.id.as_str()).collect(),
        districts: district_ix,
        nodes,
        seats,
        has_network: m.transport.is_some(),
        node_locations: transport.nodes.iter().map(|n| n.location).collect(),
        boundaries,
        farmland_areas: m
            .farmland_areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), (i, a.district.as_str())))
            .collect(),
        uses: catalogue(&mut ctx, mf, m),
    };
    let farmland_areas = farmland_areas(&mut ctx, mf, m, &places);
    let units = units(&mut ctx, &parts, &places);
    let sites = sites(&mut ctx, &parts, &places);
    let projects = projects(&mut ctx, &parts, &places);
    unique_across_tables(&mut ctx, &parts);
    let columns = criterion_columns(&parts, &places.uses);
    let criteria = criteria(&mut ctx, &parts, &units, &sites, &places.uses, &columns);
    if units.is_empty() {
        let file = m.units_file.as_deref().unwrap_or(mf);
        ctx.push(file, "table", "", "no stock units: expected at least one (in the units file or as [[units]] in the manifest)");
    }
    let sized = Sized {
        region: &region,
        districts: &districts,
    };
    sized.check(
        &mut ctx,
        "unit",
        "area_km2",
        &parts.units,
        units.iter().map(|u| (u.district, u.area_km2)),
    );
    sized.check(
        &mut ctx,
        "site",
        "capacity_km2",
        &parts.sites,
        sites.iter().map(|s| (s.district, s.capacity_km2)),
    );
    sized.check(
        &mut ctx,
        "project",
        "capacity_km2",
        &parts.projects,
        projects.iter().map(|p| (p.district, p.capacity_km2)),
    );
    if !ctx.problems.is_empty() {
        return Err(Error::input(ctx.problems));
    }
    let mut districts = districts;
    for (d, b) in districts.iter_mut().zip(places.boundaries) {
        d.boundary = b;
    }
    Ok(Instance {
        warnings: parts.warnings.clone(),
        name: m.name.clone(),
        metadata: m.metadata.clone(),
        region,
        zones,
        districts,
        units,
        sites,
        projects,
        transport,
        uses: places.uses.clone(),
        criteria,
        farmland_areas,
    })
}

/// Ids shared between kinds would make the solution's tables ambiguous.
fn unique_across_tables(ctx: &mut Ctx, parts: &InstanceParts) {
    let unit_ids: HashSet<&str> = parts.units.iter().map(|l| l.record.id.as_str()).collect();
    for l in &parts.sites {
        if unit_ids.contains(l.record.id.as_str()) {
            ctx.push(
                &l.file,
                &l.at,
                "id",
                format!(
                    "id `{}` is also a stock unit's id: expected ids unique across units and sites",
                    l.record.id
                ),
            );
        }
    }
}
