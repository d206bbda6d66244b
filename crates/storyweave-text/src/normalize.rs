//! Character-level normalization with an offset map back to the source.
//!
//! [`normalize_inline`] turns one line or paragraph of article text into its
//! canonical form:
//!
//! * Unicode NFC;
//! * one form of quotes: curly, low-9, guillemets and the PTB forms
//!   ``` `` ``` / `''` become `"`; single curly quotes and a lone backtick
//!   that opens a `` `word' `` quote become `'`;
//! * one form of dashes: every dash becomes the ASCII hyphen-minus `-`. An em
//!   dash or horizontal bar always reads as a break, so it becomes ` - `
//!   (spaced); en dashes, figure dashes, minus signs and Unicode hyphens become
//!   a bare `-` and keep the spacing they had (`2024–25` → `2024-25`);
//! * every kind of space (tabs, line breaks, NBSP, thin and ideographic spaces)
//!   becomes one ASCII space, runs collapse and the ends are trimmed;
//!   zero-width characters and soft hyphens are removed; `…` becomes `...`;
//! * markdown inline syntax is removed: links and images keep their text
//!   (`[text](target)` → `text`), `<https://…>` autolinks keep the URL,
//!   emphasis markers and code ticks go, and so do leading `#` heading and `>`
//!   quote markers;
//! * tokenizer artifacts are repaired: numbers and abbreviations a tokenizer
//!   spaced out are re-joined (`170, 000`, `6 . 1`, `a. m.`, `U. S.`); no space before `,` `.` `;` `:` `!` `?`
//!   `)` or inside `( … )`, none in `Russia 's`, `do n't`, `$ 5`, `5 %`, and
//!   none inside a quotation's marks (`" x "` → `"x"`).
//!
//! The result is idempotent: normalizing normalized text gives it back.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normalized text together with, for every byte of it, the byte offset in
/// the source it came from; lets later stages report spans in the original file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapped {
    /// The normalized text.
    pub text: String,
    /// `offsets[i]` is the source byte offset of `text` byte `i`; one extra
    /// entry at the end holds the source offset just past the last byte.
    pub offsets: Vec<usize>,
}

impl Mapped {
    /// Maps a byte range of `text` to the smallest source byte range covering it.
    ///
    /// The first byte of a markdown link's text maps to the link's `[`, and a
    /// range ending the text maps past a link target it ends with, so
    /// normalizing the source range gives the same text back.
    ///
    /// A byte produced from a multi-byte source character (a curly quote, say)
    /// maps to that character's first byte, so the end of the returned range
    /// may fall inside such a character; callers that slice the source should
    /// round the end up to the next character boundary.
    pub fn source_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.offsets.get(r.start).copied().unwrap_or(0);
        let end = if r.end == 0 {
            start
        } else if r.end >= self.text.len() {
            // The last byte: the map's final entry knows where its char ends.
            self.offsets.last().copied().unwrap_or(start)
        } else {
            self.offsets.get(r.end - 1).map(|&o| o + 1).unwrap_or(start)
        };
        start..end.max(start)
    }

    /// Removes the first `n` bytes of the text (and their offsets), then any
    /// spaces that follow; used to cut a recognised prefix such as a dateline.
    /// `n` is rounded down to a character boundary.
    pub fn drop_prefix(&mut self, n: usize) {
        let mut n = n.min(self.text.len());
        while !self.text.is_char_boundary(n) {
            n -= 1;
        }
        while self.text.as_bytes().get(n) == Some(&b' ') {
            n += 1;
        }
        self.text.drain(..n);
        self.offsets.drain(..n);
    }

    /// Appends `other` after one separating space (mapped to the end of this
    /// text's source), as when a paragraph broken mid-sentence is re-joined.
    pub fn join(&mut self, other: &Mapped) {
        if other.text.is_empty() {
            return;
        }
        if self.text.is_empty() {
            *self = other.clone();
            return;
        }
        let end = self.offsets.pop().unwrap_or(0);
        self.text.push(' ');
        self.offsets.push(end);
        self.text.push_str(&other.text);
        self.offsets.extend_from_slice(&other.offsets);
    }
}

