//! The solution as one GeoJSON FeatureCollection (WGS 84), for QGIS or any GIS: each feature
//! has a `layer` property — `unit`, `site`, `project`, `flow`, `project_area`, `district` —
//! and the same properties as the CSV table of its kind (the same numbers as
//! `solution.json`). Units, sites and projects are points at their location, else at their
//! transport node, else at their district's seat (`located` says which); flows are lines
//! from unit to site with km² and transfer cost; project areas the convex hull of their
//! members; districts their boundary when given (else their seat) with the district table.

use super::{flow_rows, site_rows, unit_rows};
use crate::instance::Instance;
use crate::network::TransportGraph;
use crate::policy::{active, PolicyModel};
use crate::run::Run;
use geo::ConvexHull;
use serde_json::{json, Map, Value};

/// Where a record is drawn, and how that was found.
fn place(
    inst: &Instance,
    location: Option<(f64, f64)>,
    node: Option<usize>,
    district: usize,
) -> Option<((f64, f64), &'static str)> {
    location
        .map(|p| (p, "location"))
        .or_else(|| {
            node.and_then(|n| inst.transport.nodes[n].location)
                .map(|p| (p, "node"))
        })
        .or_else(|| inst.districts[district].seat.map(|p| (p, "district_seat")))
}

fn point(p: Option<(f64, f64)>) -> Value {
    p.map_or(
        Value::Null,
        |(x, y)| json!({"type": "Point", "coordinates": [x, y]}),
    )
}

fn feature(layer: &str, geometry: Value, props: Value) -> Value {
    let mut m = match props {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    m.insert("layer".into(), Value::String(layer.into()));
    json!({"type": "Feature", "geometry": geometry, "properties": m})
}

fn with(mut props: Value, extra: &[(&str, Value)]) -> Value {
    if let Value::Object(m) = &mut props {
        for (k, v) in extra {
            m.insert((*k).into(), v.clone());
        }
    }
    props
}

fn multipolygon(m: &geo::MultiPolygon<f64>) -> Value {
    let ring =
        |r: &geo::LineString<f64>| -> Vec<[f64; 2]> { r.coords().map(|c| [c.x, c.y]).collect() };
    let polys: Vec<Vec<Vec<[f64; 2]>>> =
        m.0.iter()
            .map(|p| {
                std::iter::once(ring(p.exterior()))
                    .chain(p.interiors().iter().map(ring))
                    .collect()
            })
            .collect();
    json!({"type": "MultiPolygon", "coordinates": polys})
}

/// The solution's FeatureCollection as text (empty collection without a solution).
pub fn geojson(inst: &Instance, model: &PolicyModel, run: &Run) -> String {
    let mut bytes = Vec::new();
    write_geojson(&mut bytes, inst, model, run).expect("writing to memory");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// The features of a collection, each written as it is made (one per line), so that a
/// million units' features are never held together.
struct Features<'w> {
    w: &'w mut dyn std::io::Write,
    written: usize,
    error: Option<std::io::Error>,
}

impl Features<'_> {
    fn push(&mut self, f: Value) {
        if self.error.is_some() {
            return;
        }
        let sep: &[u8] = if self.written == 0 { b"\n" } else { b",\n" };
        let r = self
            .w
            .write_all(sep)
            .and_then(|_| serde_json::to_writer(&mut *self.w, &f).map_err(std::io::Error::other));
        self.written += 1;
        self.error = r.err();
    }
}

