//! The transport network: nodes, links and each district's seat.

use super::*;

/// Transport nodes by id.
pub(super) type NodeIndex<'a> = HashMap<&'a str, usize>;

pub(super) fn transport<'a>(
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
