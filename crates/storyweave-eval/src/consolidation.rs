//! Scoring a story's reported disagreements against hand-annotated ones.
//!
//! Each side is a list of disagreements per story; a disagreement is a list
//! of readings, each naming the documents that give it, the span that says
//! it and, when it is a figure, its value.
//!
//! * A predicted reading **stands for** a gold reading when they share a
//!   document and either the predicted span holds the gold value (a number
//!   read from its words, within 0.1%) or the two spans share a word of three
//!   letters or more that is not a number (`Marfin Egnatia Bank` /
//!   `Egnatia`).
//! * A predicted disagreement **matches** a gold one of the same story when
//!   two of its readings stand for two different gold readings: it names the
//!   same conflict, whatever else it says. Each gold and each predicted
//!   disagreement matches at most once, in order.
//! * **Precision** is the share of predicted disagreements that match,
//!   **recall** the share of gold ones matched.

use serde::Serialize;
use storyweave_text::numbers::{NumberStyle, parse_number};

use crate::Prf;
use crate::facts::word_keys;

/// One reading of a disagreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingFact {
    /// Documents giving this reading.
    pub documents: Vec<String>,
    /// The span as written.
    pub text: String,
    /// Its value when it is a figure.
    pub value: Option<f64>,
}

/// One disagreement: what it is about and its readings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisagreementFact {
    /// `number`, `entity`, `date`, `quote`, `wording`.
    pub kind: String,
    /// What the fact is (empty when the side does not say).
    pub about: String,
    /// Two readings or more.
    pub readings: Vec<ReadingFact>,
}

/// A story's gold and predicted disagreements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDisagreements {
    /// The story's name in the gold.
    pub story: String,
    /// Annotated disagreements.
    pub gold: Vec<DisagreementFact>,
    /// Reported disagreements.
    pub predicted: Vec<DisagreementFact>,
}

/// A disagreement missed or invented, for the listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mistake {
    /// The story it belongs to.
    pub story: String,
    /// The disagreement.
    pub disagreement: DisagreementFact,
}

/// The scores over all stories, with what was missed and invented.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsolidationScores {
    /// Stories scored.
    pub stories: usize,
    /// Gold disagreements.
    pub gold: usize,
    /// Reported disagreements.
    pub predicted: usize,
    /// Disagreements matched.
    pub matched: usize,
    /// Precision, recall, F1 of the disagreements.
    pub disagreements: Prf,
    /// Gold disagreements no report matched.
    pub missed: Vec<Mistake>,
    /// Reported disagreements matching no gold one.
    pub invented: Vec<Mistake>,
}

/// The numbers written in `text`, read in English style by the pipeline's
/// one figure reader (`14`, `1,400`, `6.1`).
fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '$' | '%' | '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_digit()))
        .filter_map(|w| parse_number(w, NumberStyle::PointDecimal))
        .collect()
}

/// Whether the predicted reading `p` stands for the gold reading `g`.
fn stands_for(p: &ReadingFact, g: &ReadingFact) -> bool {
    if !p.documents.iter().any(|d| g.documents.contains(d)) {
        return false;
    }
    if let Some(v) = g.value {
        let close = |x: f64| (x - v).abs() <= 1e-3 * v.abs().max(1e-9);
        if numbers(&p.text).into_iter().any(close) {
            return true;
        }
    }
    let gk = word_keys(&g.text);
    word_keys(&p.text)
        .iter()
        .any(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()) && gk.contains(w))
}

/// Whether `p` names the conflict `g`: two of its readings stand for two
/// different gold readings.
fn matches(p: &DisagreementFact, g: &DisagreementFact) -> bool {
    for (i, a) in p.readings.iter().enumerate() {
        for b in &p.readings[i + 1..] {
            for (x, gx) in g.readings.iter().enumerate() {
                for (y, gy) in g.readings.iter().enumerate() {
                    if x != y && stands_for(a, gx) && stands_for(b, gy) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// Scores the stories' reported disagreements against the gold.
pub fn score_consolidation(stories: &[StoryDisagreements]) -> ConsolidationScores {
    let mut gold = 0;
    let mut predicted = 0;
    let mut matched = 0;
    let mut missed = Vec::new();
    let mut invented = Vec::new();
    for s in stories {
        gold += s.gold.len();
        predicted += s.predicted.len();
        let mut used = vec![false; s.predicted.len()];
        for g in &s.gold {
            let hit = (0..s.predicted.len()).find(|&k| !used[k] && matches(&s.predicted[k], g));
            match hit {
                Some(k) => {
                    used[k] = true;
                    matched += 1;
                }
                None => missed.push(Mistake {
                    story: s.story.clone(),
                    disagreement: g.clone(),
                }),
            }
        }
        for (k, p) in s.predicted.iter().enumerate() {
            if !used[k] {
                invented.push(Mistake {
                    story: s.story.clone(),
                    disagreement: p.clone(),
                });
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    ConsolidationScores {
        stories: stories.len(),
        gold,
        predicted,
        matched,
        disagreements: Prf::new(ratio(matched, predicted), ratio(matched, gold)),
        missed,
        invented,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(docs: &[&str], text: &str, value: Option<f64>) -> ReadingFact {
        ReadingFact {
            documents: docs.iter().map(|d| d.to_string()).collect(),
            text: text.to_string(),
            value,
        }
    }

    fn d(readings: Vec<ReadingFact>) -> DisagreementFact {
        DisagreementFact {
            kind: "number".into(),
            about: String::new(),
            readings,
        }
    }

    #[test]
    fn a_report_naming_both_values_matches_and_a_word_diff_is_invented() {
        let gold = vec![d(vec![
            r(&["a"], "120,000", Some(120_000.0)),
            r(&["b", "c"], "200,000 people", Some(200_000.0)),
        ])];
        let predicted = vec![
            d(vec![
                r(&["c"], "home to 200,000", None),
                r(&["a"], "population of 120,000", None),
            ]),
            d(vec![
                r(&["a"], "support of the", None),
                r(&["b"], "support of", None),
            ]),
        ];
        let s = score_consolidation(&[StoryDisagreements {
            story: "x".into(),
            gold,
            predicted,
        }]);
        assert_eq!((s.gold, s.predicted, s.matched), (1, 2, 1));
        assert_eq!(s.disagreements.precision, 0.5);
        assert_eq!(s.disagreements.recall, 1.0);
        assert_eq!(s.invented.len(), 1);
    }

    #[test]
    fn readings_need_a_shared_document_and_two_different_gold_readings() {
        let gold = vec![d(vec![
            r(&["a"], "Marfin Egnatia Bank", None),
            r(&["b"], "Marfin Investment Bank", None),
        ])];
        // Both predicted readings stand only for the first gold reading's
        // documents: no match.
        let wrong_docs = vec![d(vec![
            r(&["a"], "Egnatia", None),
            r(&["c"], "Investment", None),
        ])];
        let s = score_consolidation(&[StoryDisagreements {
            story: "x".into(),
            gold: gold.clone(),
            predicted: wrong_docs,
        }]);
        assert_eq!(s.matched, 0);
        let right = vec![d(vec![
            r(&["a"], "Egnatia", None),
            r(&["b"], "Investment", None),
        ])];
        let s = score_consolidation(&[StoryDisagreements {
            story: "x".into(),
            gold,
            predicted: right,
        }]);
        assert_eq!(s.matched, 1);
    }

    #[test]
    fn numbers_are_read_from_spans() {
        assert_eq!(numbers("magnitude 6.1 quake, (1,400)"), vec![6.1, 1400.0]);
        assert!(numbers("no figure").is_empty());
    }
}
