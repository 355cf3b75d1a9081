//! The past a re-plan starts from ([`crate::plan::Past`]) in the programme: each observed
//! activity a row `actual[scope.account@year]` fixing what the plan does in that year and
//! scope; each re-based level a free column `rebase[level]` defined by the row
//! `actual[level@year]` (baseline + exogenous change by then + the level's change by the
//! decisions up to that year + rebase = what was observed), which the period-end rules on
//! the level add ([`Ctx::add_rebase`](super::rows::Ctx)).

use super::columns::{Cols, INF};
use super::phases::{year_terms, Form};
use super::sparse::{Builder, ColumnKey, RowName};
use crate::instance::Instance;
use crate::network::LinkageNetwork;
use crate::plan::actuals::Account;
use crate::plan::Past;
use crate::policy::years::exogenous_share;
use crate::policy::{Level, PolicyModel};

/// The `rebase[level]` columns, by [`Level::ALL`]'s order, each with the year index from
/// which it counts.
pub(super) type Rebase = [Option<(u32, usize)>; 4];

/// The free `rebase[level]` column of each level the past re-bases.
pub(super) fn rebase_columns(model: &PolicyModel, past: Option<&Past>, b: &mut Builder) -> Rebase {
    let mut r = [None; 4];
    if let (Some(past), Some(ys)) = (past, model.phased_years()) {
        for (i, l) in Level::ALL.into_iter().enumerate() {
            if let Some(t) = past.rebase_of(l).and_then(|a| ys.index(a.year)) {
                r[i] = Some((b.column(ColumnKey::Rebase(l), -INF, INF, 0.0), t));
            }
        }
    }
    r
}

/// The rows of the past: one per fixed activity and per re-based level, in the past's
/// order.
pub(super) fn rows(
    inst: &Instance,
    model: &PolicyModel,
    net: Option<&LinkageNetwork>,
    cols: &Cols,
    rebase: &Rebase,
    past: &Past,
    b: &mut Builder,
) {
    let Some(ys) = model.phased_years() else {
        return; // Past::new refuses a model without years
    };
    let mut terms = Vec::new();
    for a in past.fixed.iter().chain(&past.rebased) {
        let Some(t) = ys.index(a.year) else { continue };
        let name = RowName::Actual {
            year: a.year,
            scope: a.scope,
            account: a.account,
        };
        let here = |d: usize| a.scope.holds(inst, d);
        terms.clear();
        match a.account {
            Account::Activity(act) => {
                b.begin_row(name, a.km2, a.km2, 0.0, None);
                Form::of(act, |f| {
                    year_terms(inst, cols, net, f, t, &here, &mut terms)
                });
            }
            Account::Level(l) => {
                let offset = l.baseline(&inst.region.baseline)
                    + l.exogenous(&inst.region.exogenous) * exogenous_share(Some(ys), t);
                b.begin_row(name, a.km2, a.km2, offset, None);
                for tau in 0..=t {
                    Form::of_level(l, |f| {
                        year_terms(inst, cols, net, f, tau, &here, &mut terms)
                    });
                }
                let i = Level::ALL.iter().position(|x| *x == l).unwrap_or(0);
                if let Some((j, _)) = rebase[i] {
                    terms.push((j, 1.0));
                }
            }
        }
        for &(j, coef) in &terms {
            b.add_raw(j, coef);
        }
        b.end_row();
    }
}
