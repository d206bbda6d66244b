//! End-to-end tests of the extract stage: the two real samples (skipped when
//! /work/shared is absent), small built documents for each recogniser, and
//! property tests that nothing panics and spans stay inside the body.

use std::path::PathBuf;

use proptest::prelude::*;
use storyweave_extract::{Article, ExtractError, Extractor, SetAsideKind};
use storyweave_ingest::{BodyFormat, RawDocument};
use storyweave_text::{Date, normalize_inline};

fn doc(id: &str, format: BodyFormat, body: &str) -> RawDocument {
    RawDocument {
        id: id.to_string(),
        path: format!("{id}.txt"),
        record: None,
        format,
        body: body.to_string(),
        url: None,
        title: None,
        published: None,
        source: None,
    }
}

fn extract(format: BodyFormat, body: &str) -> Article {
    Extractor::default()
        .extract(&doc("t", format, body))
        .expect("article has a body")
}

fn sample(stem: &str) -> Option<RawDocument> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    let path = dir.join(format!("{stem}.txt"));
    let Ok(body) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: sample {} not found", path.display());
        return None;
    };
    // 000 is a markdown scrape even though it is named .txt.
    let format = if stem.starts_with("000") {
        BodyFormat::Markdown
    } else {
        BodyFormat::Text
    };
    Some(RawDocument {
        body,
        ..doc(stem, format, "")
    })
}

/// Checks shared by both samples: nothing set aside leaks into a sentence,
/// artifacts are repaired and spans give back the sentence text.
fn check_clean(a: &Article, raw: &RawDocument, rejoined: &[&str]) {
    for s in &a.sentences {
        for bad in [
            "Related article",
            "Original url",
            "\u{a9}",
            " 's",
            "](",
            "  ",
        ] {
            assert!(!s.text.contains(bad), "{bad:?} in sentence {:?}", s.text);
        }
        assert!(s.span.end <= raw.body.len() && raw.body.is_char_boundary(s.span.start));
        let src = &raw.body[s.span.clone()];
        if !rejoined.iter().any(|r| s.text.contains(r)) {
            assert_eq!(
                normalize_inline(src, 0).text,
                s.text,
                "span {:?} of {}",
                s.span,
                raw.id
            );
        }
    }
}

#[test]
fn sample_000_markdown_scrape() {
    let Some(raw) = sample("000_4ad8c33354c46e4c") else {
        return;
    };
    let a = Extractor::default()
        .extract(&raw)
        .expect("sample 000 has a body");
    assert_eq!(
        a.title.as_deref(),
        Some("Vladimir Putin and Kim Jong Un Vow to Strengthen Ties Ahead of Alaska Summit")
    );
    assert!(a.agencies.iter().any(|x| x == "AFP"), "{:?}", a.agencies);
    assert_eq!(a.byline.as_deref(), Some("By AFP"));
    assert_eq!(a.published, Date::new(2025, 8, 13));
    assert_eq!(
        a.url.as_deref(),
        Some(
            "https://www.themoscowtimes.com/2025/08/13/vladimir-putin-and-kim-jong-un-vow-to-strengthen-ties-ahead-of-alaska-summit-a90187"
        )
    );
    assert_eq!(a.outlet.as_deref(), Some("themoscowtimes.com"));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.dateline, None);
    // The paragraph broken mid-quotation is one sentence again.
    let broken: Vec<_> = a
        .sentences
        .iter()
        .filter(|s| s.text.contains("fully support all measures"))
        .collect();
    assert_eq!(broken.len(), 1);
    assert!(broken[0].text.starts_with("Kim, in turn,"));
    assert!(
        broken[0].text.ends_with("in the future.\""),
        "{:?}",
        broken[0].text
    );
    let kinds: Vec<_> = a.set_aside.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&SetAsideKind::Teaser) && kinds.contains(&SetAsideKind::Caption));
    assert!(
        a.set_aside
            .iter()
            .any(|s| s.kind == SetAsideKind::Caption && s.text.contains("kremlin.ru"))
    );
    assert!(!a.sentences.iter().any(|s| s.text.contains("kremlin.ru")));
    assert!(a.sentences[0].text.starts_with("Russia's Vladimir Putin"));
    check_clean(&a, &raw, &["fully support all measures"]);
}

