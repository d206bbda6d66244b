//! Integration tests of the align stage on the samples and the examples.

use std::path::PathBuf;

use storyweave_align::{
    Aligner, Alignment, DiscrepancyKind, Op, Passage, PassageKind, Reading, Variant, VariantClass,
};
use storyweave_extract::{Article, Extractor};
use storyweave_ingest::{BodyFormat, RawDocument};

fn raw(id: &str, body: String, published: Option<&str>) -> RawDocument {
    RawDocument {
        id: id.into(),
        path: format!("{id}.txt"),
        record: None,
        format: BodyFormat::Text,
        body,
        url: None,
        title: None,
        published: published.map(str::to_string),
        source: None,
    }
}

fn extract(r: &RawDocument) -> Article {
    Extractor::default().extract(r).expect("fixture has a body")
}

fn samples() -> Option<Vec<Article>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    let mut out = Vec::new();
    for stem in ["000_4ad8c33354c46e4c", "002_449c17dc6cee7e10"] {
        let path = dir.join(format!("{stem}.txt"));
        let Ok(body) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: sample {} not found", path.display());
            return None;
        };
        out.push(extract(&raw(stem, body, None)));
    }
    Some(out)
}

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

const A1: &str = "havnsund-warehouse-fire/northern-ledger";
const A2: &str = "havnsund-warehouse-fire/north-sea-observer";
const A3: &str = "lakeside-gazette-havnsund-fire";
const A4: &str = "valley-record-havnsund-fire";
const A5: &str = "havnsund-warehouse-fire/morning-courier";

/// Story A's AFP copies: A1, A2, A3 and A4 (feeds.jsonl lines 1 and 2, A4 an
/// exact duplicate of A3), A5.
fn story_a() -> Vec<Article> {
    let dir = examples_dir();
    let file = |name: &str| {
        std::fs::read_to_string(dir.join("havnsund-warehouse-fire").join(name))
            .expect("example file")
    };
    let feeds = std::fs::read_to_string(dir.join("feeds.jsonl")).expect("feeds.jsonl");
    let record = |line: usize, id: &str| {
        let v: serde_json::Value =
            serde_json::from_str(feeds.lines().nth(line).expect("record")).expect("json");
        assert_eq!(v["id"], id);
        extract(&raw(
            id,
            v["text"].as_str().expect("text").to_string(),
            v["published"].as_str(),
        ))
    };
    vec![
        extract(&raw(A1, file("northern-ledger.md"), None)),
        extract(&raw(A2, file("north-sea-observer.txt"), None)),
        record(0, A3),
        record(1, A4),
        extract(&raw(A5, file("morning-courier.txt"), None)),
    ]
}

fn align(docs: &[Article]) -> Alignment {
    let refs: Vec<&Article> = docs.iter().collect();
    Aligner::default().align(&refs)
}

/// The passage whose base text contains `needle`.
fn passage<'a>(a: &'a Alignment, needle: &str) -> &'a Passage {
    let found: Vec<&Passage> = a
        .passages
        .iter()
        .filter(|p| p.text.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "passages with {needle:?}: {found:#?}");
    found[0]
}

/// The passage carrying `needle` in its base text or in any variant.
fn passage_with<'a>(a: &'a Alignment, needle: &str) -> &'a Passage {
    let found: Vec<&Passage> = a
        .passages
        .iter()
        .filter(|p| p.text.contains(needle) || p.variants.iter().any(|v| v.text.contains(needle)))
        .collect();
    assert_eq!(found.len(), 1, "passages with {needle:?}: {found:#?}");
    found[0]
}

fn variant<'a>(p: &'a Passage, doc: &str) -> &'a Variant {
    p.variants
        .iter()
        .find(|v| v.document == doc)
        .unwrap_or_else(|| panic!("no variant of {doc} in {p:#?}"))
}

/// The (class, base, text) of each change of a variant.
fn changes(v: &Variant) -> Vec<(VariantClass, &str, &str)> {
    v.changes
        .iter()
        .map(|c| (c.class, c.base.as_str(), c.text.as_str()))
        .collect()
}

