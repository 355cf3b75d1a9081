//! The benchmark's manifest: what a published table needs to be reproduced from itself —
//! the machine (CPU model, cores, memory, system), the build (stockland's version and
//! commit, features, compiler, HiGHS's version and git hash), the full command line, when
//! it ran, every solver option, the generator's seed, the inputs with their SHA-256, and the
//! tolerance answers were judged by.

use serde::Serialize;
use stockland::version::Build;

/// The machine, as Linux reports it (`unknown` elsewhere).
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cpu_model: String,
    /// Logical CPUs the process may use.
    pub cpus: usize,
    pub memory_gib: Option<f64>,
    pub os: &'static str,
    pub arch: &'static str,
    pub kernel: String,
}

impl Machine {
    pub fn read() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map_or_else(|| "unknown".to_string(), |(_, v)| v.trim().to_string());
        let memory_gib = std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
            let line = m.lines().find(|l| l.starts_with("MemTotal:"))?.to_string();
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some((kib / (1024.0 * 1024.0) * 10.0).round() / 10.0)
        });
        Machine {
            cpu_model,
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory_gib,
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map_or_else(|_| "unknown".to_string(), |k| k.trim().to_string()),
        }
    }
}

/// The options every row ran under.
#[derive(Debug, Clone, Serialize)]
pub struct Options {
    pub backends: Vec<String>,
    pub methods: Vec<String>,
    pub presolve: bool,
    pub time_limit_s: Option<f64>,
    /// The relative MIP gap asked for (HiGHS's and CBC's default 1e-4 when none).
    pub mip_gap: Option<f64>,
    pub threads: u32,
    /// HiGHS's random seeds, each case run under each.
    pub highs_seeds: Vec<i32>,
    pub scaling: stockland::solve::Scaling,
    pub sift: bool,
    pub pool: bool,
    pub whole_unit: bool,
    pub sensitivity: bool,
    pub repeat: usize,
}

/// The manifest of one benchmark run.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub started: String,
    pub finished: String,
    /// The command line, every argument as given.
    pub command: Vec<String>,
    pub machine: Machine,
    pub build: Build,
    pub options: Options,
    /// The seed of the generated Beijing family cases (`--unit-scale`), when there are any.
    pub generator_seed: Option<u64>,
    pub inputs: Vec<crate::cli::load::Input>,
    /// An LP's objective must meet the certified optimum within this relative tolerance
    /// (|found − certified| ≤ tolerance × max(1, |certified|)); a MIP within its gap more.
    pub tolerance: f64,
    pub cases: usize,
    pub rows: usize,
    /// Rows that failed: wrong, unsolved or in error.
    pub failures: usize,
}

/// Now, RFC 3339 in UTC to the second.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}
