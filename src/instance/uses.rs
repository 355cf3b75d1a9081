//! The uses a stock unit or a receiving site can be turned to: a catalogue each instance
//! declares (`[[uses]]`), every use with a role that says what the rule families count it
//! as.
//!
//! A use is the instance's word (`affordable`, `orchard`, `paddy` …) with a GB/T 21010-2017
//! class, a display name in Chinese and English, and one [`Role`]:
//!
//! | role | group | construction? | account it adds to |
//! |---|---|---|---|
//! | `affordable` | residential | yes | town or rural (urban-rural land) |
//! | `market` | residential | yes | town or rural (urban-rural land) |
//! | `industrial` | industrial (industry, storage, commerce) | yes | town or rural (urban-rural land) |
//! | `infrastructure` | infrastructure and other construction (transport, water, energy, public services, special) | yes | transport, water and special land |
//! | `arable` | farmland | no | arable |
//! | `agricultural` | other agricultural land (garden, production forest or grass, ponds) | no | — |
//! | `ecological` | green, forest, grass, wetland restored or kept for its ecology | no | — |
//!
//! The families that speak of "affordable housing", "reclaimed arable" or "ecological
//! restoration" count every use of that role. An instance that declares no uses has the
//! [built-in six](Uses::builtin), one per construction and reclamation role, in the order
//! every table, column and report of those instances follows.
//!
//! A [`LandUse`] is a handle: a copy of a pointer to its catalogue entry, stored once per
//! process however many instances declare the same entry, so comparing, hashing and reading
//! its name, role or index need no catalogue at hand.

use serde::{Deserialize, Serialize, Serializer};
use std::collections::HashSet;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// What the rule families count a use as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Affordable,
    Market,
    Industrial,
    Infrastructure,
    Arable,
    Agricultural,
    Ecological,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Affordable,
        Role::Market,
        Role::Industrial,
        Role::Infrastructure,
        Role::Arable,
        Role::Agricultural,
        Role::Ecological,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Affordable => "affordable",
            Role::Market => "market",
            Role::Industrial => "industrial",
            Role::Infrastructure => "infrastructure",
            Role::Arable => "arable",
            Role::Agricultural => "agricultural",
            Role::Ecological => "ecological",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
    pub fn group(self) -> UseGroup {
        match self {
            Role::Affordable | Role::Market => UseGroup::Residential,
            Role::Industrial => UseGroup::Industrial,
            Role::Infrastructure => UseGroup::Infrastructure,
            Role::Arable | Role::Agricultural | Role::Ecological => UseGroup::NonConstruction,
        }
    }
    pub fn is_construction(self) -> bool {
        self.group() != UseGroup::NonConstruction
    }
    /// The first-level GB/T 21010-2017 classes a use of this role may carry: the standard's
    /// classes of that kind of land.
    pub fn classes(self) -> &'static [&'static str] {
        match self {
            Role::Affordable | Role::Market => &["07"],
            Role::Industrial => &["05", "06"],
            Role::Infrastructure => &["08", "09", "10", "11"],
            Role::Arable => &["01"],
            Role::Agricultural => &["02", "03", "04", "11", "12"],
            Role::Ecological => &["03", "04", "08", "11", "12"],
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The group a use belongs to in the supply-mix rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UseGroup {
    Residential,
    Industrial,
    Infrastructure,
    NonConstruction,
}

impl UseGroup {
    pub const SUPPLY: [UseGroup; 3] = [
        UseGroup::Residential,
        UseGroup::Industrial,
        UseGroup::Infrastructure,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            UseGroup::Residential => "residential",
            UseGroup::Industrial => "industrial",
            UseGroup::Infrastructure => "infrastructure",
            UseGroup::NonConstruction => "non_construction",
        }
    }
    pub fn contains(self, u: LandUse) -> bool {
        u.group() == self
    }
}

impl fmt::Display for UseGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of an instance's catalogue of uses. Its order is by catalogue position first,
/// then every other field, so that two entries are `cmp`-equal exactly when they are equal
/// (the handle's `Eq` is by interned entry, which is by content).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UseDef {
    /// Position in the catalogue: every per-use table and column follows it.
    pub index: usize,
    /// The word in files, column names (`value_<id>`) and reports.
    pub id: String,
    pub role: Role,
    /// GB/T 21010-2017 second-level class.
    pub class: String,
    pub name_zh: String,
    pub name_en: String,
}

