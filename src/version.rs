//! What this build is: stockland's version and the commit it was built from, the cargo
//! features compiled in, the compiler, and the HiGHS library linked (its version and git
//! hash, as HiGHS reports them). The benchmark's manifest carries it, so that a published
//! table names the code that produced it.

use serde::Serialize;
use std::ffi::CStr;

/// The build's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Build {
    pub stockland: &'static str,
    /// The git commit built from, `…-dirty` when tracked files differed from it, `unknown`
    /// outside a git checkout.
    pub commit: &'static str,
    /// The optional cargo features compiled in (`clarabel`, `cbc`).
    pub features: Vec<&'static str>,
    pub rustc: &'static str,
    pub highs_version: String,
    /// HiGHS's git hash as HiGHS reports it (`n/a` when built from a source archive, as
    /// highs-sys builds it).
    pub highs_githash: String,
    /// The highs-sys crate that built HiGHS from its vendored source (Cargo.lock's pin).
    pub highs_sys: &'static str,
}

fn text(p: *const std::os::raw::c_char) -> String {
    if p.is_null() {
        return "unknown".into();
    }
    // SAFETY: HiGHS returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// This build.
pub fn build() -> Build {
    let mut features = Vec::new();
    if cfg!(feature = "clarabel") {
        features.push("clarabel");
    }
    if cfg!(feature = "cbc") {
        features.push("cbc");
    }
    Build {
        stockland: env!("CARGO_PKG_VERSION"),
        commit: env!("STOCKLAND_COMMIT"),
        features,
        rustc: env!("STOCKLAND_RUSTC"),
        // SAFETY: both calls take no arguments and return static strings.
        highs_version: text(unsafe { highs_sys::Highs_version() }),
        highs_githash: text(unsafe { highs_sys::Highs_githash() }),
        highs_sys: env!("STOCKLAND_HIGHS_SYS"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_build_names_highs_and_its_version() {
        let b = super::build();
        // highs-sys 1.16 links HiGHS 1.x; its version is dotted numbers
        assert!(
            b.highs_version.split('.').count() >= 3,
            "{}",
            b.highs_version
        );
        assert!(b.highs_version.split('.').all(|p| p.parse::<u32>().is_ok()));
        assert!(!b.highs_githash.is_empty());
        assert!(b.highs_sys.starts_with("1."), "{}", b.highs_sys);
        assert!(!b.commit.is_empty());
        assert!(b.rustc.starts_with("rustc"), "{}", b.rustc);
    }
}
