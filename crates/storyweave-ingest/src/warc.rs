//! WARC archives (`.warc`, `.warc.gz` with one gzip member per record), read
//! as a stream: each `response` record holding an HTML page becomes a
//! [`RawDocument`] in [`BodyFormat::Html`], other records are passed over,
//! and a corrupt record or a truncated archive becomes a [`Problem`] while
//! the records before it (and, for a corrupt record, after it) are read.
//!
//! Memory is bounded by the document limit: a record larger than it is
//! skipped as a stream, never held.

use std::io::{self, BufRead, Read};

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use crate::charset::{charset_from_content_type, decode_html};
use crate::checks::{NotText, sniff_not_text};
use crate::lines::{BoundedLines, Line};
use crate::{BodyFormat, Item, Problem, ProblemKind, RawDocument};

/// Longest WARC or HTTP header line kept; longer ones are a corrupt record.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header lines one record may have.
const MAX_HEADER_LINES: usize = 1024;
/// Room for the HTTP headers on top of the document limit.
const HTTP_HEADER_ALLOWANCE: usize = 256 * 1024;

/// The WARC headers of one record that matter here.
#[derive(Debug, Default)]
struct Headers {
    kind: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
    content_type: Option<String>,
    length: Option<u64>,
}

/// The documents and problems of one WARC stream (already decompressed:
/// `.warc.gz` is a series of gzip members, which a multi-member gzip
/// decoder turns into one plain WARC stream).
pub struct WarcRecords<R> {
    lines: BoundedLines<R>,
    path: String,
    max_document_bytes: usize,
    /// 1-based number of the record being read.
    record: u64,
    buf: Vec<u8>,
    /// After a corrupt record: skip lines until the next `WARC/` line.
    resync: bool,
    any: bool,
    done: bool,
}

impl<R: BufRead> WarcRecords<R> {
    /// Reads records from `reader`; `path` names the archive in documents and
    /// problems; pages larger than `max_document_bytes` are skipped as
    /// [`ProblemKind::TooLarge`].
    pub fn new(reader: R, path: &str, max_document_bytes: usize) -> Self {
        WarcRecords {
            lines: BoundedLines::new(reader, MAX_HEADER_LINE),
            path: path.to_owned(),
            max_document_bytes,
            record: 0,
            buf: Vec::new(),
            resync: false,
            any: false,
            done: false,
        }
    }

    fn issue(&self, kind: ProblemKind, message: String) -> Problem {
        Problem {
            path: self.path.clone(),
            line: Some(self.record),
            kind,
            message: format!("WARC record {}: {message}", self.record),
        }
    }

    fn problem(&self, kind: ProblemKind, message: String) -> Item {
        Item::Problem(self.issue(kind, message))
    }

    /// An error reading the stream ends it.
    fn fail(&mut self, error: &io::Error) -> Problem {
        self.done = true;
        self.issue(
            ProblemKind::Truncated,
            format!(
                "the archive is truncated or corrupt ({error}); the records before it were read"
            ),
        )
    }

    /// Reads the next header line into `self.buf` (CR stripped); `None` at
    /// the end of the input.
    fn header_line(&mut self) -> io::Result<Option<Line>> {
        let line = self.lines.next_line(&mut self.buf)?;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(match line {
            Line::End => None,
            other => Some(other),
        })
    }

    /// Reads the version line and headers of the next record. `Ok(None)` at
    /// the end of the archive; `Err(item)` for a problem.
    fn read_headers(&mut self) -> Result<Option<Headers>, Problem> {
        // Find the version line, skipping blank lines (and, after a corrupt
        // record, everything up to the next record).
        loop {
            match self.header_line() {
                Err(e) => return Err(self.fail(&e)),
                Ok(None) => return Ok(None),
                Ok(Some(Line::TooLong(_))) => {}
                Ok(Some(_)) => {
                    if self.buf.starts_with(b"WARC/") {
                        break;
                    }
                    if !self.resync && !self.buf.iter().all(u8::is_ascii_whitespace) {
                        self.record += 1;
                        self.resync = true;
                        let shown: String = String::from_utf8_lossy(&self.buf)
                            .chars()
                            .take(40)
                            .collect();
                        return Err(self.issue(
                            ProblemKind::BadRecord,
                            format!("expected a `WARC/1.x` version line, found `{shown}`; skipped to the next record"),
                        ));
                    }
                }
            }
        }
        self.resync = false;
        self.record += 1;
        self.any = true;
        let mut headers = Headers::default();
        let mut count = 0usize;
        loop {
            match self.header_line() {
                Err(e) => return Err(self.fail(&e)),
                Ok(None) => {
                    self.done = true;
                    return Err(self.issue(
                        ProblemKind::Truncated,
                        "the archive ends inside the record's headers".to_owned(),
                    ));
                }
                Ok(Some(Line::TooLong(len))) => {
                    self.resync = true;
                    return Err(self.issue(
                        ProblemKind::BadRecord,
                        format!("a header line is {len} bytes long; skipped to the next record"),
                    ));
                }
                Ok(Some(_)) => {}
            }
            if self.buf.is_empty() {
                break;
            }
            count += 1;
            if count > MAX_HEADER_LINES {
                self.resync = true;
                return Err(self.issue(
                    ProblemKind::BadRecord,
                    "too many header lines; skipped to the next record".to_owned(),
                ));
            }
            let line = String::from_utf8_lossy(&self.buf);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_owned();
            let name = name.trim();
            if name.eq_ignore_ascii_case("WARC-Type") {
                headers.kind = Some(value);
            } else if name.eq_ignore_ascii_case("WARC-Target-URI") {
                headers.target_uri = Some(value.trim_matches(['<', '>']).to_owned());
            } else if name.eq_ignore_ascii_case("WARC-Date") {
                headers.date = Some(value);
            } else if name.eq_ignore_ascii_case("WARC-Record-ID") {
                headers.record_id = Some(value.trim_matches(['<', '>']).to_owned());
            } else if name.eq_ignore_ascii_case("Content-Type") {
                headers.content_type = Some(value);
            } else if name.eq_ignore_ascii_case("Content-Length") {
                headers.length = value.parse().ok();
            }
        }
        Ok(Some(headers))
    }

