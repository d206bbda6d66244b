//! The metric of the Zyte article-extraction benchmark, reimplemented:
//! tokens are the `\w+` runs of a text (case kept); per page the word
//! 4-grams of prediction and truth are counted as multisets, giving true
//! positives (shared counts), false positives (extra predicted) and false
//! negatives (missing), normalised to sum 1; precision and recall are taken
//! per page and averaged over the pages where they are defined, and F1 is
//! the harmonic mean of the two averages.

use std::collections::HashMap;

/// The `\w+` runs of `text`: letters, digits (any script) and `_`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Counts of the word `n`-grams of `text`; a text shorter than `n` words
/// gives one shorter shingle, an empty text none.
fn shingles(text: &str, n: usize) -> HashMap<Vec<&str>, u32> {
    let toks = tokens(text);
    let mut counts = HashMap::new();
    // As `range(max(1, len(tokens) - n + 1))` in the benchmark's script.
    let starts = (toks.len() + 1).saturating_sub(n).max(1);
    for i in 0..starts {
        let end = (i + n).min(toks.len());
        if let Some(window) = toks.get(i..end).filter(|w| !w.is_empty()) {
            *counts.entry(window.to_vec()).or_insert(0) += 1;
        }
    }
    counts
}

/// Normalised (tp, fp, fn) of one page, as the benchmark computes them.
pub fn page_counts(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let t = shingles(truth, 4);
    let p = shingles(predicted, 4);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &c) in &t {
        let q = p.get(k).copied().unwrap_or(0);
        tp += u64::from(c.min(q));
        fn_ += u64::from(c.saturating_sub(q));
    }
    for (k, &q) in &p {
        let c = t.get(k).copied().unwrap_or(0);
        fp += u64::from(q.saturating_sub(c));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
}

/// The benchmark's scores over many pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Mean precision over pages with something predicted.
    pub precision: f64,
    /// Mean recall over pages with something true.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
}

/// Scores a list of per-page (tp, fp, fn) as the benchmark does.
pub fn scores(pages: &[(f64, f64, f64)]) -> Scores {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n) = (0.0, 0usize, 0.0, 0usize);
    for &(tp, fp, fn_) in pages {
        let perfect = fp == 0.0 && fn_ == 0.0;
        if tp + fp > 0.0 {
            p_sum += if perfect { 1.0 } else { tp / (tp + fp) };
            p_n += 1;
        }
        if tp + fn_ > 0.0 {
            r_sum += if perfect { 1.0 } else { tp / (tp + fn_) };
            r_n += 1;
        }
    }
    let precision = if p_n == 0 { 0.0 } else { p_sum / p_n as f64 };
    let recall = if r_n == 0 { 0.0 } else { r_sum / r_n as f64 };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Scores {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            tokens("It's a café_1, ok!"),
            ["It", "s", "a", "café_1", "ok"]
        );
    }

    #[test]
    fn identical_texts_score_one_and_empty_predictions_zero_recall() {
        let t = "one two three four five";
        assert_eq!(page_counts(t, t), (1.0, 0.0, 0.0));
        let s = scores(&[page_counts(t, t), page_counts(t, "")]);
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
    }

    #[test]
    fn counts_are_multisets_normalised_to_one() {
        // truth 2 shingles, prediction 3 (2 shared + 1 extra).
        let (tp, fp, fn_) = page_counts("a b c d e", "a b c d e f");
        assert!((tp - 2.0 / 3.0).abs() < 1e-12 && (fp - 1.0 / 3.0).abs() < 1e-12 && fn_ == 0.0);
        // Short texts make one shingle.
        assert_eq!(page_counts("a b", "a b"), (1.0, 0.0, 0.0));
    }
}
