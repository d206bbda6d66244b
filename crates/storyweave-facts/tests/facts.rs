//! End-to-end tests of the facts stage: the two real samples (skipped when
//! /work/shared is absent), the project's own examples with expectations
//! written by hand from docs/EXAMPLES.md and the texts, and property tests
//! that arbitrary text never panics and every mention points at a sentence.

use std::path::PathBuf;

use proptest::prelude::*;
use storyweave_extract::{Article, Extractor};
use storyweave_facts::{
    DocumentFacts, EntityKind, FactExtractor, Granularity, Quantity, QuantityKind, Quote,
    StoryFacts,
};
use storyweave_ingest::{BodyFormat, RawDocument};
use storyweave_text::Date;

fn raw(id: &str, format: BodyFormat, body: &str, published: Option<&str>) -> RawDocument {
    RawDocument {
        id: id.to_string(),
        path: format!("{id}.txt"),
        record: None,
        format,
        body: body.to_string(),
        url: None,
        title: None,
        published: published.map(str::to_string),
        source: None,
    }
}

fn article(r: &RawDocument) -> Article {
    Extractor::default()
        .extract(r)
        .expect("document has a body")
}

/// A sample article from /work/shared/samples, or `None` (with a message).
fn sample(stem: &str) -> Option<Article> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/samples")
        .join(format!("{stem}.txt"));
    let Ok(body) = std::fs::read_to_string(&p) else {
        eprintln!("skipping: sample {} not found", p.display());
        return None;
    };
    // 000 is a markdown scrape even though it is named .txt.
    let format = if stem.starts_with("000") {
        BodyFormat::Markdown
    } else {
        BodyFormat::Text
    };
    Some(article(&raw(stem, format, &body, None)))
}

/// An example file under examples/, id as in docs/EXAMPLES.md.
fn example(rel: &str) -> Article {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(rel);
    let body = std::fs::read_to_string(&p).expect("examples ship with the repository");
    let (id, format) = match rel.strip_suffix(".md") {
        Some(id) => (id, BodyFormat::Markdown),
        None => (rel.trim_end_matches(".txt"), BodyFormat::Text),
    };
    article(&raw(id, format, &body, None))
}

/// A record of examples/feeds.jsonl by id.
fn feed(id: &str) -> Article {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/feeds.jsonl");
    let text = std::fs::read_to_string(&p).expect("examples ship with the repository");
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSONL");
        if v["id"] == id {
            let body = v["text"].as_str().expect("text field");
            return article(&raw(id, BodyFormat::Text, body, v["published"].as_str()));
        }
    }
    panic!("no record {id}");
}

fn facts(arts: &[Article]) -> (Vec<DocumentFacts>, StoryFacts) {
    let fx = FactExtractor::default();
    let docs: Vec<DocumentFacts> = arts.iter().map(|a| fx.document(a)).collect();
    let pairs: Vec<(&Article, &DocumentFacts)> = arts.iter().zip(&docs).collect();
    let story = fx.story(&pairs);
    (docs, story)
}

fn quote<'a>(s: &'a StoryFacts, words: &str) -> &'a Quote {
    s.quotes
        .iter()
        .find(|q| q.text.contains(words))
        .unwrap_or_else(|| panic!("no quote with {words:?} in {:#?}", s.quotes))
}

/// The figure with this value whose unit, or else whose counted thing, is `unit`.
fn quantity(s: &StoryFacts, value: f64, unit: &str) -> Quantity {
    s.quantities
        .iter()
        .find(|q| q.value == value && (q.unit == unit || (q.unit.is_empty() && q.what == unit)))
        .cloned()
        .unwrap_or_else(|| panic!("no quantity {value} {unit} in {:#?}", s.quantities))
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(y, m, d)
}