#[test]
fn sample_002_plain_text_copy() {
    let Some(raw) = sample("002_449c17dc6cee7e10") else {
        return;
    };
    let a = Extractor::default()
        .extract(&raw)
        .expect("sample 002 has a body");
    assert_eq!(a.dateline.as_deref(), Some("Pyongyang, North Korea"));
    assert!(a.agencies.iter().any(|x| x == "AFP"), "{:?}", a.agencies);
    assert_eq!(a.title, None);
    assert!(
        a.sentences[0]
            .text
            .starts_with("Russia's President Vladimir Putin"),
        "{:?}",
        a.sentences[0].text
    );
    assert!(a.sentences[0].text.contains("Donald Trump, Pyongyang's"));
    assert!(
        a.set_aside
            .iter()
            .any(|s| s.kind == SetAsideKind::Caption && s.text.contains("KCNA VIA KNS"))
    );
    assert!(
        a.sentences
            .iter()
            .any(|s| s.text.contains("in the future, too.\""))
    );
    assert_eq!(a.language.as_deref(), Some("en"));
    check_clean(&a, &raw, &[]);
}

#[test]
fn record_fields_win_but_agencies_add_up() {
    let mut raw = doc(
        "r",
        BodyFormat::Text,
        "By Jane Doe, Reuters\n\nA thing happened in the city. It was big.",
    );
    raw.url = Some("https://news.example.org/a".into());
    raw.title = Some("Given \u{201C}title\u{201D}".into());
    raw.published = Some("2024-02-03T10:00:00Z".into());
    raw.source = Some("Example News".into());
    let a = Extractor::default().extract(&raw).expect("body");
    assert_eq!(a.title.as_deref(), Some("Given \"title\""));
    assert_eq!(a.published, Date::new(2024, 2, 3));
    assert_eq!(a.outlet.as_deref(), Some("Example News"));
    assert_eq!(a.agencies, ["Reuters"]);
    assert_eq!(a.byline.as_deref(), Some("By Jane Doe, Reuters"));
    assert_eq!(a.sentences.len(), 2);
}

#[test]
fn plain_title_and_dateline_with_agency() {
    let a = extract(
        BodyFormat::Text,
        "Markets Slide on Rate Fears\n\nLONDON, Jan. 5 (Reuters) - Shares fell on Monday. Traders were nervous.\n",
    );
    assert_eq!(a.title.as_deref(), Some("Markets Slide on Rate Fears"));
    assert_eq!(a.dateline.as_deref(), Some("LONDON"));
    assert_eq!(a.agencies, ["Reuters"]);
    assert_eq!(a.sentences[0].text, "Shares fell on Monday.");
    let body = "Markets Slide on Rate Fears\n\nLONDON, Jan. 5 (Reuters) - Shares fell on Monday. Traders were nervous.\n";
    assert_eq!(&body[a.sentences[0].span.clone()], "Shares fell on Monday.");
}

#[test]
fn footers_and_teasers_set_aside() {
    let body = "First body sentence here. Second one.\n\nRead more: Other story\n\nShare this article\n\n\u{a9} 2025 Example Media. All rights reserved.\n\nSource: https://example.com/story.html\n";
    let a = extract(BodyFormat::Text, body);
    assert_eq!(a.sentences.len(), 2);
    assert_eq!(a.url.as_deref(), Some("https://example.com/story.html"));
    assert_eq!(a.outlet.as_deref(), Some("example.com"));
    assert_eq!(a.set_aside.len(), 4);
}

/// Page furniture run into a one-paragraph body, as tokenized corpora and
/// flattened pages give it, comes out of the sentences: the stamp becomes
/// the publication date, the closing contact line and credit are set aside,
/// and the sentences' spans still point at their words.
#[test]
fn furniture_inside_one_paragraph_is_set_aside() {
    for format in [BodyFormat::Text, BodyFormat::Html] {
        let text = "Posted: May 24, 2005 11: 06 PM EDT A fire destroyed the old mill on Tuesday, officials said. \
                    Nobody was hurt. Contact Jane Roe at (555) 123 - 4567 or jroe@example.com.";
        let body = if format == BodyFormat::Html {
            format!("<html><body><article><p>{text}</p></article></body></html>")
        } else {
            text.to_string()
        };
        let raw = doc("f", format, &body);
        let a = Extractor::default()
            .extract(&raw)
            .expect("article has a body");
        let sentences: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            sentences,
            vec![
                "A fire destroyed the old mill on Tuesday, officials said.",
                "Nobody was hurt."
            ],
            "{format:?}"
        );
        assert_eq!(a.published, Date::new(2005, 5, 24), "{format:?}");
        assert!(
            a.set_aside
                .iter()
                .any(|p| p.kind == SetAsideKind::Footer && p.text.contains("jroe@example.com")),
            "{:?}",
            a.set_aside
        );
        if format == BodyFormat::Text {
            for s in &a.sentences {
                assert!(raw.body[s.span.clone()].starts_with(&s.text[..5]), "{s:?}");
            }
        }
    }
}