fn docs(p: &Passage) -> Vec<&str> {
    p.documents.iter().map(String::as_str).collect()
}

/// A reading as (documents, text).
type ReadingView<'a> = (Vec<&'a str>, &'a str);

fn reading(r: &Reading) -> ReadingView<'_> {
    (
        r.documents.iter().map(String::as_str).collect(),
        r.text.as_str(),
    )
}

/// Checks what must hold of any alignment of `articles`.
fn check_invariants(articles: &[Article], a: &Alignment) {
    assert_eq!(a.sentence_passage.len(), articles.len());
    let mut members = vec![Vec::new(); a.passages.len()];
    for (d, (art, map)) in articles.iter().zip(&a.sentence_passage).enumerate() {
        assert_eq!(
            map.len(),
            art.sentences.len(),
            "every sentence of {}",
            art.id
        );
        for &p in map {
            members[p].push(d);
        }
    }
    for (k, (p, m)) in a.passages.iter().zip(&members).enumerate() {
        assert_eq!(p.id, format!("p{}", k + 1));
        let ids: Vec<&str> = m.iter().map(|&d| articles[d].id.as_str()).collect();
        assert_eq!(docs(p), ids, "documents of {}", p.id);
        assert_eq!(p.shared_by, p.documents.len());
        assert_eq!(p.kind == PassageKind::Unique, p.shared_by == 1);
        for v in &p.variants {
            assert!(p.documents.contains(&v.document));
            assert_ne!(v.text, p.text);
            let (mut var, mut base) = (String::new(), String::new());
            for op in &v.diff {
                match op.op {
                    Op::Equal => {
                        var.push_str(&op.text);
                        base.push_str(&op.text);
                    }
                    Op::Insert => var.push_str(&op.text),
                    Op::Delete => base.push_str(&op.text),
                }
            }
            assert_eq!(var, v.text);
            assert_eq!(base, p.text);
        }
    }
    for art in articles {
        let c = &a.coverage[&art.id];
        assert_eq!(c.passages, art.sentences.len());
        assert!(c.unique_passages <= c.passages);
        let share = if a.passages.is_empty() {
            0.0
        } else {
            c.passages as f64 / a.passages.len() as f64
        };
        assert!((c.share_of_story - share).abs() < 1e-12);
    }
}

#[test]
fn samples_share_passages_and_disagree_on_the_deployment() {
    let Some(articles) = samples() else { return };
    let a = align(&articles);
    check_invariants(&articles, &a);
    let (d0, d2) = ("000_4ad8c33354c46e4c", "002_449c17dc6cee7e10");

    let shared = a.passages.iter().filter(|p| docs(p) == [d0, d2]).count();
    assert!(shared >= 7, "only {shared} passages shared");

    // The one real disagreement: where the troops were deployed.
    let deploy = passage(&a, "deployed a contingent");
    let d = a
        .discrepancies
        .iter()
        .find(|d| d.passage == deploy.id)
        .expect("deployment discrepancy");
    assert_eq!(d.kind, DiscrepancyKind::Entity);
    assert_eq!(
        d.readings.iter().map(reading).collect::<Vec<_>>(),
        [
            (vec![d0], "Kursk border region"),
            (vec![d2], "the front line in Ukraine")
        ]
    );
    // `In April` moved within the sentence: not a date discrepancy.
    assert!(
        !a.discrepancies
            .iter()
            .any(|d| d.kind == DiscrepancyKind::Date)
    );

    // The pledge quote is one passage with the longer reading as a variant.
    let pledge = passage(&a, "fully support all measures");
    assert_eq!(docs(pledge), [d0, d2]);
    let v = variant(pledge, d2);
    assert!(v.text.contains("in the future, too"));
    assert_eq!(v.class, VariantClass::Addition);

    // defence / defense: a spelling change, never a discrepancy.
    let pact = passage(&a, "mutual defence pact");
    assert_eq!(docs(pact), [d0, d2]);
    assert!(changes(variant(pact, d2)).contains(&(VariantClass::Spelling, "defence", "defense")));
    assert!(!a.discrepancies.iter().any(|d| d.passage == pact.id));

    // The analyst's quotes only in 000; the figures only in 002.
    for needle in ["Yang Moo-jin", "Yang said", "inter-Korean dialogue"] {
        assert_eq!(docs(passage_with(&a, needle)), [d0], "{needle}");
    }
    for needle in ["more than 10,000", "Around 600"] {
        let p = passage_with(&a, needle);
        assert_eq!(docs(p), [d2], "{needle}");
        assert_eq!(p.kind, PassageKind::Unique);
    }
    // `warm, comradely` / `warm comradely`: same words, punctuation only.
    let call = passage_with(&a, "comradely atmosphere");
    assert_eq!(call.kind, PassageKind::Identical);
    assert_eq!(variant(call, d2).class, VariantClass::Punctuation);
}