#[test]
fn samples_quotes_figures_dates_entities() {
    let (Some(a), Some(b)) = (
        sample("000_4ad8c33354c46e4c"),
        sample("002_449c17dc6cee7e10"),
    ) else {
        return;
    };
    let (ida, idb) = (a.id.clone(), b.id.clone());
    let (docs, story) = facts(&[a, b]);

    // The analyst's quotes: only in 000, all attributed to Yang Moo-jin,
    // including the one introduced by `he added`.
    let yang: Vec<&Quote> = story
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("Yang Moo-jin"))
        .collect();
    assert_eq!(yang.len(), 3, "{yang:#?}");
    assert!(yang.iter().all(|q| q.documents == [ida.clone()]));
    let added = quote(&story, "If Russia-Ukraine peace talks gather momentum");
    assert_eq!(added.speaker.as_deref(), Some("Yang Moo-jin"));
    assert_eq!(added.cue.as_deref(), Some("added"));
    assert_eq!(
        quote(&story, "intent to showcase").cue.as_deref(),
        Some("told AFP")
    );
    assert!(
        docs[1]
            .quotes
            .iter()
            .all(|q| q.speaker.as_deref() != Some("Yang Moo-jin"))
    );

    // KCNA speaks the partial quote, in both wordings.
    let warm = quote(&story, "comradely atmosphere");
    assert_eq!(warm.speaker.as_deref(), Some("KCNA"));
    assert!(warm.partial);
    assert_eq!(warm.documents, [ida.clone(), idb.clone()]);

    // The pledge, merged, with the longer wording as a variant; Kim speaks it.
    let pledge = quote(&story, "fully support all measures");
    assert_eq!(pledge.documents, [ida.clone(), idb.clone()]);
    assert!(
        pledge
            .variants
            .iter()
            .any(|v| v.document == idb && v.text.contains("in the future, too")),
        "{pledge:#?}"
    );
    assert_eq!(pledge.speaker.as_deref(), Some("Kim Jong Un"));

    // Troop and casualty figures: only in 002, with their attributions.
    let troops = quantity(&story, 10_000.0, "soldiers");
    assert_eq!(troops.qualifier.as_deref(), Some("more than"));
    assert_eq!(
        troops.attribution.as_deref(),
        Some("South Korean and Western intelligence agencies")
    );
    assert_eq!(troops.documents, std::slice::from_ref(&idb));
    let dead = quantity(&story, 600.0, "soldiers");
    assert_eq!(dead.qualifier.as_deref(), Some("around"));
    assert_eq!(dead.attribution.as_deref(), Some("Seoul"));
    assert_eq!(dead.documents, std::slice::from_ref(&idb));

    // `on Tuesday`: 000 is of Wednesday 2025-08-13; 002 has no date line, so
    // its own mention stays unresolved and joins the story's one reading.
    let tue_a = docs[0]
        .dates
        .iter()
        .find(|d| d.text.contains("Tuesday"))
        .expect("Tuesday in 000");
    assert_eq!(tue_a.date, date(2025, 8, 12));
    assert!(
        docs[1]
            .dates
            .iter()
            .filter(|d| d.text.contains("Tuesday"))
            .all(|d| d.date.is_none())
    );
    let tue = story
        .dates
        .iter()
        .find(|d| d.text.contains("Tuesday"))
        .expect("Tuesday in story");
    assert_eq!(tue.date, date(2025, 8, 12));
    assert_eq!(tue.documents, [ida.clone(), idb.clone()]);
    assert_eq!(tue.resolved_in, std::slice::from_ref(&ida));
    let friday = story
        .dates
        .iter()
        .find(|d| d.text.contains("Friday"))
        .expect("Friday");
    assert_eq!(
        friday.date,
        date(2025, 8, 15),
        "the summit is ahead: future tense"
    );
    let april = story
        .dates
        .iter()
        .find(|d| d.text.contains("April"))
        .expect("April");
    assert_eq!(
        (april.date, april.granularity),
        (date(2025, 4, 1), Granularity::Month)
    );

    // Entities, variants merged and counted per document.
    let ent = |name: &str| {
        story
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name} in {:#?}", story.entities))
    };
    let kim = ent("Kim Jong Un");
    assert_eq!(kim.kind, EntityKind::Person);
    assert!(kim.variants.iter().any(|v| v == "Kim"));
    assert_eq!(kim.documents, [ida.clone(), idb.clone()]);
    assert_eq!(
        kim.mentions,
        kim.mentions_by_document.values().sum::<usize>()
    );
    assert_eq!(ent("Vladimir Putin").kind, EntityKind::Person);
    assert!(ent("Vladimir Putin").variants.iter().any(|v| v == "Putin"));
    let kcna = ent("KCNA");
    assert_eq!(kcna.kind, EntityKind::Organization);
    assert!(
        kcna.variants
            .iter()
            .any(|v| v == "Korean Central News Agency")
    );
    assert_eq!(ent("Kursk").kind, EntityKind::Place);
    assert_eq!(ent("Seoul").kind, EntityKind::Place);
    let us = story
        .entities
        .iter()
        .find(|e| e.variants.iter().any(|v| v == "US"))
        .expect("US");
    assert!(us.variants.iter().any(|v| v == "U.S."), "{us:#?}");
    assert!(
        !story
            .entities
            .iter()
            .any(|e| e.name == "Kim" || e.name == "Putin")
    );
}

