//! Checks of one field: a number in its range, a share, a grade, an area in its unit, an id, a location, a record's accounts and its value and cost per use; every problem pushed, none stopping the rest.

use super::*;

pub(super) struct Ctx {
    pub(super) problems: Vec<Problem>,
}

impl Ctx {
    pub(super) fn push(
        &mut self,
        file: &str,
        record: &str,
        field: &str,
        message: impl Into<String>,
    ) {
        self.problems
            .push(Problem::new(file, record, field, message.into()));
    }

    /// A finite number in [0, max] (`unit` names what it counts, for the message).
    pub(super) fn within(
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
    pub(super) fn non_negative(&mut self, file: &str, record: &str, field: &str, v: f64) -> f64 {
        self.within(file, record, field, v, range::AREA_KM2, "km²")
    }

    /// A (lon, lat) pair in degrees.
    pub(super) fn location(&mut self, file: &str, record: &str, lon: f64, lat: f64, prefix: &str) {
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
    pub(super) fn id(&mut self, file: &str, record: &str, id: &str) {
        if id.trim().is_empty() {
            self.push(file, record, "id", "expected a non-empty id");
        }
    }

    /// A share in [0, 1].
    pub(super) fn share(&mut self, file: &str, record: &str, field: &str, v: f64) -> f64 {
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

    pub(super) fn grade(&mut self, file: &str, record: &str, field: &str, v: i64) -> u8 {
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
    pub(super) fn area(
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

    pub(super) fn accounts(&mut self, file: &str, record: &str, a: &AccountsRecord) -> Accounts {
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
    pub(super) fn uses(
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
