//! GeoJSON layers as tables: a FeatureCollection (RFC 7946: WGS 84 longitude and latitude;
//! CGCS2000 is taken as equal to WGS 84 at this scale; GCJ-02 "Mars" offsets of Chinese web
//! maps are NOT corrected: give survey coordinates) whose features carry the same properties
//! as the CSV columns. A Point gives the record's location; a Polygon or MultiPolygon its
//! centroid, and its geodesic area when the record gives none (a given area that differs
//! from the polygon's by more than [`AREA_TOLERANCE`] is reported as a warning). Each
//! problem names the feature (index and id) and the property.

use super::format::{Located, ProjectRecord, SiteRecord, UnitRecord};
use crate::error::Problem;
use geo::{Centroid, GeodesicArea};

/// A given area may differ from the polygon's geodesic area by this share before a warning.
pub const AREA_TOLERANCE: f64 = 0.05;

/// A record a feature can fill: its location, and its area from a polygon.
pub trait FeatureRecord {
    /// The area the record gives, km² (any unit converted), if any.
    fn given_km2(&self) -> Option<f64>;
    /// Take `km2` from the geometry as the record's area; `false` when the table's area is
    /// not the polygon's (a project's capacity is new arable, not its footprint).
    fn set_km2(&mut self, km2: f64) -> bool;
    fn set_location(&mut self, lon: f64, lat: f64);
}

fn km2(km2: Option<f64>, ha: Option<f64>, mu: Option<f64>) -> Option<f64> {
    km2.or(ha.map(|v| v / 100.0)).or(mu.map(|v| v / 1500.0))
}

impl FeatureRecord for UnitRecord {
    fn given_km2(&self) -> Option<f64> {
        km2(self.area_km2, self.area_ha, self.area_mu)
    }
    fn set_km2(&mut self, v: f64) -> bool {
        self.area_km2 = Some(v);
        true
    }
    fn set_location(&mut self, lon: f64, lat: f64) {
        (self.lon, self.lat) = (Some(lon), Some(lat));
    }
}

impl FeatureRecord for SiteRecord {
    fn given_km2(&self) -> Option<f64> {
        km2(self.capacity_km2, self.capacity_ha, self.capacity_mu)
    }
    fn set_km2(&mut self, v: f64) -> bool {
        self.capacity_km2 = Some(v);
        true
    }
    fn set_location(&mut self, lon: f64, lat: f64) {
        (self.lon, self.lat) = (Some(lon), Some(lat));
    }
}

impl FeatureRecord for ProjectRecord {
    fn given_km2(&self) -> Option<f64> {
        None
    }
    fn set_km2(&mut self, _: f64) -> bool {
        false
    }
    fn set_location(&mut self, lon: f64, lat: f64) {
        (self.lon, self.lat) = (Some(lon), Some(lat));
    }
}

/// A feature's geometry, as stockland uses it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Point(f64, f64),
    Area(geo::MultiPolygon<f64>),
}

impl Shape {
    /// The point, or the polygons' centroid.
    pub fn location(&self) -> Option<(f64, f64)> {
        match self {
            Shape::Point(x, y) => Some((*x, *y)),
            Shape::Area(m) => m.centroid().map(|c| (c.x(), c.y())),
        }
    }
    /// Geodesic area, km² (0 for a point).
    pub fn km2(&self) -> f64 {
        match self {
            Shape::Point(..) => 0.0,
            Shape::Area(m) => m.geodesic_area_unsigned() / 1e6,
        }
    }
}

/// A layer's features, each with its record name (`feature N (id X)`), its properties and
/// its shape (`None`: no geometry).
type Features = Vec<(
    String,
    serde_json::Map<String, serde_json::Value>,
    Option<Shape>,
)>;

