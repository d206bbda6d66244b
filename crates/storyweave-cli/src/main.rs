//! `storyweave`: parses arguments, runs the command, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use storyweave_cli::{Cli, Outcome, RunError, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) | Err(RunError::BrokenPipe) => ExitCode::SUCCESS,
        Ok(Outcome::SkippedStrict) => {
            eprintln!("storyweave: some inputs were skipped (--strict)");
            ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("storyweave: {:#}", anyhow::Error::from(e));
            ExitCode::FAILURE
        }
    }
}
