//! Turning parsed records into a validated [`Instance`], reporting every problem found.

use super::format::{AccountsRecord, AreaUnit, InstanceFile, InstanceParts, Located};
use super::*;
use crate::error::{Error, Problem};
use std::collections::{HashMap, HashSet};

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

struct Ctx {
    problems: Vec<Problem>,
}

impl Ctx {
    fn push(&mut self, file: &str, record: &str, field: &str, message: impl Into<String>) {
        self.problems
            .push(Problem::new(file, record, field, message.into()));
    }

    /// A finite number in [0, max] (`unit` names what it counts, for the message).
    fn within(
        &mut self,
        file: &str,
        record: &str,
        field: &str,
        v: f64,
        max: f64,
        unit: &str,
    ) -> f64 {
        if !v.is_finite() {
            self.push(
                file,
                record,
                field,
                format!("expected a finite number, found {v}"),
            );
        } else if v < 0.0 {
            self.push(
                file,
                record,
                field,
                format!("expected a number ≥ 0, found {v}"),
            );
        } else if v > max {
            self.push(
                file,
                record,
                field,
                format!("expected a number in [0, {max:e}] {unit}, found {v}"),
            );
        }
        v
    }

    /// An area in [0, [`range::AREA_KM2`]] km².
    fn non_negative(&mut self, file: &str, record: &str, field: &str, v: f64) -> f64 {
        self.within(file, record, field, v, range::AREA_KM2, "km²")
    }

