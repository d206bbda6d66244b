//! The *extract* and *normalize* stages for text and markdown: metadata from
//! an article's lines, and a clean body split into paragraphs and sentences.
//!
//! Teasers (`Related article: ...`), photo captions, credits and footers are
//! recognised and set aside as metadata, never kept as body. Each sentence
//! keeps its byte range in the [`RawDocument::body`] it came from.
//!
//! HTML bodies ([`BodyFormat::Html`]) first go through [`html`]: the main
//! text is found and the page's metadata read, then the main text takes the
//! same path as a text article.

mod agencies;
pub mod furniture;
pub mod html;
mod lines;

use std::ops::Range;

use serde::Serialize;
use storyweave_ingest::{BodyFormat, RawDocument};
use storyweave_text::{
    Date, Mapped, detect_language, normalize_inline, parse_published, split_sentences,
};

pub use agencies::{canonical_agency, find_agencies};
pub use lines::{Dateline, LineKind, classify_line, find_dateline, looks_like_markdown, url_host};

/// A sentence of the clean body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Normalized text of the sentence.
    pub text: String,
    /// Byte range in the raw body this sentence was read from (for a paragraph
    /// re-joined across a break, from the first byte to the last). For an
    /// HTML body, the range is in the page's main text ([`html::main_text`]).
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
        self.text_with_offsets().0
    }

    /// The clean body of [`Article::text`] and the byte offset at which each
    /// sentence starts in it, so that a span inside a sentence can be given
    /// as a span of the clean body.
    pub fn text_with_offsets(&self) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut offsets = Vec::with_capacity(self.sentences.len());
        let mut last_paragraph = None;
        for s in &self.sentences {
            match last_paragraph {
                None => {}
                Some(p) if p == s.paragraph => out.push(' '),
                Some(_) => out.push_str("\n\n"),
            }
            offsets.push(out.len());
            out.push_str(&s.text);
            last_paragraph = Some(s.paragraph);
        }
        (out, offsets)
    }

    /// An article made of `sentences` already clean, one paragraph each,
    /// with no metadata but `id`: for callers (and tests) that hold clean
    /// text and want the later stages to read it as they read an extracted
    /// article. Each sentence's span is its range in the sentences joined by
    /// a space.
    pub fn from_sentences(id: &str, sentences: &[&str]) -> Article {
        let mut at = 0;
        let sentences: Vec<Sentence> = sentences
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let span = at..at + t.len();
                at = span.end + 1;
                Sentence {
                    text: (*t).to_string(),
                    span,
                    paragraph: k,
                }
            })
            .collect();
        Article {
            id: id.to_string(),
            path: format!("{id}.txt"),
            record: None,
            url: None,
            outlet: None,
            title: None,
            byline: None,
            agencies: Vec::new(),
            dateline: None,
            published: None,
            language: None,
            paragraphs: sentences.len(),
            sentences,
            set_aside: Vec::new(),
        }
    }

    /// Sort key for chronological order: dated articles first, earliest
    /// first, undated last, ties by id. Every stage that orders articles in
    /// time uses it, so they agree.
    pub fn chronological_key(&self) -> (bool, Option<Date>, &str) {
        (self.published.is_none(), self.published, self.id.as_str())
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
    /// An HTML page larger than the configured limit.
    #[error("HTML page of {bytes} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the page.
        bytes: usize,
        /// The limit ([`ExtractorBuilder::max_html_bytes`]).
        limit: usize,
    },
    /// An HTML page nesting elements deeper than the configured limit.
    #[error("HTML page nests elements deeper than the limit of {limit}")]
    TooDeep {
        /// The limit ([`ExtractorBuilder::max_html_depth`]).
        limit: usize,
    },
    /// A body labelled HTML that is binary data or holds no markup.
    #[error("content labelled HTML is not HTML (binary or no markup)")]
    NotHtml,
    /// The HTML parser failed on the page.
    #[error("the HTML parser failed on this page")]
    Parser,
}

/// Settings of the extract stage; fixed once built.
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    max_html_bytes: usize,
    max_html_depth: usize,
}

/// Turns [`RawDocument`]s into [`Article`]s. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    max_html_bytes: usize,
    max_html_depth: usize,
}

