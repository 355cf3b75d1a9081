//! Text stored once for the life of the process: names that many values share (a row's
//! named key, a use column's use id) become a `&'static str` compared and copied freely.
//! What is stored is never freed: a model or an instance names a handful, and a sweep or a
//! test re-reads the same ones.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// `text`, stored once.
pub fn intern(text: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&s) = names.get(text) {
        return s;
    }
    let s: &'static str = Box::leak(text.to_string().into_boxed_str());
    names.insert(s);
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_text_is_the_same_str() {
        let a = super::intern("forest");
        let b = super::intern(&String::from("forest"));
        assert!(std::ptr::eq(a, b));
    }
}