    /// A (lon, lat) pair in degrees.
    fn location(&mut self, file: &str, record: &str, lon: f64, lat: f64, prefix: &str) {
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            let field = format!("{prefix}lon");
            self.push(
                file,
                record,
                &field,
                format!("expected a longitude in [-180, 180] degrees, found {lon}"),
            );
        }
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            let field = format!("{prefix}lat");
            self.push(
                file,
                record,
                &field,
                format!("expected a latitude in [-90, 90] degrees, found {lat}"),
            );
        }
    }

    /// A non-empty id.
    fn id(&mut self, file: &str, record: &str, id: &str) {
        if id.trim().is_empty() {
            self.push(file, record, "id", "expected a non-empty id");
        }
    }

    /// A share in [0, 1].
    fn share(&mut self, file: &str, record: &str, field: &str, v: f64) -> f64 {
        if !v.is_finite() || !(0.0..=1.0).contains(&v) {
            self.push(
                file,
                record,
                field,
                format!("expected a share in [0, 1], found {v}"),
            );
        }
        v
    }

    fn grade(&mut self, file: &str, record: &str, field: &str, v: i64) -> u8 {
        if !(1..=15).contains(&v) {
            self.push(
                file,
                record,
                field,
                format!("expected an arable grade from 1 (best) to 15 (worst), found {v}"),
            );
            return 15;
        }
        v as u8
    }

    /// Exactly one of three unit-suffixed area fields.
    fn area(
        &mut self,
        file: &str,
        record: &str,
        stem: &str,
        km2: Option<f64>,
        ha: Option<f64>,
        mu: Option<f64>,
    ) -> f64 {
        let given: Vec<(f64, AreaUnit, &str)> = [
            (km2, AreaUnit::Km2, "km2"),
            (ha, AreaUnit::Ha, "ha"),
            (mu, AreaUnit::Mu, "mu"),
        ]
        .into_iter()
        .filter_map(|(v, u, s)| v.map(|v| (v, u, s)))
        .collect();
        match given.as_slice() {
            [(v, unit, suffix)] => {
                self.non_negative(file, record, &format!("{stem}_{suffix}"), *v) * unit.to_km2()
            }
            [] => {
                self.push(
                    file,
                    record,
                    &format!("{stem}_km2"),
                    format!("missing: expected exactly one of {stem}_km2, {stem}_ha, {stem}_mu"),
                );
                0.0
            }
            _ => {
                self.push(
                    file,
                    record,
                    &format!("{stem}_km2"),
                    format!(
                        "expected exactly one of {stem}_km2, {stem}_ha, {stem}_mu, found several"
                    ),
                );
                0.0
            }
        }
    }

    fn accounts(&mut self, file: &str, record: &str, a: &AccountsRecord) -> Accounts {
        let k = a.unit.to_km2();
        let acc = Accounts {
            total_km2: self.non_negative(file, record, "total", a.total) * k,
            arable_km2: self.non_negative(file, record, "arable", a.arable) * k,
            basic_farmland_km2: self.non_negative(file, record, "basic_farmland", a.basic_farmland)
                * k,
            construction_km2: self.non_negative(file, record, "construction", a.construction) * k,
            urban_rural_km2: self.non_negative(file, record, "urban_rural", a.urban_rural) * k,
            town_km2: self.non_negative(file, record, "town", a.town) * k,
        };
        let tol = 1e-9 * acc.total_km2.max(1.0);
        let nests = [
            (
                "basic_farmland",
                acc.basic_farmland_km2,
                "arable",
                acc.arable_km2,
            ),
            ("town", acc.town_km2, "urban_rural", acc.urban_rural_km2),
            (
                "urban_rural",
                acc.urban_rural_km2,
                "construction",
                acc.construction_km2,
            ),
            (
                "construction",
                acc.construction_km2 + acc.arable_km2,
                "total",
                acc.total_km2,
            ),
        ];
        for (inner, iv, outer, ov) in nests {
            if iv > ov + tol {
                let what = if inner == "construction" {
                    "construction + arable".to_string()
                } else {
                    inner.to_string()
                };
                self.push(
                    file,
                    record,
                    inner,
                    format!("{what} ({iv}) is larger than {outer} ({ov}) that contains it"),
                );
            }
        }
        acc
    }

    /// The value and cost of each use of `uses` the record's columns give; a site
    /// (`construction_only`) takes construction uses only.
    fn uses(
        &mut self,
        file: &str,
        record: &str,
        columns: &super::format::UseColumns,
        uses: &Uses,
        construction_only: bool,
    ) -> Vec<Option<Economics>> {
        let mut out = vec![None; uses.len()];
        for &(u, value, cost) in &columns.0 {
            let Some(k) = uses.get(u) else {
                if criterion_column(u, uses).is_some() {
                    // a criterion's yield: read into the criteria table; it has no cost
                    if cost.is_some() {
                        self.push(
                            file,
                            record,
                            &format!("cost_{u}"),
                            format!("`{u}` is a criterion of a use (value_<criterion>_<use>), which has a value only: expected no cost_{u} column"),
                        );
                    }
                } else if value.is_some() || cost.is_some() {
                    self.push(
                        file,
                        record,
                        &format!("value_{u}"),
                        format!(
                            "unknown use `{u}`: expected one of the instance's uses ({})",
                            uses.list()
                        ),
                    );
                }
                continue;
            };
            let i = k.index();
            if construction_only && !k.is_construction() && (value.is_some() || cost.is_some()) {
                self.push(
                    file,
                    record,
                    &format!("value_{u}"),
                    format!("`{u}` is a {} use, not construction: a receiving site takes new construction only", k.role()),
                );
                continue;
            }
            match (value, cost) {
                (None, None) => {}
                (Some(v), Some(c)) => {
                    if !v.is_finite() || v.abs() > range::MONEY {
                        self.push(
                            file,
                            record,
                            &format!("value_{u}"),
                            format!("expected a number in [-{m:e}, {m:e}] million yuan per km², found {v}", m = range::MONEY),
                        );
                    }
                    let field = format!("cost_{u}");
                    self.within(
                        file,
                        record,
                        &field,
                        c,
                        range::MONEY,
                        "million yuan per km²",
                    );
                    out[i] = Some(Economics { value: v, cost: c });
                }
                (Some(_), None) => self.push(
                    file,
                    record,
                    &format!("cost_{u}"),
                    format!("value_{u} is given but cost_{u} is empty: give both or neither"),
                ),
                (None, Some(_)) => self.push(
                    file,
                    record,
                    &format!("value_{u}"),
                    format!("cost_{u} is given but value_{u} is empty: give both or neither"),
                ),
            }
        }
        out
    }
}

