//! The reader: [`Ingest`] (settings) and [`Items`] (the lazy stream).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::fs;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::checks::{NotText, SNIFF_BYTES, UTF8_BOM, sniff_not_text, utf8_message};
use crate::decode::{Compression, DynRead, Prefixed, decompress, read_up_to};
use crate::lines::{BoundedLines, Line};
use crate::paths::{FileKind, SUPPORTED, direct_id, file_name, is_hidden, relative_id, split_name};
use crate::record::{Element, JsonFile, json_error_parts};
use crate::warc::WarcRecords;
use crate::{BodyFormat, Item, Problem, ProblemKind, RawDocument};

/// Default for [`IngestBuilder::max_document_bytes`]: 16 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
/// Default for [`IngestBuilder::max_line_bytes`]: 16 MiB.
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Buffer size for streamed (JSONL) inputs.
const STREAM_BUFFER: usize = 64 * 1024;

/// Settings for an [`Ingest`]; fixed once [`IngestBuilder::build`] is called.
#[derive(Debug, Clone)]
pub struct IngestBuilder {
    max_document_bytes: usize,
    max_line_bytes: usize,
}

impl Default for IngestBuilder {
    fn default() -> Self {
        IngestBuilder {
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

impl IngestBuilder {
    /// Largest whole-file document (`.txt`, `.md`, `.json`, stdin text) read,
    /// in bytes after decompression; a larger one becomes a
    /// [`ProblemKind::TooLarge`] without being read into memory past the limit.
    /// A `.json` file is parsed whole, so the limit applies to it as a whole:
    /// big collections belong in JSONL, which is streamed line by line.
    pub fn max_document_bytes(mut self, bytes: usize) -> Self {
        self.max_document_bytes = bytes;
        self
    }

    /// Longest JSONL line, in bytes (newline excluded); a longer line is
    /// skipped as a [`ProblemKind::TooLarge`] and reading goes on after it.
    pub fn max_line_bytes(mut self, bytes: usize) -> Self {
        self.max_line_bytes = bytes;
        self
    }

    /// The reader with these settings.
    pub fn build(self) -> Ingest {
        Ingest {
            max_document_bytes: self.max_document_bytes,
            max_line_bytes: self.max_line_bytes,
        }
    }
}

/// Reads documents from files, folders and stdin with fixed settings. Cheap
/// to clone and shareable between threads; every [`Ingest::read`] is an
/// independent stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingest {
    max_document_bytes: usize,
    max_line_bytes: usize,
}

impl Default for Ingest {
    fn default() -> Self {
        IngestBuilder::default().build()
    }
}

impl Ingest {
    /// A builder with the default limits (16 MiB per document and per line).
    pub fn builder() -> IngestBuilder {
        IngestBuilder::default()
    }

    /// The limit on whole-file documents, in bytes.
    pub fn max_document_bytes(&self) -> usize {
        self.max_document_bytes
    }

    /// The limit on JSONL lines, in bytes.
    pub fn max_line_bytes(&self) -> usize {
        self.max_line_bytes
    }

    /// Streams every document and problem from the given inputs (paths as
    /// the user typed them; `-` = stdin). Lazy: nothing is read until the
    /// iterator is pulled.
    ///
    /// Folders are walked recursively in name order, skipping hidden entries,
    /// files of unsupported types and symbolic links to folders. A file's
    /// format comes from its extension (`.txt`, `.md`/`.markdown`, `.json`,
    /// `.jsonl`/`.ndjson`, `.html`/`.htm`, `.warc`, each optionally
    /// `.gz`/`.zst`/`.zstd`); gzip and zstd content is recognised by its
    /// magic bytes whatever the name. JSON records may carry their body as
    /// `html` instead of `text`: it is passed on unchanged as
    /// [`BodyFormat::Html`], and turning it into main text is left to the
    /// extract stage. HTML files are decoded by their declared or guessed
    /// charset; WARC archives are streamed record by record (see [`crate::warc`]).
    pub fn read(&self, inputs: &[PathBuf]) -> Items {
        self.read_with_stdin(inputs, Box::new(io::stdin()))
    }

    /// Same as [`Ingest::read`], but `-` reads `stdin` instead of the
    /// process's standard input (for tests and services). Stdin content is
    /// sniffed: JSONL when its first non-space byte is `{`, text otherwise.
    pub fn read_with_stdin(&self, inputs: &[PathBuf], stdin: Box<dyn io::Read + Send>) -> Items {
        Items {
            settings: self.clone(),
            inputs: inputs.iter().cloned().collect(),
            stdin: Some(stdin),
            stack: Vec::new(),
            lines: None,
            warc: None,
            pending: VecDeque::new(),
            seen: HashMap::new(),
            places: Vec::new(),
        }
    }
}

/// A file (or stdin) about to be read.
struct Source {
    /// Where to read from; `None` = stdin.
    path: Option<PathBuf>,
    /// The path for messages and [`RawDocument::path`].
    display: String,
    /// The document id (whole files) or id prefix (records).
    id_base: String,
    /// The format, when the name tells it; `None` = sniff (stdin).
    kind: Option<FileKind>,
}

/// An entry of a folder being walked.
struct WalkEntry {
    path: PathBuf,
    /// The folder argument it was found under.
    root: Arc<Path>,
    file_type: fs::FileType,
}

/// A JSONL source being read line by line.
struct JsonLines {
    lines: BoundedLines<BufReader<Prefixed<DynRead>>>,
    display: String,
    id_base: String,
    compression: Compression,
    /// Bytes of byte order mark stripped before the first line.
    bom_len: u64,
    max_line: usize,
    line_no: u64,
    buf: Vec<u8>,
    /// Whether any non-blank line was seen.
    any: bool,
    done: bool,
}

/// The stream of [`Item`]s from [`Ingest::read`]: documents in input order,
/// with a [`Problem`] in place of each thing that could not be read. Holds at
/// most one file open at a time.
pub struct Items {
    settings: Ingest,
    inputs: VecDeque<PathBuf>,
    stdin: Option<DynRead>,
    /// Folder entries still to visit, next on top.
    stack: Vec<WalkEntry>,
    lines: Option<JsonLines>,
    /// A WARC archive being read record by record.
    warc: Option<WarcRecords<BufReader<Prefixed<DynRead>>>>,
    pending: VecDeque<Item>,
    /// Every id admitted so far, with where it came from (an index into
    /// `places` and the record number).
    seen: HashMap<String, (usize, Option<u64>)>,
    /// Paths of admitted documents, each stored once.
    places: Vec<String>,
}

impl fmt::Debug for Items {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("settings", &self.settings)
            .field("inputs_left", &self.inputs.len())
            .field("documents_seen", &self.seen.len())
            .finish_non_exhaustive()
    }
}

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(lines) = self.lines.as_mut() {
                match lines.next_item() {
                    Some(item) => return Some(self.admit(item)),
                    None => {
                        self.lines = None;
                        continue;
                    }
                }
            }
            if let Some(warc) = self.warc.as_mut() {
                match warc.next() {
                    Some(item) => return Some(self.admit(item)),
                    None => {
                        self.warc = None;
                        continue;
                    }
                }
            }
            if let Some(entry) = self.stack.pop() {
                self.visit(entry);
                continue;
            }
            let input = self.inputs.pop_front()?;
            self.start_input(input);
        }
    }
}