/// [`geojson()`] written to `w` feature by feature.
pub fn write_geojson(
    w: &mut dyn std::io::Write,
    inst: &Instance,
    model: &PolicyModel,
    run: &Run,
) -> std::io::Result<()> {
    let head = json!({"type": "FeatureCollection", "name": inst.name}).to_string();
    // the collection's members, then its features
    w.write_all(&head.as_bytes()[..head.len() - 1])?;
    w.write_all(b",\"features\":[")?;
    let mut features = Features {
        w,
        written: 0,
        error: None,
    };
    if run.check.is_some() {
        let a = &run.solution.allocation;
        let upts: Vec<_> = inst
            .units
            .iter()
            .map(|u| place(inst, u.location, u.node, u.district))
            .collect();
        let spts: Vec<_> = inst
            .sites
            .iter()
            .map(|s| place(inst, s.location, s.node, s.district))
            .collect();
        for (row, p) in unit_rows(inst, run).iter().zip(&upts) {
            let props = serde_json::to_value(row).unwrap_or(Value::Null);
            features.push(feature(
                "unit",
                point(p.map(|x| x.0)),
                with(props, &[("located", json!(p.map(|x| x.1)))]),
            ));
        }
        let mut received_by = vec![0.0; inst.sites.len()];
        for f in &a.flows {
            received_by[f.site as usize] += f.quota_km2;
        }
        for (i, (row, p)) in site_rows(inst, run).iter().zip(&spts).enumerate() {
            let received = received_by[i];
            let props = serde_json::to_value(row).unwrap_or(Value::Null);
            features.push(feature(
                "site",
                point(p.map(|x| x.0)),
                with(
                    props,
                    &[
                        ("located", json!(p.map(|x| x.1))),
                        ("quota_received_km2", json!(received)),
                    ],
                ),
            ));
        }
        for (q, c) in inst.projects.iter().zip(&a.projects) {
            let p = place(inst, q.location, None, q.district);
            features.push(feature(
                "project",
                point(p.map(|x| x.0)),
                json!({"id": q.id, "district": inst.districts[q.district].id, "capacity_km2": q.capacity_km2, "consolidated_km2": c, "located": p.map(|x| x.1)}),
            ));
        }
        let rate = active(&model.rules.linkage_balance).map_or(0.0, |r| r.transfer_cost_per_km2_km);
        let mut distances = TransportGraph::new(inst).cached();
        for (row, f) in flow_rows(inst, run).iter().zip(&a.flows) {
            let (u, s) = (f.unit as usize, f.site as usize);
            let km = distances.unit_site_km(&inst.units[u], &inst.sites[s]);
            let geometry = match (upts[u], spts[s]) {
                (Some((p, _)), Some((q, _))) => {
                    json!({"type": "LineString", "coordinates": [[p.0, p.1], [q.0, q.1]]})
                }
                _ => Value::Null,
            };
            let props = serde_json::to_value(row).unwrap_or(Value::Null);
            features.push(feature(
                "flow",
                geometry,
                with(
                    props,
                    &[
                        ("distance_km", json!(km)),
                        ("transfer_cost_myuan", json!(rate * km * f.quota_km2)),
                    ],
                ),
            ));
        }
        let index: std::collections::HashMap<&str, (f64, f64)> = inst
            .units
            .iter()
            .map(|u| u.id.as_str())
            .zip(&upts)
            .chain(inst.sites.iter().map(|s| s.id.as_str()).zip(&spts))
            .filter_map(|(id, p)| p.map(|x| (id, x.0)))
            .collect();
        for pa in &run.project_areas {
            let pts: Vec<geo::Point<f64>> = pa
                .units
                .iter()
                .chain(&pa.sites)
                .filter_map(|id| index.get(id.as_str()))
                .map(|&(x, y)| geo::Point::new(x, y))
                .collect();
            let hull = geo::MultiPoint(pts).convex_hull();
            features.push(feature(
                "project_area",
                multipolygon(&geo::MultiPolygon(vec![hull])),
                json!({"id": pa.id, "units": pa.units.len(), "sites": pa.sites.len(), "reclaimed_km2": pa.reclaimed_km2, "quota_km2": pa.quota_km2, "people_resettled": pa.people_resettled, "cost_myuan": pa.cost, "unit_ids": pa.units.join(" "), "site_ids": pa.sites.join(" ")}),
            ));
        }
        for (d, row) in inst.districts.iter().zip(super::district_rows(inst, run)) {
            let geometry = match &d.boundary {
                Some(b) => multipolygon(b),
                None => point(d.seat),
            };
            features.push(feature(
                "district",
                geometry,
                serde_json::to_value(row).unwrap_or(Value::Null),
            ));
        }
    }
    if let Some(e) = features.error {
        return Err(e);
    }
    features.w.write_all(b"\n]}\n")
}