/// A units or sites column `value_<criterion>_<use>` (given `<criterion>_<use>`): a benefit
/// criterion's yield per km² of a use of the instance, beside the use's own value and cost.
/// The use is the longest id of `uses` the name ends with; `None` for a use's own column.
fn criterion_column<'a>(name: &'a str, uses: &Uses) -> Option<(&'a str, LandUse)> {
    if uses.get(name).is_some() {
        return None;
    }
    uses.iter()
        .filter_map(|k| {
            let prefix = name.strip_suffix(k.as_str())?.strip_suffix('_')?;
            (!prefix.is_empty()).then_some((prefix, k))
        })
        .max_by_key(|(_, k)| k.as_str().len())
}

/// The criterion columns of the units and sites tables (`value_<criterion>_<use>`), as rows
/// of the criteria table: the same checks apply to both (a use the record offers, no row
/// twice, the value's range).
fn criterion_columns(
    parts: &InstanceParts,
    uses: &Uses,
) -> Vec<Located<super::format::CriterionRecord>> {
    let mut out = Vec::new();
    let records = parts
        .units
        .iter()
        .map(|l| {
            (
                l.file.as_str(),
                l.at.as_str(),
                &l.record.id,
                &l.record.economics,
            )
        })
        .chain(parts.sites.iter().map(|l| {
            (
                l.file.as_str(),
                l.at.as_str(),
                &l.record.id,
                &l.record.economics,
            )
        }));
    for (file, at, id, economics) in records {
        for (name, value, _) in &economics.0 {
            if let (Some((criterion, k)), Some(v)) = (criterion_column(name, uses), value) {
                out.push(Located {
                    file: file.to_string(),
                    at: format!("{at}, column value_{name}"),
                    record: super::format::CriterionRecord {
                        id: id.clone(),
                        criterion: criterion.to_string(),
                        land_use: k.as_str().to_string(),
                        value: *v,
                    },
                });
            }
        }
    }
    out
}

