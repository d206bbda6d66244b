//! `storyweave eval --consolidation GOLD ARTICLES...`: what `stories` reports
//! as disagreements for each gold story's articles, scored against the
//! disagreements annotators found by reading them (see
//! `eval/consolidation/README.md`).
//!
//! Each gold story's articles go through the same reading, clustering and
//! consolidation as `storyweave stories`, on their own, so a story is scored
//! on what a user who gave the tool those articles would read; the
//! disagreements of every story the articles form count.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use storyweave_eval::consolidation::{
    ConsolidationScores, DisagreementFact, ReadingFact, StoryDisagreements, score_consolidation,
};
use storyweave_extract::Article;

use crate::eval_cmd::EvalArgs;
use crate::eval_facts::{read_gold, write_eval_output};
use crate::pipeline::{Progress, stream_articles};
use crate::stories_cmd::build_report;
use crate::{Outcome, RunError};

/// One annotated reading.
#[derive(Debug, Deserialize)]
struct GoldReading {
    documents: Vec<String>,
    text: String,
    /// A number for figures; a date or a name otherwise.
    #[serde(default)]
    value: serde_json::Value,
}

/// One annotated disagreement.
#[derive(Debug, Deserialize)]
struct GoldDisagreement {
    kind: String,
    #[serde(default)]
    about: String,
    readings: Vec<GoldReading>,
}

/// One line of the gold file (other fields are kept for people).
#[derive(Debug, Deserialize)]
struct GoldStory {
    story: String,
    documents: Vec<String>,
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    disagreements: Vec<GoldDisagreement>,
}

/// The result as printed with `--format json`.
#[derive(Debug, Serialize)]
struct ConsolidationResult {
    gold: String,
    split: Option<String>,
    /// Gold documents not found in the inputs.
    missing: Vec<String>,
    scores: ConsolidationScores,
}

/// Reads the articles, builds each gold story's report and scores its
/// disagreements.
pub(crate) fn run(args: &EvalArgs, gold_path: &Path) -> Result<Outcome, RunError> {
    let progress = Progress::new(args.quiet);
    let gold: Vec<GoldStory> = read_gold::<GoldStory>(gold_path)?
        .into_iter()
        .filter(|g| args.split.is_none() || g.split == args.split)
        .collect();
    if gold.is_empty() {
        return Err(RunError::Usage(format!(
            "{}: no gold story{}",
            gold_path.display(),
            args.split
                .as_ref()
                .map_or_else(String::new, |s| format!(" in split {s}"))
        )));
    }
    let owner: std::collections::HashMap<&str, usize> = gold
        .iter()
        .enumerate()
        .flat_map(|(k, g)| g.documents.iter().map(move |d| (d.as_str(), k)))
        .collect();
    let mut articles: Vec<Vec<Article>> = (0..gold.len()).map(|_| Vec::new()).collect();
    stream_articles(&args.labelled, args.max_size, &progress, |article| {
        if let Some(&k) = owner.get(article.id.as_str()) {
            articles[k].push(article);
        }
        Ok(())
    })?;
    let missing: Vec<String> = gold
        .iter()
        .zip(&articles)
        .flat_map(|(g, found)| {
            g.documents
                .iter()
                .filter(|d| !found.iter().any(|a| &a.id == *d))
                .cloned()
        })
        .collect();
    if !missing.is_empty() {
        progress.warn(&format!(
            "{} gold documents are not in the inputs: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    progress.step("consolidating");
    let mut stories = Vec::with_capacity(gold.len());
    for (g, found) in gold.iter().zip(articles) {
        if found.is_empty() {
            continue;
        }
        let report = build_report(
            found,
            Vec::new(),
            storyweave_cluster::Clusterer::builder(),
            &Progress::new(true),
        );
        let predicted = report
            .stories
            .iter()
            .flat_map(|s| &s.discrepancies)
            .map(|d| DisagreementFact {
                kind: serde_json::to_value(d.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                about: String::new(),
                readings: d
                    .readings
                    .iter()
                    .map(|r| reading(&r.documents, &r.text, None))
                    .collect(),
            })
            .collect();
        stories.push(StoryDisagreements {
            story: g.story.clone(),
            gold: g
                .disagreements
                .iter()
                .map(|d| DisagreementFact {
                    kind: d.kind.clone(),
                    about: d.about.clone(),
                    readings: d
                        .readings
                        .iter()
                        .map(|r| reading(&r.documents, &r.text, r.value.as_f64()))
                        .collect(),
                })
                .collect(),
            predicted,
        });
    }
    progress.finish();
    if stories.is_empty() {
        return Err(RunError::NoDocuments);
    }
    let result = ConsolidationResult {
        gold: gold_path.display().to_string(),
        split: args.split.clone(),
        missing,
        scores: score_consolidation(&stories),
    };
    write_eval_output(args, &result, |out| write_text(&result, args.worst, out))
}

/// A reading for the scorer.
fn reading(documents: &[String], text: &str, value: Option<f64>) -> ReadingFact {
    ReadingFact {
        documents: documents.to_vec(),
        text: text.to_string(),
        value,
    }
}

/// One disagreement on one line: its kind, what it is about, its readings.
fn line(d: &DisagreementFact) -> String {
    let readings: Vec<String> = d
        .readings
        .iter()
        .map(|r| format!("{:?} [{}]", r.text, r.documents.join(", ")))
        .collect();
    let about = if d.about.is_empty() {
        String::new()
    } else {
        format!(" {}:", d.about)
    };
    format!("{}{} {}", d.kind, about, readings.join(" | "))
}

/// The readable report: the scores, then up to `worst` missed and invented
/// disagreements (all with 0).
fn write_text(r: &ConsolidationResult, worst: usize, out: &mut dyn Write) -> std::io::Result<()> {
    let s = &r.scores;
    writeln!(
        out,
        "{}{}: {} stories",
        r.gold,
        r.split
            .as_ref()
            .map_or_else(String::new, |x| format!(" (split {x})")),
        s.stories
    )?;
    writeln!(
        out,
        "disagreements  {} gold, {} reported, {} matched: precision {:.3}  recall {:.3}  F1 {:.3}",
        s.gold,
        s.predicted,
        s.matched,
        s.disagreements.precision,
        s.disagreements.recall,
        s.disagreements.f1
    )?;
    let take = if worst == 0 { usize::MAX } else { worst };
    for (title, list) in [("missed", &s.missed), ("invented", &s.invented)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}: {}", list.len())?;
        for m in list.iter().take(take) {
            writeln!(out, "  [{}] {}", m.story, line(&m.disagreement))?;
        }
    }
    Ok(())
}
