//! `storyweave stories`: the main job.

use std::io::Write as _;

use rayon::prelude::*;
use storyweave_align::Aligner;
use storyweave_cluster::{ClustererBuilder, StoryModel};
use storyweave_extract::Article;
use storyweave_facts::FactExtractor;
use storyweave_fingerprint::Fingerprinter;
use storyweave_ingest::Problem;
use storyweave_report::{Report, write_html, write_json, write_text};

use crate::args::{StoriesArgs, StoriesFormat};
use crate::pipeline::{Progress, read_corpus};
use crate::{Outcome, RunError, open_output, write_error};

/// Reads, clusters and reports.
pub(crate) fn run(args: &StoriesArgs) -> Result<Outcome, RunError> {
    let progress = Progress::new(args.input.quiet);
    let corpus = read_corpus(&args.input.paths, args.input.max_size, &progress);
    let summary = corpus.summary();
    if corpus.articles.is_empty() {
        progress.note(&summary);
        return Err(RunError::NoDocuments);
    }
    let skipped_any = !corpus.skipped.is_empty();
    let clusterer = storyweave_cluster::Clusterer::builder()
        .near_threshold(args.threshold)
        .story_model(read_story_model(args.story_model.as_deref())?);
    let report = build_report(corpus.articles, corpus.skipped, clusterer, &progress);

    let (mut out, shown) = open_output(args.input.output.as_deref())?;
    let written = match args.format {
        StoriesFormat::Text => write_text(&report, &mut out),
        StoriesFormat::Json => write_json(&report, &mut out),
        StoriesFormat::Html => write_html(&report, &mut out),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| write_error(&shown, e))?;
    progress.note(&format!(
        "{summary}; {} {}",
        report.stories.len(),
        if report.stories.len() == 1 {
            "story"
        } else {
            "stories"
        }
    ));
    Ok(if args.input.strict && skipped_any {
        Outcome::SkippedStrict
    } else {
        Outcome::Success
    })
}

/// The story model in `path` (JSON, as `storyweave eval --fit` writes
/// it), or the shipped one when none is given.
pub(crate) fn read_story_model(path: Option<&std::path::Path>) -> Result<StoryModel, RunError> {
    let Some(path) = path else {
        return Ok(StoryModel::default());
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| RunError::Input {
        path: shown.clone(),
        source,
    })?;
    StoryModel::from_json(&text).map_err(|e| RunError::Usage(format!("{shown}: {e}")))
}

/// Fingerprints and clusters `articles` with the `clusterer` settings, builds the report and fills each
/// story's consolidated account (passages, discrepancies, quotes, figures). Articles are
/// put in chronological order first (undated last, ties by id), so the result
/// does not depend on the order in which inputs were listed, and the document
/// that represents a duplicate group is its earliest.
pub fn build_report(
    articles: Vec<Article>,
    skipped: Vec<Problem>,
    clusterer: ClustererBuilder,
    progress: &Progress,
) -> Report {
    build(articles, skipped, clusterer, false, progress).0
}

/// How each document came to its story (see
/// [`Placement`](storyweave_cluster::Placement)): what `storyweave eval`
/// shows to say why two reports were or were not joined.
#[derive(Debug, Default)]
pub(crate) struct Placements {
    /// The story model the scores came from.
    pub(crate) model: StoryModel,
    /// The documents' ids, by the positions the placements use.
    pub(crate) ids: Vec<String>,
    /// One placement per document, by position.
    pub(crate) placements: Vec<storyweave_cluster::Placement>,
}

/// [`build_report`], also keeping how each document came to its story.
pub(crate) fn build_report_explained(
    articles: Vec<Article>,
    skipped: Vec<Problem>,
    clusterer: ClustererBuilder,
    progress: &Progress,
) -> (Report, Placements) {
    build(articles, skipped, clusterer, true, progress)
}

fn build(
    mut articles: Vec<Article>,
    skipped: Vec<Problem>,
    clusterer: ClustererBuilder,
    explain: bool,
    progress: &Progress,
) -> (Report, Placements) {
    articles.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    progress.step("fingerprinting");
    let fingerprinter = Fingerprinter::builder().build();
    let fingerprints: Vec<_> = articles
        .par_iter()
        .map(|a| fingerprinter.fingerprint(&a.text()))
        .collect();
    progress.step("clustering");
    let clusterer = clusterer.explain(explain).build();
    let mut clustering = clusterer.cluster(&articles, &fingerprints);
    let placements = Placements {
        model: *clusterer.story_model(),
        ids: if explain {
            articles.iter().map(|a| a.id.clone()).collect()
        } else {
            Vec::new()
        },
        placements: std::mem::take(&mut clustering.placements),
    };
    progress.step("aligning");
    let mut report = Report::build(&articles, &clustering, skipped);
    report.consolidate(&articles, &Aligner::default(), &FactExtractor::default());
    (report, placements)
}