/// The instance's uses: `[[uses]]` when it declares them, else the built-in six.
fn catalogue(ctx: &mut Ctx, mf: &str, m: &InstanceFile) -> Uses {
    if m.uses.is_empty() {
        return Uses::builtin();
    }
    let mut seen = HashSet::new();
    for (i, u) in m.uses.iter().enumerate() {
        let rec = format!("uses[{i}] ({})", u.id);
        let word = !u.id.is_empty()
            && u.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !word {
            ctx.push(mf, &rec, "id", format!("`{}`: expected a word of lower-case letters, digits and `_` (it names the columns value_<id> and cost_<id>)", u.id));
        }
        if !seen.insert(u.id.as_str()) {
            ctx.push(
                mf,
                &rec,
                "id",
                format!("duplicate use `{}`: ids must be unique", u.id),
            );
        }
        match land_class::lookup(&u.class) {
            Some(c) if c.is_second_level() => {
                let first = &u.class[..2];
                if !u.role.classes().contains(&first) {
                    let allowed: Vec<String> = u
                        .role
                        .classes()
                        .iter()
                        .filter_map(|c| land_class::lookup(c))
                        .map(|c| format!("{} {}", c.code, c.name_zh))
                        .collect();
                    ctx.push(
                        mf,
                        &rec,
                        "class",
                        format!(
                        "{} {} is not land a use of role `{}` can be: expected a class under {}",
                        c.code, c.name_zh, u.role, allowed.join(", ")
                    ),
                    );
                }
            }
            _ => ctx.push(mf, &rec, "class", land_class::explain_unknown(&u.class)),
        }
        for (field, name) in [("name_zh", &u.name_zh), ("name_en", &u.name_en)] {
            if name.trim().is_empty() {
                ctx.push(mf, &rec, field, "expected the use's display name");
            }
        }
    }
    if m.uses.len() > 64 {
        ctx.push(mf, "uses", "", format!("{} uses: expected at most 64: every unit carries a value and cost per use, and a plan's target uses are a dozen or so", m.uses.len()));
    }
    Uses::new(m.uses.iter().map(|u| crate::instance::uses::UseDef {
        id: u.id.clone(),
        index: 0,
        role: u.role,
        class: u.class.clone(),
        name_zh: u.name_zh.clone(),
        name_en: u.name_en.clone(),
    }))
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

/// The farmland concentration areas: unique ids, a district of the instance, arable ≥ basic
/// farmland ≥ 0.
fn farmland_areas(
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

/// The criteria table: each row names a unit or site, a criterion and a use the record
/// offers, once.
fn criteria(
    ctx: &mut Ctx,
    parts: &InstanceParts,
    units: &[StockUnit],
    sites: &[Site],
    uses: &Uses,
    columns: &[Located<super::format::CriterionRecord>],
) -> std::collections::BTreeMap<String, crate::instance::CriterionTable> {
    use std::collections::{BTreeMap, HashMap};
    let unit_ix: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let site_ix: HashMap<&str, usize> = sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut out: BTreeMap<String, crate::instance::CriterionTable> = BTreeMap::new();
    for l in parts.criteria.iter().chain(columns) {
        let r = &l.record;
        let (f, rec) = (
            l.file.as_str(),
            format!("{} (criterion {} of {})", l.at, r.criterion, r.id),
        );
        let ok_id = !r.criterion.is_empty()
            && r.criterion
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !ok_id {
            ctx.push(
                f,
                &rec,
                "criterion",
                format!(
                    "expected an id of letters, digits, `_` or `-`, found `{}`",
                    r.criterion
                ),
            );
            continue;
        }
        let Some(k) = uses.get(&r.land_use) else {
            ctx.push(
                f,
                &rec,
                "use",
                format!(
                    "unknown use `{}`: expected one of the instance's uses ({})",
                    r.land_use,
                    uses.list()
                ),
            );
            continue;
        };
        if !(r.value.is_finite() && r.value.abs() <= 1e9) {
            ctx.push(
                f,
                &rec,
                "value",
                format!("expected a number within ±10⁹, found {}", r.value),
            );
            continue;
        }
        let table =
            out.entry(r.criterion.clone())
                .or_insert_with(|| crate::instance::CriterionTable {
                    units: PerUse::new(units.len(), uses.len(), None),
                    sites: PerUse::new(sites.len(), uses.len(), None),
                });
        let (slot, offered) = match (unit_ix.get(r.id.as_str()), site_ix.get(r.id.as_str())) {
            (Some(&u), _) => (
                &mut table.units[u][k.index()],
                units[u].uses[k.index()].is_some(),
            ),
            (None, Some(&s)) => (
                &mut table.sites[s][k.index()],
                sites[s].uses[k.index()].is_some(),
            ),
            (None, None) => {
                ctx.push(
                    f,
                    &rec,
                    "id",
                    format!("`{}` is no unit or site of the instance", r.id),
                );
                continue;
            }
        };
        if !offered {
            ctx.push(f, &rec, "use", format!("`{}` does not offer `{k}` (no value and cost for it): expected a use the record offers", r.id));
        } else if slot.is_some() {
            ctx.push(
                f,
                &rec,
                "",
                format!(
                    "criterion `{}` of `{}` for `{k}` is given twice: expected it once",
                    r.criterion, r.id
                ),
            );
        } else {
            *slot = Some(r.value);
        }
    }
    out
}

/// Every record's area within its district's and the region's.
struct Sized<'a> {
    region: &'a Region,
    districts: &'a [District],
}

impl Sized<'_> {
    fn check<T>(
        &self,
        ctx: &mut Ctx,
        what: &str,
        field: &str,
        records: &[Located<T>],
        areas: impl Iterator<Item = (usize, f64)>,
    ) {
        let total = self.region.baseline.total_km2;
        for (l, (d, area)) in records.iter().zip(areas) {
            let district = self.districts.get(d);
            let limit = district
                .filter(|x| x.area_km2 > 0.0)
                .map(|x| (x.area_km2, format!("its district `{}`", x.id)))
                .unwrap_or((total, "the region".to_string()));
            if area > limit.0 * (1.0 + 1e-9) && total > 0.0 {
                ctx.push(
                    &l.file,
                    &l.at,
                    field,
                    format!("this {what} ({area} km²) is larger than {} ({} km²): expected a part of it", limit.1, limit.0),
                );
            }
        }
    }
}

