//! Scoring per-article facts (quotes with speakers, figures with
//! attributions) against a hand-annotated gold file.
//!
//! Texts are compared as sequences of *word keys*: runs of letters and digits,
//! lowercased. That makes the comparison blind to the tokenizer spacing of
//! the gold (`family 's`, `170 , 000`) and to the repairs the pipeline makes
//! (`family's`, `170,000`), which are not what is being measured.
//!
//! * A predicted quote **matches** a gold quote of the same article when the
//!   Dice overlap of their word keys (as multisets) is at least
//!   [`QUOTE_MATCH`]; each gold and each predicted quote matches at most once,
//!   best overlaps first. Quote precision, recall and F1 count matches.
//! * **Speaker accuracy** is the share of matched quotes whose speaker is
//!   right: both absent, or one name's words standing in a row inside the
//!   other's (`Farenthold` in `Blake Farenthold`; `police` in `Kokomo police`).
//! * A predicted figure **matches** a gold figure of the same article when
//!   their values are equal (relative difference under 10⁻³, so `one-third`
//!   as 0.3333 matches 1/3) and their texts share a word key; matching goes
//!   in reading order, so repeated values pair up in turn.
//! * **Attribution accuracy** is the share of matched figures whose
//!   attribution is right, by the same rule as speakers.

use serde::Serialize;

use crate::Prf;

/// Least Dice overlap of word keys for a predicted quote to match a gold one.
pub const QUOTE_MATCH: f64 = 0.5;

/// A quotation: the quoted words and who said them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteFact {
    /// The words inside the quotation marks.
    pub text: String,
    /// The speaker's name, or `None` when the article names nobody.
    pub speaker: Option<String>,
}

/// A figure: its words, its value and who states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureFact {
    /// The words of the figure (`more than 10,000 soldiers`).
    pub text: String,
    /// Its value.
    pub value: f64,
    /// Who the article says states it, or `None`.
    pub attribution: Option<String>,
}

/// The gold and predicted facts of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleFacts {
    /// The article's id.
    pub id: String,
    /// Gold quotes.
    pub gold_quotes: Vec<QuoteFact>,
    /// Predicted quotes.
    pub predicted_quotes: Vec<QuoteFact>,
    /// Gold figures, in reading order.
    pub gold_figures: Vec<FigureFact>,
    /// Predicted figures, in reading order.
    pub predicted_figures: Vec<FigureFact>,
}

/// What a listed mistake is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactMissKind {
    /// A gold quote no predicted quote matches.
    MissedQuote,
    /// A predicted quote that matches no gold quote.
    ExtraQuote,
    /// A matched quote with the wrong speaker.
    WrongSpeaker,
    /// A gold figure no predicted figure matches.
    MissedFigure,
    /// A predicted figure that matches no gold figure.
    ExtraFigure,
    /// A matched figure with the wrong attribution.
    WrongAttribution,
}

/// One mistake, for a person to read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactMiss {
    /// The article's id.
    pub id: String,
    /// What went wrong.
    pub kind: FactMissKind,
    /// The gold text, when there is one.
    pub gold: Option<String>,
    /// The predicted text, when there is one.
    pub predicted: Option<String>,
    /// Gold speaker or attribution (for the wrong-speaker and
    /// wrong-attribution kinds; also the gold value of a missed figure).
    pub expected: Option<String>,
    /// Predicted speaker or attribution (also the value of an extra figure).
    pub found: Option<String>,
}

/// The scores of a set of articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactScores {
    /// Articles scored.
    pub articles: usize,
    /// Gold quotes.
    pub gold_quotes: usize,
    /// Predicted quotes.
    pub predicted_quotes: usize,
    /// Quote precision, recall and F1.
    pub quotes: Prf,
    /// Share of matched quotes with the right speaker.
    pub speaker_accuracy: f64,
    /// Gold figures.
    pub gold_figures: usize,
    /// Predicted figures.
    pub predicted_figures: usize,
    /// Figure precision, recall and F1.
    pub figures: Prf,
    /// Share of matched figures with the right attribution.
    pub attribution_accuracy: f64,
    /// Every mistake, article by article.
    pub misses: Vec<FactMiss>,
}

