//! `storyweave eval`: runs the stories stage on a labelled JSONL file and
//! scores the stories against the gold labels (each record's `cluster`).
//!
//! The articles go through the same reading and clustering as `storyweave
//! stories` ([`read_corpus`], [`build_report_explained`]); the gold labels are read
//! again from the file, by line number (the record number ingest gives each
//! article), so ingest does not need to know about them.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;
use storyweave_eval::{Evaluation, Scores, evaluate};
use storyweave_report::DocumentEntry;

use crate::pipeline::{Progress, read_corpus};
use crate::stories_cmd::{Placements, build_report_explained};
use crate::{Outcome, RunError, open_output, write_error};

/// Titles shown per part of a mistake in the text report.
const TITLES_SHOWN: usize = 3;
/// Features shown, largest first, of the score behind a mistake.
const WHY_PARTS_SHOWN: usize = 5;

/// `storyweave eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A JSONL file of articles (fields id, title, text, date or published, source)
    /// whose `cluster` field is the gold story label. With `--facts`: the files
    /// holding the articles the facts gold names, by id. With `--furniture`:
    /// the articles to check, in any input format. None with `--pairs`.
    #[arg(value_name = "LABELLED.jsonl", required_unless_present = "pairs")]
    pub labelled: Vec<PathBuf>,
    /// Score per-article facts instead of stories: GOLD is a JSONL file of
    /// hand-annotated quotes (text, speaker) and figures (text, value,
    /// attribution), one line per article id (see eval/facts/README.md).
    #[arg(long, value_name = "GOLD.jsonl", conflicts_with_all = ["furniture", "consolidation"])]
    pub facts: Option<PathBuf>,
    /// Score the disagreements `stories` reports instead: GOLD is a JSONL
    /// file of real multi-outlet stories (their document ids) with the
    /// disagreements annotators found by reading them (see
    /// eval/consolidation/README.md); each story's articles are consolidated
    /// on their own.
    #[arg(long, value_name = "GOLD.jsonl", conflicts_with = "furniture")]
    pub consolidation: Option<PathBuf>,
    /// Score the aligner's "these two sentences say the same thing" instead:
    /// PAIRS is a JSONL file of sentence pairs judged by people (`a`, `b`,
    /// `label` 1 or 0, `subset`; see ../shared/eval/pairs/README.md).
    #[arg(long, value_name = "PAIRS.jsonl", conflicts_with_all = ["facts", "consolidation", "furniture"])]
    pub pairs: Option<PathBuf>,
    /// Check the inputs' clean bodies for page furniture instead: count the
    /// body sentences shaped like stamps, captions, related links, prompts,
    /// contact lines, update notes, wire credits or notices, and list them
    /// (all of them with `--worst 0`, else that many).
    #[arg(long)]
    pub furniture: bool,
    /// With `--facts` or `--consolidation`: score only the gold lines of
    /// this split (`dev`, `test`).
    #[arg(long, value_name = "NAME")]
    pub split: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    /// How many of the worst wrong merges and splits to list, each with why:
    /// the strongest link the clusterer saw between its parts (a copy, or a
    /// probability with the features behind it, against the threshold). With `--facts`: how many
    /// mistakes of each kind to list (missed, extra, wrong speaker, ...); with
    /// `--consolidation`: how many missed and invented disagreements.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub worst: usize,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print nothing on standard error but fatal errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// A story model (JSON, as `--fit` writes it) instead of the shipped
    /// one.
    #[arg(long, value_name = "MODEL.json")]
    pub story_model: Option<PathBuf>,
    /// Fit the story model instead of scoring: draw training pairs from
    /// the labelled files (each as given and with its dates removed),
    /// validate leave-one-file-out, and write the model fitted on all of
    /// them, with the settings that did best left out, to MODEL.json (the
    /// table goes to the output).
    #[arg(long, value_name = "MODEL.json", conflicts_with_all = ["facts", "consolidation", "furniture", "pairs", "story_model"])]
    pub fit: Option<PathBuf>,
    /// Skip JSONL lines larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    pub max_size: usize,
}

