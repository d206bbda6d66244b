//! `storyweave eval --fit MODEL.json FILES...`: fits the story model on
//! labelled corpora and validates it leaving one corpus out.
//!
//! Each labelled file is read once and kept in two versions: as given, and
//! with every date removed (undated input is a case of its own, which many
//! feeds are). Training pairs come from
//! [`Clusterer::training_examples`]: every document against every
//! candidate story a real run would score it against, labelled by whether
//! that story is its gold story. Each file weighs the same in a fit (its
//! versions share its weight), however many pairs it gives. The threshold
//! is the one of a fixed grid that gives the best mean BCubed F1 over the
//! files fitted on, end to end. For every setting of the penalty, each file
//! is scored by the model fitted on the others; the setting with the best
//! mean left-out score is then fitted on all the files and written.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use storyweave_cluster::{Clusterer, Example, StoryModel, fit};
use storyweave_extract::Article;
use storyweave_fingerprint::{Fingerprint, Fingerprinter};

use crate::eval_cmd::EvalArgs;
use crate::pipeline::{Progress, read_corpus};
use crate::{Outcome, RunError, open_output, write_error};

/// Penalties (L2 on standardised weights) tried.
const PENALTIES: [f64; 5] = [0.1, 1.0, 10.0, 100.0, 1000.0];
/// Threshold probabilities tried.
const THRESHOLDS: [f64; 9] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/// One version of one labelled corpus, ready to cluster.
struct Version {
    articles: Vec<Article>,
    fingerprints: Vec<Fingerprint>,
    /// Gold label index of every article (unlabelled ones alone).
    gold: Vec<u32>,
    /// Training pairs drawn with the shipped model's candidate search.
    examples: Vec<Example>,
}

/// One labelled file: as given and, when any article is dated, undated.
struct Corpus {
    name: String,
    versions: Vec<Version>,
}

/// Scores of one model on one corpus: BCubed F1 per version (as given,
/// undated).
type Scored = Vec<f64>;

/// Reads, fits, validates and writes the model.
pub(crate) fn run(args: &EvalArgs, model_path: &Path) -> Result<Outcome, RunError> {
    if args.labelled.len() < 2 {
        return Err(RunError::Usage(
            "--fit needs at least two labelled files (one is left out at a time)".to_string(),
        ));
    }
    let progress = Progress::new(args.quiet);
    let corpora = args
        .labelled
        .iter()
        .map(|path| load(path, args.max_size, &progress))
        .collect::<Result<Vec<Corpus>, RunError>>()?;
    progress.step("fitting");

    // Leave one corpus out, for every penalty.
    let mut table: Vec<(f64, Vec<(f64, Scored)>)> = Vec::new();
    for &l2 in &PENALTIES {
        let mut rows = Vec::new();
        for left_out in 0..corpora.len() {
            let training: Vec<&Corpus> = corpora
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != left_out)
                .map(|(_, c)| c)
                .collect();
            let model = fitted(&training, l2);
            let scored = corpora
                .get(left_out)
                .map(|c| score(c, &model))
                .unwrap_or_default();
            rows.push((model.threshold, scored));
        }
        table.push((l2, rows));
    }
    let mean_left_out = |rows: &[(f64, Scored)]| {
        let all: Vec<f64> = rows.iter().flat_map(|(_, s)| s.iter().copied()).collect();
        all.iter().sum::<f64>() / all.len().max(1) as f64
    };
    let best_l2 = table
        .iter()
        .max_by(|a, b| mean_left_out(&a.1).total_cmp(&mean_left_out(&b.1)))
        .map_or(1.0, |(l2, _)| *l2);
    let all: Vec<&Corpus> = corpora.iter().collect();
    let model = fitted(&all, best_l2);
    let seen: Vec<Scored> = corpora.iter().map(|c| score(c, &model)).collect();
    progress.finish();

    std::fs::write(model_path, model.to_json() + "\n").map_err(|source| RunError::Output {
        path: model_path.display().to_string(),
        source,
    })?;
    let (mut out, shown) = open_output(args.output.as_deref())?;
    write_table(
        &mut out, &corpora, &table, best_l2, &model, &seen, model_path,
    )
    .and_then(|()| out.flush())
    .map_err(|e| write_error(&shown, e))?;
    Ok(Outcome::Success)
}

