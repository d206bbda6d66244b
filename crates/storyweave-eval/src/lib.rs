//! Scoring a clustering against gold labels, so "same story" can be measured.
//!
//! Given one predicted label and one gold label per document (any hashable
//! types: only equality matters), [`score`] computes
//! * **pairwise** precision, recall and F1 over the pairs of documents put
//!   together (precision: share of predicted pairs that are gold pairs;
//!   recall: share of gold pairs that are predicted);
//! * **BCubed** precision, recall and F1 (per document: share of its
//!   predicted cluster that is in its gold cluster, share of its gold cluster
//!   that is in its predicted cluster; averaged over documents);
//! * the **adjusted Rand index** (Hubert and Arabie);
//! * the number of predicted and gold clusters.
//!
//! [`evaluate`] adds the worst mistakes: predicted clusters that merge
//! several gold clusters and gold clusters split over several predicted
//! ones, ranked by the number of wrong (or missed) pairs, so a person can
//! see *why* a score is low.
//!
//! Conventions for the degenerate cases: with no predicted pair, pairwise
//! precision is 1 (nothing wrongly joined); with no gold pair, pairwise
//! recall is 1; F1 is 0 when precision and recall are both 0; the ARI is 1
//! when both partitions are equally trivial (all singletons or one cluster
//! each), where its formula divides by zero.

pub mod consolidation;
pub mod facts;
pub mod furniture;
pub mod pairs;

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

/// Why a clustering cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// The predicted and gold label lists differ in length.
    #[error("{predicted} predicted labels but {gold} gold labels")]
    LengthMismatch {
        /// Number of predicted labels.
        predicted: usize,
        /// Number of gold labels.
        gold: usize,
    },
    /// There is no document to score.
    #[error("no documents to score")]
    Empty,
}

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Share of what was predicted that is right.
    pub precision: f64,
    /// Share of what is right that was predicted.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

impl Prf {
    /// Builds the triple from precision and recall.
    pub fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// All scores of one clustering against gold labels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Number of documents scored.
    pub documents: usize,
    /// Number of distinct predicted labels.
    pub predicted_clusters: usize,
    /// Number of distinct gold labels.
    pub gold_clusters: usize,
    /// Pairwise precision, recall and F1.
    pub pairwise: Prf,
    /// BCubed precision, recall and F1.
    pub bcubed: Prf,
    /// Adjusted Rand index: 1 for identical partitions, about 0 for chance.
    pub ari: f64,
}

/// One wrong merge or split: a cluster of one side cut into the parts the
/// other side makes of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mistake {
    /// Pairs of documents inside the cluster that the other side separates:
    /// wrongly joined pairs for a merge, missed pairs for a split.
    pub pairs: u64,
    /// The cluster's documents (indices into the label lists) grouped by
    /// the other side's label; largest part first, then by first document.
    /// Each part is in increasing index order.
    pub parts: Vec<Vec<usize>>,
}

/// Scores plus the worst mistakes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The scores.
    pub scores: Scores,
    /// Predicted clusters holding documents of several gold clusters, worst first.
    pub merges: Vec<Mistake>,
    /// Gold clusters whose documents are in several predicted clusters, worst first.
    pub splits: Vec<Mistake>,
}

/// Pairs among `n` items.
fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Dense ids (first appearance order) of a label list, and how many there are.
fn dense<L: Hash + Eq>(labels: &[L]) -> (Vec<usize>, usize) {
    let mut ids: HashMap<&L, usize> = HashMap::with_capacity(labels.len());
    let out = labels
        .iter()
        .map(|l| {
            let next = ids.len();
            *ids.entry(l).or_insert(next)
        })
        .collect();
    (out, ids.len())
}

/// The contingency of two dense labelings: cluster sizes on each side and
/// the size of every non-empty intersection.
struct Table {
    p: Vec<usize>,
    g: Vec<usize>,
    p_size: Vec<u64>,
    g_size: Vec<u64>,
    both: HashMap<(usize, usize), u64>,
}

impl Table {
    fn new<P: Hash + Eq, G: Hash + Eq>(predicted: &[P], gold: &[G]) -> Result<Table, EvalError> {
        if predicted.len() != gold.len() {
            return Err(EvalError::LengthMismatch {
                predicted: predicted.len(),
                gold: gold.len(),
            });
        }
        if predicted.is_empty() {
            return Err(EvalError::Empty);
        }
        let (p, np) = dense(predicted);
        let (g, ng) = dense(gold);
        let mut p_size = vec![0u64; np];
        let mut g_size = vec![0u64; ng];
        let mut both: HashMap<(usize, usize), u64> = HashMap::new();
        for (&a, &b) in p.iter().zip(&g) {
            if let Some(s) = p_size.get_mut(a) {
                *s += 1;
            }
            if let Some(s) = g_size.get_mut(b) {
                *s += 1;
            }
            *both.entry((a, b)).or_insert(0) += 1;
        }
        Ok(Table {
            p,
            g,
            p_size,
            g_size,
            both,
        })
    }

