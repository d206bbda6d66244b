//! `storyweave`: parses arguments, runs the command, maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use storyweave_cli::{Cli, Outcome, RunError, run};

/// mimalloc instead of the system allocator: documents are parsed on the
/// reading thread and freed on the fingerprinting threads, a pattern the
/// glibc allocator handles slowly (about a tenth of `dedup`'s time).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) | Err(RunError::BrokenPipe) => ExitCode::SUCCESS,
        Ok(Outcome::SkippedStrict) => {
            eprintln!("storyweave: some inputs were skipped (--strict)");
            ExitCode::from(3)
        }
        Err(e @ RunError::Usage(_)) => {
            eprintln!("storyweave: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("storyweave: {:#}", anyhow::Error::from(e));
            ExitCode::FAILURE
        }
    }
}
