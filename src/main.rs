//! The `stockland` command line: parse, call the library, print, exit with a code.
//! Exit codes: 0 solved and checked (or valid), 1 infeasible or no solution, 2 error.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