/// A problem item.
fn problem(path: &str, line: Option<u64>, kind: ProblemKind, message: impl Into<String>) -> Item {
    Item::Problem(Problem {
        path: path.to_owned(),
        line,
        kind,
        message: message.into(),
    })
}

/// The kind and message for an error while reading content.
fn read_error(error: &io::Error, compression: Compression) -> (ProblemKind, String) {
    match compression {
        Compression::None => (ProblemKind::Io, format!("read error: {error}")),
        c => (
            ProblemKind::Truncated,
            format!("{} data is truncated or corrupt: {error}", c.name()),
        ),
    }
}

/// Where offsets in messages count from.
fn after_decompression(compression: Compression) -> &'static str {
    match compression {
        Compression::None => "",
        _ => " of the decompressed data",
    }
}

impl Items {
    /// Queues an item to be returned next.
    fn push(&mut self, item: Item) {
        self.pending.push_back(item);
    }

    /// Lets a document through unless its id was seen before, in which case
    /// it becomes a [`ProblemKind::DuplicateId`] naming both places.
    fn admit(&mut self, item: Item) -> Item {
        let Item::Document(doc) = item else {
            return item;
        };
        match self.seen.entry(doc.id.clone()) {
            Entry::Occupied(first) => {
                let (index, record) = *first.get();
                let first_path = self.places.get(index).map_or("?", String::as_str);
                let first_place = match record {
                    Some(r) => format!("{first_path}:{r}"),
                    None => first_path.to_owned(),
                };
                problem(
                    &doc.path,
                    doc.record,
                    ProblemKind::DuplicateId,
                    format!(
                        "duplicate id `{}`: already read from {first_place}; this one is skipped",
                        doc.id
                    ),
                )
            }
            Entry::Vacant(slot) => {
                if self.places.last() != Some(&doc.path) {
                    self.places.push(doc.path.clone());
                }
                slot.insert((self.places.len() - 1, doc.record));
                Item::Document(doc)
            }
        }
    }

