//! The decision records: stock units, receiving sites and consolidation projects, each placed in its district, at a transport node or a location, and sized within its district.

use super::*;

/// Every record's area within its district's and the region's.
pub(super) struct Sized<'a> {
    pub(super) region: &'a Region,
    pub(super) districts: &'a [District],
}

impl Sized<'_> {
    pub(super) fn check<T>(
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
pub(super) struct Places<'a> {
    pub(super) districts: HashMap<&'a str, usize>,
    pub(super) nodes: HashMap<&'a str, usize>,
    pub(super) seats: HashMap<usize, usize>,
    pub(super) has_network: bool,
    /// Each transport node's location, when given.
    pub(super) node_locations: Vec<Option<(f64, f64)>>,
    /// Each district's boundary, when the boundaries layer gives it.
    pub(super) boundaries: Vec<Option<geo::MultiPolygon<f64>>>,
    pub(super) district_ids: Vec<&'a str>,
    /// Farmland concentration areas by id: index and district id.
    pub(super) farmland_areas: HashMap<&'a str, (usize, &'a str)>,
    /// The instance's uses.
    pub(super) uses: Uses,
}

impl Places<'_> {
    /// The concentration area a record names, refused when unknown.
    pub(super) fn farmland_area(
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
    pub(super) fn district(&self, ctx: &mut Ctx, file: &str, rec: &str, id: &str) -> usize {
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
    pub(super) fn location(
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
    pub(super) fn node(
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

pub(super) fn units(ctx: &mut Ctx, parts: &InstanceParts, places: &Places) -> Vec<StockUnit> {
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
        if arable_uses == 1 && r.reclaimable_share <= 0.0 {
            // the one arable use's column is bounded by share × area: at 0 it is never there
            for (u, v, c) in &r.economics.0 {
                let arable = places
                    .uses
                    .get(u)
                    .is_some_and(|k| k.is(crate::instance::uses::Role::Arable));
                if arable && v.is_some() && c.is_some() {
                    ctx.push(
                        f,
                        &rec,
                        "reclaimable_share",
                        format!("the unit offers the arable use `{u}` (value_{u}, cost_{u}) but reclaimable_share = {} leaves none of its area to it, so that use could never be taken: expected a share above 0, or value_{u} and cost_{u} left empty", r.reclaimable_share),
                    );
                }
            }
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
pub(super) fn tags(ctx: &mut Ctx, file: &str, rec: &str, text: Option<&str>) -> Vec<String> {
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

pub(super) fn sites(ctx: &mut Ctx, parts: &InstanceParts, places: &Places) -> Vec<Site> {
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

pub(super) fn projects(
    ctx: &mut Ctx,
    parts: &InstanceParts,
    places: &Places,
) -> Vec<ConsolidationProject> {
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