/// Normalizes one line or paragraph of article text. `base` is added to every
/// offset so the map points into the whole file rather than into `src`.
pub fn normalize_inline(src: &str, base: usize) -> Mapped {
    // Stage 1 (only when needed): NFC and per-character mapping of spaces,
    // quotes and dashes. Plain printable ASCII skips it entirely.
    let (pre, premap): (Cow<'_, str>, Option<Vec<usize>>) = if needs_prepass(src) {
        let (t, m) = prepass(src);
        (Cow::Owned(t), Some(m))
    } else {
        (Cow::Borrowed(src), None)
    };
    let map = |i: usize| -> usize {
        base + match &premap {
            Some(m) => m.get(i).copied().unwrap_or(src.len()),
            None => i,
        }
    };
    // Which way each curly double quote of the source faced (`“` opens, `”`
    // closes), by its position in the pre-text: stage 2 spaces a mark by it.
    let mut facing = Vec::new();
    if let Some(m) = &premap {
        for (i, _) in pre.match_indices('"') {
            match m
                .get(i)
                .and_then(|&o| src.get(o..))
                .and_then(|t| t.chars().next())
            {
                Some('\u{201C}') => facing.push((i, true)),
                Some('\u{201D}') => facing.push((i, false)),
                _ => {}
            }
        }
    }
    // Stage 2: markdown, spacing and tokenizer repairs in one pass.
    let mut inline = Inline::new(&pre, map);
    inline.facing = facing;
    let mut out = inline.run();
    // Removing characters can leave a combining mark next to a base it now
    // composes with; recompose so the result stays NFC (and idempotent).
    if !out.text.is_ascii() && is_nfc_quick(out.text.chars()) != IsNormalized::Yes {
        let (t, m) = prepass(&out.text);
        let offsets = m
            .iter()
            .map(|&i| out.offsets.get(i).copied().unwrap_or(base + src.len()))
            .collect();
        out = Mapped { text: t, offsets };
    }
    out
}

/// True when `src` holds anything but printable ASCII and `\n`.
fn needs_prepass(src: &str) -> bool {
    src.bytes()
        .any(|b| !(0x20..0x7f).contains(&b) && b != b'\n')
}