/// Where records may be: districts and transport nodes by id, each district's seat node.
struct Places<'a> {
    districts: HashMap<&'a str, usize>,
    nodes: HashMap<&'a str, usize>,
    seats: HashMap<usize, usize>,
    has_network: bool,
    /// Each transport node's location, when given.
    node_locations: Vec<Option<(f64, f64)>>,
    /// Each district's boundary, when the boundaries layer gives it.
    boundaries: Vec<Option<geo::MultiPolygon<f64>>>,
    district_ids: Vec<&'a str>,
    /// Farmland concentration areas by id: index and district id.
    farmland_areas: HashMap<&'a str, (usize, &'a str)>,
    /// The instance's uses.
    uses: Uses,
}

impl Places<'_> {
    /// The concentration area a record names, refused when unknown.
    fn farmland_area(
        &self,
        ctx: &mut Ctx,
        file: &str,
        rec: &str,
        id: Option<&str>,
        district: usize,
    ) -> Option<usize> {
        let id = id?;
        let found = self.farmland_areas.get(id).copied();
        if let Some((_, d)) = found {
            let own = self.district_ids.get(district).copied().unwrap_or("");
            if d != own {
                ctx.push(
                    file,
                    rec,
                    "farmland_area",
                    format!("area `{id}` lies in district {d}, the record in {own}: expected an area of the record's district"),
                );
            }
        } else {
            let mut known: Vec<&str> = self.farmland_areas.keys().copied().collect();
            known.sort();
            ctx.push(
                file,
                rec,
                "farmland_area",
                format!(
                    "unknown farmland area `{id}`: expected one of the manifest's [[farmland_areas]] ({})",
                    if known.is_empty() { "none given".to_string() } else { known.join(", ") }
                ),
            );
        }
        found.map(|(i, _)| i)
    }

    /// The district `id` of a record.
    fn district(&self, ctx: &mut Ctx, file: &str, rec: &str, id: &str) -> usize {
        match self.districts.get(id) {
            Some(&d) => d,
            None => {
                ctx.push(
                    file,
                    rec,
                    "district",
                    format!("unknown district `{id}`: expected a district id of the manifest"),
                );
                0
            }
        }
    }

    /// A record's location: `lon` and `lat` both or neither, in degrees; when the
    /// instance has district boundaries, inside its own district's.
    fn location(
        &self,
        ctx: &mut Ctx,
        file: &str,
        rec: &str,
        (lon, lat): (Option<f64>, Option<f64>),
        district: usize,
    ) -> Option<(f64, f64)> {
        let p = match (lon, lat) {
            (None, None) => return None,
            (Some(x), Some(y))
                if x.is_finite()
                    && y.is_finite()
                    && (-180.0..=180.0).contains(&x)
                    && (-90.0..=90.0).contains(&y) =>
            {
                (x, y)
            }
            (Some(_), Some(_)) => {
                ctx.push(file, rec, "lon", format!("({}, {}) is not a WGS 84 longitude and latitude: expected degrees, lon −180…180 and lat −90…90", lon.unwrap_or(f64::NAN), lat.unwrap_or(f64::NAN)));
                return None;
            }
            _ => {
                ctx.push(
                    file,
                    rec,
                    if lon.is_none() { "lon" } else { "lat" },
                    "expected lon and lat together, or neither",
                );
                return None;
            }
        };
        if self.boundaries.get(district).is_some_and(|b| b.is_some()) {
            let inside = super::location::containing(&self.boundaries, p);
            if inside != Some(district) {
                let within = inside.map_or("no district's boundary".to_string(), |d| {
                    format!("district `{}`", self.district_ids[d])
                });
                ctx.push(file, rec, "district", format!("its location ({:.5}, {:.5}) lies in {within}: expected a point inside district `{}`", p.0, p.1, self.district_ids[district]));
            }
        }
        Some(p)
    }

    /// A record's transport node and the km from its location to it: the node given; else
    /// the located node nearest its location; else its district's seat.
    fn node(
        &self,
        ctx: &mut Ctx,
        file: &str,
        rec: &str,
        given: &Option<String>,
        district: usize,
        location: Option<(f64, f64)>,
    ) -> (Option<usize>, f64) {
        match given {
            Some(id) => match self.nodes.get(id.as_str()) {
                Some(&n) => (Some(n), 0.0),
                None => {
                    ctx.push(
                        file,
                        rec,
                        "node",
                        format!("unknown node `{id}`: expected a node id of transport.nodes"),
                    );
                    (None, 0.0)
                }
            },
            None if self.has_network => {
                if let Some((n, km)) =
                    location.and_then(|p| super::location::nearest(&self.node_locations, p))
                {
                    return (Some(n), km);
                }
                match self.seats.get(&district) {
                    Some(&n) => (Some(n), 0.0),
                    None => {
                        ctx.push(
                            file,
                            rec,
                            "node",
                            "no node given and the district has no district_seat node: give a node",
                        );
                        (None, 0.0)
                    }
                }
            }
            None => (None, 0.0),
        }
    }
}

