//! The commands: each parses into a validated configuration, calls the library and returns
//! an exit code. Flags shared by the commands that solve live in one group
//! ([`args::SolverArgs`]).

mod alternatives;
mod args;
mod benchmark;
mod emit;
mod evaluate;
mod export;
mod generate;
mod init;
mod load;
mod pareto;
mod prices;
mod shell;
mod solve;
mod sweep;
mod validate;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "stockland",
    version,
    about = "Stock-land redevelopment allocation: solve, check, explain"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Solve an instance under a policy model (default: the built-in Beijing 2011-2015 case).
    Solve(solve::Args),
    /// Evaluate a plan (or what happened) against a model: every rule checked, and the gap
    /// to the optimum by zone, district, use and rule.
    Evaluate(evaluate::Args),
    /// Compare two plans or solutions side by side, by zone, district, use and rule.
    Compare(evaluate::CompareArgs),
    /// The full price of each rule: the optimum with it dropped (or relaxed), against its
    /// marginal price; re-solves in parallel, warm from the base basis.
    Prices(prices::Args),
    /// Solve a sweep of scenarios (lists, grids or seeded draws of model and instance
    /// parameters), each checked; tables of the whole, robustness of the decisions; in
    /// shards, merged, or emitted for Slurm or Kubernetes.
    Sweep(sweep::Args),
    /// The trade-off between net benefit and a second criterion (epsilon-constraint
    /// front), each point checked.
    Pareto(pareto::Args),
    /// Plans within a share of the optimum, each as different as possible from the ones
    /// before (modelling to generate alternatives), each checked.
    Alternatives(alternatives::Args),
    /// Write the programme `solve` would hand to HiGHS as free MPS or CPLEX LP.
    Export(export::Args),
    /// Time generating, building, solving and checking the Beijing case scaled to N times
    /// as many stock units (in memory; nothing is written).
    Benchmark(benchmark::Args),
    /// Write a template instance and model to start from (they validate and solve as
    /// they stand), with a README of every column.
    Init(init::Args),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions(shell::CompletionArgs),
    /// Print the manual page (or write one per command with --out DIR).
    Man(shell::ManArgs),
    /// Check instance and model files and list every problem found.
    Validate(validate::Args),
    /// Generate the synthetic parts of the Beijing instance (deterministic for a seed).
    Generate(generate::Args),
}

/// Refuse `dir` unless it is new or an empty directory: a command that writes a set of
/// files there never overwrites or mixes with what a user has.
fn ensure_new_or_empty(dir: &std::path::Path) -> Result<()> {
    if dir.exists() {
        anyhow::ensure!(
            dir.is_dir(),
            "{}: exists and is not a directory: expected a new or empty directory",
            dir.display()
        );
        anyhow::ensure!(
            std::fs::read_dir(dir)?.next().is_none(),
            "{}: holds files: expected a new or empty directory (nothing is overwritten)",
            dir.display()
        );
    }
    Ok(())
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Solve(a) => solve::run(a),
        Command::Evaluate(a) => evaluate::run(a),
        Command::Compare(a) => evaluate::compare(a),
        Command::Prices(a) => prices::run(a),
        Command::Sweep(a) => sweep::run(a),
        Command::Pareto(a) => pareto::run(a),
        Command::Alternatives(a) => alternatives::run(a),
        Command::Export(a) => export::run(a),
        Command::Benchmark(a) => benchmark::run(a),
        Command::Init(a) => init::run(a),
        Command::Completions(a) => shell::completions(a),
        Command::Man(a) => shell::man(a),
        Command::Validate(a) => validate::run(a),
        Command::Generate(a) => generate::run(a),
    }
}