/// One use of land: a handle on its catalogue entry.
#[derive(Clone, Copy)]
pub struct LandUse(&'static UseDef);

impl LandUse {
    /// The handle of `def`, its entry stored once per process.
    pub fn intern(def: UseDef) -> LandUse {
        static DEFS: OnceLock<Mutex<HashSet<&'static UseDef>>> = OnceLock::new();
        let mut defs = DEFS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(&d) = defs.get(&def) {
            return LandUse(d);
        }
        let d: &'static UseDef = Box::leak(Box::new(def));
        defs.insert(d);
        LandUse(d)
    }
    pub fn as_str(self) -> &'static str {
        &self.0.id
    }
    /// Position in its catalogue.
    pub fn index(self) -> usize {
        self.0.index
    }
    pub fn role(self) -> Role {
        self.0.role
    }
    pub fn def(self) -> &'static UseDef {
        self.0
    }
    pub fn group(self) -> UseGroup {
        self.0.role.group()
    }
    /// Construction uses keep the land in the construction account.
    pub fn is_construction(self) -> bool {
        self.0.role.is_construction()
    }
    /// Residential and industrial uses are urban-rural construction land (town or rural);
    /// infrastructure is transport, water, energy and special land.
    pub fn is_urban_rural(self) -> bool {
        matches!(self.group(), UseGroup::Residential | UseGroup::Industrial)
    }
    pub fn is(self, role: Role) -> bool {
        self.0.role == role
    }
}

impl PartialEq for LandUse {
    fn eq(&self, other: &LandUse) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for LandUse {}
impl std::hash::Hash for LandUse {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::ptr::hash(self.0, h)
    }
}
impl PartialOrd for LandUse {
    fn partial_cmp(&self, other: &LandUse) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for LandUse {
    fn cmp(&self, other: &LandUse) -> std::cmp::Ordering {
        if std::ptr::eq(self.0, other.0) {
            return std::cmp::Ordering::Equal;
        }
        self.0.cmp(other.0)
    }
}
impl fmt::Debug for LandUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl fmt::Display for LandUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl Serialize for LandUse {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A use as a policy model names it: the id of a use of the instance's catalogue, resolved
/// when the model is validated against the instance.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UseRef(pub String);

impl UseRef {
    /// Whether it names `k`.
    pub fn is(&self, k: LandUse) -> bool {
        self.0 == k.as_str()
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The use it names in `uses`.
    pub fn resolve(&self, uses: &Uses) -> Option<LandUse> {
        uses.get(&self.0)
    }
}

impl std::borrow::Borrow<str> for UseRef {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for UseRef {
    fn from(s: &str) -> UseRef {
        UseRef(s.to_string())
    }
}

impl fmt::Display for UseRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a model's list of uses takes `k`: the list names it, or, when the model gives
/// no list, the family's default (a role, a group) takes it.
pub fn listed_or(
    list: &Option<Vec<UseRef>>,
    k: LandUse,
    default: impl Fn(LandUse) -> bool,
) -> bool {
    match list {
        Some(l) => l.iter().any(|r| r.is(k)),
        None => default(k),
    }
}

/// An instance's catalogue of uses, in the order of every per-use table and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Uses(Vec<LandUse>);

impl Default for Uses {
    fn default() -> Uses {
        Uses::builtin()
    }
}

impl Uses {
    /// The catalogue of `defs`, indexed in their order (their `index` is set here).
    pub fn new(defs: impl IntoIterator<Item = UseDef>) -> Uses {
        Uses(
            defs.into_iter()
                .enumerate()
                .map(|(index, d)| LandUse::intern(UseDef { index, ..d }))
                .collect(),
        )
    }
    /// The six uses of stock redevelopment, one per construction and reclamation role: the
    /// catalogue of an instance that declares none. Their classes are the standard's nearest
    /// second-level class for each.
    pub fn builtin() -> Uses {
        static B: OnceLock<Uses> = OnceLock::new();
        B.get_or_init(|| {
            let d = |id: &str, role, class: &str, zh: &str, en: &str| UseDef {
                id: id.into(),
                index: 0,
                role,
                class: class.into(),
                name_zh: zh.into(),
                name_en: en.into(),
            };
            Uses::new([
                d(
                    "affordable",
                    Role::Affordable,
                    "0701",
                    "保障性住房",
                    "affordable housing",
                ),
                d("market", Role::Market, "0701", "商品住房", "market housing"),
                d(
                    "industrial",
                    Role::Industrial,
                    "0601",
                    "工矿仓储",
                    "industrial",
                ),
                d(
                    "infrastructure",
                    Role::Infrastructure,
                    "0809",
                    "基础设施",
                    "infrastructure",
                ),
                d(
                    "arable",
                    Role::Arable,
                    "0103",
                    "复垦为耕地",
                    "reclaimed to arable",
                ),
                d(
                    "ecological",
                    Role::Ecological,
                    "0301",
                    "生态修复",
                    "restored to ecological land",
                ),
            ])
        })
        .clone()
    }
    /// Every use, in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = LandUse> + Clone + '_ {
        self.0.iter().copied()
    }
    pub fn all(&self) -> &[LandUse] {
        &self.0
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, id: &str) -> Option<LandUse> {
        self.iter().find(|u| u.as_str() == id)
    }
    /// The uses of `role`.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = LandUse> + Clone + '_ {
        self.iter().filter(move |u| u.role() == role)
    }
    /// The construction uses, the ones that count as land supply.
    pub fn construction(&self) -> impl Iterator<Item = LandUse> + Clone + '_ {
        self.iter().filter(|u| u.is_construction())
    }
    /// The urban-rural uses: residential and industrial (town or rural construction land).
    pub fn urban_rural(&self) -> impl Iterator<Item = LandUse> + Clone + '_ {
        self.iter().filter(|u| u.is_urban_rural())
    }
    /// The uses that take land out of construction.
    pub fn non_construction(&self) -> impl Iterator<Item = LandUse> + Clone + '_ {
        self.iter().filter(|u| !u.is_construction())
    }
    /// The ids, comma-separated, for messages.
    pub fn list(&self) -> String {
        self.iter()
            .map(|u| u.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// Σ over the uses of `role` of `x[k]`.
    pub fn sum_role(&self, x: &[f64], role: Role) -> f64 {
        self.with_role(role).map(|k| x[k.index()]).sum()
    }
}

/// A value per record (unit or site) per use, stored flat: row `r` is the slice of its
/// uses in catalogue order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PerUse<T> {
    width: usize,
    data: Vec<T>,
}