/// Output formats of `storyweave eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Scores and the worst mistakes, readable in a terminal.
    Text,
    /// One JSON object, for scripts.
    Json,
}

/// One document as shown in a mistake.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    id: &'a str,
    title: Option<&'a str>,
    language: Option<&'a str>,
}

/// One part of a mistake: the documents sharing the other side's label.
#[derive(Debug, Serialize)]
struct Part<'a> {
    /// Gold label (in a merge) or predicted story id (in a split).
    label: &'a str,
    documents: Vec<Shown<'a>>,
}

/// A wrong merge or split with its documents.
#[derive(Debug, Serialize)]
struct Mistake<'a> {
    /// Predicted story id (merge) or gold label (split).
    label: &'a str,
    /// Wrongly joined pairs (merge) or missed pairs (split).
    pairs: u64,
    parts: Vec<Part<'a>>,
    /// The strongest link the clusterer saw between two of the parts;
    /// `None` when no document of one part came near a story holding
    /// another's.
    why: Option<Why<'a>>,
}

/// The strongest link between two parts of a mistake, as the clusterer saw
/// it when the document arrived: a copy, or a score against a story then
/// holding a document of the other part.
#[derive(Debug, Serialize)]
struct Why<'a> {
    /// The document being placed.
    document: Shown<'a>,
    /// The document of the other part it copies or whose story it was
    /// scored against.
    other: Shown<'a>,
    /// Joined as a copy (exact, near-duplicate or family link), not by
    /// score; the score fields are then absent.
    copy: bool,
    /// The probability the story model gave the document of belonging to
    /// the story holding the other part's document.
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    /// What made that probability: each non-zero feature with its value and
    /// the log-odds it added, largest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<WhyPart>,
    /// The probability at or above which a document joins a story.
    threshold: f64,
}

/// One feature's share of a score (see [`Why::parts`]).
#[derive(Debug, Serialize)]
struct WhyPart {
    feature: &'static str,
    value: f64,
    log_odds: f64,
}

/// The whole result, as printed with `--format json`.
#[derive(Debug, Serialize)]
struct Result<'a> {
    file: String,
    /// Documents that carry a gold label and were scored.
    documents: usize,
    /// Documents read without a gold label (not scored).
    unlabelled: usize,
    /// Records skipped while reading.
    skipped: usize,
    scores: Scores,
    /// Labelled records the pipeline did not read (skipped: no body, bad
    /// JSON, ...); left out of `scores`.
    unread_labelled: usize,
    /// Scores over every labelled record, the unread ones counted as stories
    /// of their own: the end-to-end measure.
    scores_with_unread: Scores,
    /// Scored documents per detected language (`unknown` when undetected).
    languages: BTreeMap<&'a str, usize>,
    merges: Vec<Mistake<'a>>,
    splits: Vec<Mistake<'a>>,
}

/// Gold labels by line number (1-based, as ingest numbers records) and by id.
#[derive(Debug, Default)]
pub(crate) struct Gold {
    by_line: BTreeMap<u64, String>,
    by_id: HashMap<String, String>,
}

impl Gold {
    /// The label of a document: by its record number, else by its id.
    fn of(&self, doc: &DocumentEntry) -> Option<&str> {
        self.label(doc.record, &doc.id)
    }

    /// The label of the record numbered `record` (1-based), else of `id`.
    pub(crate) fn label(&self, record: Option<u64>, id: &str) -> Option<&str> {
        record
            .and_then(|r| self.by_line.get(&r))
            .or_else(|| self.by_id.get(id))
            .map(String::as_str)
    }
}

/// A label value as text: strings as they are, numbers in decimal.
fn label_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads the `cluster` field of every line of a JSONL file (plain, gzip or
/// zstd, told by its first bytes). Lines that
/// are not JSON objects or have no label are left out (ingest reports them).
pub(crate) fn read_gold(path: &Path) -> std::result::Result<Gold, RunError> {
    let fail = |e: std::io::Error| RunError::Input {
        path: path.display().to_string(),
        source: e,
    };
    let mut reader = BufReader::new(storyweave_ingest::open_decompressed(path).map_err(fail)?);
    let mut gold = Gold::default();
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(fail)? == 0 {
            break;
        }
        number += 1;
        let text = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&line);
        let Ok(serde_json::Value::Object(record)) = serde_json::from_slice(text) else {
            continue;
        };
        let Some(label) = record.get("cluster").and_then(label_text) else {
            continue;
        };
        if let Some(id) = record.get("id").and_then(label_text) {
            gold.by_id.insert(id, label.clone());
        }
        gold.by_line.insert(number, label);
    }
    Ok(gold)
}