    /// Handles one argument: stdin, a folder, or a file.
    fn start_input(&mut self, input: PathBuf) {
        if input.as_os_str() == "-" {
            let source = Source {
                path: None,
                display: "-".to_owned(),
                id_base: "stdin".to_owned(),
                kind: None,
            };
            self.read_source(source);
            return;
        }
        let display = input.to_string_lossy().into_owned();
        match fs::metadata(&input) {
            Err(e) => self.push(problem(
                &display,
                None,
                ProblemKind::Io,
                format!("cannot read: {e}"),
            )),
            Ok(meta) if meta.is_dir() => {
                let root: Arc<Path> = Arc::from(input.as_path());
                self.expand_dir(&input, &root);
            }
            Ok(_) => {
                let name = file_name(&input);
                match split_name(&name).1 {
                    None => self.push(problem(
                        &display,
                        None,
                        ProblemKind::Unsupported,
                        format!("unsupported file type; expected {SUPPORTED}"),
                    )),
                    Some(kind) => {
                        let id_base = direct_id(&input);
                        self.read_source(Source {
                            path: Some(input),
                            display,
                            id_base,
                            kind: Some(kind),
                        });
                    }
                }
            }
        }
    }

    /// Lists a folder, hidden entries left out, and puts its entries on the
    /// walk stack in name order.
    fn expand_dir(&mut self, dir: &Path, root: &Arc<Path>) {
        let listing = match fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(e) => {
                let display = dir.to_string_lossy();
                self.push(problem(
                    &display,
                    None,
                    ProblemKind::Io,
                    format!("cannot list folder: {e}"),
                ));
                return;
            }
        };
        let mut entries = Vec::new();
        for entry in listing {
            let entry = match entry.and_then(|e| e.file_type().map(|t| (e, t))) {
                Ok(entry) => entry,
                Err(e) => {
                    let display = dir.to_string_lossy();
                    self.push(problem(
                        &display,
                        None,
                        ProblemKind::Io,
                        format!("cannot list folder: {e}"),
                    ));
                    continue;
                }
            };
            let (entry, file_type) = entry;
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            entries.push((
                name,
                WalkEntry {
                    path: entry.path(),
                    root: Arc::clone(root),
                    file_type,
                },
            ));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        // The stack pops from the end: push in reverse so the first name is next.
        self.stack
            .extend(entries.into_iter().rev().map(|(_, entry)| entry));
    }