/// An article built from clean sentences reads back as them, each span
/// its range in the sentences joined by a space.
#[test]
fn an_article_from_clean_sentences() {
    let a = Article::from_sentences("c", &["One sentence.", "Another one."]);
    let joined = "One sentence. Another one.";
    for s in &a.sentences {
        assert_eq!(&joined[s.span.clone()], s.text);
    }
    assert_eq!((a.paragraphs, a.id.as_str()), (2, "c"));
}

#[test]
fn lowercase_continuation_is_rejoined() {
    let a = extract(
        BodyFormat::Text,
        "The minister said the plan would\n\n![x](y.jpg)\n\nA photo caption\n\nbe ready in May. Others disagreed.",
    );
    assert_eq!(
        a.sentences[0].text,
        "The minister said the plan would be ready in May."
    );
    assert_eq!(a.paragraphs, 1);
    assert!(a.set_aside.iter().all(|s| s.kind == SetAsideKind::Caption));
}

#[test]
fn nothing_left_is_no_body() {
    let e = Extractor::default().extract(&doc(
        "e",
        BodyFormat::Markdown,
        "# Only a title\n\nBy AFP\n\nAugust 13, 2025\n",
    ));
    assert_eq!(e, Err(ExtractError::NoBody));
    let e = Extractor::default().extract(&doc("e", BodyFormat::Text, "  \n\n "));
    assert_eq!(e, Err(ExtractError::NoBody));
}

/// Furniture cuts of any sentence lie inside it, on character boundaries,
/// in order and apart; the pieces kept lie between them.
fn check_furniture(s: &str, first: bool) -> Result<(), TestCaseError> {
    use storyweave_extract::furniture::{Position, furniture, kept_pieces};
    let cuts = furniture(
        s,
        Position {
            first,
            title: Some("Fire hits mill"),
        },
    );
    let mut end = 0;
    for c in &cuts {
        prop_assert!(c.range.start >= end && c.range.start < c.range.end && c.range.end <= s.len());
        prop_assert!(s.is_char_boundary(c.range.start) && s.is_char_boundary(c.range.end));
        end = c.range.end;
    }
    for p in kept_pieces(s, &cuts) {
        prop_assert!(p.start <= p.end && p.end <= s.len());
        prop_assert!(s.is_char_boundary(p.start) && s.is_char_boundary(p.end));
        prop_assert!(
            !cuts
                .iter()
                .any(|c| c.range.start < p.end && p.start < c.range.end)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn furniture_cuts_stay_inside_their_sentence(
        words in proptest::collection::vec(prop_oneof![
            Just("Published:".to_string()), Just("Updated".to_string()), Just("May".to_string()), Just("3,".to_string()), Just("2013".to_string()),
            Just("1:".to_string()), Just("32".to_string()), Just("PM".to_string()), Just("EDT".to_string()), Just("The".to_string()), Just("fire".to_string()),
            Just("said.".to_string()), Just("Buy Photo".to_string()), Just("(Photo:".to_string()), Just("Jane".to_string()), Just("Doe)".to_string()),
            Just("jdoe@paper.com".to_string()), Just("(@jdoe)".to_string()), Just("-".to_string()), Just("on".to_string()), Just("Fire hits mill".to_string()),
            Just("\u{e9}t\u{e9}".to_string()), Just("\"".to_string()), Just("pic.twitter.com/x".to_string()), Just("jk/mlb".to_string()),
            Just("Contact".to_string()), Just("(302)".to_string()), Just("324".to_string()), Just("2299.".to_string()), Just("With AFP".to_string()),
            "[a-zA-Z0-9:,.()\u{e9}\u{201c}\u{2014}]{0,6}".prop_map(|s| s),
        ], 0..24),
        first in proptest::bool::ANY,
    ) {
        check_furniture(&words.join(" "), first)?;
    }

    #[test]
    fn never_panics_spans_in_body(body in prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(vec![
            "# ", "By AFP", "\n", "\n\n", "Original url:", "<https://a.b/c>", "![i](j)", "[k](l)", "\u{a9} x / AFP",
            "PARIS (AFP) - ", "Hello world.", " the", "\"", "Related: x", "August 13, 2025", "Mr. Smith", "\u{2019}s",
            "\u{e9}", "e\u{301}", " - ", "(AP)", "Kim", ".", "\r\n",
        ]), 0..30).prop_map(|v| v.concat()),
    ], md in any::<bool>()) {
        let format = if md { BodyFormat::Markdown } else { BodyFormat::Text };
        let raw = doc("p", format, &body);
        if let Ok(a) = Extractor::default().extract(&raw) {
            for s in &a.sentences {
                prop_assert!(s.span.start <= s.span.end && s.span.end <= body.len());
                prop_assert!(body.is_char_boundary(s.span.start) && body.is_char_boundary(s.span.end));
                prop_assert!(!s.text.is_empty());
            }
        }
    }
}

