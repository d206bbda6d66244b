//! `storyweave eval --pairs PAIRS`: the aligner's decision that two
//! sentences say the same thing, scored against people's judgements of
//! sentence pairs (JSONL lines with `a`, `b`, `label` 1/0/null and
//! `subset`; unlabelled pairs are left out).

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use storyweave_align::Aligner;
use storyweave_eval::pairs::{PairJudgement, PairReport, PairScores, score_pairs};

use crate::eval_cmd::EvalArgs;
use crate::eval_facts::{read_gold, write_eval_output};
use crate::{Outcome, RunError};

/// One pair of the file.
#[derive(Debug, Deserialize)]
struct Pair {
    a: String,
    b: String,
    #[serde(default)]
    label: Option<u8>,
    #[serde(default)]
    subset: Option<String>,
}

/// The result as printed with `--format json`.
#[derive(Debug, Serialize)]
struct PairsResult {
    pairs: String,
    unlabelled: usize,
    scores: PairReport,
}

/// Reads the pairs, judges each with the aligner and prints the scores.
pub(crate) fn run(args: &EvalArgs, path: &Path) -> Result<Outcome, RunError> {
    let pairs: Vec<Pair> = read_gold(path)?;
    let aligner = Aligner::default();
    let mut unlabelled = 0;
    let judged: Vec<PairJudgement> = pairs
        .iter()
        .filter_map(|p| {
            let Some(label) = p.label else {
                unlabelled += 1;
                return None;
            };
            Some(PairJudgement {
                subset: p.subset.clone().unwrap_or_default(),
                gold: label == 1,
                predicted: aligner.relate(&p.a, &p.b).is_some(),
            })
        })
        .collect();
    let result = PairsResult {
        pairs: path.display().to_string(),
        unlabelled,
        scores: score_pairs(&judged),
    };
    write_eval_output(args, &result, |out| write_text(&result, out))
}

fn line(out: &mut dyn Write, name: &str, s: &PairScores) -> std::io::Result<()> {
    writeln!(
        out,
        "{name:<12} {:>5} pairs ({} same): precision {:.3}  recall {:.3}  F1 {:.3}  accuracy {:.3}",
        s.pairs, s.gold_same, s.precision, s.recall, s.f1, s.accuracy
    )
}

fn write_text(r: &PairsResult, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} labelled pairs ({} unlabelled left out)",
        r.pairs, r.scores.all.pairs, r.unlabelled
    )?;
    line(out, "all", &r.scores.all)?;
    for (name, s) in &r.scores.subsets {
        line(out, name, s)?;
    }
    Ok(())
}
