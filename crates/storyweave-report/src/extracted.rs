//! The `storyweave extract` record: one article's metadata and clean body.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;
use storyweave_extract::{Article, SetAside};
use storyweave_facts::{DocumentFacts, EntityKind, Granularity, QuantityKind};
use storyweave_text::Date;

/// One line of `storyweave extract` output: the document fields of the
/// `storyweave/1` schema plus the clean body and the set-aside pieces.
#[derive(Debug, Serialize)]
pub struct ExtractedRecord<'a> {
    /// Stable document id.
    pub id: &'a str,
    /// The file it came from.
    pub path: &'a str,
    /// Line or record within the file.
    pub record: Option<u64>,
    /// Canonical URL.
    pub url: Option<&'a str>,
    /// Outlet.
    pub outlet: Option<&'a str>,
    /// Headline.
    pub title: Option<&'a str>,
    /// Byline as written.
    pub byline: Option<&'a str>,
    /// Wire agencies credited.
    pub agencies: &'a [String],
    /// Dateline place.
    pub dateline: Option<&'a str>,
    /// Publication date.
    pub published: Option<Date>,
    /// Language code.
    pub language: Option<&'a str>,
    /// Words of the clean body.
    pub words: usize,
    /// Sentences of the clean body.
    pub sentences: usize,
    /// The clean body, paragraphs separated by a blank line.
    pub text: String,
    /// Byte range of each sentence in the original body (the file, or the record's text field).
    pub spans: Vec<Range<usize>>,
    /// Teasers, captions, footers and metadata lines taken out of the body.
    pub set_aside: &'a [SetAside],
    /// The article's facts, with `extract --facts`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub facts: Option<FactsRecord<'a>>,
}

/// The per-article facts of `storyweave extract --facts`. Every `span` is a
/// byte range of the record's clean `text`.
#[derive(Debug, Serialize)]
pub struct FactsRecord<'a> {
    /// Direct quotations.
    pub quotes: Vec<QuoteRecord<'a>>,
    /// Figures.
    pub quantities: Vec<QuantityRecord<'a>>,
    /// Date expressions.
    pub dates: Vec<DateRecord<'a>>,
    /// Named-entity mentions.
    pub entities: Vec<EntityRecord<'a>>,
}

/// One quotation of an article.
#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    /// The quoted words.
    pub text: &'a str,
    /// Who said them (a name without title or role).
    pub speaker: Option<&'a str>,
    /// The speaker's title or role.
    pub role: Option<&'a str>,
    /// The attributing cue (`said`, `told AFP`).
    pub cue: Option<&'a str>,
    /// A fragment quoted inside the writer's sentence.
    pub partial: bool,
    /// Byte range of the quoted words in `text`.
    pub span: [usize; 2],
}

/// One figure of an article.
#[derive(Debug, Serialize)]
pub struct QuantityRecord<'a> {
    /// The words of the figure.
    pub text: &'a str,
    /// Its value.
    pub value: f64,
    /// Canonical unit; empty for a plain count.
    pub unit: &'a str,
    /// What it counts or measures.
    pub what: &'a str,
    /// Count, percent or money.
    pub kind: QuantityKind,
    /// `more than`, `about`, ...
    pub qualifier: Option<&'a str>,
    /// Who states it.
    pub attribution: Option<&'a str>,
    /// Byte range in `text`.
    pub span: [usize; 2],
}

/// One date expression of an article.
#[derive(Debug, Serialize)]
pub struct DateRecord<'a> {
    /// The words.
    pub text: &'a str,
    /// The first day of what it names, when it could be resolved.
    pub date: Option<Date>,
    /// Day, week, month or year.
    pub granularity: Granularity,
    /// Byte range in `text`.
    pub span: [usize; 2],
}

/// One named-entity mention of an article.
#[derive(Debug, Serialize)]
pub struct EntityRecord<'a> {
    /// The words as written.
    pub text: &'a str,
    /// The entity's name in this article.
    pub name: &'a str,
    /// Person, organisation, place or other.
    pub kind: EntityKind,
    /// Byte range in `text`.
    pub span: [usize; 2],
}

impl<'a> FactsRecord<'a> {
    /// Borrows a document's facts, turning sentence spans into spans of the
    /// clean body whose sentences start at `offsets`.
    pub fn new(facts: &'a DocumentFacts, offsets: &[usize]) -> Self {
        let at = |sentence: usize, start: usize, end: usize| {
            let base = offsets.get(sentence).copied().unwrap_or(0);
            [base + start, base + end]
        };
        FactsRecord {
            quotes: facts
                .quotes
                .iter()
                .map(|q| {
                    let base = offsets.get(q.sentence).copied().unwrap_or(0);
                    let end = offsets.get(q.end_sentence).copied().unwrap_or(base) + q.end;
                    QuoteRecord {
                        text: &q.text,
                        speaker: q.speaker.as_deref(),
                        role: q.role.as_deref(),
                        cue: q.cue.as_deref(),
                        partial: q.partial,
                        span: [base + q.start, end],
                    }
                })
                .collect(),
            quantities: facts
                .quantities
                .iter()
                .map(|q| QuantityRecord {
                    text: &q.text,
                    value: q.value,
                    unit: &q.unit,
                    what: &q.what,
                    kind: q.kind,
                    qualifier: q.qualifier.as_deref(),
                    attribution: q.attribution.as_deref(),
                    span: at(q.sentence, q.start, q.end),
                })
                .collect(),
            dates: facts
                .dates
                .iter()
                .map(|d| DateRecord {
                    text: &d.text,
                    date: d.date,
                    granularity: d.granularity,
                    span: at(d.sentence, d.start, d.end),
                })
                .collect(),
            entities: facts
                .entities
                .iter()
                .map(|e| EntityRecord {
                    text: &e.text,
                    name: &e.name,
                    kind: e.kind,
                    span: at(e.sentence, e.start, e.end),
                })
                .collect(),
        }
    }
}

impl<'a> ExtractedRecord<'a> {
    /// Borrows an article as an output record, with its facts when given.
    pub fn new(a: &'a Article, facts: Option<&'a DocumentFacts>) -> Self {
        let (text, offsets) = a.text_with_offsets();
        ExtractedRecord {
            id: &a.id,
            path: &a.path,
            record: a.record,
            url: a.url.as_deref(),
            outlet: a.outlet.as_deref(),
            title: a.title.as_deref(),
            byline: a.byline.as_deref(),
            agencies: &a.agencies,
            dateline: a.dateline.as_deref(),
            published: a.published,
            language: a.language.as_deref(),
            words: a.words(),
            sentences: a.sentences.len(),
            text,
            spans: a.sentences.iter().map(|s| s.span.clone()).collect(),
            set_aside: &a.set_aside,
            facts: facts.map(|f| FactsRecord::new(f, &offsets)),
        }
    }
}

/// Writes one article as a single JSON line, with its facts when given.
pub fn write_extracted<W: Write>(
    article: &Article,
    facts: Option<&DocumentFacts>,
    mut w: W,
) -> io::Result<()> {
    serde_json::to_writer(&mut w, &ExtractedRecord::new(article, facts))
        .map_err(io::Error::other)?;
    w.write_all(b"\n")
}