#[test]
fn samples_json_has_schema_fields() {
    let Some(a) = sample("000_4ad8c33354c46e4c") else {
        return;
    };
    let (_, story) = facts(&[a]);
    let v = serde_json::to_value(&story).expect("serializes");
    for (list, fields) in [
        (
            "quotes",
            &["text", "speaker", "cue", "documents", "variants"][..],
        ),
        (
            "quantities",
            &["text", "value", "unit", "attribution", "documents"][..],
        ),
        ("entities", &["name", "kind", "documents", "mentions"][..]),
        ("dates", &["text", "date", "documents"][..]),
    ] {
        let first = &v[list][0];
        for f in fields {
            assert!(first.get(f).is_some(), "{list}.{f} missing in {first}");
        }
    }
    assert!(
        v["dates"]
            .as_array()
            .expect("array")
            .iter()
            .any(|d| d["date"] == "2025-08-12")
    );
}

/// Story A: the AFP copies, the edited copy, the trimmed reprint and the
/// independent report.
#[test]
fn examples_warehouse_fire() {
    let arts = vec![
        example("havnsund-warehouse-fire/northern-ledger.md"),
        example("havnsund-warehouse-fire/north-sea-observer.txt"),
        feed("lakeside-gazette-havnsund-fire"),
        example("havnsund-warehouse-fire/morning-courier.txt"),
        example("havnsund-warehouse-fire/coastal-herald.md"),
    ];
    let (a1, a2, a3, a5, a6) = (
        "havnsund-warehouse-fire/northern-ledger",
        "havnsund-warehouse-fire/north-sea-observer",
        "lakeside-gazette-havnsund-fire",
        "havnsund-warehouse-fire/morning-courier",
        "havnsund-warehouse-fire/coastal-herald",
    );
    let (docs, story) = facts(&arts);

    // Rasmussen's door-to-door quote: A1, A3, A5, not the edited A2.
    let door = quote(&story, "We woke people up door by door");
    assert_eq!(door.speaker.as_deref(), Some("Hilde Rasmussen"));
    assert_eq!(door.documents, [a1, a3, a5]);
    // Eikeland's quote is longer in A2.
    let burn = quote(&story, "the one thing we could not allow to burn");
    assert_eq!(burn.speaker.as_deref(), Some("Tor Eikeland"));
    assert!(burn.documents.iter().any(|d| d == a2));
    assert!(
        burn.variants
            .iter()
            .any(|v| v.document == a2 && v.text.contains("whatever else happened"))
    );
    // A2 writes `he told reporters`: the pronoun goes back to Eikeland.
    let a2_wind = docs[1]
        .quotes
        .iter()
        .find(|q| q.text.starts_with("The wind was on our side"))
        .expect("wind quote in A2");
    assert_eq!(a2_wind.speaker.as_deref(), Some("Tor Eikeland"));
    assert_eq!(a2_wind.cue.as_deref(), Some("told reporters"));
    // Inverted `said Kari Nygaard, 67, ...`.
    assert_eq!(
        quote(&story, "The sky was orange").speaker.as_deref(),
        Some("Kari Nygaard")
    );
    // A6: `she told this newspaper` after a sentence opened by the mayor, and a
    // quote-only sentence that continues Eikeland's.
    assert_eq!(
        quote(&story, "Our town is shaken").speaker.as_deref(),
        Some("Ingrid Solvang")
    );
    assert_eq!(
        quote(&story, "never seen the sky turn that color")
            .speaker
            .as_deref(),
        Some("Kari Nygaard")
    );
    assert_eq!(
        quote(&story, "We were lucky, and we know it")
            .speaker
            .as_deref(),
        Some("Tor Eikeland")
    );

    // Figures and their attributions.
    let residents = quantity(&story, 1400.0, "residents");
    assert_eq!(residents.attribution.as_deref(), Some("police"));
    assert_eq!(residents.qualifier.as_deref(), Some("around"));
    assert_eq!(residents.documents, [a1, a2, a3, a5]);
    let staff = quantity(&story, 220.0, "people");
    assert_eq!(staff.attribution.as_deref(), Some("company officials"));
    assert_eq!(staff.documents, [a2]);
    let farms = quantity(&story, 40.0, "farms");
    assert_eq!(farms.qualifier.as_deref(), Some("more than"));
    let depots = quantity(&story, 23.0, "depots");
    assert_eq!(depots.attribution.as_deref(), Some("officials"));
    let crews = quantity(&story, 60.0, "firefighters");
    assert_eq!(crews.attribution.as_deref(), Some("Tor Eikeland"));
    assert!(
        crews
            .variants
            .iter()
            .any(|v| v.document == a2 && v.text == "Around sixty firefighters")
    );
    let dollars = quantity(&story, 10_000_000.0, "dollars");
    assert_eq!(dollars.kind, QuantityKind::Money);
    assert_eq!(dollars.documents, [a1, a5]);
    assert_eq!(quantity(&story, 8_500_000.0, "euros").documents, [a2]);
    let kroner = quantity(&story, 100_000_000.0, "kroner");
    assert_eq!(kroner.attribution.as_deref(), Some("Halvard Brekke"));

    // `on Tuesday` against A1's date line and A3's record date.
    for (i, id) in [(0, a1), (2, a3)] {
        let tue = docs[i]
            .dates
            .iter()
            .find(|d| d.text == "on Tuesday")
            .unwrap_or_else(|| panic!("Tuesday in {id}"));
        assert_eq!(tue.date, date(2025, 8, 12), "{id}");
    }
    // A6 was published on Thursday the 14th: Tuesday is still the 12th.
    assert!(
        docs[4]
            .dates
            .iter()
            .any(|d| d.text == "on Tuesday" && d.date == date(2025, 8, 12))
    );

    // People with surname-only mentions merged.
    let ras = story
        .entities
        .iter()
        .find(|e| e.name == "Hilde Rasmussen")
        .expect("Rasmussen");
    assert_eq!(ras.kind, EntityKind::Person);
    assert!(ras.variants.iter().any(|v| v == "Rasmussen"));
    assert_eq!(ras.mentions_by_document.get(a6), Some(&3));
    assert!(
        story
            .entities
            .iter()
            .any(|e| e.name == "Norwegian Environment Agency" && e.kind == EntityKind::Organization)
    );
}