fn region(ctx: &mut Ctx, mf: &str, m: &InstanceFile) -> Region {
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

fn zones<'a>(ctx: &mut Ctx, mf: &str, m: &'a InstanceFile) -> (Vec<Zone>, HashMap<&'a str, usize>) {
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

fn districts<'a>(
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
const AREA_TOLERANCE: f64 = 0.01;

type NodeIndex<'a> = HashMap<&'a str, usize>;

fn transport<'a>(
    ctx: &mut Ctx,
    mf: &str,
    m: &'a InstanceFile,
    district_ix: &HashMap<&str, usize>,
) -> (Transport, NodeIndex<'a>, HashMap<usize, usize>) {
    let mut transport = Transport::default();
    let mut node_ix: HashMap<&str, usize> = HashMap::new();
    let mut seat_of: HashMap<usize, usize> = HashMap::new();
    if let Some(t) = &m.transport {
        transport.note = t.note.clone();
        for (i, n) in t.nodes.iter().enumerate() {
            let rec = format!("transport.nodes[{i}] (node {})", n.id);
            if node_ix.insert(n.id.as_str(), i).is_some() {
                ctx.push(mf, &rec, "id", format!("duplicate node id `{}`", n.id));
            }
            let kind = match n.kind.as_str() {
                "district_seat" => NodeKind::DistrictSeat,
                "town" => NodeKind::Town,
                "station" => NodeKind::Station,
                other => {
                    ctx.push(
                        mf,
                        &rec,
                        "kind",
                        format!(
                            "unknown node kind `{other}`: expected district_seat, town or station"
                        ),
                    );
                    NodeKind::Town
                }
            };
            let district = match district_ix.get(n.district.as_str()) {
                Some(&d) => d,
                None => {
                    ctx.push(
                        mf,
                        &rec,
                        "district",
                        format!("unknown district `{}`", n.district),
                    );
                    0
                }
            };
            if kind == NodeKind::DistrictSeat {
                seat_of.entry(district).or_insert(i);
            }
            ctx.id(mf, &rec, &n.id);
            let location = match (n.lon, n.lat) {
                (Some(lon), Some(lat)) => {
                    ctx.location(mf, &rec, lon, lat, "");
                    Some((lon, lat))
                }
                (None, None) => None,
                _ => {
                    ctx.push(mf, &rec, "lat", "give both lon and lat, or neither");
                    None
                }
            };
            transport.nodes.push(Node {
                id: n.id.clone(),
                kind,
                district,
                location,
                rail: n.rail,
            });
        }
        for (i, l) in t.links.iter().enumerate() {
            let rec = format!("transport.links[{i}] ({} - {})", l.from, l.to);
            let end = |ctx: &mut Ctx, field: &str, id: &str| match node_ix.get(id) {
                Some(&n) => n,
                None => {
                    ctx.push(
                        mf,
                        &rec,
                        field,
                        format!("unknown node `{id}`: expected a node id of transport.nodes"),
                    );
                    0
                }
            };
            let from = end(ctx, "from", &l.from);
            let to = end(ctx, "to", &l.to);
            if from == to && l.from == l.to {
                ctx.push(
                    mf,
                    &rec,
                    "to",
                    format!(
                        "a link from node `{}` to itself: expected two different nodes",
                        l.from
                    ),
                );
            }
            let length_km =
                ctx.within(mf, &rec, "length_km", l.length_km, range::DISTANCE_KM, "km");
            let time_min = ctx.within(mf, &rec, "time_min", l.time_min, range::TIME_MIN, "minutes");
            transport.links.push(Link {
                from,
                to,
                length_km,
                time_min,
            });
        }
    }
    (transport, node_ix, seat_of)
}

