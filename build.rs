//! Records what this build is, for the benchmark's manifest ([`stockland::version`]): the
//! git commit it was built from (with `-dirty` when tracked files differed from it), the
//! compiler's version and the highs-sys crate that built HiGHS. Outside a git checkout (a published crate) the commit is `unknown`.

use std::process::Command;

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() {
    for path in [
        ".git/HEAD",
        ".git/index",
        ".git/refs/heads",
        "src",
        "Cargo.toml",
    ] {
        // (a path that does not exist would make cargo rerun this at every build)
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    let commit = output(Command::new("git").args(["rev-parse", "HEAD"]))
        .filter(|c| !c.is_empty())
        .map(|c| {
            let dirty =
                // --no-optional-locks: `git status` would otherwise refresh .git/index,
                // which this script watches, and cargo would rebuild the crate next time
                output(Command::new("git").args([
                    "--no-optional-locks",
                    "status",
                    "--porcelain",
                    "--untracked-files=no",
                ]))
                    .is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{c}-dirty")
            } else {
                c
            }
        })
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=STOCKLAND_COMMIT={commit}");
    // the highs-sys crate that built HiGHS (from its vendored source, so HiGHS's own git
    // hash reads `n/a`), as Cargo.lock pins it
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let highs_sys = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"highs-sys\""))
        .and_then(|p| p.lines().find(|l| l.starts_with("version = ")))
        .map_or("unknown".to_string(), |l| {
            l.trim_start_matches("version = ")
                .trim_matches('"')
                .to_string()
        });
    if std::path::Path::new("Cargo.lock").exists() {
        println!("cargo:rerun-if-changed=Cargo.lock");
    }
    println!("cargo:rustc-env=STOCKLAND_HIGHS_SYS={highs_sys}");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = output(Command::new(rustc).arg("--version")).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=STOCKLAND_RUSTC={version}");
}
