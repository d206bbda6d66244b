//! Integration tests of the report: model building and the printers.

use storyweave_cluster::Clustering;
use storyweave_extract::{Article, Sentence};
use storyweave_ingest::{Problem, ProblemKind};
use storyweave_report::{Report, SCHEMA, write_json, write_text};
use storyweave_text::Date;

fn article(
    id: &str,
    date: Option<(i32, u8, u8)>,
    outlet: &str,
    agencies: &[&str],
    body: &str,
) -> Article {
    Article {
        id: id.into(),
        path: format!("{id}.txt"),
        record: None,
        url: None,
        outlet: Some(outlet.into()),
        title: Some(format!("Title of {id}")),
        byline: None,
        agencies: agencies.iter().map(|a| a.to_string()).collect(),
        dateline: None,
        published: date.and_then(|(y, m, d)| Date::new(y, m, d)),
        language: Some("en".into()),
        sentences: vec![Sentence {
            text: body.into(),
            span: 0..body.len(),
            paragraph: 0,
        }],
        paragraphs: 1,
        set_aside: Vec::new(),
    }
}

/// Four documents: b is an exact duplicate of a, c shares their family, d is another story.
/// Input order deliberately differs from chronological order.
fn fixture() -> (Vec<Article>, Clustering) {
    let articles = vec![
        article(
            "d",
            Some((2025, 3, 1)),
            "other.example",
            &[],
            "A different event entirely.",
        ),
        article(
            "a",
            Some((2025, 8, 13)),
            "one.example",
            &["AFP"],
            "Wire copy about the summit.",
        ),
        article(
            "b",
            Some((2025, 8, 13)),
            "two.example",
            &["AFP"],
            "Wire copy about the summit.",
        ),
        article(
            "c",
            None,
            "three.example",
            &["AFP", "Reuters"],
            "Edited wire copy about the summit.",
        ),
    ];
    let clustering = Clustering {
        exact: vec![0, 1, 1, 3],
        near: vec![0, 1, 1, 3],
        family: vec![0, 1, 1, 1],
        story: vec![0, 1, 1, 1],
        near_similarity: vec![1.0, 1.0, 1.0, 1.0],
        family_similarity: vec![1.0, 1.0, 1.0, 0.4567],
        placements: Vec::new(),
    };
    (articles, clustering)
}

#[test]
fn stories_are_numbered_chronologically_with_their_families() {
    let (articles, clustering) = fixture();
    let report = Report::build(&articles, &clustering, Vec::new());
    assert_eq!(report.schema, SCHEMA);
    assert_eq!(report.stories.len(), 2);
    assert_eq!(report.stories[0].documents, vec!["d"]);
    assert_eq!(
        report.stories[1].documents,
        vec!["a", "b", "c"],
        "dated first, undated last"
    );
    let s = &report.stories[1];
    assert_eq!(s.first_published, Date::new(2025, 8, 13));
    assert_eq!(s.agencies, vec!["AFP", "Reuters"]);
    assert_eq!(s.families.len(), 1);
    assert_eq!(
        s.families[0].agency.as_deref(),
        Some("AFP"),
        "the agency all members credit"
    );
    assert_eq!(s.families[0].similarity, 0.457, "weakest member, rounded");
    let b = report.document("b").expect("b");
    assert_eq!(b.exact_duplicate_of.as_deref(), Some("a"));
    assert_eq!(b.near_duplicate_of.as_deref(), Some("a"));
    assert_eq!(b.story, "s2");
    assert_eq!(report.document("c").expect("c").exact_duplicate_of, None);
}

#[test]
fn ids_do_not_depend_on_input_order() {
    let (articles, clustering) = fixture();
    let a = Report::build(&articles, &clustering, Vec::new());
    // Reverse the input and relabel the clustering with the new representatives.
    let rev: Vec<Article> = articles.iter().rev().cloned().collect();
    let n = rev.len();
    let relabel = |level: &[usize]| -> Vec<usize> {
        let old: Vec<usize> = (0..n).map(|i| level[n - 1 - i]).collect();
        (0..n)
            .map(|i| (0..n).find(|&j| old[j] == old[i]).unwrap_or(i))
            .collect()
    };
    let c = Clustering {
        exact: relabel(&clustering.exact),
        near: relabel(&clustering.near),
        family: relabel(&clustering.family),
        story: relabel(&clustering.story),
        near_similarity: vec![1.0; n],
        family_similarity: clustering.family_similarity.iter().rev().copied().collect(),
        placements: Vec::new(),
    };
    let b = Report::build(&rev, &c, Vec::new());
    let ids = |r: &Report| {
        r.documents
            .iter()
            .map(|d| (d.id.clone(), d.story.clone(), d.family.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
}

#[test]
fn json_has_every_schema_field() {
    let (articles, clustering) = fixture();
    let skipped = vec![Problem {
        path: "bad.txt".into(),
        line: None,
        kind: ProblemKind::Binary,
        message: "binary content".into(),
    }];
    let report = Report::build(&articles, &clustering, skipped);
    let mut out = Vec::new();
    write_json(&report, &mut out).expect("write");
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid json");
    assert_eq!(v["schema"], "storyweave/1");
    for key in [
        "id",
        "path",
        "url",
        "outlet",
        "title",
        "byline",
        "agencies",
        "dateline",
        "published",
        "language",
        "words",
        "sentences",
        "exact_duplicate_of",
        "near_duplicate_of",
        "family",
        "story",
    ] {
        assert!(v["documents"][0].get(key).is_some(), "document field {key}");
    }
    for key in [
        "id",
        "title",
        "documents",
        "first_published",
        "last_published",
        "agencies",
        "families",
        "passages",
        "coverage",
        "quotes",
        "quantities",
        "entities",
        "discrepancies",
    ] {
        assert!(v["stories"][0].get(key).is_some(), "story field {key}");
    }
    for key in ["id", "documents", "agency", "similarity"] {
        assert!(
            v["stories"][1]["families"][0].get(key).is_some(),
            "family field {key}"
        );
    }
    assert_eq!(v["stories"][1]["documents"][0], "a");
    assert_eq!(v["documents"][0]["published"], "2025-03-01");
    assert_eq!(v["skipped"][0]["kind"], "binary");
}

#[test]
fn terminal_report_snapshot() {
    let (articles, clustering) = fixture();
    let report = Report::build(&articles, &clustering, Vec::new());
    let mut out = Vec::new();
    write_text(&report, &mut out).expect("write");
    insta::assert_snapshot!(String::from_utf8(out).expect("utf-8"));
}