fn features(file: &str, text: &str) -> Result<Features, Vec<Problem>> {
    let gj: geojson::GeoJson = text.parse().map_err(|e: geojson::Error| {
        vec![Problem::new(
            file,
            "document",
            "",
            format!("not GeoJSON ({e}): expected a FeatureCollection"),
        )]
    })?;
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        return Err(vec![Problem::new(
            file,
            "document",
            "type",
            "expected a FeatureCollection",
        )]);
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, f) in fc.features.into_iter().enumerate() {
        let props = f.properties.unwrap_or_default();
        let id = props
            .get("id")
            .map(|v| v.as_str().map_or(v.to_string(), String::from))
            .unwrap_or_default();
        let record = format!("feature {i} (id {id})");
        let shape = match f.geometry {
            None => None,
            Some(g) => match geo::Geometry::<f64>::try_from(g) {
                Ok(geo::Geometry::Point(p)) => Some(Shape::Point(p.x(), p.y())),
                Ok(geo::Geometry::Polygon(p)) => Some(Shape::Area(geo::MultiPolygon(vec![p]))),
                Ok(geo::Geometry::MultiPolygon(m)) => Some(Shape::Area(m)),
                Ok(_) => {
                    problems.push(Problem::new(
                        file,
                        &record,
                        "geometry",
                        "expected a Point, Polygon or MultiPolygon",
                    ));
                    continue;
                }
                Err(e) => {
                    problems.push(Problem::new(file, &record, "geometry", format!("{e}")));
                    continue;
                }
            },
        };
        if let Some((x, y)) = shape.as_ref().and_then(Shape::location) {
            if !(x.is_finite()
                && y.is_finite()
                && (-180.0..=180.0).contains(&x)
                && (-90.0..=90.0).contains(&y))
            {
                problems.push(Problem::new(
                    file,
                    &record,
                    "geometry",
                    format!("({x}, {y}) is not a WGS 84 longitude and latitude: expected degrees (lon −180…180, lat −90…90), not projected metres"),
                ));
                continue;
            }
        }
        out.push((record, props, shape));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A property as CSV text: numbers and booleans written out, null empty.
fn cell(v: &serde_json::Value) -> Result<String, &'static str> {
    match v {
        serde_json::Value::Null => Ok(String::new()),
        serde_json::Value::Bool(b) => Ok(b.to_string()),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::String(s) => Ok(s.trim().to_string()),
        _ => Err("expected a number, text, true/false or null, not a list or an object"),
    }
}

