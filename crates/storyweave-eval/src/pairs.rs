//! Scoring a yes/no decision on sentence pairs — do two sentences say the
//! same thing? — against people's labels: precision, recall and F1 of the
//! "same" answer, and accuracy, overall and per subset of the pairs.

use serde::Serialize;

/// One labelled pair as the scorer sees it.
#[derive(Debug, Clone)]
pub struct PairJudgement {
    /// Where the pair comes from (`headlines`, `MSRpar`, ...).
    pub subset: String,
    /// Whether people judged the two sentences to say the same thing.
    pub gold: bool,
    /// Whether the tool says they do.
    pub predicted: bool,
}

/// Precision, recall, F1 and accuracy of one set of judgements.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairScores {
    /// Pairs scored.
    pub pairs: usize,
    /// Pairs people judged the same.
    pub gold_same: usize,
    /// Pairs the tool judged the same.
    pub predicted_same: usize,
    /// Share of the tool's "same" that people agree with.
    pub precision: f64,
    /// Share of people's "same" the tool finds.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Share of all pairs judged as people did.
    pub accuracy: f64,
}

/// Scores of all pairs and of each subset (sorted by name).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PairReport {
    /// Every pair.
    pub all: PairScores,
    /// Each subset's pairs.
    pub subsets: Vec<(String, PairScores)>,
}

fn scores<'a>(judged: impl Iterator<Item = &'a PairJudgement>) -> PairScores {
    let (mut n, mut tp, mut gold, mut pred, mut right) = (0, 0, 0, 0, 0);
    for j in judged {
        n += 1;
        gold += usize::from(j.gold);
        pred += usize::from(j.predicted);
        tp += usize::from(j.gold && j.predicted);
        right += usize::from(j.gold == j.predicted);
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(tp, pred), ratio(tp, gold));
    PairScores {
        pairs: n,
        gold_same: gold,
        predicted_same: pred,
        precision,
        recall,
        f1: if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        },
        accuracy: ratio(right, n),
    }
}

/// Scores the judgements, overall and per subset.
pub fn score_pairs(judged: &[PairJudgement]) -> PairReport {
    let mut names: Vec<&str> = judged.iter().map(|j| j.subset.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    PairReport {
        all: scores(judged.iter()),
        subsets: names
            .into_iter()
            .map(|n| {
                (
                    n.to_string(),
                    scores(judged.iter().filter(|j| j.subset == n)),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(subset: &str, gold: bool, predicted: bool) -> PairJudgement {
        PairJudgement {
            subset: subset.into(),
            gold,
            predicted,
        }
    }

    #[test]
    fn precision_recall_and_accuracy_by_hand() {
        let r = score_pairs(&[
            j("a", true, true),
            j("a", true, false),
            j("b", false, true),
            j("b", false, false),
        ]);
        assert_eq!(r.all.pairs, 4);
        assert!((r.all.precision - 0.5).abs() < 1e-12);
        assert!((r.all.recall - 0.5).abs() < 1e-12);
        assert!((r.all.f1 - 0.5).abs() < 1e-12);
        assert!((r.all.accuracy - 0.5).abs() < 1e-12);
        assert_eq!(r.subsets.len(), 2);
        assert!((r.subsets[0].1.recall - 0.5).abs() < 1e-12);
        assert!((r.subsets[1].1.precision - 0.0).abs() < 1e-12);
    }
}
