//! One reading of figures across the stages: the facts, align and story
//! stages all read a figure through `storyweave_text::numbers`, so that
//! `2.300` is 2.3 and `2,300` is 2300 in an English text in every one of
//! them (they once disagreed: the story level keyed `2.300` as 2300).
//! Here because this crate is the one that sees all three stages.

use storyweave_align::{Aligner, DiscrepancyKind, VariantClass};
use storyweave_cluster::Clusterer;
use storyweave_extract::Article;
use storyweave_facts::FactExtractor;
use storyweave_fingerprint::{Fingerprint, Fingerprinter};

/// An article of one sentence, in `language`.
fn article(id: &str, language: &str, text: &str) -> Article {
    Article {
        language: Some(language.to_string()),
        ..Article::from_sentences(id, &[text])
    }
}

/// The sentence every article here tells, with its figure.
fn landed(figure: &str) -> String {
    format!("The trawler landed {figure} tonnes of cod at the quay.")
}

/// The value the facts stage reads for the figure of `landed(figure)`.
fn facts_value(figure: &str) -> f64 {
    let facts = FactExtractor::default().document(&article("a", "en", &landed(figure)));
    let q = facts
        .quantities
        .iter()
        .find(|q| q.text.contains(figure))
        .unwrap_or_else(|| panic!("no quantity for {figure}: {:?}", facts.quantities));
    q.value
}

/// Whether the align stage reads the figures of `landed(a)` and
/// `landed(b)` as one number: no change of theirs is a number change.
fn align_same(a: &str, b: &str) -> bool {
    let docs = [
        article("a", "en", &landed(a)),
        article("b", "en", &landed(b)),
    ];
    let refs: Vec<&Article> = docs.iter().collect();
    let alignment = Aligner::default().align(&refs);
    let number_change = alignment
        .passages
        .iter()
        .flat_map(|p| &p.variants)
        .any(|v| v.class == VariantClass::Number);
    let number_discrepancy = alignment
        .discrepancies
        .iter()
        .any(|d| d.kind == DiscrepancyKind::Number);
    assert_eq!(number_change, number_discrepancy, "{a} / {b}");
    !number_change
}

/// The name-and-number cosine the story level gives the second article
/// against the first one's story (0 when it did not consider it); the
/// first must come first in the story level's order (ties by id).
fn story_names(first: &Article, second: &Article) -> f64 {
    let docs = [first.clone(), second.clone()];
    let fingerprinter = Fingerprinter::default();
    let fps: Vec<Fingerprint> = docs
        .iter()
        .map(|a| fingerprinter.fingerprint(&a.text()))
        .collect();
    let clustering = Clusterer::builder()
        .explain(true)
        .build()
        .cluster(&docs, &fps);
    let placement = &clustering.placements[1];
    assert!(placement.copies.is_empty(), "the figures differ in writing");
    placement
        .candidates
        .first()
        .map_or(0.0, |c| c.features.names)
}

/// Whether the story level reads the figures of `landed(a)` and
/// `landed(b)` (English articles) as one number: the only name either has
/// is its figure, so their name cosine is 1 when the keys meet, 0 when not.
fn story_same(a: &str, b: &str) -> bool {
    let names = story_names(
        &article("a", "en", &landed(a)),
        &article("b", "en", &landed(b)),
    );
    // Nothing in between: the keys meet or they do not.
    assert!(!(1e-6..=1.0 - 1e-6).contains(&names), "{a} / {b}: {names}");
    names > 0.5
}

#[test]
fn two_point_three_hundred_reads_the_same_in_every_stage() {
    // In English `2.300` is two point three (a point starts the decimals)
    // and `2,300` two thousand three hundred (a comma groups thousands).
    assert_eq!(facts_value("2.300"), 2.3);
    assert_eq!(facts_value("2,300"), 2300.0);
    assert_eq!(
        storyweave_text::parse_number("2.300", storyweave_text::NumberStyle::default()),
        Some(2.3)
    );
    for (a, b, same) in [
        ("2.300", "2.3", true),
        ("2,300", "2300", true),
        ("2.300", "2300", false),
        ("2.300", "2,300", false),
        ("2.3", "23", false),
    ] {
        assert_eq!(align_same(a, b), same, "align: {a} / {b}");
        assert_eq!(story_same(a, b), same, "story: {a} / {b}");
    }
}

#[test]
fn a_german_figure_meets_its_english_form_at_the_story_level() {
    // The story level knows each article's language and reads `2.300` in
    // a German one as 2300: across languages only names and numbers count,
    // and the figure is one of them.
    let german = || {
        article(
            "a",
            "de",
            "Der Trawler hat 2.300 Tonnen Kabeljau an den Kai gebracht.",
        )
    };
    let thousands = article("b", "en", &landed("2,300"));
    let decimal = article("b", "en", &landed("2.3"));
    assert!(story_names(&german(), &thousands) > 0.1);
    assert!(story_names(&german(), &decimal) < 1e-6);
}