    /// Reads (`keep`) or skips `len` bytes of content block.
    fn block(&mut self, len: u64, keep: bool) -> Result<Vec<u8>, Problem> {
        let mut data = Vec::new();
        let reader = self.lines.get_mut();
        let mut take = reader.take(len);
        let got = if keep {
            data.reserve(usize::try_from(len).unwrap_or(0).min(1 << 20));
            take.read_to_end(&mut data).map(|n| n as u64)
        } else {
            io::copy(&mut take, &mut io::sink())
        };
        match got {
            Err(e) => Err(self.fail(&e)),
            Ok(n) if n < len => {
                self.done = true;
                Err(self.issue(
                    ProblemKind::Truncated,
                    format!("the archive ends inside the record ({n} of {len} bytes); the records before it were read"),
                ))
            }
            Ok(_) => Ok(data),
        }
    }

    /// The next document or problem; `None` at the end of the archive.
    fn next_item(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            let headers = match self.read_headers() {
                Ok(Some(h)) => h,
                Ok(None) => {
                    self.done = true;
                    if self.any {
                        return None;
                    }
                    return Some(Item::Problem(Problem {
                        path: self.path.clone(),
                        line: None,
                        kind: ProblemKind::Empty,
                        message: "the archive holds no WARC records".to_owned(),
                    }));
                }
                Err(p) => return Some(Item::Problem(p)),
            };
            let Some(len) = headers.length else {
                self.resync = true;
                return Some(self.problem(
                    ProblemKind::BadRecord,
                    "no valid Content-Length header; skipped to the next record".to_owned(),
                ));
            };
            let is_response = headers
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("response"))
                && headers
                    .content_type
                    .as_deref()
                    .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/http"));
            let limit = self
                .max_document_bytes
                .saturating_add(HTTP_HEADER_ALLOWANCE) as u64;
            let keep = is_response && len <= limit;
            let block = match self.block(len, keep) {
                Ok(block) => block,
                Err(p) => return Some(Item::Problem(p)),
            };
            if !is_response {
                continue;
            }
            if !keep {
                return Some(self.problem(
                    ProblemKind::TooLarge,
                    format!(
                        "the response is {len} bytes, over the limit of {} bytes; skipped",
                        self.max_document_bytes
                    ),
                ));
            }
            match self.page(&headers, &block) {
                Some(item) => return Some(item),
                None => continue,
            }
        }
    }

    /// Turns an HTTP response block into a document, a problem, or nothing
    /// (not an HTML page, or not a success).
    fn page(&self, headers: &Headers, block: &[u8]) -> Option<Item> {
        let Some((head, body)) = split_http(block) else {
            return Some(self.problem(
                ProblemKind::BadRecord,
                "the HTTP response has no end of headers".to_owned(),
            ));
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let status = lines.next().unwrap_or("");
        let code = status
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok());
        if !status.starts_with("HTTP/") || code.is_none() {
            return Some(self.problem(
                ProblemKind::BadRecord,
                "the response does not start with an HTTP status line".to_owned(),
            ));
        }
        if !code.is_some_and(|c| (200..300).contains(&c)) {
            return None;
        }
        let (mut content_type, mut chunked, mut encoding) = (None, false, None);
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("Content-Type") {
                content_type = Some(value);
            } else if name.eq_ignore_ascii_case("Transfer-Encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            } else if name.eq_ignore_ascii_case("Content-Encoding") {
                encoding = Some(value.to_ascii_lowercase());
            }
        }
        let is_html = content_type.is_none_or(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("html")
        });
        if !is_html {
            return None;
        }
        let limit = self.max_document_bytes;
        let dechunked;
        let body = if chunked {
            match dechunk(body) {
                Some(b) => {
                    dechunked = b;
                    dechunked.as_slice()
                }
                None => {
                    return Some(self.problem(
                        ProblemKind::BadRecord,
                        "the chunked HTTP body is corrupt".to_owned(),
                    ));
                }
            }
        } else {
            body
        };
        let inflated;
        let body = match encoding.as_deref() {
            None | Some("identity" | "") => body,
            Some(enc @ ("gzip" | "x-gzip" | "deflate")) => {
                let mut out = Vec::new();
                let reader: Box<dyn Read + '_> = if enc == "deflate" {
                    Box::new(ZlibDecoder::new(body))
                } else {
                    Box::new(MultiGzDecoder::new(body))
                };
                match reader.take(limit as u64 + 1).read_to_end(&mut out) {
                    Ok(_) => {
                        inflated = out;
                        inflated.as_slice()
                    }
                    Err(e) => {
                        return Some(self.problem(
                            ProblemKind::BadRecord,
                            format!("the {enc}-encoded HTTP body is corrupt: {e}"),
                        ));
                    }
                }
            }
            Some(other) => {
                return Some(self.problem(
                    ProblemKind::Unsupported,
                    format!(
                        "the HTTP body uses the `{other}` content encoding, which is not supported"
                    ),
                ));
            }
        };
        if body.len() > limit {
            return Some(self.problem(
                ProblemKind::TooLarge,
                format!("the page is over the limit of {limit} bytes; skipped"),
            ));
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Some(self.problem(ProblemKind::Empty, "the page is empty".to_owned()));
        }
        if let Some(NotText::Binary(message) | NotText::Utf16(message)) = sniff_not_text(body) {
            return Some(
                self.problem(ProblemKind::Binary, format!("served as HTML but {message}")),
            );
        }
        let charset = content_type.and_then(charset_from_content_type);
        let html = decode_html(body, charset);
        let url = headers.target_uri.clone().filter(|u| !u.is_empty());
        let id = headers
            .record_id
            .clone()
            .filter(|i| !i.is_empty())
            .or_else(|| url.clone())
            .unwrap_or_else(|| format!("{}:{}", self.path, self.record));
        Some(Item::Document(RawDocument {
            id,
            path: self.path.clone(),
            record: Some(self.record),
            format: BodyFormat::Html,
            body: html,
            url,
            title: None,
            published: headers.date.clone().filter(|d| !d.is_empty()),
            source: None,
        }))
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        self.next_item()
    }
}

