//! `transport_access` has no rows: hard, a place too far from a station gets no column for
//! the rule's uses; soft, the column's objective pays the penalty per km² per km beyond
//! (see `programme/columns.rs` and [`crate::policy::TransportAccess::km_beyond`]).

use super::Ctx;
use crate::policy::TransportAccess;

pub(super) fn rows(_: &mut Ctx<'_>, _: &TransportAccess) {}