impl Extractor {
    /// Starts a builder with the default settings.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder {
            max_html_bytes: html::DEFAULT_MAX_HTML_BYTES,
            max_html_depth: html::DEFAULT_MAX_HTML_DEPTH,
        }
    }

    /// Extracts metadata and the clean body of one raw document.
    ///
    /// Record fields (`url`, `title`, `published`, `source`) win over what is
    /// found in the text, except that agencies found in the text are always
    /// added. Fails with [`ExtractError::NoBody`] when no body sentence is left.
    ///
    /// An HTML body is checked ([`html::check_page`]), its metadata read
    /// ([`html::page_meta`]) and its main text ([`html::main_text`]) run
    /// through the text path. There the page's own publication date and
    /// canonical URL win over the record's `published` and `url` (for a WARC
    /// record those are the crawl date and the fetched URL); the record's
    /// `title` and `source` still win.
    pub fn extract(&self, raw: &RawDocument) -> Result<Article, ExtractError> {
        if raw.format == BodyFormat::Html {
            html::check_page(&raw.body, self.max_html_bytes, self.max_html_depth)?;
            let meta = html::page_meta(&raw.body);
            let text = html::main_text(&raw.body, &meta)?;
            return self.extract_body(raw, &text, false, Some(&meta));
        }
        let markdown = raw.format == BodyFormat::Markdown || looks_like_markdown(&raw.body);
        self.extract_body(raw, &raw.body, markdown, None)
    }

    /// The text path: `body` is the raw body, or an HTML page's main text
    /// with `page` its metadata.
    fn extract_body(
        &self,
        raw: &RawDocument,
        body: &str,
        markdown: bool,
        page: Option<&html::PageMeta>,
    ) -> Result<Article, ExtractError> {
        let mut st = State {
            skip_title_line: page.is_some(),
            ..State::default()
        };
        lines::scan(body, markdown, &mut st);

        // Re-join paragraphs broken mid-sentence, then split sentences.
        let mut paragraphs: Vec<Mapped> = Vec::with_capacity(st.body.len());
        let mut last_group = usize::MAX;
        for (group, m) in st.body {
            match paragraphs.last_mut() {
                Some(prev) if group != last_group && continues(&prev.text, &m.text) => {
                    prev.join(&m)
                }
                Some(prev) if group == last_group => prev.join(&m),
                _ => paragraphs.push(m),
            }
            last_group = group;
        }
        let mut dateline = None;
        let mut agencies = st.agencies;
        if let Some(first) = paragraphs.first_mut()
            && let Some(d) = find_dateline(&first.text)
        {
            first.drop_prefix(d.prefix_len);
            dateline = Some(d.place);
            agencies.extend(d.agencies);
        }
        // The headline (record, page, or the text's own title line), read
        // once: it is the article's title and what a body repeating it is
        // known by.
        let title = raw
            .title
            .as_deref()
            .map(|t| normalize_inline(t, 0).text)
            .filter(|t| !t.is_empty())
            .or_else(|| page.and_then(|p| p.title.clone()))
            .or(st.title.take());
        let mut sentences = Vec::new();
        let mut count = 0usize;
        let mut first = true;
        for m in &paragraphs {
            let before = sentences.len();
            for r in split_sentences(&m.text) {
                let whole = &m.text[r.clone()];
                let at = furniture::Position {
                    first,
                    title: title.as_deref(),
                };
                first = false;
                let cuts = furniture::furniture(whole, at);
                for c in &cuts {
                    if c.kind == furniture::Furniture::Stamp && st.published.is_none() {
                        st.published = c.date;
                    }
                    st.set_aside.push(SetAside {
                        kind: c.kind.set_aside_kind(),
                        text: whole[c.range.clone()].trim().to_string(),
                    });
                }
                for (k, mut piece) in furniture::kept_pieces(whole, &cuts).into_iter().enumerate() {
                    // A dateline behind a stamp (`Posted May 2 ... ALASKA - A fire ...`).
                    if k == 0
                        && before == 0
                        && sentences.is_empty()
                        && dateline.is_none()
                        && !cuts.is_empty()
                        && let Some(d) = find_dateline(&whole[piece.clone()])
                    {
                        piece.start += d.prefix_len;
                        dateline = Some(d.place);
                        agencies.extend(d.agencies);
                    }
                    let piece = r.start + piece.start..r.start + piece.end;
                    let text = m.text[piece.clone()].to_string();
                    find_agencies(&text, false, &mut agencies);
                    let span = snap(body, m.source_range(piece));
                    sentences.push(Sentence {
                        text,
                        span,
                        paragraph: count,
                    });
                }
            }
            if sentences.len() > before {
                count += 1;
            }
        }
        if sentences.is_empty() {
            return Err(ExtractError::NoBody);
        }
        if let Some(page) = page {
            agencies.extend(page.agencies.iter().copied());
            if let Some(credit) = &page.wire_credit {
                st.set_aside.push(SetAside {
                    kind: SetAsideKind::Meta,
                    text: credit.clone(),
                });
            }
        }
        agencies.sort_unstable();
        agencies.dedup();

        let page_url = page.and_then(|p| p.canonical_url.clone());
        let url = page_url
            .or_else(|| raw.url.clone().filter(|u| !u.trim().is_empty()))
            .or(st.url);
        let outlet = raw
            .source
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| page.and_then(|p| p.outlet.clone()))
            .or_else(|| url.as_deref().and_then(url_host));
        let published = page
            .and_then(|p| p.published)
            .or_else(|| raw.published.as_deref().and_then(parse_published))
            .or(st.published);
        let byline = page.and_then(|p| p.byline.clone()).or(st.byline);
        let mut all = String::new();
        for s in &sentences {
            all.push_str(&s.text);
            all.push(' ');
        }
        Ok(Article {
            id: raw.id.clone(),
            path: raw.path.clone(),
            record: raw.record,
            url,
            outlet,
            title,
            byline,
            agencies: agencies.into_iter().map(str::to_string).collect(),
            dateline,
            published,
            language: page
                .and_then(|p| p.language.clone())
                .or_else(|| detect_language(&all).map(str::to_string)),
            sentences,
            paragraphs: count,
            set_aside: st.set_aside,
        })
    }
}

