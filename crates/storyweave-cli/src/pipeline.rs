//! Reading a corpus: ingest, then extract in parallel, with progress and
//! per-input warnings on standard error.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use storyweave_extract::{Article, Extractor};
use storyweave_ingest::{Ingest, Item, Problem, ProblemKind, RawDocument, Summary};

use crate::RunError;

/// Documents are extracted in parallel in batches of this many, keeping input order.
const BATCH: usize = 512;

/// Progress and warnings on standard error: a spinner when stderr is a
/// terminal, plain warning lines otherwise, nothing at all when quiet.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
}

impl Progress {
    /// A progress reporter; `quiet` silences everything but fatal errors.
    pub fn new(quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} [{elapsed}] {pos} documents ({per_sec})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress { bar, quiet }
    }

    /// Names the current step (`reading`, `clustering`).
    pub fn step(&self, message: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    /// Counts `n` more documents done.
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// Prints a warning line without garbling the spinner.
    pub fn warn(&self, message: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("warning: {message}")),
            None => eprintln!("warning: {message}"),
        }
    }

    /// Prints a closing line (the summary).
    pub fn note(&self, message: &str) {
        self.finish();
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// Removes the spinner.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Every article read from the inputs, and everything that was skipped.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Articles in input order.
    pub articles: Vec<Article>,
    /// Skipped inputs and records, in the order met.
    pub skipped: Vec<Problem>,
}

impl Corpus {
    /// The closing line: documents read and skips counted by reason.
    pub fn summary(&self) -> String {
        summary_line(self.articles.len(), &self.skipped)
    }
}

/// `read 12 documents; skipped 3: 1 binary, 2 empty`: documents are counted
/// after extraction, so one with no body counts as skipped, not read.
pub(crate) fn summary_line(documents: usize, skipped: &[Problem]) -> String {
    let mut summary = Summary::new();
    (0..documents).for_each(|_| summary.add_document());
    skipped.iter().for_each(|p| summary.add_problem(p));
    summary.to_string()
}

/// Reads all inputs into memory as articles (the `stories` command needs them all).
pub fn read_corpus(inputs: &[PathBuf], max_size_mib: usize, progress: &Progress) -> Corpus {
    let mut articles = Vec::new();
    let skipped = stream_articles(inputs, max_size_mib, progress, |a| {
        articles.push(a);
        Ok(())
    })
    .unwrap_or_default();
    Corpus { articles, skipped }
}

/// Streams articles to `sink` in input order, extracting batches in parallel.
/// Problems are reported through `progress` as they happen and returned.
pub(crate) fn stream_articles(
    inputs: &[PathBuf],
    max_size_mib: usize,
    progress: &Progress,
    mut sink: impl FnMut(Article) -> Result<(), RunError>,
) -> Result<Vec<Problem>, RunError> {
    let limit = max_size_mib.saturating_mul(1 << 20);
    let ingest = Ingest::builder()
        .max_document_bytes(limit)
        .max_line_bytes(limit)
        .build();
    let extractor = Extractor::default();
    let mut skipped = Vec::new();
    let mut batch: Vec<RawDocument> = Vec::with_capacity(BATCH);
    progress.step("reading");

    let mut flush =
        |batch: &mut Vec<RawDocument>, skipped: &mut Vec<Problem>| -> Result<(), RunError> {
            let results: Vec<_> = batch
                .par_iter()
                .map(|raw| (raw, extractor.extract(raw)))
                .collect();
            for (raw, result) in results {
                match result {
                    Ok(article) => sink(article)?,
                    Err(e) => {
                        let problem = Problem {
                            path: raw.path.clone(),
                            line: raw.record,
                            kind: ProblemKind::Empty,
                            message: format!("skipped {}: {e}", raw.id),
                        };
                        progress.warn(&problem.to_string());
                        skipped.push(problem);
                    }
                }
            }
            progress.inc(batch.len() as u64);
            batch.clear();
            Ok(())
        };

    for item in ingest.read(inputs) {
        match item {
            Item::Document(raw) => {
                batch.push(raw);
                if batch.len() == BATCH {
                    flush(&mut batch, &mut skipped)?;
                }
            }
            Item::Problem(problem) => {
                progress.warn(&problem.to_string());
                skipped.push(problem);
            }
        }
    }
    flush(&mut batch, &mut skipped)?;
    Ok(skipped)
}
