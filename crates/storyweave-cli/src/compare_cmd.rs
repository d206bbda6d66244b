//! `storyweave compare A B`: two articles side by side.

use std::io::Write as _;

use storyweave_align::Aligner;
use storyweave_cluster::Clusterer;
use storyweave_facts::FactExtractor;
use storyweave_fingerprint::Fingerprinter;
use storyweave_report::{Report, write_compare, write_json};

use crate::args::{CompareArgs, CompareFormat};
use crate::pipeline::{Progress, read_corpus};
use crate::{Outcome, RunError, open_output, write_error};

/// Reads the two articles, aligns them as one story whatever their
/// similarity, and prints them side by side.
pub(crate) fn run(args: &CompareArgs) -> Result<Outcome, RunError> {
    let progress = Progress::new(args.quiet);
    let corpus = read_corpus(&args.paths, 16, &progress);
    progress.finish();
    if corpus.articles.len() != 2 {
        return Err(RunError::CompareCount(corpus.articles.len()));
    }
    let mut articles = corpus.articles;
    // Chronological, so the earlier article is on the left.
    articles.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    let fingerprinter = Fingerprinter::default();
    let fingerprints: Vec<_> = articles
        .iter()
        .map(|a| fingerprinter.fingerprint(&a.text()))
        .collect();
    let mut clustering = Clusterer::default().cluster(&articles, &fingerprints);
    clustering.story = vec![0, 0];
    let mut report = Report::build(&articles, &clustering, corpus.skipped);
    report.consolidate(&articles, &Aligner::default(), &FactExtractor::default());
    let (mut out, shown) = open_output(args.output.as_deref())?;
    match args.format {
        CompareFormat::Text => write_compare(&report, args.width, &mut out),
        CompareFormat::Json => write_json(&report, &mut out),
    }
    .and_then(|()| out.flush())
    .map_err(|e| write_error(&shown, e))?;
    Ok(Outcome::Success)
}