/// What the line scan found: metadata and the body paragraphs, each with
/// the number of the run of lines it belongs to (lines of one run are joined).
#[derive(Debug, Default)]
struct State {
    /// Whether the plain-text title guess is off (HTML pages have a title).
    skip_title_line: bool,
    title: Option<String>,
    byline: Option<String>,
    published: Option<Date>,
    url: Option<String>,
    agencies: Vec<&'static str>,
    set_aside: Vec<SetAside>,
    body: Vec<(usize, Mapped)>,
}

/// Rounds a source range out to character boundaries of `body`.
fn snap(body: &str, r: Range<usize>) -> Range<usize> {
    let mut start = r.start.min(body.len());
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = r.end.clamp(start, body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Whether paragraph `next` continues the sentence `prev` left open: it
/// starts in lower case, a quotation is open, or `prev` ends in a comma,
/// a dash or a word that cannot end a sentence (the lexicon's open endings:
/// `the`, `of`, `said`).
fn continues(prev: &str, next: &str) -> bool {
    let core = prev.trim_end_matches(['"', '\'', ')', ']']);
    if core.ends_with(['.', '!', '?', ':']) || prev.is_empty() || next.is_empty() {
        return false;
    }
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    let open_quote = prev.bytes().filter(|&b| b == b'"').count() % 2 == 1;
    let last_word = prev.rsplit(' ').next().unwrap_or("");
    next_lower
        || open_quote
        || storyweave_text::lexicon::is_open_ending(last_word)
        || prev.ends_with([',', ';', '-'])
}

impl ExtractorBuilder {
    /// Largest HTML page extracted, in bytes (default 16 MiB); a larger one
    /// fails with [`ExtractError::TooLarge`] before it is parsed.
    pub fn max_html_bytes(mut self, bytes: usize) -> Self {
        self.max_html_bytes = bytes;
        self
    }

    /// Deepest element nesting of an HTML page (default 512); a deeper page
    /// fails with [`ExtractError::TooDeep`] before it is parsed, which keeps
    /// the parser's time and stack bounded.
    pub fn max_html_depth(mut self, depth: usize) -> Self {
        self.max_html_depth = depth;
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> Extractor {
        Extractor {
            max_html_bytes: self.max_html_bytes,
            max_html_depth: self.max_html_depth,
        }
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::builder().build()
    }
}
