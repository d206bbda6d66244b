//! The storyweave command line as a library: argument types ([`Cli`]) and the
//! commands behind them ([`run`]). `main.rs` only parses arguments, calls
//! [`run`] and turns the outcome into an exit code.

mod args;
mod compare_cmd;
mod dedup_cmd;
mod eval_cmd;
mod eval_consolidation;
mod eval_facts;
mod eval_fit;
mod eval_pairs;
mod extract_cmd;
mod pipeline;
mod stories_cmd;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

pub use args::{
    Cli, Command, CompareArgs, CompareFormat, DedupArgs, DedupFormat, ExtractArgs, InputArgs,
    KeepPolicy, StoriesArgs, StoriesFormat,
};
pub use eval_cmd::{EvalArgs, EvalFormat};
pub use pipeline::{Corpus, Progress, read_corpus};
pub use stories_cmd::build_report;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read and written.
    Success,
    /// Output was written, but `--strict` was given and inputs were skipped.
    SkippedStrict,
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// `compare` was not given exactly two articles.
    #[error("compare needs exactly two articles, found {0}")]
    CompareCount(usize),
    /// Not one document could be read from the inputs.
    #[error("no documents could be read from the inputs")]
    NoDocuments,
    /// The output file cannot be created or written.
    #[error("cannot write {path}: {source}")]
    Output {
        /// The output path (`-` for standard output).
        path: String,
        /// The underlying error.
        source: io::Error,
    },
    /// An input file cannot be read (the labelled file of `eval`).
    #[error("cannot read {path}: {source}")]
    Input {
        /// The input path.
        path: String,
        /// The underlying error.
        source: io::Error,
    },
    /// Arguments that parse but do not go together.
    #[error("{0}")]
    Usage(String),
    /// A gold file line that cannot be read.
    #[error("{path}:{line}: {message}")]
    Gold {
        /// The gold file.
        path: String,
        /// Its 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// Binary output (Parquet) would go to a terminal.
    #[error("refusing to write {0} to a terminal: give -o FILE or redirect standard output")]
    BinaryToTerminal(&'static str),
    /// The reader of standard output went away (e.g. `| head`): not a failure.
    #[error("output closed")]
    BrokenPipe,
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, RunError> {
    match cli.command {
        Command::Stories(args) => stories_cmd::run(&args),
        Command::Extract(args) => extract_cmd::run(&args),
        Command::Eval(args) => eval_cmd::run(&args),
        Command::Compare(args) => compare_cmd::run(&args),
        Command::Dedup(args) => dedup_cmd::run(&args),
    }
}

/// Opens the output: the file named by `-o`, or standard output; buffered.
fn open_output(path: Option<&Path>) -> Result<(Box<dyn Write + Send>, String), RunError> {
    match path {
        None => Ok((Box::new(BufWriter::new(io::stdout())), "-".into())),
        Some(p) => {
            let shown = p.display().to_string();
            let file = File::create(p).map_err(|source| RunError::Output {
                path: shown.clone(),
                source,
            })?;
            Ok((Box::new(BufWriter::new(file)), shown))
        }
    }
}

/// Maps a write error to [`RunError`], treating a closed pipe on stdout as its own case.
fn write_error(path: &str, source: io::Error) -> RunError {
    if source.kind() == io::ErrorKind::BrokenPipe && path == "-" {
        RunError::BrokenPipe
    } else {
        RunError::Output {
            path: path.to_string(),
            source,
        }
    }
}
