//! The `storyweave extract` record: one article's metadata and clean body.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;
use storyweave_extract::{Article, SetAside};
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
}

impl<'a> ExtractedRecord<'a> {
    /// Borrows an article as an output record.
    pub fn new(a: &'a Article) -> Self {
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
            text: a.text(),
            spans: a.sentences.iter().map(|s| s.span.clone()).collect(),
            set_aside: &a.set_aside,
        }
    }
}

/// Writes one article as a single JSON line.
pub fn write_extracted<W: Write>(article: &Article, mut w: W) -> io::Result<()> {
    serde_json::to_writer(&mut w, &ExtractedRecord::new(article)).map_err(io::Error::other)?;
    w.write_all(b"\n")
}
