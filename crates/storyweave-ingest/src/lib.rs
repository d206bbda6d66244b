//! The *ingest* stage: turns paths (files, folders, `-` for stdin) into a
//! stream of [`RawDocument`]s and [`Problem`]s.
//!
//! Input is untrusted. A bad file or record never stops the run: it becomes a
//! [`Problem`] naming the file (and line) and the stream goes on. Memory does
//! not grow with the size of an input file beyond one document or line.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use storyweave_ingest::{Ingest, Item, Summary};
//!
//! let ingest = Ingest::builder().max_document_bytes(8 << 20).build();
//! let mut summary = Summary::new();
//! for item in ingest.read(&[PathBuf::from("articles/"), PathBuf::from("-")]) {
//!     summary.record(&item);
//!     match item {
//!         Item::Document(doc) => println!("{} ({} bytes)", doc.id, doc.body.len()),
//!         Item::Problem(problem) => eprintln!("skipped {problem}"),
//!     }
//! }
//! eprintln!("{summary}");
//! ```

mod charset;
mod checks;
mod decode;
mod ingest;
mod lines;
mod paths;
mod record;
mod summary;
pub mod warc;

pub use charset::{charset_from_content_type, decode_html};
pub use decode::open_decompressed;
pub use ingest::{
    DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_LINE_BYTES, Ingest, IngestBuilder, Items,
};
pub use summary::Summary;

use serde::Serialize;

/// How the body of a [`RawDocument`] is to be read by the extract stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    /// Plain text (also the `text` field of JSON records).
    Text,
    /// Markdown, as produced by scrapers.
    Markdown,
    /// An HTML page (`.html`/`.htm` files, WARC responses, the `html` field
    /// of JSON records), already decoded to UTF-8; the extract stage finds
    /// its main text and metadata.
    Html,
}

/// One article as read from its source, before any cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// Stable id: the record's `id` field; else, for a whole file, its path
    /// relative to the folder argument without extensions (`wire/moscow-times`),
    /// or its bare stem when named directly (`a` for `a.txt.gz`), or `stdin`;
    /// for a record without `id`, that file id, a colon and the line or
    /// record number (`feed:12`, `stdin:3`).
    pub id: String,
    /// The file it came from, as the user named it (`-` for stdin).
    pub path: String,
    /// 1-based line (JSONL) or record index (JSON array) within `path`.
    pub record: Option<u64>,
    /// How to read `body`.
    pub format: BodyFormat,
    /// The article body: file contents, or the record's `text` field. Byte
    /// spans reported by later stages index into this string.
    pub body: String,
    /// `url` field of a record, when given.
    pub url: Option<String>,
    /// `title` field of a record, when given.
    pub title: Option<String>,
    /// `published` field of a record, unparsed, when given.
    pub published: Option<String>,
    /// `source` field of a record (the outlet), when given.
    pub source: Option<String>,
}

/// Why an input, or part of one, was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The file (or record text) holds nothing but whitespace.
    Empty,
    /// The content looks binary (NUL bytes or mostly control characters).
    Binary,
    /// The content is not valid UTF-8.
    InvalidUtf8,
    /// A compressed stream ended early or is corrupt.
    Truncated,
    /// A file or line is larger than the configured limit.
    TooLarge,
    /// A JSON record cannot be parsed or has no `text`, `html` or `title`.
    BadRecord,
    /// A second document with an id already seen.
    DuplicateId,
    /// The path cannot be read (missing, permission, not a file).
    Io,
    /// The file's extension is not a supported input format.
    Unsupported,
}

impl ProblemKind {
    /// A short human label, used in summaries (`invalid UTF-8`).
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::Empty => "empty",
            ProblemKind::Binary => "binary",
            ProblemKind::InvalidUtf8 => "invalid UTF-8",
            ProblemKind::Truncated => "truncated or corrupt",
            ProblemKind::TooLarge => "too large",
            ProblemKind::BadRecord => "bad record",
            ProblemKind::DuplicateId => "duplicate id",
            ProblemKind::Io => "unreadable",
            ProblemKind::Unsupported => "unsupported format",
        }
    }
}

/// A skipped input, with enough detail for a person to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as the user named it (`-` for stdin).
    pub path: String,
    /// 1-based line or record, when the problem is inside a multi-record file.
    pub line: Option<u64>,
    /// Category, for summaries and exit codes.
    pub kind: ProblemKind,
    /// What went wrong, in words.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// One item of the ingest stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A document that was read.
    Document(RawDocument),
    /// Something that was skipped.
    Problem(Problem),
}