/// Reads one labelled file into its versions.
fn load(path: &PathBuf, max_size: usize, progress: &Progress) -> Result<Corpus, RunError> {
    let gold = crate::eval_cmd::read_gold(path)?;
    let mut articles = read_corpus(std::slice::from_ref(path), max_size, progress).articles;
    if articles.is_empty() {
        return Err(RunError::NoDocuments);
    }
    articles.sort_by(|a, b| a.chronological_key().cmp(&b.chronological_key()));
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut labels = Vec::with_capacity(articles.len());
    for a in &articles {
        let label = gold.label(a.record, &a.id);
        let next = u32::try_from(index.len()).unwrap_or(u32::MAX);
        labels.push(match label {
            Some(l) => *index.entry(l).or_insert(next),
            None => u32::MAX - u32::try_from(labels.len()).unwrap_or(0),
        });
    }
    let fingerprinter = Fingerprinter::builder().build();
    let fingerprints: Vec<Fingerprint> = articles
        .par_iter()
        .map(|a| fingerprinter.fingerprint(&a.text()))
        .collect();
    let dated = articles.iter().any(|a| a.published.is_some());
    let mut versions = vec![version(
        articles.clone(),
        fingerprints.clone(),
        labels.clone(),
    )];
    if dated {
        for a in &mut articles {
            a.published = None;
        }
        versions.push(version(articles, fingerprints, labels));
    }
    Ok(Corpus {
        name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        versions,
    })
}

/// A version with its training pairs drawn.
fn version(articles: Vec<Article>, fingerprints: Vec<Fingerprint>, gold: Vec<u32>) -> Version {
    let examples = Clusterer::default().training_examples(&articles, &fingerprints, &gold);
    Version {
        articles,
        fingerprints,
        gold,
        examples,
    }
}

/// The model fitted on `corpora` with penalty `l2`, each corpus weighing
/// the same, its threshold the grid value with the best mean BCubed F1 on
/// them.
fn fitted(corpora: &[&Corpus], l2: f64) -> StoryModel {
    let mut examples = Vec::new();
    for c in corpora {
        let share = 1.0 / c.versions.len().max(1) as f64;
        for v in &c.versions {
            let weight = share / v.examples.len().max(1) as f64;
            examples.extend(v.examples.iter().map(|e| Example { weight, ..*e }));
        }
    }
    // Weights on the scale of a pair each, so that the penalty means the
    // same whatever the number of corpora.
    let total: f64 = examples.iter().map(|e| e.weight).sum();
    let scale = examples.len() as f64 / total.max(f64::MIN_POSITIVE);
    for e in &mut examples {
        e.weight *= scale;
    }
    let model = fit(&examples, l2, 0.5);
    let mean = |t: f64| {
        let m = StoryModel {
            threshold: t,
            ..model
        };
        let scores: Vec<f64> = corpora.iter().flat_map(|c| score(c, &m)).collect();
        scores.iter().sum::<f64>() / scores.len().max(1) as f64
    };
    let threshold = THRESHOLDS
        .par_iter()
        .map(|&t| (mean(t), t))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map_or(0.5, |(_, t)| t);
    StoryModel { threshold, ..model }
}

/// BCubed F1 of the model on each version of a corpus.
fn score(corpus: &Corpus, model: &StoryModel) -> Scored {
    let clusterer = Clusterer::builder().story_model(*model).build();
    corpus
        .versions
        .iter()
        .map(|v| {
            let story = clusterer.cluster(&v.articles, &v.fingerprints).story;
            storyweave_eval::evaluate(&story, &v.gold, 0)
                .map(|e| e.scores.bcubed.f1)
                .unwrap_or(0.0)
        })
        .collect()
}

/// Prints the leave-one-out table and the fitted model.
fn write_table(
    out: &mut dyn Write,
    corpora: &[Corpus],
    table: &[(f64, Vec<(f64, Scored)>)],
    best_l2: f64,
    model: &StoryModel,
    seen: &[Scored],
    model_path: &Path,
) -> std::io::Result<()> {
    let cell = |s: &Scored, k: usize| {
        s.get(k)
            .map_or_else(|| "-".to_owned(), |x| format!("{x:.3}"))
    };
    writeln!(
        out,
        "Leave one corpus out (BCubed F1 of the left-out corpus: as given / dates removed)"
    )?;
    for (l2, rows) in table {
        writeln!(
            out,
            "penalty {l2}{}",
            if *l2 == best_l2 { "  (chosen)" } else { "" }
        )?;
        for (c, (threshold, s)) in corpora.iter().zip(rows) {
            writeln!(
                out,
                "  {:<28} {} / {}   threshold {threshold}",
                c.name,
                cell(s, 0),
                cell(s, 1)
            )?;
        }
    }
    writeln!(
        out,
        "Fitted on all (penalty {best_l2}, threshold {}), scored on the same corpora:",
        model.threshold
    )?;
    for (c, s) in corpora.iter().zip(seen) {
        writeln!(out, "  {:<28} {} / {}", c.name, cell(s, 0), cell(s, 1))?;
    }
    writeln!(out, "bias {:+.3}", model.bias)?;
    for (name, w) in storyweave_cluster::StoryFeatures::NAMES
        .iter()
        .zip(model.weights.values())
    {
        writeln!(out, "  {name:<18} {w:+.3}")?;
    }
    writeln!(out, "written to {}", model_path.display())
}