/// The word keys of a text: lowercased runs of letters and digits.
pub fn word_keys(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Dice overlap of two word-key multisets.
fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut b_left: Vec<&String> = b.iter().collect();
    let mut shared = 0usize;
    for w in a {
        if let Some(k) = b_left.iter().position(|x| *x == w) {
            b_left.swap_remove(k);
            shared += 1;
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Words that carry no name: articles and possessive endings.
fn is_filler(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "s")
}

/// The word keys of a name, articles left out and runs of single letters
/// joined, so `U.S. Treasury` and `US Treasury`, `A. J. Smith` and
/// `A.J. Smith` are one name.
fn name_keys(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut letters = String::new();
    for w in word_keys(name) {
        if w.chars().count() == 1 {
            letters.push_str(&w);
            continue;
        }
        if !letters.is_empty() {
            out.push(std::mem::take(&mut letters));
        }
        if !is_filler(&w) {
            out.push(w);
        }
    }
    if !letters.is_empty() {
        out.push(letters);
    }
    out.retain(|w| !is_filler(w));
    out
}

/// Whether two speakers or attributions name the same source: both absent,
/// or the words of one (articles left out) standing in a row in the other.
pub fn same_source(gold: Option<&str>, predicted: Option<&str>) -> bool {
    match (gold, predicted) {
        (None, None) => true,
        (Some(gold_raw), Some(pred_raw)) => {
            let (g, p) = (gold_raw, pred_raw);
            let g: Vec<String> = name_keys(g);
            let p: Vec<String> = name_keys(p);
            let inside = |short: &[String], long: &[String]| {
                !short.is_empty() && long.windows(short.len()).any(|w| w == short)
            };
            inside(&g, &p) || inside(&p, &g) || acronym_of(gold_raw, pred_raw)
        }
        _ => false,
    }
}

/// Whether one name is the acronym of the other (`GM` of `General Motors`,
/// `UAW` of `the United Auto Workers`): the letters of a single upper-case
/// word are the initials of the other's capitalised words, in order.
fn acronym_of(a: &str, b: &str) -> bool {
    let initials = |name: &str| -> String {
        name.split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    };
    let is_acronym =
        |w: &str| w.len() >= 2 && !w.contains(' ') && w.chars().all(|c| c.is_ascii_uppercase());
    let one_way = |short: &str, long: &str| {
        is_acronym(short) && long.contains(' ') && {
            let init = initials(long);
            init == short || init.starts_with(short)
        }
    };
    one_way(a.trim(), b) || one_way(b.trim(), a)
}

/// Whether two figure values are the same number.
fn same_value(a: f64, b: f64) -> bool {
    let scale = a.abs().max(b.abs());
    (a - b).abs() <= 1e-3 * scale.max(1e-9) || a == b
}

/// Matches quotes best overlap first; returns (gold index, predicted index) pairs.
fn match_quotes(gold: &[QuoteFact], predicted: &[QuoteFact]) -> Vec<(usize, usize)> {
    let gk: Vec<Vec<String>> = gold.iter().map(|q| word_keys(&q.text)).collect();
    let pk: Vec<Vec<String>> = predicted.iter().map(|q| word_keys(&q.text)).collect();
    let mut cands = Vec::new();
    for (i, g) in gk.iter().enumerate() {
        for (j, p) in pk.iter().enumerate() {
            let d = dice(g, p);
            if d >= QUOTE_MATCH {
                cands.push((d, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; predicted.len()]);
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !gu[i] && !pu[j] {
            gu[i] = true;
            pu[j] = true;
            out.push((i, j));
        }
    }
    out
}

/// Matches figures in reading order; returns (gold index, predicted index) pairs.
fn match_figures(gold: &[FigureFact], predicted: &[FigureFact]) -> Vec<(usize, usize)> {
    let pk: Vec<Vec<String>> = predicted.iter().map(|f| word_keys(&f.text)).collect();
    let mut used = vec![false; predicted.len()];
    let mut out = Vec::new();
    let mut from = 0;
    for (i, g) in gold.iter().enumerate() {
        let gk = word_keys(&g.text);
        let fits = |j: usize| {
            !used[j]
                && same_value(g.value, predicted[j].value)
                && pk[j].iter().any(|w| gk.contains(w))
        };
        let found = (from..predicted.len())
            .find(|&j| fits(j))
            .or_else(|| (0..from.min(predicted.len())).find(|&j| fits(j)));
        if let Some(j) = found {
            used[j] = true;
            from = j + 1;
            out.push((i, j));
        }
    }
    out
}

/// One fact as the tally sees it: its words, its source (speaker or
/// attribution) and what a missed (gold) or extra (predicted) report shows.
struct Side<'a> {
    text: &'a str,
    source: Option<&'a str>,
    shown: Option<String>,
}

/// A quote for the tally: a miss shows its speaker.
fn quote_side(q: &QuoteFact) -> Side<'_> {
    Side {
        text: &q.text,
        source: q.speaker.as_deref(),
        shown: q.speaker.clone(),
    }
}

/// A figure for the tally: a miss shows its value.
fn figure_side(f: &FigureFact) -> Side<'_> {
    Side {
        text: &f.text,
        source: f.attribution.as_deref(),
        shown: Some(f.value.to_string()),
    }
}

/// The kinds of miss of one fact type: wrong source, missed, extra.
type MissKinds = (FactMissKind, FactMissKind, FactMissKind);

/// Counts the matched pairs whose sources agree and reports every wrong
/// source, missed gold fact and extra predicted one of article `id`.
fn tally(
    id: &str,
    gold: &[Side<'_>],
    predicted: &[Side<'_>],
    matched: &[(usize, usize)],
    (wrong, missed, extra): MissKinds,
    misses: &mut Vec<FactMiss>,
) -> usize {
    let miss = |kind, g: Option<&Side<'_>>, p: Option<&Side<'_>>, expected, found| FactMiss {
        id: id.to_string(),
        kind,
        gold: g.map(|g| g.text.to_string()),
        predicted: p.map(|p| p.text.to_string()),
        expected,
        found,
    };
    let mut agree = 0;
    for &(i, j) in matched {
        let (g, p) = (&gold[i], &predicted[j]);
        if same_source(g.source, p.source) {
            agree += 1;
        } else {
            misses.push(miss(
                wrong,
                Some(g),
                Some(p),
                g.source.map(str::to_string),
                p.source.map(str::to_string),
            ));
        }
    }
    for (i, g) in gold.iter().enumerate() {
        if !matched.iter().any(|m| m.0 == i) {
            misses.push(miss(missed, Some(g), None, g.shown.clone(), None));
        }
    }
    for (j, p) in predicted.iter().enumerate() {
        if !matched.iter().any(|m| m.1 == j) {
            misses.push(miss(extra, None, Some(p), None, p.shown.clone()));
        }
    }
    agree
}

/// Scores the facts of a set of articles.
pub fn score_facts(articles: &[ArticleFacts]) -> FactScores {
    let (mut gq, mut pq, mut mq, mut sq) = (0, 0, 0, 0);
    let (mut gf, mut pf, mut mf, mut af) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for a in articles {
        gq += a.gold_quotes.len();
        pq += a.predicted_quotes.len();
        let qm = match_quotes(&a.gold_quotes, &a.predicted_quotes);
        mq += qm.len();
        let gold: Vec<Side<'_>> = a.gold_quotes.iter().map(quote_side).collect();
        let predicted: Vec<Side<'_>> = a.predicted_quotes.iter().map(quote_side).collect();
        sq += tally(
            &a.id,
            &gold,
            &predicted,
            &qm,
            (
                FactMissKind::WrongSpeaker,
                FactMissKind::MissedQuote,
                FactMissKind::ExtraQuote,
            ),
            &mut misses,
        );
        gf += a.gold_figures.len();
        pf += a.predicted_figures.len();
        let fm = match_figures(&a.gold_figures, &a.predicted_figures);
        mf += fm.len();
        let gold: Vec<Side<'_>> = a.gold_figures.iter().map(figure_side).collect();
        let predicted: Vec<Side<'_>> = a.predicted_figures.iter().map(figure_side).collect();
        af += tally(
            &a.id,
            &gold,
            &predicted,
            &fm,
            (
                FactMissKind::WrongAttribution,
                FactMissKind::MissedFigure,
                FactMissKind::ExtraFigure,
            ),
            &mut misses,
        );
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    FactScores {
        articles: articles.len(),
        gold_quotes: gq,
        predicted_quotes: pq,
        quotes: Prf::new(ratio(mq, pq), ratio(mq, gq)),
        speaker_accuracy: ratio(sq, mq),
        gold_figures: gf,
        predicted_figures: pf,
        figures: Prf::new(ratio(mf, pf), ratio(mf, gf)),
        attribution_accuracy: ratio(af, mf),
        misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, speaker: Option<&str>) -> QuoteFact {
        QuoteFact {
            text: text.into(),
            speaker: speaker.map(Into::into),
        }
    }

    fn f(text: &str, value: f64, attribution: Option<&str>) -> FigureFact {
        FigureFact {
            text: text.into(),
            value,
            attribution: attribution.map(Into::into),
        }
    }

    #[test]
    fn tokenizer_spacing_does_not_matter() {
        assert_eq!(
            word_keys("family 's 170 , 000"),
            word_keys("family's 170,000")
        );
    }

    #[test]
    fn acronyms_name_the_same_source() {
        assert!(same_source(Some("General Motors"), Some("GM")));
        assert!(same_source(Some("UAW"), Some("the United Auto Workers")));
        assert!(!same_source(Some("General Motors"), Some("GE")));
        assert!(!same_source(Some("Gary Miller"), Some("Gm")));
        assert!(same_source(Some("US Treasury"), Some("U.S. Treasury")));
        assert!(same_source(Some("A. J. Smith"), Some("A.J. Smith")));
    }

    #[test]
    fn speakers_match_by_words_in_a_row() {
        assert!(same_source(Some("Blake Farenthold"), Some("Farenthold")));
        assert!(same_source(Some("police"), Some("Kokomo police")));
        assert!(same_source(None, None));
        assert!(!same_source(
            Some("Kellyanne Conway"),
            Some("George Conway")
        ));
        assert!(!same_source(Some("police"), None));
        assert!(!same_source(Some("the"), Some("the")));
    }

    #[test]
    fn quotes_and_figures_are_scored() {
        let a = ArticleFacts {
            id: "a".into(),
            gold_quotes: vec![
                q("We appreciate your respect to her", Some("Jack Ketsoyan")),
                q("It was loud", Some("a neighbour")),
            ],
            predicted_quotes: vec![
                q("We appreciate your respect to her ,", Some("Ketsoyan")),
                q("American Pie", None),
            ],
            gold_figures: vec![
                f("two people", 2.0, Some("police")),
                f("one-third", 1.0 / 3.0, None),
            ],
            predicted_figures: vec![
                f("two people", 2.0, None),
                f("one-third", 0.3333, None),
                f("911", 911.0, None),
            ],
        };
        let s = score_facts(&[a]);
        assert_eq!((s.gold_quotes, s.predicted_quotes), (2, 2));
        assert!((s.quotes.precision - 0.5).abs() < 1e-9);
        assert!((s.quotes.recall - 0.5).abs() < 1e-9);
        assert!((s.speaker_accuracy - 1.0).abs() < 1e-9);
        assert!((s.figures.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.figures.recall - 1.0).abs() < 1e-9);
        assert!((s.attribution_accuracy - 0.5).abs() < 1e-9);
        let kinds: Vec<FactMissKind> = s.misses.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                FactMissKind::MissedQuote,
                FactMissKind::ExtraQuote,
                FactMissKind::WrongAttribution,
                FactMissKind::ExtraFigure
            ]
        );
    }

    #[test]
    fn repeated_values_pair_in_reading_order() {
        let gold = [f("two men", 2.0, Some("police")), f("two women", 2.0, None)];
        let pred = [f("two men", 2.0, Some("police")), f("two women", 2.0, None)];
        assert_eq!(match_figures(&gold, &pred), [(0, 0), (1, 1)]);
    }
}