fn units(ctx: &mut Ctx, parts: &InstanceParts, places: &Places) -> Vec<StockUnit> {
    check_unique(ctx, &parts.units, |r| r.id.as_str());
    let mut units = Vec::with_capacity(parts.units.len());
    for l in &parts.units {
        let r = &l.record;
        let (f, rec) = (l.file.as_str(), format!("{} (unit {})", l.at, r.id));
        ctx.id(f, &rec, &r.id);
        let kind = match UnitKind::ALL.into_iter().find(|k| k.as_str() == r.kind) {
            Some(k) => k,
            None => {
                ctx.push(
                    f,
                    &rec,
                    "kind",
                    format!(
                        "unknown kind `{}`: expected one of {}",
                        r.kind,
                        UnitKind::ALL.map(|k| k.as_str()).join(", ")
                    ),
                );
                UnitKind::Idle
            }
        };
        let account = match Account::ALL.into_iter().find(|a| a.as_str() == r.account) {
            Some(a) => a,
            None => {
                ctx.push(
                    f,
                    &rec,
                    "account",
                    format!(
                        "unknown account `{}`: expected town or rural (construction land now), arable or non_construction",
                        r.account
                    ),
                );
                Account::Rural
            }
        };
        if !account.is_construction() && kind != UnitKind::Patch {
            ctx.push(
                f,
                &rec,
                "kind",
                format!(
                    "a {} is construction land, not {} land: expected kind = \"patch\" for a patch group of other land, or account town or rural",
                    kind.as_str(),
                    account.as_str()
                ),
            );
        }
        if !account.admits(&r.land_class) {
            ctx.push(
                f,
                &rec,
                "account",
                format!(
                    "land of class {} cannot be counted as `{}`: expected arable for class 01, non_construction for classes 02, 03, 04, 11 and 12, town or rural for construction land",
                    r.land_class,
                    account.as_str()
                ),
            );
        }
        let arable_uses = places
            .uses
            .with_role(crate::instance::uses::Role::Arable)
            .count();
        if arable_uses > 1 && r.reclaimable_share < 1.0 {
            ctx.push(
                f,
                &rec,
                "reclaimable_share",
                format!("{} uses are arable and the reclaimable share bounds one: expected reclaimable_share = 1 with several arable uses, found {}", arable_uses, r.reclaimable_share),
            );
        }
        if !super::land_class::lookup(&r.land_class).is_some_and(|c| c.is_second_level()) {
            ctx.push(
                f,
                &rec,
                "land_class",
                super::land_class::explain_unknown(&r.land_class),
            );
        }
        let d = places.district(ctx, f, &rec, &r.district);
        let area = ctx.area(f, &rec, "area", r.area_km2, r.area_ha, r.area_mu);
        ctx.within(
            f,
            &rec,
            "station_km",
            r.station_km,
            range::DISTANCE_KM,
            "km",
        );
        ctx.within(
            f,
            &rec,
            "population",
            r.population,
            range::POPULATION,
            "people",
        );
        ctx.share(f, &rec, "reclaimable_share", r.reclaimable_share);
        let grade = ctx.grade(f, &rec, "arable_grade", r.arable_grade);
        let uses = ctx.uses(f, &rec, &r.economics, &places.uses, false);
        let location = places.location(ctx, f, &rec, (r.lon, r.lat), d);
        let (node, access_km) = places.node(ctx, f, &rec, &r.node, d, location);
        units.push(StockUnit {
            node,
            access_km,
            location,
            id: r.id.clone(),
            district: d,
            kind,
            land_class: r.land_class.clone(),
            account,
            in_town: r.in_town,
            area_km2: area,
            in_redline: r.in_redline,
            in_basic_farmland_area: r.in_basic_farmland_area,
            station_km: r.station_km,
            population: r.population,
            reclaimable_share: r.reclaimable_share,
            arable_grade: grade,
            uses,
            tags: tags(ctx, f, &rec, r.tags.as_deref()),
            farmland_area: places.farmland_area(ctx, f, &rec, r.farmland_area.as_deref(), d),
        });
    }
    units
}