    /// Handles one folder entry: recurses into folders, reads supported
    /// files, skips the rest silently.
    fn visit(&mut self, entry: WalkEntry) {
        if entry.file_type.is_dir() {
            self.expand_dir(&entry.path, &entry.root);
            return;
        }
        let name = file_name(&entry.path);
        let Some(kind) = split_name(&name).1 else {
            return;
        };
        let display = entry.path.to_string_lossy().into_owned();
        if entry.file_type.is_symlink() {
            // Links to files are read; links to folders are not followed,
            // so a link loop cannot make the walk endless.
            match fs::metadata(&entry.path) {
                Ok(meta) if meta.is_file() => {}
                Ok(_) => return,
                Err(e) => {
                    self.push(problem(
                        &display,
                        None,
                        ProblemKind::Io,
                        format!("cannot read: {e}"),
                    ));
                    return;
                }
            }
        } else if !entry.file_type.is_file() {
            // Pipes, sockets and devices in a folder are not articles.
            return;
        }
        let id_base = relative_id(&entry.root, &entry.path);
        self.read_source(Source {
            path: Some(entry.path),
            display,
            id_base,
            kind: Some(kind),
        });
    }

    /// Opens a file or stdin, checks its first bytes, and reads it whole
    /// (text, markdown, JSON) or starts streaming it (JSONL).
    fn read_source(&mut self, source: Source) {
        let mut size_hint = 0u64;
        let raw: DynRead = match &source.path {
            None => match self.stdin.take() {
                Some(stdin) => stdin,
                None => {
                    self.push(problem(
                        &source.display,
                        None,
                        ProblemKind::Io,
                        "standard input was already read (`-` given more than once)",
                    ));
                    return;
                }
            },
            Some(path) => match fs::File::open(path) {
                Ok(file) => {
                    size_hint = file.metadata().map(|m| m.len()).unwrap_or(0);
                    Box::new(file)
                }
                Err(e) => {
                    self.push(problem(
                        &source.display,
                        None,
                        ProblemKind::Io,
                        format!("cannot open: {e}"),
                    ));
                    return;
                }
            },
        };
        let (mut decoded, compression) = decompress(raw);

        if source.kind == Some(FileKind::Warc) {
            // Archives hold binary records too: no text sniffing here; each
            // page is checked on its own.
            let reader =
                BufReader::with_capacity(STREAM_BUFFER, Prefixed::new(Vec::new(), None, decoded));
            self.warc = Some(WarcRecords::new(
                reader,
                &source.display,
                self.settings.max_document_bytes,
            ));
            return;
        }

        let mut head = Vec::with_capacity(SNIFF_BYTES);
        let head_error = read_up_to(&mut decoded, SNIFF_BYTES, &mut head).err();
        let bom_len = if head.starts_with(&UTF8_BOM) {
            head.drain(..UTF8_BOM.len());
            UTF8_BOM.len()
        } else {
            0
        };
        match sniff_not_text(&head) {
            Some(NotText::Binary(message)) => {
                self.push(problem(&source.display, None, ProblemKind::Binary, message));
                return;
            }
            Some(NotText::Utf16(message)) => {
                self.push(problem(
                    &source.display,
                    None,
                    ProblemKind::InvalidUtf8,
                    message,
                ));
                return;
            }
            None => {}
        }
        let kind = source.kind.unwrap_or_else(|| sniff_kind(&head));

        if kind == FileKind::JsonLines {
            let reader =
                BufReader::with_capacity(STREAM_BUFFER, Prefixed::new(head, head_error, decoded));
            self.lines = Some(JsonLines {
                lines: BoundedLines::new(reader, self.settings.max_line_bytes),
                display: source.display,
                id_base: source.id_base,
                compression,
                bom_len: bom_len as u64,
                max_line: self.settings.max_line_bytes,
                line_no: 0,
                buf: Vec::new(),
                any: false,
                done: false,
            });
            return;
        }

        // Whole-file formats: read at most limit + 1 bytes, so a huge (or
        // decompression-bomb) file is refused without being held in memory.
        let limit = self.settings.max_document_bytes;
        let mut data = head;
        let result = match head_error {
            Some(e) => Err(e),
            None => {
                let cap = usize::try_from(size_hint)
                    .unwrap_or(usize::MAX)
                    .min(limit.saturating_add(1));
                data.reserve(cap.saturating_sub(data.len()));
                read_up_to(&mut decoded, limit.saturating_add(1), &mut data)
            }
        };
        drop(decoded);
        if let Err(e) = result {
            let (kind, message) = read_error(&e, compression);
            self.push(problem(&source.display, None, kind, message));
            return;
        }
        if data.len() > limit {
            let message = format!(
                "larger than the limit of {limit} bytes{}; skipped",
                if compression == Compression::None {
                    ""
                } else {
                    " after decompression"
                }
            );
            self.push(problem(
                &source.display,
                None,
                ProblemKind::TooLarge,
                message,
            ));
            return;
        }
        let body = if kind == FileKind::Html {
            // Web pages declare their charset (or have it guessed).
            crate::charset::decode_html(&data, None)
        } else {
            match String::from_utf8(data) {
                Ok(body) => body,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let offset = (at + bom_len) as u64;
                    let message = format!(
                        "{}{}",
                        utf8_message(e.as_bytes(), at, offset),
                        after_decompression(compression)
                    );
                    self.push(problem(
                        &source.display,
                        None,
                        ProblemKind::InvalidUtf8,
                        message,
                    ));
                    return;
                }
            }
        };
        if body.trim().is_empty() {
            let message = if body.is_empty() {
                "file is empty"
            } else {
                "file holds only whitespace"
            };
            self.push(problem(&source.display, None, ProblemKind::Empty, message));
            return;
        }
        match kind {
            FileKind::Text | FileKind::Markdown | FileKind::Html | FileKind::Warc => {
                let format = match kind {
                    FileKind::Markdown => BodyFormat::Markdown,
                    FileKind::Html | FileKind::Warc => BodyFormat::Html,
                    _ => BodyFormat::Text,
                };
                let doc = RawDocument {
                    id: source.id_base,
                    path: source.display,
                    record: None,
                    format,
                    body,
                    url: None,
                    title: None,
                    published: None,
                    source: None,
                };
                let item = self.admit(Item::Document(doc));
                self.push(item);
            }
            FileKind::Json | FileKind::JsonLines => self.read_json(&source, &body),
        }
    }

    /// Reads a whole `.json` file: one object, or an array of objects.
    fn read_json(&mut self, source: &Source, body: &str) {
        let file = match serde_json::from_str::<JsonFile>(body) {
            Ok(file) => file,
            Err(e) => {
                let (message, column) = json_error_parts(&e);
                let line = u64::try_from(e.line()).ok();
                let message = format!("invalid JSON: {message} (column {column})");
                self.push(problem(
                    &source.display,
                    line,
                    ProblemKind::BadRecord,
                    message,
                ));
                return;
            }
        };
        match file {
            JsonFile::One(record) => {
                let item = match record
                    .into_document(&source.display, None, || source.id_base.clone())
                {
                    Ok(doc) => Item::Document(doc),
                    Err(message) => problem(&source.display, None, ProblemKind::BadRecord, message),
                };
                let item = self.admit(item);
                self.push(item);
            }
            JsonFile::Many(elements) if elements.is_empty() => {
                self.push(problem(
                    &source.display,
                    None,
                    ProblemKind::Empty,
                    "file holds an empty array",
                ));
            }
            JsonFile::Many(elements) => {
                for (index, element) in (1u64..).zip(elements) {
                    let item = match element {
                        Element::Record(record) => {
                            match record.into_document(&source.display, Some(index), || {
                                format!("{}:{index}", source.id_base)
                            }) {
                                Ok(doc) => Item::Document(doc),
                                Err(message) => problem(
                                    &source.display,
                                    Some(index),
                                    ProblemKind::BadRecord,
                                    format!("record {index}: {message}"),
                                ),
                            }
                        }
                        Element::Other(what) => problem(
                            &source.display,
                            Some(index),
                            ProblemKind::BadRecord,
                            format!("record {index}: expected a JSON object, found {what}"),
                        ),
                    };
                    let item = self.admit(item);
                    self.push(item);
                }
            }
            JsonFile::Other(what) => self.push(problem(
                &source.display,
                None,
                ProblemKind::BadRecord,
                format!("expected a JSON object or an array of objects, found {what}"),
            )),
        }
    }
}

