//! A line reader with a length limit that never buffers more than the limit:
//! an over-long line is skipped chunk by chunk up to its newline.

use std::io::{self, BufRead};

/// What [`BoundedLines::next_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line is in the buffer (without its `\n`).
    Data,
    /// A line longer than the limit was skipped; it had this many bytes.
    TooLong(u64),
    /// The input ended.
    End,
}

/// Reads `\n`-terminated lines from a [`BufRead`], holding at most `max`
/// bytes of one line in memory.
pub(crate) struct BoundedLines<R> {
    reader: R,
    max: usize,
    /// Bytes consumed so far: the offset of the next line's first byte.
    offset: u64,
}

impl<R: BufRead> BoundedLines<R> {
    /// Lines of `reader`, each at most `max` bytes long (newline excluded).
    pub(crate) fn new(reader: R, max: usize) -> Self {
        BoundedLines {
            reader,
            max,
            offset: 0,
        }
    }

    /// The underlying reader, for reading a block of bytes between lines;
    /// bytes read through it do not count in [`BoundedLines::offset`].
    pub(crate) fn get_mut(&mut self) -> &mut R {
        &mut self.reader
    }

    /// Byte offset (in the decoded stream) of the next unread byte.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Reads the next line into `buf` (cleared first). A last line without a
    /// final newline counts as a line. On an error, the partial line is lost.
    pub(crate) fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Line> {
        buf.clear();
        let mut skipped: Option<u64> = None;
        let mut seen_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(match (skipped, seen_any) {
                    (Some(len), _) => Line::TooLong(len),
                    (None, true) => Line::Data,
                    (None, false) => Line::End,
                });
            }
            seen_any = true;
            let newline = memchr::memchr(b'\n', available);
            let chunk_len = newline.unwrap_or(available.len());
            let chunk = &available[..chunk_len];
            match skipped.as_mut() {
                Some(len) => *len += chunk_len as u64,
                None if buf.len() + chunk_len > self.max => {
                    skipped = Some((buf.len() + chunk_len) as u64);
                    buf.clear();
                    buf.shrink_to(self.max.min(64 * 1024));
                }
                None => buf.extend_from_slice(chunk),
            }
            let consumed = chunk_len + usize::from(newline.is_some());
            self.reader.consume(consumed);
            self.offset += consumed as u64;
            if newline.is_some() {
                return Ok(match skipped {
                    Some(len) => Line::TooLong(len),
                    None => Line::Data,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    fn all_lines(data: &[u8], max: usize, capacity: usize) -> Vec<Result<String, u64>> {
        let reader = BufReader::with_capacity(capacity, data);
        let mut lines = BoundedLines::new(reader, max);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match lines
                .next_line(&mut buf)
                .expect("reading a slice cannot fail")
            {
                Line::Data => out.push(Ok(String::from_utf8_lossy(&buf).into_owned())),
                Line::TooLong(n) => out.push(Err(n)),
                Line::End => return out,
            }
        }
    }

    #[test]
    fn splits_lines_and_keeps_a_final_unterminated_line() {
        let got = all_lines(b"a\nbb\n\nccc", 10, 2);
        assert_eq!(
            got,
            vec![
                Ok("a".into()),
                Ok("bb".into()),
                Ok(String::new()),
                Ok("ccc".into())
            ]
        );
        assert!(all_lines(b"", 10, 2).is_empty());
        assert_eq!(all_lines(b"x\n", 10, 2), vec![Ok("x".into())]);
    }

    #[test]
    fn skips_an_overlong_line_and_goes_on() {
        let got = all_lines(b"12345\n123456789\nok\n1234567890123", 5, 4);
        assert_eq!(
            got,
            vec![Ok("12345".into()), Err(9), Ok("ok".into()), Err(13)]
        );
    }

    #[test]
    fn offset_counts_consumed_bytes() {
        let mut lines = BoundedLines::new(BufReader::new(&b"ab\ncd\n"[..]), 10);
        let mut buf = Vec::new();
        assert_eq!(lines.next_line(&mut buf).expect("line"), Line::Data);
        assert_eq!(lines.offset(), 3);
    }

    /// An endless run of one byte, then a newline and a short line.
    struct Giant {
        left: u64,
        tail: &'static [u8],
    }

    impl Read for Giant {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.left > 0 {
                let n = buf
                    .len()
                    .min(usize::try_from(self.left).unwrap_or(usize::MAX));
                buf[..n].fill(b'a');
                self.left -= n as u64;
                return Ok(n);
            }
            let n = buf.len().min(self.tail.len());
            buf[..n].copy_from_slice(&self.tail[..n]);
            self.tail = &self.tail[n..];
            Ok(n)
        }
    }

    #[test]
    fn overlong_line_is_not_buffered() {
        let max = 20_000;
        let giant = Giant {
            left: 20 * 1024 * 1024,
            tail: b"\nafter\n",
        };
        let mut lines = BoundedLines::new(BufReader::new(giant), max);
        let mut buf = Vec::new();
        assert_eq!(
            lines.next_line(&mut buf).expect("line"),
            Line::TooLong(20 * 1024 * 1024)
        );
        // The line buffer never grew past the limit plus one read chunk.
        assert!(
            buf.capacity() <= max + 8 * 1024,
            "buffer grew to {}",
            buf.capacity()
        );
        assert_eq!(lines.next_line(&mut buf).expect("line"), Line::Data);
        assert_eq!(buf, b"after");
    }
}