#[test]
fn story_a_passages_variants_and_the_quay() {
    let articles = story_a();
    let a = align(&articles);
    check_invariants(&articles, &a);

    // The lead: every copy carries it, each with its own small edits.
    let lead = passage(&a, "1,400 residents");
    assert_eq!(docs(lead), [A1, A2, A3, A4, A5]);
    assert_eq!(lead.kind, PassageKind::Variant);
    let a2 = changes(variant(lead, A2));
    assert!(
        a2.contains(&(VariantClass::Spelling, "harbor", "harbour")),
        "{a2:?}"
    );
    assert!(
        a2.contains(&(VariantClass::Spelling, "fertilizer", "fertiliser")),
        "{a2:?}"
    );
    assert_eq!(
        changes(variant(lead, A3)),
        [(VariantClass::Omission, "on", "")]
    );
    assert_eq!(
        changes(variant(lead, A5)),
        [(VariantClass::Wording, "Around", "About")]
    );

    // Where the fire broke out: A2 alone says the southern quay.
    let quay = passage(&a, "northern quay");
    assert_eq!(docs(quay), [A1, A2, A3, A4, A5]);
    assert!(
        quay.variants
            .iter()
            .all(|v| v.document != A3 && v.document != A4)
    );
    let a2 = variant(quay, A2);
    assert_eq!(a2.class, VariantClass::Entity);
    let a2 = changes(a2);
    assert!(
        a2.contains(&(VariantClass::Entity, "northern", "southern")),
        "{a2:?}"
    );
    assert!(
        a2.contains(&(VariantClass::Spelling, "smoldering", "smouldering")),
        "{a2:?}"
    );
    assert!(
        a2.contains(&(VariantClass::Wording, "operated", "run")),
        "{a2:?}"
    );
    assert_eq!(
        changes(variant(quay, A5)),
        [(VariantClass::Wording, "smoldering", "smoking")]
    );

    // The near-duplicate's third changed word.
    let hall = passage(&a, "sports hall");
    assert_eq!(docs(hall), [A1, A5]);
    assert_eq!(
        changes(variant(hall, A5)),
        [(VariantClass::Wording, "falling", "drifting")]
    );

    // Number wording that keeps the number is not a number change.
    let crews = passage(&a, "firefighters from five municipalities");
    let a2 = changes(variant(crews, A2));
    assert!(
        a2.contains(&(VariantClass::Wording, "Some 60", "Around sixty")),
        "{a2:?}"
    );

    // What only some copies carry.
    assert_eq!(docs(passage(&a, "door by door")), [A1, A3, A4, A5]);
    let nygaard = passage(&a, "Kari Nygaard");
    assert_eq!(docs(nygaard), [A1, A5]);
    assert_eq!(nygaard.kind, PassageKind::Identical);
    assert_eq!(docs(passage(&a, "nearly $10 million")), [A1, A3, A4, A5]);
    for needle in ["about 220 people", "23 of the 61"] {
        let p = passage(&a, needle);
        assert_eq!(docs(p), [A2], "{needle}");
        assert_eq!(p.kind, PassageKind::Unique);
    }
    // A2's longer Eikeland quote.
    let burn = passage(&a, "allow to burn");
    let v = variant(burn, A2);
    assert_eq!(v.class, VariantClass::Addition);
    assert!(changes(v).contains(&(VariantClass::Addition, "", ", whatever else happened")));

    // Discrepancies: the quay, and the words A2 adds inside Eikeland's quote.
    let found: Vec<(DiscrepancyKind, &str, Vec<ReadingView<'_>>)> = a
        .discrepancies
        .iter()
        .map(|d| {
            (
                d.kind,
                d.passage.as_str(),
                d.readings.iter().map(reading).collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                DiscrepancyKind::Entity,
                quay.id.as_str(),
                vec![
                    (vec![A1, A3, A4, A5], "northern quay"),
                    (vec![A2], "southern quay")
                ]
            ),
            (
                DiscrepancyKind::Quote,
                burn.id.as_str(),
                vec![
                    (vec![A1, A3, A4, A5], "allow to burn"),
                    (vec![A2], "allow to burn, whatever else happened")
                ]
            ),
        ]
    );

    // Coverage.
    assert_eq!(a.coverage[A2].unique_passages, 2);
    assert_eq!(a.coverage[A1].unique_passages, 0);
    assert_eq!(a.coverage[A3].passages, 10);

    // One narrative: A1's order throughout, A2's additions where A2 has them.
    let a1 = &a.sentence_passage[0];
    assert!(a1.windows(2).all(|w| w[0] < w[1]), "{a1:?}");
    let pos = |needle: &str| a.passages.iter().position(|p| p.text.contains(needle));
    assert!(pos("firefighters from five municipalities") < pos("about 220 people"));
    assert!(pos("about 220 people") < pos("allow to burn"));
    assert!(pos("Norwegian Environment Agency") < pos("23 of the 61"));
    assert!(pos("23 of the 61") < pos("Havnsund, a town of"));
}

#[test]
fn json_has_the_schema_field_names() {
    let articles = story_a();
    let a = align(&articles[..2]);
    let v = serde_json::to_value(&a).expect("serializes");
    let p = &v["passages"][0];
    for key in ["id", "text", "documents", "shared_by", "variants", "kind"] {
        assert!(p.get(key).is_some(), "passage.{key}");
    }
    let var = &p["variants"][0];
    for key in ["document", "text", "class", "diff"] {
        assert!(var.get(key).is_some(), "variant.{key}");
    }
    assert!(matches!(
        var["diff"][0]["op"].as_str(),
        Some("equal" | "insert" | "delete")
    ));
    assert!(v["coverage"][A1].get("share_of_story").is_some());
    assert_eq!(v["discrepancies"][0]["kind"], "entity");
    assert!(v.get("sentence_passage").is_none());
}

/// An article made of the given sentences, one paragraph each.
fn article(id: &str, sentences: &[String]) -> Article {
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    Article::from_sentences(id, &refs)
}

/// Words from which random stories are made: few enough that sentences
/// overlap, with names, numbers, dates, compass words, quotes and punctuation.
const POOL: &[&str] = &[
    "the",
    "fire",
    "quay",
    "northern",
    "southern",
    "Havnsund",
    "Bergen",
    "60",
    "sixty",
    "three",
    "Tuesday",
    "Monday",
    "said",
    "police",
    "\"we",
    "fought\"",
    "defence",
    "defense",
    "harbor,",
    "harbour",
    "crews",
    "not",
    "Kim",
    "Putin",
    "in",
    "to",
    "of",
    "warehouse",
    "burned.",
    "é",
    "(all",
    "ships)",
    "U.S.",
    "US",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Every sentence lands in exactly one passage, and every variant's diff
    /// rebuilds both the variant and the passage text.
    #[test]
    fn every_sentence_once_and_diffs_rebuild(
        base in proptest::collection::vec(proptest::collection::vec(0..POOL.len(), 1..12), 0..8),
        copies in proptest::collection::vec(
            proptest::collection::vec((0usize..8, 0usize..12, 0..POOL.len(), 0u8..4), 0..10),
            0..5,
        ),
    ) {
        let sentence = |ws: &[usize]| ws.iter().map(|&w| POOL[w]).collect::<Vec<_>>().join(" ");
        let original: Vec<String> = base.iter().map(|s| sentence(s)).collect();
        let mut articles = vec![article("d0", &original)];
        for (k, edits) in copies.iter().enumerate() {
            // Each copy: the base sentences with words replaced, inserted or
            // dropped, and sentences dropped or moved.
            let mut sents: Vec<Vec<usize>> = base.clone();
            for &(s, at, w, what) in edits {
                if sents.is_empty() {
                    sents.push(vec![w]);
                    continue;
                }
                let si = s % sents.len();
                let len = sents[si].len();
                match what {
                    0 if len > 0 => sents[si][at % len] = w,
                    1 => sents[si].insert(at % (len + 1), w),
                    2 if len > 1 => { sents[si].remove(at % len); }
                    _ => {
                        let moved = sents.remove(si);
                        let to = at % (sents.len() + 1);
                        sents.insert(to, moved);
                    }
                }
            }
            let texts: Vec<String> = sents.iter().map(|s| sentence(s)).collect();
            articles.push(article(&format!("d{}", k + 1), &texts));
        }
        let a = align(&articles);
        check_invariants(&articles, &a);
    }
}

#[test]
fn no_documents_no_passages() {
    let a = align(&[]);
    assert!(a.passages.is_empty() && a.coverage.is_empty() && a.discrepancies.is_empty());
    let a = align(&[article("empty", &[])]);
    assert!(a.passages.is_empty());
    assert_eq!(a.coverage["empty"].passages, 0);
    assert_eq!(a.coverage["empty"].share_of_story, 0.0);
}

/// A story of 50 documents of 40 sentences, each a lightly edited copy of
/// the first with one sentence of its own: every shared sentence must still
/// find its passage (the index must not miss candidates).
#[test]
fn large_story_keeps_every_copy_together() {
    let base: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "Officials in town{i} said that crew{i} repaired bridge{i} and road{i} near river{i} on Tuesday."
            )
        })
        .collect();
    let mut articles = vec![article("d0", &base)];
    for k in 1..50 {
        let mut sents: Vec<String> = base
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if (i + k) % 7 == 0 {
                    s.replace("repaired", "fixed")
                } else {
                    s.clone()
                }
            })
            .collect();
        sents.push(format!(
            "Only outlet{k} reported that mayor{k} visited school{k} and park{k}."
        ));
        articles.push(article(&format!("d{k}"), &sents));
    }
    let a = align(&articles);
    check_invariants(&articles, &a);
    assert_eq!(a.passages.len(), 40 + 49);
    assert_eq!(a.passages.iter().filter(|p| p.shared_by == 50).count(), 40);
    assert!(a.discrepancies.is_empty());
}

