//! GeoJSON in and out: Beijing read from GeoJSON layers solves to the CSV instance's plan;
//! a located unit without a node is attached to the nearest node and the access distance
//! counts; district boundaries check every location; the written FeatureCollection carries
//! the numbers of solution.json.

use crate::util::*;
use serde_json::{json, Value};
use std::path::Path;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
}

/// A CSV table as a FeatureCollection of points, each at `place(row)`.
fn layer(
    csv_text: &str,
    place: impl Fn(&csv::StringRecord, &csv::StringRecord) -> (f64, f64),
) -> String {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let head = r.headers().unwrap().clone();
    let features: Vec<Value> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            let props: serde_json::Map<String, Value> = head
                .iter()
                .zip(rec.iter())
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| (h.to_string(), Value::String(v.to_string())))
                .collect();
            let (x, y) = place(&head, &rec);
            json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": props})
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

fn solve_to(dir: &Path, instance: &Path, out: &str) -> std::path::PathBuf {
    let o = dir.join(out);
    let m = repo().join("models/beijing-12th-fyp.toml");
    ok(&stockland(&[
        "solve",
        instance.to_str().unwrap(),
        "--model",
        m.to_str().unwrap(),
        "--no-sensitivity",
        "--out",
        o.to_str().unwrap(),
    ]));
    o
}

#[test]
fn beijing_from_geojson_layers_solves_to_the_csv_plan() {
    let d = tempfile::tempdir().unwrap();
    let src = repo().join("instances/beijing-2011-2015");
    let manifest = std::fs::read_to_string(src.join("instance.toml")).unwrap();
    let inst = instance("instances/beijing-2011-2015");
    // every record at its district's seat: the nearest node is the seat's own, 0 km away
    let seat = |head: &csv::StringRecord, rec: &csv::StringRecord| {
        let k = head.iter().position(|h| h == "district").unwrap();
        let dist = inst.districts.iter().find(|x| x.id == rec[k]).unwrap();
        dist.seat.unwrap()
    };
    let geo = d.path().join("geo");
    std::fs::create_dir(&geo).unwrap();
    for t in ["units", "sites", "projects"] {
        let text = std::fs::read_to_string(src.join(format!("{t}.csv"))).unwrap();
        std::fs::write(geo.join(format!("{t}.geojson")), layer(&text, seat)).unwrap();
    }
    std::fs::write(
        geo.join("instance.toml"),
        manifest.replace(".csv\"", ".geojson\""),
    )
    .unwrap();
    let a = solve_to(d.path(), &src, "csv");
    let b = solve_to(d.path(), &geo, "geojson");
    for t in [
        "units.csv",
        "sites.csv",
        "flows.csv",
        "accounts.csv",
        "projects.csv",
    ] {
        let (x, y) = (
            std::fs::read(a.join(t)).unwrap(),
            std::fs::read(b.join(t)).unwrap(),
        );
        assert!(
            x == y,
            "{t} differs between the CSV and the GeoJSON instance"
        );
    }
}

#[test]
fn the_written_feature_collection_carries_the_solution_numbers() {
    let d = tempfile::tempdir().unwrap();
    let i = repo().join("instances/tiny/linkage.toml");
    let m = repo().join("models/tiny-linkage-resettlement.toml");
    let out = d.path().join("o");
    let g = d.path().join("s.geojson");
    ok(&stockland(&[
        "solve",
        i.to_str().unwrap(),
        "--model",
        m.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--geojson",
        g.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(&g).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(out.join("solution.geojson")).unwrap()
    );
    let fc = match text.parse::<geojson::GeoJson>().unwrap() {
        geojson::GeoJson::FeatureCollection(fc) => fc,
        other => panic!("{other:?}"),
    };
    let sol: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("solution.json")).unwrap()).unwrap();
    let layer = |l: &str| -> Vec<&geojson::Feature> {
        fc.features
            .iter()
            .filter(|f| f.property("layer").and_then(|v| v.as_str()) == Some(l))
            .collect()
    };
    let inst = instance("instances/tiny/linkage.toml");
    assert_eq!(layer("unit").len(), inst.units.len());
    assert_eq!(layer("site").len(), inst.sites.len());
    assert_eq!(layer("project").len(), inst.projects.len());
    assert_eq!(layer("district").len(), inst.districts.len());
    assert_eq!(layer("flow").len(), sol["flows"].as_array().unwrap().len());
    assert_eq!(
        layer("project_area").len(),
        sol["project_areas"].as_array().unwrap().len()
    );
    for (kind, key) in [("unit", "units"), ("site", "sites")] {
        for f in layer(kind) {
            let id = f.property("id").unwrap().as_str().unwrap();
            let row = sol[key]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == id)
                .unwrap();
            for (k, v) in row.as_object().unwrap() {
                assert_eq!(f.property(k), Some(v), "{kind} {id}: {k}");
            }
        }
    }
    for (f, row) in layer("flow").iter().zip(sol["flows"].as_array().unwrap()) {
        assert_eq!(f.property("quota_km2"), Some(&row["quota_km2"]));
        assert!(matches!(
            f.geometry.as_ref().map(|g| &g.value),
            Some(geojson::Value::LineString(_)) | None
        ));
    }
}