/// The records of a layer, read as the CSV table's records; warnings about given areas
/// that differ from their polygons' go to `warnings`.
pub fn parse_layer<T: super::format::Record + FeatureRecord>(
    file: &str,
    text: &str,
    warnings: &mut Vec<Problem>,
) -> Result<Vec<Located<T>>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (record, props, shape) in features(file, text)? {
        let mut head = csv::StringRecord::new();
        let mut row = csv::StringRecord::new();
        let mut bad = false;
        for (k, v) in &props {
            match cell(v) {
                Ok(c) => {
                    head.push_field(k);
                    row.push_field(&c);
                }
                Err(m) => {
                    problems.push(Problem::new(file, &record, k, m));
                    bad = true;
                }
            }
        }
        if bad {
            continue;
        }
        let mut rec: T = match super::format::Layout::new::<T>(&head).record::<T>(&row) {
            Ok(r) => r,
            Err(super::format::RecordError::Cell(field, m)) => {
                problems.push(Problem::new(file, &record, field, m));
                continue;
            }
            Err(err) => {
                let (e, head) = match err {
                    super::format::RecordError::Shifted(e, h) => (e, h),
                    super::format::RecordError::Csv(e) => (e, head),
                    super::format::RecordError::Cell(..) => unreachable!("matched above"),
                };
                let field = match e.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => err
                        .field()
                        .and_then(|i| head.get(i as usize))
                        .unwrap_or("")
                        .to_string(),
                    _ => String::new(),
                };
                let message = match e.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
                    _ => e.to_string(),
                };
                problems.push(Problem::new(file, &record, field, message));
                continue;
            }
        };
        if let Some(shape) = &shape {
            if let Some((x, y)) = shape.location() {
                rec.set_location(x, y);
            }
            if let Shape::Area(_) = shape {
                let computed = shape.km2();
                match rec.given_km2() {
                    None => {
                        rec.set_km2(computed);
                    }
                    Some(given)
                        if computed > 0.0
                            && ((given - computed) / computed).abs() > AREA_TOLERANCE =>
                    {
                        warnings.push(Problem::new(
                            file,
                            &record,
                            "area",
                            format!(
                                "the given area {given:.6} km² differs from the polygon's geodesic area {computed:.6} km² by {:.1}% (more than {:.0}%): the given area is used",
                                100.0 * (given - computed) / computed,
                                100.0 * AREA_TOLERANCE
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        out.push(Located {
            file: file.to_string(),
            at: record,
            record: rec,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A district boundary as read: the district id and its polygons.
pub type Boundary = Located<(String, geo::MultiPolygon<f64>)>;

/// District boundaries: each feature's `id` property and its (Multi)Polygon.
pub fn parse_boundaries(file: &str, text: &str) -> Result<Vec<Boundary>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (record, props, shape) in features(file, text)? {
        let Some(id) = props.get("id").and_then(|v| v.as_str()) else {
            problems.push(Problem::new(
                file,
                &record,
                "id",
                "expected the district's id as text",
            ));
            continue;
        };
        match shape {
            Some(Shape::Area(m)) => out.push(Located {
                file: file.to_string(),
                at: record,
                record: (id.to_string(), m),
            }),
            _ => problems.push(Problem::new(
                file,
                &record,
                "geometry",
                "a boundary is a Polygon or MultiPolygon",
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYER: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[116.0,40.0],[116.01,40.0],[116.01,40.01],[116.0,40.01],[116.0,40.0]]]},
       "properties":{"id":"P1","district":"d","capacity_km2":0.3,"cost":2,"arable_grade":6}},
      {"type":"Feature","geometry":{"type":"Point","coordinates":[116.5,40.2]},
       "properties":{"id":"P2","district":"d","capacity_km2":"0.1","cost":2,"arable_grade":"6"}}]}"#;

    #[test]
    fn properties_read_as_csv_columns_and_geometry_as_location() {
        let mut w = Vec::new();
        let recs: Vec<Located<ProjectRecord>> = parse_layer("p.geojson", LAYER, &mut w).unwrap();
        assert_eq!(recs.len(), 2);
        let (x, y) = (recs[0].record.lon.unwrap(), recs[0].record.lat.unwrap());
        assert!((x - 116.005).abs() < 1e-6 && (y - 40.005).abs() < 1e-4);
        assert_eq!(recs[1].record.arable_grade, 6);
        assert_eq!(recs[1].at, "feature 1 (id P2)");
    }

    #[test]
    fn a_polygon_s_geodesic_area_fills_a_missing_area_and_checks_a_given_one() {
        // 0.01° × 0.01° at 40°N: about 1.111 km × 0.852 km = 0.947 km²
        let unit = |area: &str| {
            format!(
                r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Polygon","coordinates":[[[116.0,40.0],[116.01,40.0],[116.01,40.01],[116.0,40.01],[116.0,40.0]]]}},"properties":{{"id":"U1","district":"d","kind":"idle","land_class":"1201","account":"town","in_town":true,{area}"in_redline":false,"in_basic_farmland_area":false,"station_km":1,"population":0,"reclaimable_share":0.5,"arable_grade":5}}}}]}}"#
            )
        };
        let mut w = Vec::new();
        let r: Vec<Located<UnitRecord>> = parse_layer("u.geojson", &unit(""), &mut w).unwrap();
        let a = r[0].record.area_km2.unwrap();
        assert!((a - 0.947).abs() < 0.01, "{a}");
        assert!(w.is_empty());
        let _: Vec<Located<UnitRecord>> =
            parse_layer("u.geojson", &unit(r#""area_km2":1.2,"#), &mut w).unwrap();
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message
                .contains("differs from the polygon's geodesic area"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn bad_features_are_named_with_their_property() {
        let bad = LAYER.replace(
            r#""cost":2,"arable_grade":6"#,
            r#""cost":"cheap","arable_grade":6"#,
        );
        let e = parse_layer::<ProjectRecord>("p.geojson", &bad, &mut Vec::new()).unwrap_err();
        assert_eq!(e[0].record, "feature 0 (id P1)");
        assert_eq!(e[0].field, "cost");
        let projected = LAYER.replace("[116.5,40.2]", "[450000.0,4400000.0]");
        let e = parse_layer::<ProjectRecord>("p.geojson", &projected, &mut Vec::new()).unwrap_err();
        assert!(
            e[0].message.contains("not a WGS 84 longitude and latitude"),
            "{}",
            e[0].message
        );
        let e = parse_layer::<ProjectRecord>(
            "p.geojson",
            "{\"type\":\"Point\",\"coordinates\":[1,2]}",
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(e[0].message.contains("FeatureCollection"));
    }
}