#[test]
fn spans_cover_links_at_sentence_edges() {
    let body = "[Kim](https://x.org/kim) spoke. He met [Putin](#). Then \u{201C}it\u{2019}s done\u{201D} he said.";
    let a = extract(BodyFormat::Markdown, body);
    let texts: Vec<_> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Kim spoke.", "He met Putin.", "Then \"it's done\" he said."]
    );
    assert_eq!(
        &body[a.sentences[0].span.clone()],
        "[Kim](https://x.org/kim) spoke."
    );
    for s in &a.sentences {
        assert_eq!(normalize_inline(&body[s.span.clone()], 0).text, s.text);
    }
}

// ---- HTML pages (fixtures written for these tests; fictional articles) ----

fn html_fixture(name: &str) -> RawDocument {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&path).expect("fixture exists");
    RawDocument {
        body: storyweave_ingest::decode_html(&bytes, None),
        ..doc(name, BodyFormat::Html, "")
    }
}

#[test]
fn html_page_gives_news_metadata_dateline_and_wire_credit() {
    let raw = html_fixture("wire-dateline.html");
    let a = Extractor::default().extract(&raw).expect("page has a body");
    assert_eq!(
        a.title.as_deref(),
        Some("Glass bridge over the Velm reopens after repairs")
    );
    assert_eq!(a.byline.as_deref(), Some("By AFP"));
    assert_eq!(a.agencies, ["AFP"]);
    assert_eq!(a.dateline.as_deref(), Some("VELMORE, Corran"));
    assert_eq!(a.published, Date::new(2025, 3, 4));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.corrangazette.example/news/2025/03/velm-bridge-reopens"),
        "the canonical link wins over og:url"
    );
    assert_eq!(a.outlet.as_deref(), Some("The Corran Gazette"));
    assert_eq!(a.language.as_deref(), Some("en"));
    let text = a.text();
    assert!(
        text.starts_with("The glass footbridge over the river Velm reopened"),
        "dateline removed from the first sentence: {text}"
    );
    assert!(text.contains("\u{201c}People have waited") || text.contains("\"People have waited"));
    assert!(text.contains("discounts for the first week."));
    for junk in [
        "cookies",
        "Related stories",
        "Council approves budget",
        "Finally!",
        "Walkers cross",
        "Follow us",
        "All rights reserved",
        "Sport",
    ] {
        assert!(
            !text.contains(junk),
            "`{junk}` leaked into the body: {text}"
        );
    }
    assert_eq!(a.paragraphs, 5);
}

#[test]
fn html_page_in_latin1_with_meta_tags_only() {
    let raw = html_fixture("reuters-latin1.html");
    let a = Extractor::default().extract(&raw).expect("page has a body");
    assert_eq!(
        a.title.as_deref(),
        Some("Tramlinie nach Ostrau wird verlängert")
    );
    assert_eq!(a.byline.as_deref(), Some("By Reuters"));
    assert_eq!(a.agencies, ["Reuters"]);
    assert_eq!(a.published, Date::new(2025, 6, 17));
    assert_eq!(a.language.as_deref(), Some("de"));
    let text = a.text();
    assert!(
        text.contains("(Grünzug)"),
        "charset from the meta tag: {text}"
    );
    assert!(
        text.contains("fünf Haltestellen"),
        "entities decoded: {text}"
    );
    assert!(!text.contains("Wirtschaft"), "menu left out: {text}");
}

