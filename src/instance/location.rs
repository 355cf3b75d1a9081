//! Where records are: great-circle distances, the nearest transport node, and the district
//! polygon a point falls in.

use geo::Contains;

/// Mean Earth radius, km.
const EARTH_KM: f64 = 6371.0088;

/// Great-circle (haversine) distance between two (lon, lat) points in degrees, km.
pub fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let (dla, dlo) = (la2 - la1, (b.0 - a.0).to_radians());
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * EARTH_KM * h.sqrt().min(1.0).asin()
}

/// The located node nearest `p`, and its distance, km (`None`: no node has a location).
pub fn nearest(nodes: &[Option<(f64, f64)>], p: (f64, f64)) -> Option<(usize, f64)> {
    nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.map(|q| (i, great_circle_km(p, q))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// The index of the first boundary holding `p`.
pub fn containing(boundaries: &[Option<geo::MultiPolygon<f64>>], p: (f64, f64)) -> Option<usize> {
    let pt = geo::Point::new(p.0, p.1);
    boundaries
        .iter()
        .position(|b| b.as_ref().is_some_and(|m| m.contains(&pt)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_degree_of_latitude_is_about_111_km_and_the_nearest_node_wins() {
        assert!((great_circle_km((116.0, 39.0), (116.0, 40.0)) - 111.19).abs() < 0.05);
        let nodes = [Some((116.0, 40.0)), None, Some((116.3, 40.0))];
        assert_eq!(nearest(&nodes, (116.2, 40.0)).map(|n| n.0), Some(2));
        assert_eq!(nearest(&[None], (0.0, 0.0)), None);
    }
}