/// A unit's tags: words of letters, digits, `_` and `-`, separated by spaces or `;`.
fn tags(ctx: &mut Ctx, file: &str, rec: &str, text: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in text
        .unwrap_or("")
        .split([' ', ';'])
        .filter(|t| !t.is_empty())
    {
        if t.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            if !out.iter().any(|o| o == t) {
                out.push(t.to_string());
            }
        } else {
            ctx.push(
                file,
                rec,
                "tags",
                format!("tag `{t}`: expected words of letters, digits, `_` or `-`, separated by spaces or `;`"),
            );
        }
    }
    out
}

fn sites(ctx: &mut Ctx, parts: &InstanceParts, places: &Places) -> Vec<Site> {
    check_unique(ctx, &parts.sites, |r| r.id.as_str());
    let mut sites = Vec::with_capacity(parts.sites.len());
    for l in &parts.sites {
        let r = &l.record;
        let (f, rec) = (l.file.as_str(), format!("{} (site {})", l.at, r.id));
        ctx.id(f, &rec, &r.id);
        let kind = match SiteKind::ALL.into_iter().find(|k| k.as_str() == r.kind) {
            Some(k) => k,
            None => {
                let expected = SiteKind::ALL.map(|k| k.as_str()).join(", ");
                ctx.push(
                    f,
                    &rec,
                    "kind",
                    format!("unknown kind `{}`: expected one of {expected}", r.kind),
                );
                SiteKind::NewTown
            }
        };
        let d = places.district(ctx, f, &rec, &r.district);
        let cap = ctx.area(
            f,
            &rec,
            "capacity",
            r.capacity_km2,
            r.capacity_ha,
            r.capacity_mu,
        );
        let arable_share = ctx.share(f, &rec, "arable_share", r.arable_share);
        let bf = ctx.share(f, &rec, "basic_farmland_share", r.basic_farmland_share);
        if bf > arable_share + 1e-12 {
            ctx.push(f, &rec, "basic_farmland_share", format!("basic farmland is part of arable: expected basic_farmland_share ≤ arable_share ({arable_share}), found {bf}"));
        }
        ctx.within(
            f,
            &rec,
            "station_km",
            r.station_km,
            range::DISTANCE_KM,
            "km",
        );
        let grade = ctx.grade(f, &rec, "arable_grade", r.arable_grade);
        let uses = ctx.uses(f, &rec, &r.economics, &places.uses, true);
        let location = places.location(ctx, f, &rec, (r.lon, r.lat), d);
        let (node, access_km) = places.node(ctx, f, &rec, &r.node, d, location);
        sites.push(Site {
            node,
            access_km,
            location,
            id: r.id.clone(),
            district: d,
            kind,
            capacity_km2: cap,
            arable_share,
            basic_farmland_share: bf,
            in_town: r.in_town,
            station_km: r.station_km,
            arable_grade: grade,
            uses,
            farmland_area: places.farmland_area(ctx, f, &rec, r.farmland_area.as_deref(), d),
        });
    }
    sites
}

fn projects(ctx: &mut Ctx, parts: &InstanceParts, places: &Places) -> Vec<ConsolidationProject> {
    check_unique(ctx, &parts.projects, |r| r.id.as_str());
    let mut projects = Vec::with_capacity(parts.projects.len());
    for l in &parts.projects {
        let r = &l.record;
        let (f, rec) = (l.file.as_str(), format!("{} (project {})", l.at, r.id));
        ctx.id(f, &rec, &r.id);
        let d = places.district(ctx, f, &rec, &r.district);
        let cap = ctx.area(
            f,
            &rec,
            "capacity",
            r.capacity_km2,
            r.capacity_ha,
            r.capacity_mu,
        );
        let cost = ctx.within(
            f,
            &rec,
            "cost",
            r.cost,
            range::MONEY,
            "million yuan per km²",
        );
        let grade = ctx.grade(f, &rec, "arable_grade", r.arable_grade);
        let location = places.location(ctx, f, &rec, (r.lon, r.lat), d);
        projects.push(ConsolidationProject {
            location,
            id: r.id.clone(),
            district: d,
            capacity_km2: cap,
            cost,
            arable_grade: grade,
        });
    }
    projects
}

/// Each district's boundary from the boundaries layer: every id known, none twice.
fn boundaries(
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
