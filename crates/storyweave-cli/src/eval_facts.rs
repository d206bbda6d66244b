//! `storyweave eval --facts GOLD ARTICLES...`: the per-article facts of the
//! articles a hand-annotated gold file names, scored against it; and
//! `storyweave eval --furniture ARTICLES...`, the check of clean bodies for
//! sentences shaped like page furniture.
//!
//! The articles are read by the same ingest and extraction as every other
//! command and their facts found by the same [`FactExtractor`] as `extract
//! --facts` and `stories`; only the gold lines' ids tie the two together.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use storyweave_eval::facts::{
    ArticleFacts, FactMissKind, FactScores, FigureFact, QuoteFact, score_facts,
};
use storyweave_eval::furniture::FurnitureCheck;
use storyweave_facts::FactExtractor;

use crate::eval_cmd::{EvalArgs, EvalFormat};
use crate::pipeline::{Progress, stream_articles};
use crate::{Outcome, RunError, open_output, write_error};

/// One gold quote as annotated.
#[derive(Debug, Deserialize)]
struct GoldQuote {
    text: String,
    speaker: Option<String>,
}

/// One gold figure as annotated.
#[derive(Debug, Deserialize)]
struct GoldFigure {
    text: String,
    value: f64,
    attribution: Option<String>,
}

/// One line of the gold file (other fields are kept for people, not read).
#[derive(Debug, Deserialize)]
struct GoldLine {
    id: String,
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
    #[serde(default)]
    figures: Vec<GoldFigure>,
}

/// The result as printed with `--format json`.
#[derive(Debug, Serialize)]
struct FactsResult {
    gold: String,
    /// The split scored, when one was chosen.
    split: Option<String>,
    /// Gold articles not found in the inputs (not scored).
    missing: Vec<String>,
    scores: FactScores,
}