/// A document as shown in a mistake.
fn shown(d: &DocumentEntry) -> Shown<'_> {
    Shown {
        id: &d.id,
        title: d.title.as_deref(),
        language: d.language.as_deref(),
    }
}

/// The strongest link between two of `parts` (indices into `docs`) in the
/// placements: a copy first, else the best score of a document against a
/// story then holding a document of another part.
fn why<'a>(
    parts: &[Vec<usize>],
    docs: &[&'a DocumentEntry],
    placements: &Placements,
    position: &HashMap<&str, usize>,
) -> Option<Why<'a>> {
    let mut part_of: HashMap<&str, (usize, &'a DocumentEntry)> = HashMap::new();
    for (k, part) in parts.iter().enumerate() {
        for d in part.iter().filter_map(|&i| docs.get(i)) {
            part_of.insert(d.id.as_str(), (k, d));
        }
    }
    // The other part's document at position `p`, when `p` is in another
    // part than `k`.
    let other = |p: usize, k: usize| {
        placements
            .ids
            .get(p)
            .and_then(|id| part_of.get(id.as_str()))
            .filter(|(j, _)| *j != k)
            .map(|&(_, d)| d)
    };
    let mut best: Option<(f64, Why<'a>)> = None;
    // In the parts' order, so that ties go the same way every run.
    let placed = parts.iter().enumerate().flat_map(|(k, part)| {
        part.iter()
            .filter_map(|&i| docs.get(i))
            .map(move |&doc| (k, doc))
    });
    for (k, doc) in placed {
        let Some(placement) = position
            .get(doc.id.as_str())
            .and_then(|&p| placements.placements.get(p))
        else {
            continue;
        };
        for d in placement.copies.iter().filter_map(|&c| other(c, k)) {
            let link = Why {
                document: shown(doc),
                other: shown(d),
                copy: true,
                score: None,
                parts: Vec::new(),
                threshold: placements.model.threshold,
            };
            if best.as_ref().is_none_or(|(s, _)| s.is_finite()) {
                best = Some((f64::INFINITY, link));
            }
        }
        for c in &placement.candidates {
            let Some(d) = c.holding.iter().find_map(|&h| other(h, k)) else {
                continue;
            };
            if best.as_ref().is_some_and(|(s, _)| *s >= c.score) {
                continue;
            }
            let link = Why {
                document: shown(doc),
                other: shown(d),
                copy: false,
                score: Some(c.score),
                parts: placements
                    .model
                    .contributions(&c.features)
                    .into_iter()
                    .map(|(feature, value, log_odds)| WhyPart {
                        feature,
                        value,
                        log_odds,
                    })
                    .collect(),
                threshold: placements.model.threshold,
            };
            best = Some((c.score, link));
        }
    }
    best.map(|(_, w)| w)
}

/// The documents of a mistake's parts, labelled by the other side, with
/// why they were joined or kept apart.
fn describe<'a>(
    mistakes: &[storyweave_eval::Mistake],
    docs: &[&'a DocumentEntry],
    outer: &[&'a str],
    inner: &[&'a str],
    placements: &Placements,
) -> Vec<Mistake<'a>> {
    let label = |labels: &[&'a str], i: usize| labels.get(i).copied().unwrap_or("");
    // Each document's position in the placements, by id.
    let position: HashMap<&str, usize> = placements
        .ids
        .iter()
        .enumerate()
        .map(|(p, id)| (id.as_str(), p))
        .collect();
    mistakes
        .iter()
        .map(|m| Mistake {
            label: m
                .parts
                .first()
                .and_then(|p| p.first())
                .map_or("", |&i| label(outer, i)),
            pairs: m.pairs,
            parts: m
                .parts
                .iter()
                .map(|p| Part {
                    label: p.first().map_or("", |&i| label(inner, i)),
                    documents: p
                        .iter()
                        .filter_map(|&i| docs.get(i))
                        .map(|d| shown(d))
                        .collect(),
                })
                .collect(),
            why: why(&m.parts, docs, placements, &position),
        })
        .collect()
}

/// Reads, clusters, scores and prints.
pub(crate) fn run(args: &EvalArgs) -> std::result::Result<Outcome, RunError> {
    if let Some(gold) = &args.facts {
        return crate::eval_facts::run(args, gold);
    }
    if let Some(gold) = &args.consolidation {
        return crate::eval_consolidation::run(args, gold);
    }
    if let Some(pairs) = &args.pairs {
        return crate::eval_pairs::run(args, pairs);
    }
    if let Some(model) = &args.fit {
        return crate::eval_fit::run(args, model);
    }
    if args.split.is_some() {
        return Err(RunError::Usage(
            "--split goes with --facts or --consolidation".to_string(),
        ));
    }
    if args.furniture {
        return crate::eval_facts::run_furniture(args);
    }
    let progress = Progress::new(args.quiet);
    let [labelled] = args.labelled.as_slice() else {
        return Err(RunError::Usage(format!(
            "eval scores one labelled file, {} were given (several files go with --facts or --furniture)",
            args.labelled.len()
        )));
    };
    let gold = read_gold(labelled)?;
    let corpus = read_corpus(std::slice::from_ref(labelled), args.max_size, &progress);
    if corpus.articles.is_empty() {
        progress.note(&corpus.summary());
        return Err(RunError::NoDocuments);
    }
    let skipped = corpus.skipped.len();
    let clusterer = storyweave_cluster::Clusterer::builder().story_model(
        crate::stories_cmd::read_story_model(args.story_model.as_deref())?,
    );
    let (report, placements) =
        build_report_explained(corpus.articles, corpus.skipped, clusterer, &progress);
    progress.finish();

    let mut docs: Vec<&DocumentEntry> = Vec::with_capacity(report.documents.len());
    let mut predicted: Vec<&str> = Vec::with_capacity(report.documents.len());
    let mut labels: Vec<&str> = Vec::with_capacity(report.documents.len());
    for d in &report.documents {
        if let Some(g) = gold.of(d) {
            docs.push(d);
            predicted.push(&d.story);
            labels.push(g);
        }
    }
    let unlabelled = report.documents.len() - docs.len();
    // End to end: every labelled record, the unread ones alone.
    let read: std::collections::HashSet<u64> =
        report.documents.iter().filter_map(|d| d.record).collect();
    let unread: Vec<(String, &str)> = gold
        .by_line
        .iter()
        .filter(|(line, _)| !read.contains(line))
        .map(|(line, g)| (format!("unread:{line}"), g.as_str()))
        .collect();
    let all_predicted: Vec<&str> = predicted
        .iter()
        .copied()
        .chain(unread.iter().map(|(p, _)| p.as_str()))
        .collect();
    let all_gold: Vec<&str> = labels
        .iter()
        .copied()
        .chain(unread.iter().map(|(_, g)| *g))
        .collect();
    if unlabelled > 0 {
        progress.warn(&format!(
            "{unlabelled} documents have no gold `cluster` label and are not scored"
        ));
    }
    let Ok(Evaluation {
        scores,
        merges,
        splits,
    }) = evaluate(&predicted, &labels, args.worst)
    else {
        progress.note("no document carries a gold `cluster` label");
        return Err(RunError::NoDocuments);
    };
    let mut languages: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &docs {
        *languages
            .entry(d.language.as_deref().unwrap_or("unknown"))
            .or_insert(0) += 1;
    }
    let result = Result {
        file: labelled.display().to_string(),
        documents: docs.len(),
        unlabelled,
        skipped,
        scores,
        unread_labelled: unread.len(),
        scores_with_unread: storyweave_eval::score(&all_predicted, &all_gold).unwrap_or(scores),
        languages,
        merges: describe(&merges, &docs, &predicted, &labels, &placements),
        splits: describe(&splits, &docs, &labels, &predicted, &placements),
    };

    let (mut out, shown) = open_output(args.output.as_deref())?;
    let written = match args.format {
        EvalFormat::Json => serde_json::to_writer_pretty(&mut out, &result)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        EvalFormat::Text => write_text(&result, &mut out),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| write_error(&shown, e))?;
    Ok(Outcome::Success)
}

/// The readable report.
fn write_text(r: &Result<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let s = &r.scores;
    writeln!(out, "{}", r.file)?;
    writeln!(
        out,
        "documents: {} scored, {} without label, {} skipped",
        r.documents, r.unlabelled, r.skipped
    )?;
    let langs: Vec<String> = r
        .languages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    writeln!(out, "languages: {}", langs.join(", "))?;
    writeln!(
        out,
        "clusters:  {} predicted, {} gold",
        s.predicted_clusters, s.gold_clusters
    )?;
    for (name, p) in [("pairwise", s.pairwise), ("BCubed", s.bcubed)] {
        writeln!(
            out,
            "{name:<9}  precision {:.3}  recall {:.3}  F1 {:.3}",
            p.precision, p.recall, p.f1
        )?;
    }
    writeln!(out, "ARI        {:.3}", s.ari)?;
    if r.unread_labelled > 0 {
        let a = &r.scores_with_unread;
        writeln!(
            out,
            "with the {} unread labelled records as stories of their own: BCubed F1 {:.3}, pairwise F1 {:.3}, ARI {:.3}",
            r.unread_labelled, a.bcubed.f1, a.pairwise.f1, a.ari
        )?;
    }
    for (heading, what, part, list) in [
        (
            "worst wrong merges (one predicted story, several gold stories)",
            "story",
            "gold",
            &r.merges,
        ),
        (
            "worst wrong splits (one gold story, several predicted stories)",
            "gold",
            "story",
            &r.splits,
        ),
    ] {
        writeln!(out)?;
        writeln!(out, "{heading}:")?;
        if list.is_empty() {
            writeln!(out, "  none")?;
        }
        for (k, m) in list.iter().enumerate() {
            writeln!(out, "{:>3}. {what} {}: {} pairs", k + 1, m.label, m.pairs)?;
            for p in &m.parts {
                writeln!(out, "       {part} {} ({}):", p.label, p.documents.len())?;
                for d in p.documents.iter().take(TITLES_SHOWN) {
                    writeln!(
                        out,
                        "         - [{}] {}",
                        d.language.unwrap_or("?"),
                        d.title.unwrap_or(d.id)
                    )?;
                }
                if p.documents.len() > TITLES_SHOWN {
                    writeln!(
                        out,
                        "         ... and {} more",
                        p.documents.len() - TITLES_SHOWN
                    )?;
                }
            }
            writeln!(out, "       why: {}", why_text(m.why.as_ref()))?;
        }
    }
    Ok(())
}

/// One line saying why a mistake's parts were joined or kept apart.
fn why_text(why: Option<&Why<'_>>) -> String {
    let Some(w) = why else {
        return "no document of one part came near the threshold (log-odds within 3) against a story holding another part's".to_owned();
    };
    let title = |d: &Shown<'_>| d.title.unwrap_or(d.id).to_owned();
    if w.copy {
        return format!(
            "\"{}\" copies \"{}\" (exact, near-duplicate or family link)",
            title(&w.document),
            title(&w.other)
        );
    }
    let number = |x: Option<f64>| x.map_or_else(|| "?".to_owned(), |x| format!("{x:.3}"));
    let parts: Vec<String> = w
        .parts
        .iter()
        .take(WHY_PARTS_SHOWN)
        .map(|p| format!("{} {:.2} ({:+.2})", p.feature, p.value, p.log_odds))
        .collect();
    format!(
        "\"{}\" scored {} against a story holding \"{}\" ({}; threshold {})",
        title(&w.document),
        number(w.score),
        title(&w.other),
        parts.join(", "),
        number(Some(w.threshold)),
    )
}