impl<T: Clone> PerUse<T> {
    /// `rows` records of `width` uses, each `fill`.
    pub fn new(rows: usize, width: usize, fill: T) -> PerUse<T> {
        PerUse {
            width,
            data: vec![fill; rows * width],
        }
    }
}

impl<T> PerUse<T> {
    pub fn len(&self) -> usize {
        self.data.len().checked_div(self.width).unwrap_or(0)
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn width(&self) -> usize {
        self.width
    }
    pub fn iter(&self) -> std::slice::ChunksExact<'_, T> {
        self.data.chunks_exact(self.width.max(1))
    }
    pub fn iter_mut(&mut self) -> std::slice::ChunksExactMut<'_, T> {
        self.data.chunks_exact_mut(self.width.max(1))
    }
}

impl<T: Serialize> Serialize for PerUse<T> {
    /// As a list of rows, each a list of values by use.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<T> std::ops::Index<usize> for PerUse<T> {
    type Output = [T];
    fn index(&self, r: usize) -> &[T] {
        &self.data[r * self.width..(r + 1) * self.width]
    }
}
impl<T> std::ops::IndexMut<usize> for PerUse<T> {
    fn index_mut(&mut self, r: usize) -> &mut [T] {
        &mut self.data[r * self.width..(r + 1) * self.width]
    }
}
impl<'a, T> IntoIterator for &'a PerUse<T> {
    type Item = &'a [T];
    type IntoIter = std::slice::ChunksExact<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
impl<'a, T> IntoIterator for &'a mut PerUse<T> {
    type Item = &'a mut [T];
    type IntoIter = std::slice::ChunksExactMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_order_roles_and_handles() {
        let uses = Uses::builtin();
        let ids: Vec<_> = uses.iter().map(|u| u.as_str()).collect();
        assert_eq!(
            ids,
            [
                "affordable",
                "market",
                "industrial",
                "infrastructure",
                "arable",
                "ecological"
            ]
        );
        for (i, u) in uses.iter().enumerate() {
            assert_eq!(u.index(), i);
            assert_eq!(uses.get(u.as_str()), Some(u));
        }
        assert_eq!(uses.get("farmland"), None);
        assert_eq!(uses.construction().count(), 4);
        assert!(uses.get("market").unwrap().is_urban_rural());
        assert!(!uses.get("infrastructure").unwrap().is_urban_rural());
        // a second catalogue with the same entries hands out the same handles
        assert_eq!(Uses::builtin().all()[3], uses.all()[3]);
    }

    #[test]
    fn order_agrees_with_equality() {
        // two entries that differ only in class: unequal handles, so `cmp` must not say Equal
        // (a BTreeMap keyed by uses relies on it)
        let a = Uses::builtin().all()[4];
        let mut other = a.def().clone();
        other.class = "0102".into();
        let b = LandUse::intern(other);
        assert_ne!(a, b);
        assert_ne!(a.cmp(&b), std::cmp::Ordering::Equal);
        assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        let same = LandUse::intern(a.def().clone());
        assert_eq!(a, same);
        assert_eq!(a.cmp(&same), std::cmp::Ordering::Equal);
        let map: std::collections::BTreeMap<LandUse, u8> = [(a, 1), (b, 2)].into();
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn per_use_rows() {
        let mut t = PerUse::new(3, 2, 0.0);
        t[1][1] = 5.0;
        assert_eq!(t.len(), 3);
        assert_eq!(
            t.iter().map(|r| r.iter().sum::<f64>()).collect::<Vec<_>>(),
            [0.0, 5.0, 0.0]
        );
    }
}