#[test]
fn examples_takeover_money_and_speakers() {
    let arts = vec![
        example("carrowmore-takeover/city-ledger.txt"),
        example("carrowmore-takeover/investor-brief.md"),
    ];
    let (_, story) = facts(&arts);
    let pounds = quantity(&story, 2.4e9, "pounds");
    assert_eq!(pounds.kind, QuantityKind::Money);
    assert_eq!(pounds.qualifier.as_deref(), Some("about"));
    assert_eq!(pounds.documents.len(), 2);
    assert_eq!(quantity(&story, 3.2e9, "dollars").kind, QuantityKind::Money);
    let premium = quantity(&story, 38.0, "percent");
    assert_eq!(premium.kind, QuantityKind::Percent);
    assert_eq!(premium.attribution.as_deref(), Some("joint statement"));
    assert_eq!(
        quote(&story, "Carrowmore brings us long-life assets")
            .speaker
            .as_deref(),
        Some("Daniel Marchetti")
    );
    assert_eq!(
        quote(&story, "The premium is full but not outrageous")
            .speaker
            .as_deref(),
        Some("Priya Raman")
    );
    assert_eq!(
        quote(&story, "recognises the value our team has built")
            .speaker
            .as_deref(),
        Some("Fiona Lachlan")
    );
    // `FTSE 250` is a name, and the year of `since 2022` is a date.
    assert!(
        !story
            .quantities
            .iter()
            .any(|q| q.value == 250.0 || q.value == 2022.0)
    );
    let carrow = story
        .entities
        .iter()
        .find(|e| e.name == "Carrowmore Minerals")
        .expect("Carrowmore");
    assert!(carrow.variants.iter().any(|v| v == "Carrowmore"));
    assert!(
        story
            .entities
            .iter()
            .any(|e| e.name == "London" && e.kind == EntityKind::Place)
    );
}

