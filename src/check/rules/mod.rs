//! The check of every enabled rule family, one file per family (the same name as the
//! family's settings in [`crate::policy::rules`] and its rows in `programme/rows/`), in
//! registry order. Each recomputes its lines from instance, model and allocation.

use super::accounts::{Accounts, Aggregates};
use super::lines::Lines;
use crate::instance::Instance;
use crate::policy::{active, PolicyModel};
use crate::solution::Allocation;

/// What a family's check reads.
pub(super) struct Ctx<'a> {
    pub inst: &'a Instance,
    pub model: &'a PolicyModel,
    pub alloc: &'a Allocation,
    pub accounts: &'a Accounts,
    pub aggregates: &'a Aggregates,
    /// With years: the accounts at each year's end (re-based in a re-plan).
    pub years: &'a [super::years::YearAccounts],
}

impl Ctx<'_> {
    /// Linkage quota moved by the flows, km².
    pub fn linkage_quota(&self) -> f64 {
        self.alloc.flows.iter().map(|f| f.quota_km2).sum()
    }
}

macro_rules! check_registry {
    ($($id:ident : $variant:ident ($($ty:tt)::+)),* $(,)?) => {
        $(mod $id;)*

        /// The lines of every family of the model that is present and enabled, in
        /// registry order.
        pub(super) fn all(c: &Ctx<'_>, l: &mut Lines) {
            let rules = &c.model.rules;
            $(
                if let Some(r) = active(&rules.$id) {
                    $id::check(c, r, l);
                }
            )*
        }
    };
}
crate::policy::rules::for_each_family!(check_registry);