/// Tiny instance D with located nodes and its units as a GeoJSON layer, V1 placed `km`
/// east of its district seat; the optimum of the result.
fn linkage_with_v1_at(dir: &Path, km_east: f64) -> Result<f64, String> {
    let text = std::fs::read_to_string(repo().join("instances/tiny/linkage.toml")).unwrap();
    let mut t: toml::Table = toml::from_str(&text).unwrap();
    let units = t.remove("units").unwrap();
    // seats on the 40th parallel, 30 km apart as the links say (1° of longitude ≈ 85.4 km)
    let deg = 1.0 / 85.39;
    let lons = [
        ("seat:m", 116.0),
        ("seat:p", 116.0 + 30.0 * deg),
        ("seat:q", 116.0 + 130.0 * deg),
    ];
    if let Some(toml::Value::Table(tr)) = t.get_mut("transport") {
        if let Some(toml::Value::Array(nodes)) = tr.get_mut("nodes") {
            for n in nodes {
                let id = n["id"].as_str().unwrap().to_string();
                let lon = lons.iter().find(|l| l.0 == id).unwrap().1;
                let n = n.as_table_mut().unwrap();
                n.insert("lon".into(), toml::Value::Float(lon));
                n.insert("lat".into(), toml::Value::Float(40.0));
            }
        }
    }
    t.insert(
        "units_file".into(),
        toml::Value::String("units.geojson".into()),
    );
    let features: Vec<Value> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let props: Value = serde_json::to_value(u).unwrap();
            let id = props["id"].as_str().unwrap();
            let district = props["district"].as_str().unwrap();
            let seat = lons.iter().find(|l| l.0 == format!("seat:{district}")).unwrap().1;
            let lon = if id == "V1" { seat - km_east * deg } else { seat };
            json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, 40.0]}, "properties": props})
        })
        .collect();
    std::fs::write(dir.join("instance.toml"), toml::to_string(&t).unwrap()).unwrap();
    std::fs::write(
        dir.join("units.geojson"),
        json!({"type": "FeatureCollection", "features": features}).to_string(),
    )
    .unwrap();
    let inst = stockland::files::load_instance(dir).map_err(|e| e.to_string())?;
    let v1 = inst.units.iter().find(|u| u.id == "V1").unwrap();
    assert_eq!(
        inst.transport.nodes[v1.node.unwrap()].id,
        "seat:m",
        "V1 is nearest its own seat"
    );
    assert_close(v1.access_km, km_east, 0.01 * km_east.max(1.0), "access km");
    Ok(solve_checked(&inst, &model("models/tiny-linkage.toml"))
        .solution
        .objective
        .unwrap())
}

#[test]
fn a_located_unit_without_a_node_takes_the_nearest_and_its_access_distance_counts() {
    let d = tempfile::tempdir().unwrap();
    // 80 with V1 at its seat (derived in instances/tiny/linkage.toml)
    assert_close(
        linkage_with_v1_at(d.path(), 0.0).unwrap(),
        80.0,
        1e-6,
        "at the seat",
    );
    // 10 km west of its seat: 40 km to S1, still within 50; each km² of quota costs 10 more
    // (to the 0.02 km the great circle differs from 1° = 85.39 km at 40°N)
    assert_close(
        linkage_with_v1_at(d.path(), 10.0).unwrap(),
        80.0 - 0.8 * 10.0,
        0.05,
        "10 km out",
    );
    // 25 km west: 55 km > 50, V1 can no longer pair with S1: only V3's 0.2 km² of quota
    // (S1 builds 0.5 + 0.2 = 0.7 km²: 80 × 0.7 − 40 × 0.2)
    assert_close(
        linkage_with_v1_at(d.path(), 25.0).unwrap(),
        80.0 * 0.7 - 40.0 * 0.2,
        1e-3,
        "25 km out",
    );
}

#[test]
fn district_boundaries_check_every_location() {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("instances/tiny/two-units.toml")).unwrap();
    let mut t: toml::Table = toml::from_str(&text).unwrap();
    let units = t.remove("units").unwrap();
    t.insert(
        "units_file".into(),
        toml::Value::String("units.geojson".into()),
    );
    t.insert(
        "boundaries_file".into(),
        toml::Value::String("districts.geojson".into()),
    );
    let square = |x0: f64| json!({"type": "Polygon", "coordinates": [[[x0, 40.0], [x0 + 0.1, 40.0], [x0 + 0.1, 40.1], [x0, 40.1], [x0, 40.0]]]});
    std::fs::write(
        d.path().join("districts.geojson"),
        json!({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": square(116.0), "properties": {"id": "d"}}]}).to_string(),
    )
    .unwrap();
    let write_units = |x_u2: f64| {
        let features: Vec<Value> = units
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                let props = serde_json::to_value(u).unwrap();
                let x = if props["id"] == "U2" { x_u2 } else { 116.05 };
                json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, 40.05]}, "properties": props})
            })
            .collect();
        std::fs::write(
            d.path().join("units.geojson"),
            json!({"type": "FeatureCollection", "features": features}).to_string(),
        )
        .unwrap();
    };
    std::fs::write(d.path().join("instance.toml"), toml::to_string(&t).unwrap()).unwrap();
    write_units(116.05);
    let inst = stockland::files::load_instance(d.path()).unwrap();
    assert!(inst.districts[0].boundary.is_some());
    assert_eq!(inst.units[1].location, Some((116.05, 40.05)));
    write_units(116.5);
    let e = stockland::files::load_instance(d.path())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("feature 1 (id U2)")
            && e.contains("district")
            && e.contains("lies in no district's boundary"),
        "{e}"
    );
}
