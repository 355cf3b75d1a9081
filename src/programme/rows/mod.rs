//! The rows of every enabled rule family, one file per family (the same name as the
//! family's settings in [`crate::policy::rules`] and its check in `check/rules/`), built in
//! registry order. City-wide and zone rules are stated on the accounting totals
//! ([`Total`](super::Total)); unit and site rules on the unit and site columns.

use super::columns::Cols;
use super::sparse::{Builder, RowName};
use crate::instance::Instance;
use crate::network::LinkageNetwork;
use crate::policy::{active, PolicyModel, RowRef};

/// What a family's rows are built from and into.
pub(super) struct Ctx<'a> {
    pub inst: &'a Instance,
    pub model: &'a PolicyModel,
    /// The linkage network, when the model has the linkage.
    pub net: Option<&'a LinkageNetwork>,
    pub cols: Cols,
    pub b: Builder,
    /// In a re-plan, the `rebase[level]` columns ([`super::past`]).
    pub rebase: super::past::Rebase,
}

impl Ctx<'_> {
    /// Start the row `row`: `lower ≤ a·x + offset ≤ upper` (the rule's bounds on its
    /// value), soft at `penalty` per km² when given.
    pub fn begin(
        &mut self,
        row: RowRef,
        lower: f64,
        upper: f64,
        offset: f64,
        penalty: Option<f64>,
    ) {
        self.b
            .begin_row(RowName::Rule(row), lower, upper, offset, penalty);
    }
}

/// The columns of units that are not stock (patch groups of arable or other land) with the
/// correction `pick` takes from [`correction`](crate::policy::change::correction) (its
/// construction or its arable part): what the stock reading of the zone totals misses.
pub(super) fn not_stock(c: &Ctx<'_>, pick: impl Fn((f64, f64)) -> f64) -> Vec<(u32, f64)> {
    not_stock_where(c, |_| true, pick)
}

/// [`not_stock`] for the units `keep` takes (those of a zone, for a zone's row).
pub(super) fn not_stock_where(
    c: &Ctx<'_>,
    keep: impl Fn(&crate::instance::StockUnit) -> bool,
    pick: impl Fn((f64, f64)) -> f64,
) -> Vec<(u32, f64)> {
    let mut out = Vec::new();
    for (ui, u) in c.inst.units.iter().enumerate() {
        if u.account.is_construction() || !keep(u) {
            continue;
        }
        for k in c.inst.uses.iter() {
            let coef = pick(crate::policy::change::correction(u.account, k));
            if let Some(j) = c.cols.unit_use(ui, k).filter(|_| coef != 0.0) {
                out.push((j, coef));
            }
        }
    }
    out
}

macro_rules! programme_registry {
    ($($id:ident : $variant:ident ($($ty:tt)::+)),* $(,)?) => {
        $(mod $id;)*

        /// The rows of every family of the model that is present and enabled, in registry
        /// order.
        pub(super) fn all(c: &mut Ctx<'_>) {
            let model = c.model;
            let rules = &model.rules;
            $(
                if let Some(r) = active(&rules.$id) {
                    $id::rows(c, r);
                }
            )*
        }
    };
}
crate::policy::rules::for_each_family!(programme_registry);

impl Ctx<'_> {
    /// Add the terms of `form` in year index `t` over `district` (the region without) to the
    /// row being built ([`year_terms`](super::phases::year_terms)), times `scale`.
    pub fn add_year(
        &mut self,
        form: &super::phases::Form<'_>,
        t: usize,
        district: Option<usize>,
        scale: f64,
    ) {
        let mut terms = Vec::new();
        let here = |d: usize| district.is_none_or(|x| x == d);
        super::phases::year_terms(self.inst, &self.cols, self.net, form, t, &here, &mut terms);
        for (j, coef) in terms {
            self.b.add_raw(j, scale * coef);
        }
    }
    /// Add `coef · rebase[level]` to the row being built, when the re-plan re-bases the
    /// level: the period-end rules on a level count what was observed of it.
    pub fn add_rebase(&mut self, level: crate::policy::Level, coef: f64) {
        self.add_rebase_at(level, usize::MAX, coef);
    }
    /// [`Ctx::add_rebase`] for the level at the end of year index `t`: re-based only from
    /// the observed year on.
    pub fn add_rebase_at(&mut self, level: crate::policy::Level, t: usize, coef: f64) {
        let i = crate::policy::Level::ALL.iter().position(|l| *l == level);
        if let Some((j, from)) = i.and_then(|i| self.rebase[i]) {
            if from <= t {
                self.b.add_raw(j, coef);
            }
        }
    }
    /// The model's years (one, the period, when it declares none).
    pub fn years(&self) -> crate::policy::Years {
        self.model.years_or_period()
    }
}