/// Reads a gold file: one JSON object per non-blank line, each a `T`; a
/// line that is not one is an error naming the file and the line.
pub(crate) fn read_gold<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, RunError> {
    let shown = path.display().to_string();
    let file = storyweave_ingest::open_decompressed(path).map_err(|source| RunError::Input {
        path: shown.clone(),
        source,
    })?;
    let mut out = Vec::new();
    for (k, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|source| RunError::Input {
            path: shown.clone(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let g: T = serde_json::from_str(&line).map_err(|e| RunError::Gold {
            path: shown.clone(),
            line: k + 1,
            message: e.to_string(),
        })?;
        out.push(g);
    }
    Ok(out)
}

/// Reads the articles, finds their facts and scores them against the gold.
pub(crate) fn run(args: &EvalArgs, gold_path: &Path) -> Result<Outcome, RunError> {
    let progress = Progress::new(args.quiet);
    let gold: Vec<GoldLine> = read_gold::<GoldLine>(gold_path)?
        .into_iter()
        .filter(|g| args.split.is_none() || g.split == args.split)
        .collect();
    if gold.is_empty() {
        return Err(RunError::Usage(format!(
            "{}: no gold line{}",
            gold_path.display(),
            args.split
                .as_ref()
                .map_or_else(String::new, |s| format!(" in split {s}"))
        )));
    }
    let wanted: HashMap<&str, usize> = gold
        .iter()
        .enumerate()
        .map(|(k, g)| (g.id.as_str(), k))
        .collect();
    let extractor = FactExtractor::default();
    let mut found: Vec<Option<ArticleFacts>> = vec![None; gold.len()];
    stream_articles(&args.labelled, args.max_size, &progress, |article| {
        let Some(&k) = wanted.get(article.id.as_str()) else {
            return Ok(());
        };
        let facts = extractor.document(&article);
        let g = &gold[k];
        found[k] = Some(ArticleFacts {
            id: g.id.clone(),
            gold_quotes: g
                .quotes
                .iter()
                .map(|q| QuoteFact {
                    text: q.text.clone(),
                    speaker: q.speaker.clone(),
                })
                .collect(),
            predicted_quotes: facts
                .quotes
                .into_iter()
                .map(|q| QuoteFact {
                    text: q.text,
                    speaker: q.speaker,
                })
                .collect(),
            gold_figures: g
                .figures
                .iter()
                .map(|f| FigureFact {
                    text: f.text.clone(),
                    value: f.value,
                    attribution: f.attribution.clone(),
                })
                .collect(),
            predicted_figures: facts
                .quantities
                .into_iter()
                .map(|f| FigureFact {
                    text: f.text,
                    value: f.value,
                    attribution: f.attribution,
                })
                .collect(),
        });
        Ok(())
    })?;
    progress.finish();
    let missing: Vec<String> = gold
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(g, _)| g.id.clone())
        .collect();
    if !missing.is_empty() {
        progress.warn(&format!(
            "{} gold articles are not in the inputs and are not scored: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    let articles: Vec<ArticleFacts> = found.into_iter().flatten().collect();
    if articles.is_empty() {
        return Err(RunError::NoDocuments);
    }
    let result = FactsResult {
        gold: gold_path.display().to_string(),
        split: args.split.clone(),
        missing,
        scores: score_facts(&articles),
    };
    write_eval_output(args, &result, |out| write_text(&result, args.worst, out))
}

/// Writes an eval result where `args` says: as pretty JSON, or as the text
/// `text` writes.
pub(crate) fn write_eval_output<T: Serialize>(
    args: &EvalArgs,
    result: &T,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Outcome, RunError> {
    let (mut out, shown) = open_output(args.output.as_deref())?;
    let written = match args.format {
        EvalFormat::Json => serde_json::to_writer_pretty(&mut out, result)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        EvalFormat::Text => text(&mut out),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| write_error(&shown, e))?;
    Ok(Outcome::Success)
}

/// The readable report: the scores, then up to `worst` mistakes of each kind.
fn write_text(r: &FactsResult, worst: usize, out: &mut dyn Write) -> std::io::Result<()> {
    let s = &r.scores;
    writeln!(
        out,
        "{}{}: {} articles",
        r.gold,
        r.split
            .as_ref()
            .map_or_else(String::new, |x| format!(" (split {x})")),
        s.articles
    )?;
    writeln!(
        out,
        "quotes   {} gold, {} found: precision {:.3}  recall {:.3}  F1 {:.3}  speaker accuracy {:.3}",
        s.gold_quotes,
        s.predicted_quotes,
        s.quotes.precision,
        s.quotes.recall,
        s.quotes.f1,
        s.speaker_accuracy
    )?;
    writeln!(
        out,
        "figures  {} gold, {} found: precision {:.3}  recall {:.3}  F1 {:.3}  attribution accuracy {:.3}",
        s.gold_figures,
        s.predicted_figures,
        s.figures.precision,
        s.figures.recall,
        s.figures.f1,
        s.attribution_accuracy
    )?;
    let kinds = [
        (FactMissKind::WrongSpeaker, "wrong speakers (gold | found)"),
        (FactMissKind::MissedQuote, "missed quotes"),
        (FactMissKind::ExtraQuote, "extra quotes"),
        (
            FactMissKind::WrongAttribution,
            "wrong attributions (gold | found)",
        ),
        (FactMissKind::MissedFigure, "missed figures"),
        (FactMissKind::ExtraFigure, "extra figures"),
    ];
    let none = "-";
    for (kind, heading) in kinds {
        let list: Vec<_> = s.misses.iter().filter(|m| m.kind == kind).collect();
        if list.is_empty() || worst == 0 {
            continue;
        }
        writeln!(out, "\n{heading}: {}", list.len())?;
        for m in list.iter().take(worst) {
            let text = m.gold.as_deref().or(m.predicted.as_deref()).unwrap_or("");
            let short: String = text.chars().take(90).collect();
            let tail = if short.len() < text.len() { "..." } else { "" };
            match kind {
                FactMissKind::WrongSpeaker | FactMissKind::WrongAttribution => writeln!(
                    out,
                    "  [{}] \"{short}{tail}\": {} | {}",
                    m.id,
                    m.expected.as_deref().unwrap_or(none),
                    m.found.as_deref().unwrap_or(none)
                )?,
                _ => writeln!(
                    out,
                    "  [{}] \"{short}{tail}\" ({})",
                    m.id,
                    m.expected.as_deref().or(m.found.as_deref()).unwrap_or(none)
                )?,
            }
        }
        if list.len() > worst {
            writeln!(out, "  ... and {} more", list.len() - worst)?;
        }
    }
    Ok(())
}

/// Reads the articles and counts their body sentences shaped like page
/// furniture; prints the counts per shape and the sentences flagged.
pub(crate) fn run_furniture(args: &EvalArgs) -> Result<Outcome, RunError> {
    let progress = Progress::new(args.quiet);
    let mut check = FurnitureCheck::new();
    stream_articles(&args.labelled, args.max_size, &progress, |article| {
        check.add(
            &article.id,
            article.sentences.iter().map(|s| s.text.as_str()),
        );
        Ok(())
    })?;
    progress.finish();
    if check.articles == 0 {
        return Err(RunError::NoDocuments);
    }
    if args.worst > 0 {
        check.flagged.truncate(args.worst);
    }
    let (mut out, shown) = open_output(args.output.as_deref())?;
    let written = match args.format {
        EvalFormat::Json => serde_json::to_writer_pretty(&mut out, &check)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        EvalFormat::Text => write_furniture(&check, &mut out),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| write_error(&shown, e))?;
    Ok(Outcome::Success)
}

/// The readable furniture check: totals, counts per shape, flagged sentences.
fn write_furniture(c: &FurnitureCheck, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{} articles, {} body sentences, {} shaped like page furniture; by shape:",
        c.articles, c.sentences, c.flagged_sentences
    )?;
    for (name, n) in &c.by_shape {
        writeln!(out, "  {n:>6}  {name}")?;
    }
    if !c.flagged.is_empty() {
        writeln!(
            out,
            "\nflagged sentences ({} of {}):",
            c.flagged.len(),
            c.flagged_sentences
        )?;
    }
    for f in &c.flagged {
        writeln!(out, "  {} [{}] {}", f.id, f.shapes.join(", "), f.sentence)?;
    }
    Ok(())
}