/// Whether a character is a safe NFC segment start: it never composes with
/// or reorders against what precedes it.
fn nfc_boundary(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// What one source character becomes before the markdown pass.
enum Special {
    /// Removed (zero-width characters, soft hyphen, controls).
    Drop,
    /// Replaced by this ASCII text.
    Ascii(&'static str),
}

fn special(c: char) -> Option<Special> {
    Some(match c {
        '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => Special::Ascii("\n"),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => Special::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' => {
            Special::Ascii("'")
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' | '\u{2E42}'
        | '\u{301D}' | '\u{301E}' | '\u{FF02}' => Special::Ascii("\""),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => Special::Ascii("-"),
        '\u{2014}' | '\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' => Special::Ascii(" - "),
        '\u{2026}' => Special::Ascii("..."),
        c if c.is_whitespace() => Special::Ascii(" "),
        c if c.is_control() => Special::Ascii(" "),
        _ => return None,
    })
}

/// Stage 1: per-character mapping plus segment-wise NFC. Returns the text and,
/// per output byte (plus one), the `src` offset it came from.
fn prepass(src: &str) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(src.len());
    let mut map = Vec::with_capacity(src.len() + 1);
    let mut seg_start = 0usize;
    let mut seg_end = 0usize;
    let flush = |text: &mut String, map: &mut Vec<usize>, s: usize, e: usize| {
        if s >= e {
            return;
        }
        if e - s == 1 {
            // One ASCII byte: the common case.
            map.push(s);
            text.push_str(&src[s..e]);
            return;
        }
        let seg = &src[s..e];
        let single = seg.chars().nth(1).is_none();
        if single && seg.chars().all(nfc_boundary) {
            for k in 0..seg.len() {
                map.push(s + k);
            }
            text.push_str(seg);
        } else {
            for c in seg.nfc() {
                let before = text.len();
                text.push(c);
                for _ in before..text.len() {
                    map.push(s);
                }
            }
        }
    };
    for (i, c) in src.char_indices() {
        if let Some(sp) = special(c) {
            flush(&mut text, &mut map, seg_start, seg_end);
            if let Special::Ascii(rep) = sp {
                text.push_str(rep);
                map.extend(std::iter::repeat_n(i, rep.len()));
            }
            seg_start = i + c.len_utf8();
            seg_end = seg_start;
        } else if nfc_boundary(c) {
            flush(&mut text, &mut map, seg_start, seg_end);
            seg_start = i;
            seg_end = i + c.len_utf8();
        } else {
            seg_end = i + c.len_utf8();
        }
    }
    flush(&mut text, &mut map, seg_start, seg_end);
    map.push(src.len());
    (text, map)
}

/// Stage 2 state: walks the pre-normalized text once, writing the output.
struct Inline<'a, F: Fn(usize) -> usize> {
    s: &'a str,
    b: &'a [u8],
    map: F,
    text: String,
    offsets: Vec<usize>,
    /// Source offset just past the last emitted character.
    last_end: usize,
    /// Number of `"` emitted so far (odd: a quotation is open).
    dquotes: usize,
    /// Nothing emitted since the start or the last line break.
    line_start: bool,
    /// Open markdown links: (index of the closing `]`, index to resume at).
    links: Vec<(usize, usize)>,
    /// The last thing emitted was a URL, which goes on to the next delimiter.
    in_url: bool,
    /// Output length just after the last URL emitted.
    url_end: Option<usize>,
    /// Where a link whose text has not started yet opened (`[` or `![`).
    open_at: Option<usize>,
    /// Pre-text positions of the double quotes that were curly in the
    /// source, with whether they opened (`“`) or closed (`”`); sorted.
    facing: Vec<(usize, bool)>,
}

/// How far ahead a markdown link or code span is looked for.
const LOOKAHEAD: usize = 400;

/// Bytes that end a URL.
fn is_url_delimiter(x: u8) -> bool {
    matches!(
        x,
        b' ' | b'\n' | b'\t' | b'\r' | b'<' | b'>' | b'"' | b'[' | b']'
    )
}

/// Whether the output before a number ends with a month name (`May `), so
/// that `May 3, 250` is read as a date and a count, not as 3,250.
fn after_month(ahead: &[u8]) -> bool {
    let t = ahead.strip_suffix(b" ").unwrap_or(ahead);
    let start = t
        .iter()
        .rposition(|c| !c.is_ascii_alphabetic() && *c != b'.')
        .map_or(0, |p| p + 1);
    std::str::from_utf8(&t[start..])
        .ok()
        .and_then(crate::lexicon::month_number)
        .is_some()
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

impl<'a, F: Fn(usize) -> usize> Inline<'a, F> {
    fn new(s: &'a str, map: F) -> Self {
        let start = map(0);
        Inline {
            s,
            b: s.as_bytes(),
            map,
            text: String::with_capacity(s.len()),
            offsets: Vec::with_capacity(s.len() + 1),
            last_end: start,
            dquotes: 0,
            line_start: true,
            links: Vec::new(),
            in_url: false,
            url_end: None,
            open_at: None,
            facing: Vec::new(),
        }
    }

    fn last(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// The character of the pre-normalized text starting at byte `i`.
    fn char_at(&self, i: usize) -> Option<char> {
        self.s.get(i..).and_then(|t| t.chars().next())
    }

    fn pop_space(&mut self) {
        // Never glue anything onto a URL: it would become part of it.
        if self.text.ends_with(' ') && self.url_end != Some(self.text.len() - 1) {
            self.text.pop();
            self.offsets.pop();
        }
    }

    /// Pushes `c`, all of whose bytes map to pre-text byte `i` (or, when
    /// `verbatim`, byte by byte from `i`).
    fn push_raw(&mut self, c: char, i: usize, verbatim: bool) {
        if c != '\'' && !c.is_alphanumeric() {
            self.close_contraction();
        }
        let n = c.len_utf8();
        for k in 0..n {
            let o = if verbatim {
                (self.map)(i + k)
            } else {
                (self.map)(i)
            };
            self.offsets.push(o);
        }
        let first_byte = self.offsets.len() - n;
        if c != ' '
            && let Some(open) = self.open_at.take()
        {
            // Link text starts at its `[`, so spans starting there cover it
            // (never before a space already emitted inside the link).
            let o = (self.map)(open).max(self.offsets_before(first_byte));
            if let Some(first) = self.offsets.get_mut(first_byte) {
                *first = o;
            }
        }
        self.text.push(c);
        self.line_start = false;
        if c.is_ascii() && is_url_delimiter(c as u8) {
            self.in_url = false;
        }
    }

    /// The offset of the output byte before `k` (the start when none).
    fn offsets_before(&self, k: usize) -> usize {
        k.checked_sub(1)
            .and_then(|p| self.offsets.get(p).copied())
            .unwrap_or_else(|| (self.map)(0))
    }

    /// Emits a space, collapsing runs and dropping it where none belongs.
    fn space(&mut self, i: usize) {
        match self.last() {
            None | Some(' ') | Some('(') | Some('[') => {}
            Some('"') if self.dquotes % 2 == 1 => {}
            Some(',' | '.') if self.tokenized_join(i) => {}
            Some(_) => self.push_raw(' ', i, false),
        }
    }

    /// Whether the space at pre-text byte `i`, after a `,` or `.` the output
    /// ends with, splits a number or an abbreviation that a tokenizer spaced
    /// out: `170, 000`, `6. 1`, `a. m.`, `U. S.`. Such a space is dropped.
    fn tokenized_join(&self, i: usize) -> bool {
        // The stop ends a URL (or is its last byte): a URL is no initial.
        if self.url_end.is_some_and(|e| e + 1 >= self.text.len()) {
            return false;
        }
        let t = self.text.as_bytes();
        let Some((&mark, before)) = t.split_last() else {
            return false;
        };
        let after = self.s.get(i..).unwrap_or("").trim_start_matches(' ');
        let a = after.as_bytes();
        let next_digits = a.iter().take_while(|c| c.is_ascii_digit()).count();
        let follows = a.get(next_digits).copied();
        let prev_digits = before
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let ahead = &before[..before.len() - prev_digits];
        if prev_digits > 0 {
            if !(1..=3).contains(&prev_digits)
                || ahead.last().is_some_and(u8::is_ascii_alphanumeric)
            {
                return false;
            }
            let number_ends = !follows.is_some_and(|c| c.is_ascii_digit());
            return match mark {
                // `170, 000` and `1, 199, 000`, but not `May 3, 250 people`.
                b',' => {
                    next_digits == 3 && number_ends && !ahead.ends_with(b".") && !after_month(ahead)
                }
                // `6. 1`: a sentence does not start with a numeral in news style.
                b'.' => {
                    // `5. 9,`: a one- or two-digit number and one digit
                    // before a comma or stop is a decimal too (a sentence
                    // does not open with `9,`).
                    let short = prev_digits <= 2 && next_digits == 1;
                    (1..=3).contains(&next_digits)
                        && !ahead.ends_with(b".")
                        && (short || !matches!(follows, Some(b'.' | b',')))
                }
                _ => false,
            };
        }
        // `a. m.`, `U. S.`: one letter and a stop on both sides.
        mark == b'.'
            && before.last().is_some_and(u8::is_ascii_alphabetic)
            && before.len() >= 2
            && !before[before.len() - 2].is_ascii_alphanumeric()
            && a.first().is_some_and(u8::is_ascii_alphabetic)
            && a.get(1) == Some(&b'.')
            && a.get(2) != Some(&b'.')
            && before.last().map(u8::is_ascii_uppercase) == a.first().map(u8::is_ascii_uppercase)
    }

    /// Emits a non-space character with the spacing repairs applied.
    fn emit(&mut self, c: char, i: usize, src_len: usize) {
        match c {
            ',' | ';' | ':' | '!' | '?' | ')' => self.pop_space(),
            '.' if !self.char_at(i + 1).is_some_and(|d| d.is_ascii_digit()) => self.pop_space(),
            '%' => {
                let t = self.text.as_bytes();
                if t.len() >= 2 && t[t.len() - 1] == b' ' && t[t.len() - 2].is_ascii_digit() {
                    self.pop_space();
                }
            }
            '"' => {
                // Which way the mark faces when its spacing says so: glued
                // to a word or stop before and a space after closes
                // (`unreal," said`), a space before and a word after opens. Such
                // a mark keeps its spacing even when the count of marks so
                // far says otherwise (a source that drops opening marks);
                // a mark spaced on both sides (`" word "`, tokenized text)
                // goes by the count.
                let glued_before = self
                    .last()
                    .is_some_and(|p| p.is_alphanumeric() || ".,;:!?".contains(p));
                let next = self.char_at(i + src_len);
                // A space after, then a word: the space survives this pass
                // (a stop after it would take it away), so a second reading
                // sees the same spacing.
                let free_after = next.is_some_and(char::is_whitespace)
                    && self
                        .s
                        .get(i + src_len..)
                        .and_then(|t| t.trim_start().chars().next())
                        .is_some_and(char::is_alphanumeric);
                let word_after = next.is_some_and(char::is_alphanumeric);
                let inside = self.dquotes % 2 == 1;
                // A curly mark says which way it faced in the source.
                let curly = self
                    .facing
                    .binary_search_by_key(&i, |&(p, _)| p)
                    .ok()
                    .map(|k| self.facing[k].1);
                // `regret. ” An`: a curly closing mark after a space, while
                // none seems open, closes; it is glued to the stop before it
                // so that a second reading sees it close too.
                let t = self.text.trim_end_matches(' ');
                // (Nothing is glued onto a URL, so not after one.)
                let stop_before = t
                    .ends_with(|p: char| p.is_alphanumeric() || ".,;:!?".contains(p))
                    && self.url_end != Some(t.len());
                if curly == Some(false) && !inside && free_after && stop_before {
                    self.pop_space();
                } else if inside && !glued_before && word_after && self.last() == Some(' ') {
                    // An opening mark while one seems open: it stays open.
                } else if !inside && glued_before && free_after {
                    // A closing mark while none seems open: it stays closed.
                } else {
                    if inside {
                        self.pop_space();
                    }
                    self.dquotes += 1;
                }
            }
            d if d.is_ascii_digit() && self.text.ends_with("$ ") => self.pop_space(),
            _ => {}
        }
        self.push_raw(c, i, src_len > 1);
        self.last_end = (self.map)(i + src_len);
    }

    /// Closes up a PTB contraction that the output ends with (`Russia 's`,
    /// `do n't`, `we 're`): called at each word boundary, so it sees the
    /// output exactly as a second pass would.
    fn close_contraction(&mut self) {
        let t = self.text.as_bytes();
        let len = t.len();
        let Some(q) = t[len.saturating_sub(4)..]
            .iter()
            .rposition(|&c| c == b'\'')
            .map(|k| len.saturating_sub(4) + k)
        else {
            return;
        };
        let suffix = &t[q + 1..];
        let known = [&b"s"[..], b"re", b"ve", b"ll", b"d", b"m", b"t"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(suffix));
        if !known {
            return;
        }
        // The space to remove sits before the `'`, or before the `n` of `n't`.
        let space = if suffix.eq_ignore_ascii_case(b"t") {
            if q < 3 || !t[q - 1].eq_ignore_ascii_case(&b'n') || !t[q - 3].is_ascii_alphabetic() {
                return;
            }
            q - 2
        } else {
            if q < 2 || !(t[q - 2].is_ascii_alphanumeric() || t[q - 2] >= 0x80) {
                return;
            }
            q - 1
        };
        if t[space] == b' ' && self.url_end != Some(space) {
            self.text.remove(space);
            self.offsets.remove(space);
            if let Some(u) = self.url_end.as_mut()
                && *u > space
            {
                *u -= 1;
            }
        }
    }

    /// Finds a markdown link whose `[` is at `open`: returns the index of the
    /// matching `]` and the index just past the `(target)`.
    fn match_link(&self, open: usize) -> Option<(usize, usize)> {
        let b = self.b;
        let lim = (open + LOOKAHEAD).min(b.len());
        let mut depth = 0usize;
        let mut close = None;
        for (j, &x) in b.iter().enumerate().take(lim).skip(open) {
            match x {
                b'[' => depth += 1,
                b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                _ => {}
            }
        }
        let close = close?;
        // Emphasis markers and ticks between `]` and `(` would vanish anyway.
        let paren = close
            + 1
            + b[close + 1..lim]
                .iter()
                .take_while(|&&c| matches!(c, b'*' | b'_' | b'`'))
                .count();
        if b.get(paren) != Some(&b'(') {
            return None;
        }
        let mut depth = 0usize;
        for (j, &x) in b.iter().enumerate().take(lim.max(paren + 1)).skip(paren) {
            match x {
                b'(' => depth += 1,
                b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some((close, j + 1));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Length of a URL starting at `i` (`http://`, `https://`, `www.`), up to
    /// the next space or delimiter.
    fn url_len(&self, i: usize) -> usize {
        let rest = &self.b[i..];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
            return 0;
        }
        rest.iter()
            .position(|&x| is_url_delimiter(x))
            .unwrap_or(rest.len())
    }

    /// Emits `self.s[i..i + n]` unchanged (a URL). A literal `<` just before
    /// it is dropped, and the URL goes on up to the next delimiter (see
    /// `in_url`), so no new autolink or longer URL appears on a second pass.
    fn verbatim(&mut self, i: usize, n: usize) {
        let seg = &self.s[i..i + n];
        while self.text.ends_with('<') {
            self.text.pop();
            self.offsets.pop();
        }
        for (k, c) in seg.char_indices() {
            if c == '"' {
                self.dquotes += 1;
            }
            self.push_raw(c, i + k, true);
        }
        self.last_end = (self.map)(i + n);
        self.in_url = true;
        self.url_end = Some(self.text.len());
    }

    fn run(mut self) -> Mapped {
        let b = self.b;
        let n = b.len();
        let mut i = 0usize;
        while i < n {
            // Leave link text whose closing `]` has been reached.
            while let Some(&(close, resume)) = self.links.last() {
                if close < i {
                    self.links.pop();
                } else if close == i {
                    self.links.pop();
                    i = resume;
                    self.open_at = None;
                    if !self.text.is_empty() {
                        // Spans ending with the link text cover its target.
                        self.last_end = (self.map)(resume);
                    }
                } else {
                    break;
                }
            }
            if i >= n {
                break;
            }
            let x = b[i];
            if self.in_url {
                // Whatever touches a URL belongs to it on a second reading.
                if x == b'>' {
                    i += 1;
                    continue;
                }
                if !is_url_delimiter(x) {
                    let len = self.char_at(i).map_or(1, char::len_utf8);
                    self.verbatim(i, len);
                    i += len;
                    continue;
                }
            }
            if x.is_ascii_alphabetic()
                && !matches!(x, b'h' | b'H' | b'w' | b'W')
                && self.open_at.is_none()
            {
                // Fast path: a run of plain letters needs no rule.
                let run = b[i..]
                    .iter()
                    .take_while(|&&c| {
                        c.is_ascii_alphabetic() && !matches!(c, b'h' | b'H' | b'w' | b'W')
                    })
                    .count();
                self.text.push_str(&self.s[i..i + run]);
                for k in i..i + run {
                    self.offsets.push((self.map)(k));
                }
                self.line_start = false;
                self.last_end = (self.map)(i + run);
                i += run;
                continue;
            }
            match x {
                b' ' => {
                    self.space(i);
                    i += 1;
                }
                b'\n' | b'\t' | b'\r' => {
                    self.space(i);
                    if x == b'\n' {
                        self.line_start = true;
                    }
                    i += 1;
                }
                b'#' if self.line_start => {
                    let run = b[i..].iter().take_while(|&&c| c == b'#').count();
                    let after = b.get(i + run).copied();
                    // `# Title`, not `#hashtag` (nor `#1`).
                    let word = after.is_some_and(|a| a.is_ascii_alphanumeric() || a >= 0x80);
                    if run <= 6 && !word {
                        i += run;
                    } else {
                        for k in 0..run {
                            self.emit('#', i + k, 1);
                        }
                        i += run;
                    }
                }
                b'>' if self.line_start => i += 1,
                b'*' | b'_' => {
                    let run = b[i..]
                        .iter()
                        .take_while(|&&c| c == b'*' || c == b'_')
                        .count();
                    let keep = is_alnum(self.last()) && is_alnum(self.char_at(i + run));
                    if keep {
                        for k in 0..run {
                            self.emit(char::from(b[i + k]), i + k, 1);
                        }
                    }
                    i += run;
                }
                b'`' => {
                    if b.get(i + 1) == Some(&b'`') {
                        self.emit('"', i, 2);
                        i += 2;
                    } else {
                        // `word' (PTB single quote) or a code tick.
                        let end = (i + 1 + LOOKAHEAD).min(n);
                        let quote = b[i + 1..end]
                            .iter()
                            .find(|&&c| c == b'`' || c == b'\'' || c == b'\n')
                            == Some(&b'\'');
                        if quote {
                            self.apostrophe(i, 1);
                        }
                        i += 1;
                    }
                }
                b'\'' => {
                    if b.get(i + 1) == Some(&b'\'') {
                        self.emit('"', i, 2);
                        i += 2;
                    } else {
                        self.apostrophe(i, 1);
                        i += 1;
                    }
                }
                b'[' | b'!' => {
                    let open = if x == b'!' && b.get(i + 1) == Some(&b'[') {
                        i + 1
                    } else {
                        i
                    };
                    if b[open] == b'['
                        && let Some(m) = self.match_link(open)
                    {
                        self.links.push(m);
                        self.open_at.get_or_insert(i);
                        i = open + 1;
                    } else {
                        self.emit(char::from(x), i, 1);
                        i += 1;
                    }
                }
                b'<' => {
                    let u = self.url_len(i + 1);
                    if u > 0 && b.get(i + 1 + u) == Some(&b'>') {
                        self.verbatim(i + 1, u);
                        i += u + 2;
                    } else {
                        self.emit('<', i, 1);
                        i += 1;
                    }
                }
                b'h' | b'H' | b'w' | b'W' if self.url_len(i) > 0 => {
                    let u = self.url_len(i);
                    self.verbatim(i, u);
                    i += u;
                }
                _ => {
                    let c = self.char_at(i).unwrap_or(char::REPLACEMENT_CHARACTER);
                    let len = c.len_utf8().max(1);
                    self.emit(c, i, len);
                    i += len;
                }
            }
        }
        if self.text.ends_with(' ') {
            self.text.pop();
            self.offsets.pop();
        }
        self.close_contraction();
        if self.text.is_empty() {
            self.last_end = (self.map)(0);
        }
        self.offsets.push(self.last_end);
        Mapped {
            text: self.text,
            offsets: self.offsets,
        }
    }

    /// Emits a single quote read from `len` bytes at `i`: merges with a
    /// preceding `'` into `"`, and closes up PTB contractions (`Russia 's`).
    fn apostrophe(&mut self, i: usize, len: usize) {
        if self.text.ends_with('\'') {
            self.text.pop();
            self.offsets.pop();
            self.emit('"', i, len);
            return;
        }
        self.emit('\'', i, len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize_inline(s, 0).text
    }

    #[test]
    fn quotes_dashes_spaces() {
        assert_eq!(
            n("\u{201C}Hi\u{201D} \u{2014} it\u{2019}s"),
            "\"Hi\" - it's"
        );
        assert_eq!(n("2024\u{2013}25"), "2024-25");
        assert_eq!(n("a\u{A0}\u{2009} b\u{200B}c\t\n d "), "a bc d");
        assert_eq!(n("``Hello , world ''"), "\"Hello, world\"");
        assert_eq!(n("`word' here"), "'word' here");
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(n("Caf\u{65}\u{301}"), "Caf\u{e9}");
        assert_eq!(n("e\u{200B}\u{301}"), "\u{e9}");
    }

    #[test]
    fn markdown_removed() {
        assert_eq!(n("By [AFP](#)"), "By AFP");
        assert_eq!(
            n("**Related article: [Zelensky](#)**"),
            "Related article: Zelensky"
        );
        assert_eq!(n("# Title here"), "Title here");
        assert_eq!(n("> quoted _text_ and `code`"), "quoted text and code");
        assert_eq!(n("![alt text](x.jpg) after"), "alt text after");
        assert_eq!(n("[![img](a.png)](b)"), "img");
        assert_eq!(n("<https://example.com/a_b>"), "https://example.com/a_b");
        assert_eq!(n("snake_case and 2*3"), "snake_case and 2*3");
        assert_eq!(n("#hashtag"), "#hashtag");
    }

    #[test]
    fn tokenizer_artifacts_repaired() {
        assert_eq!(
            n("Russia 's Trump , ( here ) do n't $ 5 at 5 % ."),
            "Russia's Trump, (here) don't $5 at 5%."
        );
        assert_eq!(n("costs .5 more"), "costs .5 more");
        assert_eq!(
            n(
                "The strong 6 . 1 - magnitude quake , 170 , 000 and 1, 199, 000 at 4 a. m. in the U. S. on May 3, 250 people"
            ),
            "The strong 6.1 - magnitude quake, 170,000 and 1,199,000 at 4 a.m. in the U.S. on May 3, 250 people"
        );
        // A sentence ending in a year, then one starting with a word.
        assert_eq!(n("in 2012. 5 of them"), "in 2012. 5 of them");
        assert_eq!(n("George W. Bush"), "George W. Bush");
        assert_eq!(n("he said \" yes \" ."), "he said \"yes\".");
    }

    #[test]
    fn offsets_point_into_source() {
        let src = "x [link](http://t) \u{2019}y";
        let m = normalize_inline(src, 10);
        assert_eq!(m.text, "x link 'y");
        assert_eq!(m.offsets.len(), m.text.len() + 1);
        let r = m.source_range(2..6);
        // Link text is read from its opening bracket.
        assert_eq!(&src[r.start - 10..r.end - 10], "[link");
        assert_eq!(*m.offsets.last().unwrap_or(&0), 10 + src.len());
    }

    #[test]
    fn join_and_drop_prefix() {
        let mut a = normalize_inline("PARIS - One", 0);
        a.drop_prefix(8);
        assert_eq!(a.text, "One");
        assert_eq!(a.offsets[0], 8);
        let b = normalize_inline("two", 20);
        a.join(&b);
        assert_eq!(a.text, "One two");
        assert_eq!(a.source_range(0..7), 8..23);
    }

    /// A source that drops opening marks (`It's just unreal," said ...`)
    /// keeps the space after each closing mark, so the quotation's end is
    /// still seen; tokenized marks spaced on both sides still close up.
    #[test]
    fn closing_marks_keep_their_space_when_openings_are_missing() {
        let t = normalize_inline(
            "whatsoever. It\u{2019}s just unreal,\u{201d} said neighbor Sheila Rawlins. Investigators did say.",
            0,
        )
        .text;
        assert!(t.contains("unreal,\" said neighbor"), "{t}");
        let t = normalize_inline("He said \" we will win \" and left.", 0).text;
        assert_eq!(t, "He said \"we will win\" and left.");
    }

    /// A tokenizer's `5. 9,` is a decimal before a comma or a stop too.
    #[test]
    fn tokenized_decimals_before_a_comma_are_joined() {
        let t = normalize_inline("a magnitude of 5. 9, the agency said. Another of 6. 4.", 0).text;
        assert_eq!(t, "a magnitude of 5.9, the agency said. Another of 6.4.");
    }

    /// Inputs where a second normalization once changed the first one's
    /// output: a stop after a URL read as an initial, an ellipsis after a
    /// letter read as one, a closing mark whose space a stop took away, a
    /// curly closing mark after a URL.
    #[test]
    fn normalizing_twice_changes_nothing() {
        for s in [
            "<https://x.io/a_b>. *a\u{2026}",
            "``s. a*\u{2026}",
            ".`` . ``*",
            "<https://x.io/a_b>> \u{201d} https://y.org",
            "It was over. \u{201d} An inquiry began.",
        ] {
            let once = normalize_inline(s, 0).text;
            assert_eq!(normalize_inline(&once, 0).text, once, "{s:?}");
        }
    }
}