/// Regression: a short quote sharing three words with a long, different
/// sentence of another outlet was taken as contained in it, and the two
/// readings then surfaced as a false quotation discrepancy.
#[test]
fn a_short_sentence_sharing_few_words_is_not_contained_in_a_long_one() {
    use storyweave_extract::Article;
    let article = |id: &str, text: &str| Article::from_sentences(id, &[text]);
    let a = article("a", "\"The light organs told us otherwise.\"");
    let b = article(
        "b",
        "What gave the species away was the layout of its light organs, lead researcher Hana Whitcombe told reporters.",
    );
    let alignment = storyweave_align::Aligner::default().align(&[&a, &b]);
    assert_eq!(alignment.passages.len(), 2, "{:#?}", alignment.passages);
    assert!(alignment.discrepancies.is_empty());
}

/// `Aligner::relate` gives two lone sentences the decision that builds
/// passages: the same words are identical, an edited copy a variant, other
/// words about the same named facts a paraphrase, and a sentence about
/// something else nothing.
#[test]
fn relate_decides_pairs_of_sentences_as_the_passages_do() {
    let a = Aligner::default();
    let s =
        "Fire crews from Havnsund fought the warehouse blaze on the northern quay for six hours.";
    assert_eq!(a.relate(s, &s.to_uppercase()), Some(PassageKind::Identical));
    assert_eq!(
        a.relate(
            s,
            "Fire crews from Havnsund fought the warehouse blaze on the northern quay for seven hours."
        ),
        Some(PassageKind::Variant)
    );
    assert_eq!(
        a.relate(
            s,
            "The council said the ferry timetable for Havnsund would change in the spring."
        ),
        None
    );
}
