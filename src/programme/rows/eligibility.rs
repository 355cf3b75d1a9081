//! `eligibility` has no rows: an ineligible (unit, use) or (site, use) pair gets no column
//! at all (see `programme/columns.rs`, which applies
//! [`crate::policy::Eligibility::unit_allows`] and `site_allows`).

use super::Ctx;
use crate::policy::Eligibility;

pub(super) fn rows(_: &mut Ctx<'_>, _: &Eligibility) {}