#[test]
fn html_record_date_and_url_yield_to_the_page() {
    let mut raw = html_fixture("wire-dateline.html");
    raw.published = Some("2025-03-09T12:00:00Z".into());
    raw.url = Some("https://crawler.example/fetch?id=1".into());
    raw.source = Some("Gazette Feed".into());
    let a = Extractor::default().extract(&raw).expect("page has a body");
    assert_eq!(a.published, Date::new(2025, 3, 4));
    assert!(
        a.url
            .as_deref()
            .is_some_and(|u| u.contains("corrangazette"))
    );
    assert_eq!(
        a.outlet.as_deref(),
        Some("Gazette Feed"),
        "a record source still wins"
    );
}

#[test]
fn html_record_date_is_used_when_the_page_has_none() {
    let body = "<html><body><article><p>The harbour master of Tollan said on Friday that the \
                north pier would stay shut for a week while divers checked its footings.</p>\
                <p>Ferries will use the south pier until then, the harbour office said.</p>\
                </article></body></html>";
    let mut raw = doc("p", BodyFormat::Html, body);
    raw.published = Some("2025-05-02T08:00:00Z".into());
    let a = Extractor::default().extract(&raw).expect("page has a body");
    assert_eq!(a.published, Date::new(2025, 5, 2));
    assert!(a.text().contains("north pier would stay shut"));
}

/// Guards the HTML cleaning: same-site teaser links, advert labels and
/// calls to action inside the article are dropped; a related-links box in
/// the middle does not end the article, a related heading followed by
/// teaser excerpts does.
#[test]
fn html_teasers_boilerplate_and_related_sections_are_left_out() {
    let raw = html_fixture("related-teasers.html");
    let a = Extractor::default().extract(&raw).expect("page has a body");
    let text = a.text();
    for kept in [
        "rebuild the old ferry pier, which has been closed",
        "approved by eleven votes to four",
        "part of the town's history",
        "better spent on the sea wall",
        "take about eighteen months",
    ] {
        assert!(text.contains(kept), "lost {kept:?} in {text:?}");
    }
    for dropped in [
        "STORM DAMAGE SURVEY",
        "Advertisement",
        "newsletter",
        "Ferry timetable changes",
        "lighthouse keeper",
        "Fishermen in the bay",
        "Copyright",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in {text:?}");
    }
}

#[test]
fn html_bad_input_is_a_clear_error_not_a_crash() {
    let ex = Extractor::default();
    let deep = format!(
        "<html><body>{}<p>words</p></body></html>",
        "<div>".repeat(100_000)
    );
    assert_eq!(
        ex.extract(&doc("deep", BodyFormat::Html, &deep)),
        Err(ExtractError::TooDeep { limit: 512 })
    );
    let big = format!(
        "<html><body><p>{}</p></body></html>",
        "word ".repeat(10 << 20)
    );
    assert!(matches!(
        ex.extract(&doc("big", BodyFormat::Html, &big)),
        Err(ExtractError::TooLarge { .. })
    ));
    let binary = "\u{1}\u{2}\u{3}\u{0}PK\u{3}\u{4}\u{14}\u{0}\u{8}\u{0}<html>";
    assert_eq!(
        ex.extract(&doc("bin", BodyFormat::Html, binary)),
        Err(ExtractError::NotHtml)
    );
    let empty = "<html><head><title>Nothing here</title></head><body></body></html>";
    assert_eq!(
        ex.extract(&doc("empty", BodyFormat::Html, empty)),
        Err(ExtractError::NoBody)
    );
    let small = Extractor::builder().max_html_bytes(100).build();
    assert!(matches!(
        small.extract(&doc("w", BodyFormat::Html, &"<p>x</p>".repeat(20))),
        Err(ExtractError::TooLarge { limit: 100, .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn html_extraction_never_panics(body in "(<[a-z/!]{0,3}[ a-z=\"']{0,6}>?|[a-zA-Z .&;#0-9]{0,12}){0,40}") {
        let _ = Extractor::default().extract(&doc("p", BodyFormat::Html, &body));
    }
}