#[test]
fn examples_trawler_weekdays_past_and_future() {
    let (docs, _) = facts(&[example("havnsund-trawler-fire/skerry-times.md")]);
    let d = &docs[0].dates;
    // Published Sunday 2025-09-14.
    let find = |t: &str| d.iter().find(|x| x.text == t).map(|x| x.date);
    assert_eq!(find("on Sunday"), Some(date(2025, 9, 14)));
    assert_eq!(find("on Friday"), Some(date(2025, 9, 12)));
    // `Technicians are expected to board ... on Monday`.
    assert_eq!(find("on Monday"), Some(date(2025, 9, 15)));
    let q = &docs[0].quotes;
    assert!(
        q.iter()
            .any(|x| x.text.starts_with("We grabbed")
                && x.speaker.as_deref() == Some("Rune Hollund"))
    );
    // The quote-only sentence continues the skipper's quote.
    assert!(
        q.iter().any(|x| x.text.starts_with("Nobody went back")
            && x.speaker.as_deref() == Some("Rune Hollund"))
    );
}

fn built(sentences: &[&str], published: Option<Date>) -> Article {
    // Two sentences to a paragraph.
    let mut a = Article {
        published,
        paragraphs: sentences.len().div_ceil(2),
        ..Article::from_sentences("p", sentences)
    };
    for (i, s) in a.sentences.iter_mut().enumerate() {
        s.paragraph = i / 2;
    }
    a
}

