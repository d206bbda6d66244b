//! The *extract* and *normalize* stages for text and markdown: metadata from
//! an article's lines, and a clean body split into paragraphs and sentences.
//!
//! Teasers (`Related article: ...`), photo captions, credits and footers are
//! recognised and set aside as metadata, never kept as body. Each sentence
//! keeps its byte range in the [`RawDocument::body`] it came from.

use std::ops::Range;

use serde::Serialize;
use storyweave_ingest::RawDocument;
use storyweave_text::Date;

/// A sentence of the clean body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Normalized text of the sentence.
    pub text: String,
    /// Byte range in the raw body this sentence was read from (for a paragraph
    /// re-joined across a break, from the first byte to the last).
    pub span: Range<usize>,
    /// Index of the paragraph holding it.
    pub paragraph: usize,
}

/// What kind of non-body text was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SetAsideKind {
    /// A link to another article (`Related article: ...`, `Read more`).
    Teaser,
    /// A photo caption or image credit line.
    Caption,
    /// A footer: `Original url:`, copyright, share lines, newsletter prompts.
    Footer,
    /// The byline or date line, kept as metadata.
    Meta,
}

/// A piece of the article that is not body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAside {
    /// Which kind of piece it is.
    pub kind: SetAsideKind,
    /// Its normalized text.
    pub text: String,
}

/// An article after extract + normalize: metadata and a clean body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable id from ingest.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// Line or record within the file, for multi-record inputs.
    pub record: Option<u64>,
    /// Canonical URL: the record's `url`, or an `Original url:` footer.
    pub url: Option<String>,
    /// Outlet: the record's `source`, or the host of `url` (`themoscowtimes.com`).
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Byline as written (`By AFP`, `By Jane Doe, Reuters`).
    pub byline: Option<String>,
    /// Wire agencies credited anywhere in the article (`AFP`, `Reuters`, `AP`, ...),
    /// in canonical spelling, sorted and without repeats.
    pub agencies: Vec<String>,
    /// Dateline place (`Pyongyang, North Korea`), removed from the first sentence.
    pub dateline: Option<String>,
    /// Publication date: the record's `published`, or a date line.
    pub published: Option<Date>,
    /// ISO 639-1 language code when known (`en`).
    pub language: Option<String>,
    /// Body sentences in reading order.
    pub sentences: Vec<Sentence>,
    /// Number of paragraphs of the body.
    pub paragraphs: usize,
    /// Teasers, captions, footers and metadata lines taken out of the body.
    pub set_aside: Vec<SetAside>,
}

impl Article {
    /// The clean body: sentences joined by a space, paragraphs by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_paragraph = None;
        for s in &self.sentences {
            match last_paragraph {
                None => {}
                Some(p) if p == s.paragraph => out.push(' '),
                Some(_) => out.push_str("\n\n"),
            }
            out.push_str(&s.text);
            last_paragraph = Some(s.paragraph);
        }
        out
    }

    /// Number of words of the clean body.
    pub fn words(&self) -> usize {
        self.sentences
            .iter()
            .map(|s| storyweave_text::words(&s.text).count())
            .sum()
    }
}

/// Why a raw document could not be turned into an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    /// After removing markup, metadata and set-aside pieces nothing is left.
    #[error("no body text after extraction")]
    NoBody,
}

/// Settings of the extract stage; fixed once built.
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    _private: (),
}

/// Turns [`RawDocument`]s into [`Article`]s. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    _private: (),
}

impl Extractor {
    /// Starts a builder with the default settings.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder { _private: () }
    }

    /// Extracts metadata and the clean body of one raw document.
    pub fn extract(&self, raw: &RawDocument) -> Result<Article, ExtractError> {
        let _ = raw;
        Err(ExtractError::NoBody)
    }
}

impl ExtractorBuilder {
    /// Fixes the settings.
    pub fn build(self) -> Extractor {
        Extractor { _private: () }
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::builder().build()
    }
}