impl<R> std::fmt::Debug for WarcRecords<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcRecords")
            .field("path", &self.path)
            .field("record", &self.record)
            .finish_non_exhaustive()
    }
}

/// Splits an HTTP message at the blank line ending its headers.
fn split_http(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4));
    let lf = block
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|p| (p, p + 2));
    let (end, body) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    Some((block.get(..end)?, block.get(body..)?))
}

/// Undoes HTTP chunked transfer encoding; `None` when it is malformed.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let nl = data.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(data.get(..nl)?).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        data = data.get(nl + 1..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-04T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    fn items(data: &[u8]) -> Vec<Item> {
        WarcRecords::new(data, "a.warc", 1 << 20).collect()
    }

    #[test]
    fn html_responses_become_documents() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>caf\u{e9}</p>";
        let mut data = record("response", "http://x.org/a", page).into_bytes();
        // Re-encode the body in latin-1 as the header says.
        let at = data.len() - "\u{e9}</p>\r\n\r\n".len();
        data.splice(at..at + 2, [0xe9, b' ']);
        let got = items(&data);
        let [Item::Document(doc)] = got.as_slice() else {
            panic!("expected one document, got {got:?}");
        };
        assert_eq!(doc.format, BodyFormat::Html);
        assert!(doc.body.contains("caf\u{e9}"), "{}", doc.body);
        assert_eq!(doc.url.as_deref(), Some("http://x.org/a"));
        assert_eq!(doc.id, "urn:uuid:http://x.org/a");
        assert_eq!(doc.published.as_deref(), Some("2025-03-04T10:00:00Z"));
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").as_deref(),
            Some(&b"abcde"[..])
        );
        assert_eq!(dechunk(b"ff\r\nabc"), None);
    }

    #[test]
    fn garbage_between_records_is_one_problem_then_reading_goes_on() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>";
        let data = format!("junk line\nmore junk\n{}", record("response", "u", page));
        let got = items(data.as_bytes());
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Item::Problem(p) if p.kind == ProblemKind::BadRecord));
        assert!(matches!(&got[1], Item::Document(_)));
    }
}