fn check_indices(a: &Article, f: &DocumentFacts) {
    let n = a.sentences.len();
    let ok = |s: usize, start: usize, end: usize| {
        let t = &a.sentences[s].text;
        s < n
            && start <= end
            && end <= t.len()
            && t.is_char_boundary(start)
            && t.is_char_boundary(end)
    };
    for q in &f.quotes {
        assert!(q.sentence <= q.end_sentence && q.end_sentence < n);
        assert!(a.sentences[q.sentence].text.is_char_boundary(q.start));
        assert!(q.end <= a.sentences[q.end_sentence].text.len());
        assert!(a.sentences[q.end_sentence].text.is_char_boundary(q.end));
        if q.sentence == q.end_sentence {
            assert!(q.start <= q.end, "{q:?}");
        }
    }
    // Quotations never overlap: each starts after the one before ends.
    for w in f.quotes.windows(2) {
        assert!(
            (w[0].end_sentence, w[0].end) <= (w[1].sentence, w[1].start),
            "overlapping quotations {:?} and {:?}",
            w[0],
            w[1]
        );
    }
    for q in &f.quantities {
        assert!(q.sentence < n && ok(q.sentence, q.start, q.end));
        assert_eq!(&a.sentences[q.sentence].text[q.start..q.end], q.text);
    }
    for d in &f.dates {
        assert!(d.sentence < n && ok(d.sentence, d.start, d.end));
        assert_eq!(&a.sentences[d.sentence].text[d.start..d.end], d.text);
    }
    for e in &f.entities {
        assert!(e.sentence < n && ok(e.sentence, e.start, e.end));
        assert_eq!(&a.sentences[e.sentence].text[e.start..e.end], e.text);
    }
}

/// A source that drops every opening mark leaves sentences with two lone
/// closing marks; the second quotes only from after the first one's
/// attribution, so the cue between them stays outside and names its speaker.
#[test]
fn lone_closing_marks_never_make_overlapping_quotations() {
    let a = built(
        &[
            "She is a good kid,\" said Ola Berg. Just days ago they rode bikes. It hurts, it really does,\" said Kari Dahl.",
        ],
        date(2025, 8, 13),
    );
    let f = FactExtractor::default().document(&a);
    check_indices(&a, &f);
    let got: Vec<(&str, Option<&str>)> = f
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref()))
        .collect();
    assert_eq!(got[0], ("She is a good kid", Some("Ola Berg")));
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].1, Some("Kari Dahl"));
}

#[test]
fn unbalanced_quote_marks_do_not_crash() {
    let a = built(
        &[
            "\"Open quote never closes, he said.",
            "Another \" stray mark, and \"one\" two\" three.",
            "\"",
            "\"\"",
        ],
        date(2025, 1, 1),
    );
    let f = FactExtractor::default().document(&a);
    check_indices(&a, &f);
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(
        sents in proptest::collection::vec(
            "[A-Za-z0-9 ,.:;\"'()$%\u{20ac}\u{e9}-]{0,80}", 1..6)
    ) {
        let refs: Vec<&str> = sents.iter().map(String::as_str).collect();
        let a = built(&refs, date(2025, 8, 13));
        let fx = FactExtractor::default();
        let f = fx.document(&a);
        check_indices(&a, &f);
        let _ = fx.story(&[(&a, &f), (&a, &f)]);
    }

    #[test]
    fn wordy_text_never_panics(
        words in proptest::collection::vec(prop_oneof![
            Just("said"), Just("\""), Just("Kim"), Just("Jong-un"), Just("U.S."), Just(","),
            Just("more than"), Just("10,000"), Just("three-year"), Just("$"), Just("3.2"),
            Just("billion"), Just("%"), Just("on Tuesday"), Just("in April"), Just("last year"),
            Just("he added"), Just("according to"), Just("(KCNA)"), Just("told AFP"), Just("."),
            Just(":"), Just("the"), Just("Police"), Just("August 12, 2025"), Just("Aug."),
            Just("and"), Just("who"), Just("an"), Just("remembered asking"), Just("-36"),
            Just("iPhone 4"), Just("26 cents"), Just("the company said"), Just("Sgt."),
            Just("to say"), Just("didn't"),
        ], 0..40),
        published in proptest::option::of(0i64..40_000),
    ) {
        let text = words.join(" ");
        let pub_date = published.map(Date::from_days_since_epoch);
        let a = built(&[&text, &text], pub_date);
        let f = FactExtractor::default().document(&a);
        check_indices(&a, &f);
        if let Ok(b) = Extractor::default().extract(&raw("x", BodyFormat::Text, &text, None)) {
            let g = FactExtractor::default().document(&b);
            check_indices(&b, &g);
        }
    }
}