    fn scores(&self) -> Scores {
        let n = self.p.len();
        let nf = n as f64;
        // BCubed: each document of cell (a, b) has precision |cell|/|a| and
        // recall |cell|/|b|, so sum per cell.
        let (mut bp, mut br) = (0.0, 0.0);
        let mut tp = 0u64;
        // In a fixed order, so that the float sums do not depend on hashing.
        let mut cells: Vec<((usize, usize), u64)> =
            self.both.iter().map(|(&k, &c)| (k, c)).collect();
        cells.sort_unstable();
        for ((a, b), c) in cells {
            let cf = c as f64;
            let pa = self.p_size.get(a).copied().unwrap_or(c).max(1) as f64;
            let gb = self.g_size.get(b).copied().unwrap_or(c).max(1) as f64;
            bp += cf * cf / pa;
            br += cf * cf / gb;
            tp += pairs(c);
        }
        let pred_pairs: u64 = self.p_size.iter().map(|&s| pairs(s)).sum();
        let gold_pairs: u64 = self.g_size.iter().map(|&s| pairs(s)).sum();
        let ratio = |num: u64, den: u64| {
            if den == 0 {
                1.0
            } else {
                num as f64 / den as f64
            }
        };
        let all = pairs(n as u64) as f64;
        let (index, a, b) = (tp as f64, pred_pairs as f64, gold_pairs as f64);
        let expected = if all > 0.0 { a * b / all } else { 0.0 };
        let max = (a + b) / 2.0;
        let ari = if (max - expected).abs() < f64::EPSILON {
            1.0
        } else {
            (index - expected) / (max - expected)
        };
        Scores {
            documents: n,
            predicted_clusters: self.p_size.len(),
            gold_clusters: self.g_size.len(),
            pairwise: Prf::new(ratio(tp, pred_pairs), ratio(tp, gold_pairs)),
            bcubed: Prf::new(bp / nf, br / nf),
            ari,
        }
    }
}

/// Clusters of `outer` cut into parts by `inner`, as mistakes, worst first.
fn mistakes(outer: &[usize], inner: &[usize], clusters: usize, worst: usize) -> Vec<Mistake> {
    // members[c] = (inner label, index) of every document of outer cluster c.
    let mut members: Vec<Vec<(usize, usize)>> = vec![Vec::new(); clusters];
    for (i, (&o, &x)) in outer.iter().zip(inner).enumerate() {
        if let Some(m) = members.get_mut(o) {
            m.push((x, i));
        }
    }
    let mut out: Vec<Mistake> = Vec::new();
    for mut m in members {
        m.sort_unstable();
        let mut parts: Vec<Vec<usize>> = Vec::new();
        let mut last = None;
        for (x, i) in m {
            match parts.last_mut() {
                Some(part) if last == Some(x) => part.push(i),
                _ => parts.push(vec![i]),
            }
            last = Some(x);
        }
        if parts.len() < 2 {
            continue;
        }
        let total: u64 = parts.iter().map(|p| p.len() as u64).sum();
        let within: u64 = parts.iter().map(|p| pairs(p.len() as u64)).sum();
        parts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.first().cmp(&b.first())));
        out.push(Mistake {
            pairs: pairs(total) - within,
            parts,
        });
    }
    out.sort_by(|a, b| {
        b.pairs
            .cmp(&a.pairs)
            .then_with(|| a.parts.first().cmp(&b.parts.first()))
    });
    out.truncate(worst);
    out
}

/// Scores `predicted` labels against `gold` labels (one of each per document).
pub fn score<P: Hash + Eq, G: Hash + Eq>(predicted: &[P], gold: &[G]) -> Result<Scores, EvalError> {
    Ok(Table::new(predicted, gold)?.scores())
}

/// Scores `predicted` against `gold` and lists the `worst` wrong merges and
/// the `worst` wrong splits.
pub fn evaluate<P: Hash + Eq, G: Hash + Eq>(
    predicted: &[P],
    gold: &[G],
    worst: usize,
) -> Result<Evaluation, EvalError> {
    let table = Table::new(predicted, gold)?;
    Ok(Evaluation {
        scores: table.scores(),
        merges: mistakes(&table.p, &table.g, table.p_size.len(), worst),
        splits: mistakes(&table.g, &table.p, table.g_size.len(), worst),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_counts() {
        assert_eq!(pairs(0), 0);
        assert_eq!(pairs(1), 0);
        assert_eq!(pairs(2), 1);
        assert_eq!(pairs(5), 10);
    }

    #[test]
    fn dense_ids_follow_first_appearance() {
        assert_eq!(dense(&["b", "a", "b", "c"]), (vec![0, 1, 0, 2], 3));
    }
}