/// Guesses the format of stdin from its first bytes: JSONL when the first
/// non-space byte is `{`, text otherwise.
fn sniff_kind(head: &[u8]) -> FileKind {
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => FileKind::JsonLines,
        _ => FileKind::Text,
    }
}

impl JsonLines {
    /// The next document or problem of this file, `None` at its end.
    fn next_item(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            let start = self.lines.offset();
            match self.lines.next_line(&mut self.buf) {
                Err(e) => {
                    self.done = true;
                    let (kind, message) = read_error(&e, self.compression);
                    let line = self.line_no + 1;
                    let message =
                        format!("{message} (at line {line}; the lines before it were read)");
                    return Some(problem(&self.display, Some(line), kind, message));
                }
                Ok(Line::End) => {
                    self.done = true;
                    if self.any {
                        return None;
                    }
                    let message = if start == 0 && self.bom_len == 0 {
                        "file is empty"
                    } else {
                        "file holds only blank lines"
                    };
                    return Some(problem(&self.display, None, ProblemKind::Empty, message));
                }
                Ok(Line::TooLong(len)) => {
                    self.line_no += 1;
                    self.any = true;
                    let message = format!(
                        "line is {len} bytes long, over the limit of {} bytes; skipped",
                        self.max_line
                    );
                    return Some(problem(
                        &self.display,
                        Some(self.line_no),
                        ProblemKind::TooLarge,
                        message,
                    ));
                }
                Ok(Line::Data) => {
                    self.line_no += 1;
                    let line = self.buf.strip_suffix(b"\r").unwrap_or(&self.buf);
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.any = true;
                    return Some(self.parse_line(start));
                }
            }
        }
    }

    /// Turns the line in `buf` (which starts at byte `start` of the decoded
    /// stream) into a document or a problem.
    fn parse_line(&self, start: u64) -> Item {
        let line_no = self.line_no;
        let bytes = self.buf.strip_suffix(b"\r").unwrap_or(&self.buf);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.valid_up_to();
                let offset = self.bom_len + start + at as u64;
                let message = format!(
                    "{}{}, column {}",
                    utf8_message(bytes, at, offset),
                    after_decompression(self.compression),
                    at + 1
                );
                return problem(
                    &self.display,
                    Some(line_no),
                    ProblemKind::InvalidUtf8,
                    message,
                );
            }
        };
        let record = match serde_json::from_str::<Element>(text) {
            Ok(Element::Record(record)) => record,
            Ok(Element::Other(what)) => {
                let message = format!("expected a JSON object, found {what}");
                return problem(
                    &self.display,
                    Some(line_no),
                    ProblemKind::BadRecord,
                    message,
                );
            }
            Err(e) => {
                let (message, column) = json_error_parts(&e);
                let message = format!("invalid JSON: {message} (column {column})");
                return problem(
                    &self.display,
                    Some(line_no),
                    ProblemKind::BadRecord,
                    message,
                );
            }
        };
        match record.into_document(&self.display, Some(line_no), || {
            format!("{}:{line_no}", self.id_base)
        }) {
            Ok(doc) => Item::Document(doc),
            Err(message) => problem(
                &self.display,
                Some(line_no),
                ProblemKind::BadRecord,
                message,
            ),
        }
    }
}
