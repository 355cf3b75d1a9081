//! How a unit's allocation changes the land accounts: a policy definition shared by the
//! programme (the coefficients of the account rows) and the check (the accounts recomputed),
//! like a family's density or pairing.
//!
//! A unit's land is counted in one account now ([`Account`]): town or rural construction
//! land for stock to redevelop, arable or other non-construction land for a patch group of a
//! land-use structure programme. One km² of it turned to use `k` leaves that account and
//! joins `k`'s (what the use's [role](crate::instance::uses::Role) counts as); area left
//! unallocated stays where it is. So, per km²:
//!
//! | now \ turned to | construction use | arable use | other non-construction use |
//! |---|---|---|---|
//! | construction (stock) | construction 0, arable 0 | construction −1, arable +1 | construction −1, arable 0 |
//! | arable | construction +1, arable −1 | 0, 0 | construction 0, arable −1 |
//! | other non-construction | construction +1, arable 0 | construction 0, arable +1 | 0, 0 |
//!
//! For stock (every unit of a stock-redevelopment instance) this is the familiar reading: re-use keeps
//! the land in construction, reclamation moves it to arable, restoration takes it out.

use crate::instance::uses::{LandUse, Role, Uses};
use crate::instance::Account;

/// km² of construction land gained per km² of a unit now in `now` turned to `k`.
pub fn construction_gain(now: Account, k: LandUse) -> f64 {
    (k.is_construction() as u8 as f64) - (now.is_construction() as u8 as f64)
}

/// km² of arable land gained per km² of a unit now in `now` turned to `k`.
pub fn arable_gain(now: Account, k: LandUse) -> f64 {
    (k.is(Role::Arable) as u8 as f64) - ((now == Account::Arable) as u8 as f64)
}

/// km² of arable land gained by a unit now in `now` allocated `x` (km² by use of `uses`).
pub fn arable_gained(uses: &Uses, now: Account, x: &[f64]) -> f64 {
    uses.iter()
        .map(|k| arable_gain(now, k) * x[k.index()])
        .sum()
}

/// What the stock reading (the zone totals of the programme) counts per km² for
/// construction: −1 for a non-construction use.
fn stock_construction(k: LandUse) -> f64 {
    construction_gain(Account::Rural, k)
}

/// What the stock reading counts per km² for arable: +1 for an arable use.
fn stock_arable(k: LandUse) -> f64 {
    arable_gain(Account::Rural, k)
}

/// The correction to the stock reading of a unit now in `now`: (construction, arable) per
/// km² turned to `k`, 0 for stock.
pub fn correction(now: Account, k: LandUse) -> (f64, f64) {
    (
        construction_gain(now, k) - stock_construction(k),
        arable_gain(now, k) - stock_arable(k),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table() {
        let uses = Uses::builtin();
        let (market, arable, eco) = (
            uses.get("market").unwrap(),
            uses.get("arable").unwrap(),
            uses.get("ecological").unwrap(),
        );
        let row =
            |now| [market, arable, eco].map(|k| (construction_gain(now, k), arable_gain(now, k)));
        assert_eq!(row(Account::Town), [(0.0, 0.0), (-1.0, 1.0), (-1.0, 0.0)]);
        assert_eq!(row(Account::Arable), [(1.0, -1.0), (0.0, 0.0), (0.0, -1.0)]);
        assert_eq!(
            row(Account::NonConstruction),
            [(1.0, 0.0), (0.0, 1.0), (0.0, 0.0)]
        );
        for k in uses.iter() {
            assert_eq!(correction(Account::Rural, k), (0.0, 0.0));
            assert_eq!(correction(Account::Arable, k), (1.0, -1.0));
        }
    }
}
