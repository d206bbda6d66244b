//! Page furniture that reached the body's sentences: time stamps, repeated
//! headlines, photo credits, related-story and follow prompts, reporter
//! contact lines, embedded-tweet sign-offs, update notes, wire credits and
//! rights notices.
//!
//! The line scan (`lines.rs`) sets aside furniture that stands on its
//! own line. Many inputs have no lines to go by: tokenized corpora and
//! scraped pages hold one paragraph where a stamp opens the first sentence
//! (`Published: May 2, 2013, 1: 32 PM Lindsay Lohan checked ...`) and a
//! contact line closes the last (`... said. jdoe@paper.com (313) 222-2027`).
//! [`furniture`] finds such pieces inside one sentence by their shape and
//! position; the extractor keeps the rest of the sentence and sets the
//! pieces aside. Every input format reaches it, since HTML and markdown
//! bodies end in the same sentence path as plain text.

use std::ops::Range;

use storyweave_text::lexicon;
use storyweave_text::{Date, parse_date};

use crate::SetAsideKind;
use crate::lines::starts_with_ci;

/// What a piece of furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Furniture {
    /// A publication or update stamp (`Updated 4: 08 p.m. ET`), with any
    /// headline standing before it.
    Stamp,
    /// The headline repeated, or a heading run into the first sentence.
    Heading,
    /// A photo caption or credit (`Buy Photo ...`, `(Photo: Jane Doe / KHOU)`).
    Caption,
    /// A link to another story (`Previous story: ...`, `RELATED: ...`).
    Related,
    /// A reporter's contact line (`Contact Jane Doe at ... jdoe@paper.com`).
    Contact,
    /// An embedded post's link or sign-off (`pic.twitter.com/...`,
    /// `- Jane Doe (@jdoe) June 29, 2016`).
    Social,
    /// A note that the story is developing or will be updated.
    UpdateNote,
    /// A wire sign-off or reporting credit (`(Reporting by ...; Editing by ...)`, `jk/mlb`).
    Credit,
    /// A rights notice (`Copyright Associated Press`).
    Notice,
    /// A prompt to the reader: share, follow, subscribe, sign up, enable scripts.
    Prompt,
}

impl Furniture {
    /// The kind of set-aside piece this furniture is kept as.
    pub fn set_aside_kind(self) -> SetAsideKind {
        match self {
            Furniture::Stamp | Furniture::Heading | Furniture::Credit => SetAsideKind::Meta,
            Furniture::Caption => SetAsideKind::Caption,
            Furniture::Related => SetAsideKind::Teaser,
            Furniture::Contact
            | Furniture::Social
            | Furniture::UpdateNote
            | Furniture::Notice
            | Furniture::Prompt => SetAsideKind::Footer,
        }
    }
}

/// One piece of furniture inside a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// Its bytes in the sentence.
    pub range: Range<usize>,
    /// What it is.
    pub kind: Furniture,
    /// The date a stamp gives, when it gives one.
    pub date: Option<Date>,
}

impl Cut {
    fn new(range: Range<usize>, kind: Furniture) -> Cut {
        Cut {
            range,
            kind,
            date: None,
        }
    }
}

/// Where the sentence stands in its article: the first sentence may open
/// with the page's header (headline, stamp), which later ones may not.
#[derive(Debug, Clone, Copy, Default)]
pub struct Position<'a> {
    /// Whether this is the first sentence of the body.
    pub first: bool,
    /// The article's headline when known (from the record or the page).
    pub title: Option<&'a str>,
}

/// The furniture inside one normalized sentence, in order and not
/// overlapping. An empty list means the sentence is all body text; a cut
/// over the whole sentence means none of it is.
pub fn furniture(s: &str, at: Position<'_>) -> Vec<Cut> {
    if let Some(kind) = whole_sentence(s) {
        return vec![Cut::new(0..s.len(), kind)];
    }
    let mut cuts: Vec<Cut> = Vec::new();
    // Header: a repeated headline, a heading run in, a stamp (after a headline).
    let mut start = 0;
    // A word of page furniture run into the sentence (`Advertisement An
    // autopsy was ...`).
    if let Some((w, rest)) = s.split_once(' ')
        && SINGLE_WORDS.iter().any(|o| w.eq_ignore_ascii_case(o))
        && w.starts_with(|c: char| c.is_uppercase())
        && rest.starts_with(|c: char| c.is_uppercase())
    {
        cuts.push(Cut::new(0..w.len(), Furniture::Prompt));
        start = w.len() + 1;
    }
    // A related link run into a quotation: the link up to the quotation.
    if let Some(&(label, Furniture::Related)) = OPENINGS.iter().find(|(o, _)| starts_with_ci(s, o))
        && let Some(q) = s[label.len()..].find('"')
    {
        cuts.push(Cut::new(0..label.len() + q, Furniture::Related));
        start = label.len() + q;
    }
    // A player's prompt before the text (`Please enable Javascript to watch this video`).
    for prompt in PROMPT_PREFIXES {
        if starts_with_ci(&s[start..], prompt) {
            cuts.push(Cut::new(start..start + prompt.len(), Furniture::Prompt));
            start = skip_space(s, start + prompt.len());
        }
    }
    // A media teaser run into the text (`VIDEO: Baby shot in act of road
    // rage According to a GoFundMe page ...`): the label and its headline,
    // up to the first capitalised word after a lower-case one.
    if let Some(label) = MEDIA_LABELS.iter().find(|l| starts_with_ci(&s[start..], l)) {
        let from = start + label.len();
        let end = headline_end(s, from);
        cuts.push(Cut::new(start..end, Furniture::Related));
        start = end;
    }
    // A photo credit label and its credit (`Photo: Mesa County Sheriff's
    // Office It happened ...`): the credit is the run of capitalised words,
    // up to the one that opens the sentence after it.
    if let Some(label) = ["photo:", "image:", "photo credit:"]
        .iter()
        .find(|l| starts_with_ci(&s[start..], l))
    {
        let from = start + label.len();
        let end = credit_end(s, from);
        cuts.push(Cut::new(start..end, Furniture::Caption));
        start = end;
    }
    if at.first {
        if let Some(end) = title_prefix(s, at.title) {
            cuts.push(Cut::new(0..end, Furniture::Heading));
            start = end;
        }
        if let Some(c) = headed_stamp(s, start) {
            start = c.range.end;
            cuts.push(c);
        }
    }
    // Stamps at the start of any sentence, one after another
    // (`May 3, 2013 at 7: 31 AM ET Updated 5: 40 p.m. ET ...`).
    while let Some(st) = leading_stamp(&s[start..]) {
        let end = start + st.len;
        cuts.push(Cut {
            range: start..end,
            kind: Furniture::Stamp,
            date: st.date,
        });
        start = skip_space(s, end);
    }
    if at.first
        && cuts.is_empty()
        && let Some(end) = caps_heading(s)
    {
        cuts.push(Cut::new(0..end, Furniture::Heading));
        start = end;
    }
    if start >= s.len() {
        return merge(cuts);
    }
    inner_cuts(s, start, &mut cuts);
    merge(cuts)
}

/// Sorts the cuts and joins overlapping ones (the first one's kind stays),
/// dropping empty ones. What is left of the sentence between the cuts is
/// [`kept_pieces`]; a piece with no letter or digit is not kept.
fn merge(mut cuts: Vec<Cut>) -> Vec<Cut> {
    cuts.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
    let mut out: Vec<Cut> = Vec::with_capacity(cuts.len());
    for c in cuts {
        match out.last_mut() {
            Some(last) if c.range.start < last.range.end => {
                last.range.end = last.range.end.max(c.range.end);
            }
            _ => out.push(c),
        }
    }
    out.retain(|c| !c.range.is_empty());
    out
}

/// Bytes of the pieces of `s` left between `cuts`.
pub fn kept_pieces(s: &str, cuts: &[Cut]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for c in cuts.iter().chain(std::iter::once(&Cut::new(
        s.len()..s.len(),
        Furniture::Prompt,
    ))) {
        let piece = trim_range(s, at..c.range.start.max(at));
        if s[piece.clone()].chars().any(char::is_alphanumeric) {
            out.push(piece);
        }
        at = at.max(c.range.end);
    }
    out
}

/// `r` without the spaces and lone separators at its ends.
fn trim_range(s: &str, r: Range<usize>) -> Range<usize> {
    let piece = &s[r.clone()];
    let lead = piece.len()
        - piece
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | ';' | ','))
            .len();
    let t = piece.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | ';'));
    let end = r.start + t.len();
    (r.start + lead).min(end)..end
}

fn skip_space(s: &str, i: usize) -> usize {
    i + s[i..].len() - s[i..].trim_start().len()
}

fn find_ci(s: &str, p: &str) -> Option<usize> {
    s.as_bytes()
        .windows(p.len())
        .position(|w| w.eq_ignore_ascii_case(p.as_bytes()))
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Openings that make the whole sentence furniture, with its kind. Each is
/// a label or a fixed prompt, not a word a news sentence opens with.
const OPENINGS: &[(&str, Furniture)] = &[
    ("buy photo", Furniture::Caption),
    ("previous story", Furniture::Related),
    ("next story", Furniture::Related),
    ("related:", Furniture::Related),
    ("related stories", Furniture::Related),
    ("related coverage", Furniture::Related),
    ("related articles", Furniture::Related),
    ("story:", Furniture::Related),
    ("more:", Furniture::Related),
    ("more from", Furniture::Related),
    ("read more", Furniture::Related),
    ("read or share this story", Furniture::Prompt),
    ("see also:", Furniture::Related),
    ("sign up for", Furniture::Prompt),
    ("subscribe to", Furniture::Prompt),
    ("follow us", Furniture::Prompt),
    ("click here", Furniture::Prompt),
    ("share this", Furniture::Prompt),
    ("\u{a9}", Furniture::Notice),
    ("all rights reserved", Furniture::Notice),
    ("this material may not be", Furniture::Notice),
    ("reporting by", Furniture::Credit),
    ("(reporting by", Furniture::Credit),
    ("additional reporting", Furniture::Credit),
    ("editing by", Furniture::Credit),
    ("writing by", Furniture::Credit),
    ("compiled by", Furniture::Credit),
];

/// Prompts of a page's player or widgets that stand before the text.
const PROMPT_PREFIXES: &[&str] = &[
    "please enable javascript to watch this video",
    "please enable javascript",
    "skip ad ad loading... x embed x share",
];

/// Labels of a video, gallery or audio teaser before its headline.
const MEDIA_LABELS: &[&str] = &["video:", "watch:", "gallery:", "listen:", "photos:"];

/// The end of a headline in sentence case starting at `from`: the first
/// capitalised word after a lower-case one starts the text after it. All of
/// `s` when there is none.
fn headline_end(s: &str, from: usize) -> usize {
    let mut lower_before = false;
    for (pos, w) in word_positions(&s[from..]) {
        let cap = w.starts_with(|c: char| c.is_uppercase());
        if cap && lower_before {
            return from + pos;
        }
        lower_before = w.starts_with(|c: char| c.is_lowercase());
    }
    s.len()
}

/// The end of a credit starting at `from`: the run of capitalised words,
/// up to the one that opens the next sentence (the last capitalised word
/// before a lower-case one). All of `s` when no lower-case word follows.
fn credit_end(s: &str, from: usize) -> usize {
    let mut last_cap = None;
    for (pos, w) in word_positions(&s[from..]) {
        let at = from + pos;
        let lower_word = w.starts_with(|c: char| c.is_lowercase());
        if lower_word {
            return match last_cap {
                Some(k) if k > from => k,
                _ => from,
            };
        }
        last_cap = Some(at);
    }
    s.len()
}

/// Words that end a sentence-long prompt, label or notice on their own.
const SINGLE_WORDS: &[&str] = &["advertisement", "advertise", "advertising", "comments"];

/// Phrases of a note that the story will change (`This is a developing story`).
const UPDATE_NOTES: &[&str] = &[
    "developing story",
    "update this story",
    "update this article",
    "update this report",
    "update this web version",
    "updates on this story",
    "check back for updates",
    "check back later for updates",
    "continue to update",
    "will be updated",
    "check back",
];

/// Verbs of a prompt addressed to the reader (`You can also sign up for alerts`).
const PROMPT_VERBS: &[&str] = &["sign up", "subscribe", "follow us", "download", "like us"];

/// Openings of a contact line when it also holds an address, phone or handle.
const CONTACT_OPENINGS: &[&str] = &[
    "contact ", "reach ", "email ", "email:", "e-mail", "twitter:", "follow ", "call ",
];

/// The kind of a sentence that is furniture as a whole.
fn whole_sentence(s: &str) -> Option<Furniture> {
    let t = s.trim();
    if let Some(&(label, kind)) = OPENINGS.iter().find(|(o, _)| starts_with_ci(t, o)) {
        // A related link run into a quotation keeps the quotation
        // (`More from GlobalPost: Aceh's elections "I see many houses ..."`).
        if kind == Furniture::Related && t[label.len()..].contains('"') {
            return None;
        }
        return Some(kind);
    }
    let wc = word_count(t);
    // `Copyright Associated Press`, `Copyright 2016 KHOU`; not `Copyright
    // law was not at issue`.
    if starts_with_ci(t, "copyright")
        && (wc <= 6
            || t["copyright".len()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || c == '\u{a9}'))
    {
        return Some(Furniture::Notice);
    }
    let core = t.trim_end_matches(['.', ':', '!']);
    if SINGLE_WORDS.iter().any(|w| core.eq_ignore_ascii_case(w)) {
        return Some(Furniture::Prompt);
    }

    if wc > 40 {
        return None;
    }
    // Phrases are looked for in one lower-cased copy of the sentence.
    let lower = t.to_ascii_lowercase();
    if UPDATE_NOTES.iter().any(|p| lower.contains(p)) {
        return Some(Furniture::UpdateNote);
    }
    if wc <= 20 && lower.starts_with("you can") && PROMPT_VERBS.iter().any(|v| lower.contains(v)) {
        return Some(Furniture::Prompt);
    }
    let at_sign = t.contains('@');
    if CONTACT_OPENINGS.iter().any(|o| lower.starts_with(o))
        && ((at_sign && (email_at(t, 0).is_some() || has_handle(t))) || has_phone(t))
    {
        return Some(Furniture::Contact);
    }
    // An address with no body sentence before it: the sentence is the
    // contact line (`- 1733, jdoe@paper.com or twitter.com/jdoe`).
    if wc <= 25
        && at_sign
        && let Some(e) = email_at(t, 0)
        && !t[..e].contains(". ")
    {
        return Some(Furniture::Contact);
    }
    None
}

/// Furniture after `from`: contact lines and credits that close the
/// sentence after a sentence end the splitter did not see, tweet links and
/// sign-offs, parenthesised photo credits.
fn inner_cuts(s: &str, from: usize, cuts: &mut Vec<Cut>) {
    // A closing piece after a sentence end: `... said. jdoe@paper.com ...`,
    // `... said. (Reporting by ...)`, `... said. jk/mlb`, `... said. With AFP`.
    let mut search = from;
    while let Some(k) = s[search..].find(". ").map(|k| search + k + 2) {
        let rest = &s[k..];
        let kind = if rest.contains('@') && email_at(rest, 0) == Some(0) {
            Some(Furniture::Contact)
        } else if OPENINGS
            .iter()
            .any(|(o, f)| *f == Furniture::Credit && starts_with_ci(rest, o))
            || is_wire_initials(rest.trim_end_matches('.'))
            || is_wire_credit(rest)
        {
            Some(Furniture::Credit)
        } else if starts_with_ci(rest, "read or share this story") {
            Some(Furniture::Prompt)
        } else {
            None
        };
        if let Some(kind) = kind {
            cuts.push(Cut::new(k..s.len(), kind));
            break;
        }
        search = k;
    }
    // `(Reporting by ...)` at the end of a sentence.
    if s[from..].contains("(R")
        && let Some(k) = find_ci(&s[from..], "(reporting by")
    {
        cuts.push(Cut::new(from + k..s.len(), Furniture::Credit));
    }
    // Parenthesised photo credits: `(Photo: Jane Doe / KHOU 11)`, `(WISH
    // Photo)`, `(AP Photo/Jane Doe)`; and the `Buy Photo` button's words.
    let mut at = from;
    while let Some(k) = s[at..].find('(') {
        let open = at + k;
        let Some(close) = s[open..].find(')').map(|c| open + c + 1) else {
            break;
        };
        let inside = &s[open + 1..close - 1];
        if inside
            .split([' ', '/', ':'])
            .any(|w| w == "Photo" || w == "Photos" || w == "photo")
            && word_count(inside) <= 12
        {
            cuts.push(Cut::new(open..close, Furniture::Caption));
        }
        at = close;
    }
    let mut at = from;
    while s[at..].contains("hoto")
        && let Some(k) = find_ci(&s[at..], "buy photo")
    {
        let b = at + k;
        cuts.push(Cut::new(b..b + "buy photo".len(), Furniture::Caption));
        at = b + "buy photo".len();
    }
    // Tweet links and sign-offs.
    let mut at = from;
    while at < s.len() {
        let rest = &s[at..];
        let Some(k) = rest.find("(@") else { break };
        let open = at + k;
        let Some(close) = s[open..].find(')').map(|c| open + c + 1) else {
            break;
        };
        // The sign-off starts at the dash before the name.
        // The sign-off starts at the dash before the name, or at the
        // sentence's start (`Topeka Police (@Topeka_Police) July 8, 2015 ...`).
        let before = &s[from..open];
        let dash = before
            .rfind(" - ")
            .filter(|&d| word_count(&before[d..]) <= 5)
            .map(|d| from + d + 1)
            .or_else(|| (from == 0 && word_count(before) <= 4).then_some(0));
        if let Some(d) = dash {
            let end = leading_stamp(s[close..].trim_start())
                .map(|st| skip_space(s, close) + st.len)
                .unwrap_or(close);
            cuts.push(Cut::new(d..end, Furniture::Social));
        }
        at = close;
    }
    for link in ["pic.twitter.com/", "https://t.co/", "http://t.co/"] {
        let mut at = from;
        while let Some(k) = s[at..].find(link) {
            let start = at + k;
            let end = s[start..]
                .find(char::is_whitespace)
                .map_or(s.len(), |e| start + e);
            cuts.push(Cut::new(start..end, Furniture::Social));
            at = end;
        }
    }
}

/// `With AFP`, `- With News Wire Services`: a short credit to wires in
/// capitals, with no sentence end of its own.
fn is_wire_credit(s: &str) -> bool {
    let t = s.trim().trim_start_matches(['-', ' ']);
    let Some(rest) = t.strip_prefix("With ").or_else(|| t.strip_prefix("with ")) else {
        return false;
    };
    let n = word_count(rest);
    (1..=4).contains(&n)
        && !rest.ends_with(['.', '!', '?'])
        && rest
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "and")
}

/// `jk/mlb`, `dw/jr`: an editors' sign-off of lower-case initials.
fn is_wire_initials(w: &str) -> bool {
    let parts: Vec<&str> = w.split('/').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The byte where an e-mail address starts at or after `from`.
fn email_at(s: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    for tok in s[from..].split(' ') {
        let t = tok.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '<' | '>'));
        let t = t.trim_end_matches('.');
        if let Some((user, host)) = t.split_once('@')
            && !user.is_empty()
            && user
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+'))
            && host.contains('.')
            && !host.starts_with('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        {
            return Some(pos + tok.find(user).unwrap_or(0));
        }
        pos += tok.len() + 1;
    }
    None
}

/// A social-media handle (`@jdoe`) or profile link.
fn has_handle(s: &str) -> bool {
    s.split(' ').any(|t| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '_');
        (t.len() > 1 && t.starts_with('@'))
            || t.starts_with("twitter.com/")
            || t.starts_with("facebook.com/")
    })
}

/// Seven or more digits in phone-like groups (`(302) 324 - 2299`, `419-724-6095`).
fn has_phone(s: &str) -> bool {
    let mut digits = 0;
    let mut run = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            run = true;
        } else if matches!(c, ' ' | '-' | '(' | ')' | '.') && run {
            continue;
        } else {
            if digits >= 7 {
                return true;
            }
            digits = 0;
            run = false;
        }
    }
    digits >= 7
}

/// The end of the headline when the first sentence opens with it
/// (`Powerful earthquake injures dozens in Aceh At least 50 ...`).
fn title_prefix(s: &str, title: Option<&str>) -> Option<usize> {
    let title = title?.trim().trim_end_matches(['.', '!', '?']);
    if word_count(title) < 3 || s.len() <= title.len() {
        return None;
    }
    let head = s.get(..title.len())?;
    let rest = s[title.len()..].trim_start_matches(['.', '!', '?', ':']);
    (head.eq_ignore_ascii_case(title)
        && rest.starts_with(' ')
        && rest
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || c == '"'))
    .then_some(s.len() - rest.len())
}

/// A heading in capitals run into the first sentence
/// (`FALLOUT CONTINUES AFTER BRAZEN ESCAPE The Texas Department ...`):
/// three or more words in capitals followed by a capitalised word in
/// lower case.
fn caps_heading(s: &str) -> Option<usize> {
    let mut end = 0;
    let mut n = 0;
    for (pos, w) in word_positions(s) {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) && letters.len() > 1 {
            n += 1;
            end = pos + w.len();
            continue;
        }
        if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
            // `A`, `I`: ambiguous between heading and sentence.
            return None;
        }
        let next_ok =
            w.starts_with(|c: char| c.is_uppercase()) && w.chars().skip(1).any(char::is_lowercase);
        return (n >= 3 && next_ok).then_some(end);
    }
    None
}

fn word_positions(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    s.split(' ').filter_map(move |w| {
        let p = pos;
        pos += w.len() + 1;
        (!w.is_empty()).then_some((p, w))
    })
}

/// A stamp standing after a headline in the first sentence:
/// `Lawyer: Lohan checks into rehab Updated 4: 08 p.m. ET Lohan's attorney ...`.
/// The headline, with no sentence end inside, and the stamp are cut as one.
fn headed_stamp(s: &str, from: usize) -> Option<Cut> {
    let words: Vec<(usize, &str)> = word_positions(&s[from..]).take(26).collect();
    for &(pos, w) in words.iter().skip(2) {
        let at = from + pos;
        let before = &s[from..at];
        if before.contains(". ") || before.contains(['"', '\u{201c}']) {
            return None;
        }
        let opens = w.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase() || c == '(');
        if !opens {
            continue;
        }
        let led = before
            .split_whitespace()
            .last()
            .is_some_and(|w| STAMP_LEADS.contains(&w.to_ascii_lowercase().as_str()));
        if let Some(st) = leading_stamp(&s[at..])
            && (st.labelled || st.clock || st.full_date)
            && at + st.len < s.trim_end().len()
            && (!led || st.labelled)
        {
            // A headline is short and written in title or sentence case;
            // a body sentence mentioning a date is cut nowhere.
            return Some(Cut {
                range: from..at + st.len,
                kind: Furniture::Stamp,
                date: st.date,
            });
        }
    }
    None
}

/// Words after which a date belongs to the sentence (`arrested early on
/// Sunday, February 1, 2009`), not to a stamp after a headline.
const STAMP_LEADS: &[&str] = &[
    "on",
    "at",
    "in",
    "since",
    "until",
    "by",
    "from",
    "of",
    "the",
    "and",
    "to",
    "for",
    "last",
    "this",
    "next",
    "early",
    "late",
    "before",
    "after",
    "morning",
    "night",
    "evening",
    "afternoon",
    "week",
    "as",
    "or",
    "between",
    "through",
    "till",
    "during",
];

/// A time stamp found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Bytes it takes.
    pub len: usize,
    /// The date it gives, when it gives a whole one.
    pub date: Option<Date>,
    /// Whether it has a label (`Published:`, `Updated`, `Posted on`).
    pub labelled: bool,
    /// Whether it has a clock time.
    pub clock: bool,
    /// Whether it has day, month and year.
    pub full_date: bool,
}

/// Words that label a stamp. A multi-word label (`Last updated`, `Story
/// created`) is read one word at a time: the first words are allowed only
/// before a label word.
const STAMP_LABELS: &[&str] = &[
    "published",
    "updated",
    "update",
    "breaking",
    "edited",
    "posted",
    "released",
    "created",
    "modified",
    "date",
    "dated",
];
const STAMP_LABEL_LEADS: &[&str] = &["last", "first", "originally", "story", "article"];

/// Time zones written after a clock time.
fn is_zone(w: &str) -> bool {
    lexicon::is_time_zone(w)
}

/// An English month name or abbreviation (stamps are English-labelled).
fn month_word(w: &str) -> bool {
    lexicon::english_month(w.strip_suffix('.').unwrap_or(w)).is_some()
}

fn weekday_word(w: &str) -> bool {
    lexicon::is_weekday(w)
}

/// What one token of a stamp is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Label,
    LabelLead,
    On,
    Sep,
    Weekday,
    Month,
    Day,
    Year,
    Number,
    Clock,
    ClockOpen,
    Meridiem,
    Zone,
    Credit,
    Other,
}

fn stamp_token(raw: &str) -> Tok {
    let w = raw
        .trim_start_matches(['(', '['])
        .trim_end_matches([',', ')', ']', ';']);
    // A colon closes a stamp (`4:02 p.m.):`, `16pm:`), except the one of a
    // clock waiting for its minutes (`10:`).
    let w = match w.strip_suffix(':') {
        Some(core) if !core.bytes().all(|b| b.is_ascii_digit()) => {
            core.trim_end_matches([',', ')', ']'])
        }
        _ => w,
    };
    // A trailing period ends the sentence (`2012.`), not the token, except
    // in `a.m.` and abbreviations, which are read with it.
    let w = if w.ends_with('.') && w.bytes().filter(|&b| b == b'.').count() == 1 {
        w.trim_end_matches('.')
    } else {
        w
    };
    if raw.len() > 2
        && raw.starts_with('(')
        && raw.ends_with(')')
        && raw[1..raw.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_uppercase())
    {
        // An agency credit inside a stamp: `02: 00 pm (CNA) President ...`.
        return Tok::Credit;
    }
    let lower = w.trim_end_matches(':').to_ascii_lowercase();
    if w.is_empty() || matches!(w, "|" | "-" | "/" | "\u{2014}" | "\u{2013}" | "at" | "@") {
        return Tok::Sep;
    }
    if STAMP_LABELS.contains(&lower.as_str()) {
        return Tok::Label;
    }
    if STAMP_LABEL_LEADS.contains(&lower.as_str()) {
        return Tok::LabelLead;
    }
    if lower == "on" || lower == "time" {
        return Tok::On;
    }
    if matches!(
        lower.as_str(),
        "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "hrs" | "et" | "pt" | "ct"
    ) {
        return Tok::Meridiem;
    }
    if is_zone(w) {
        return Tok::Zone;
    }
    if weekday_word(w) {
        return Tok::Weekday;
    }
    if month_word(w) {
        return Tok::Month;
    }
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Tok::Other;
    }
    let rest = &w[digits..];
    let rest_lower = rest.to_ascii_lowercase();
    if let Some(after) = rest.strip_prefix(':') {
        if after.is_empty() {
            return Tok::ClockOpen;
        }
        let ok = after.bytes().all(|b| b.is_ascii_digit() || b == b':')
            || after
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':');
        return if ok { Tok::Clock } else { Tok::Other };
    }
    if (rest.starts_with('/') || rest.starts_with('-') || rest.starts_with('.'))
        && rest.len() > 1
        && rest[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'-' | b'.'))
    {
        return Tok::Number;
    }
    if digits == 4 && rest.is_empty() {
        let y: u32 = w.parse().unwrap_or(0);
        return if (1900..=2099).contains(&y) {
            Tok::Year
        } else {
            Tok::Other
        };
    }
    if digits <= 2 && matches!(rest_lower.as_str(), "" | "st" | "nd" | "rd" | "th") {
        return Tok::Day;
    }
    if digits <= 2 && matches!(rest_lower.as_str(), "am" | "pm" | "a" | "p" | "h") {
        return Tok::Clock;
    }
    Tok::Other
}

/// A publication stamp at the start of `s`: an optional label
/// (`Published:`, `Updated`, `Posted on`, `Story Created:`), then dates,
/// clock times and zones (`THURSDAY, MAY 2, 2013, 1: 32 PM`,
/// `05 / 03 / 2013 at 11: 00 AM EDT`, `(10: 27 am PDT, Jun 11th 2012)`).
///
/// A stamp needs a label with a date or time, a clock time with a date, or
/// a day, month and year; and what follows it must not go on in lower case
/// or after a comma (`May 3, 2013, Lohan ...` is a sentence, not a stamp).
pub fn leading_stamp(s: &str) -> Option<Stamp> {
    let mut labelled = false;
    let (mut month, mut day, mut year, mut clock, mut numeric, mut weekday) =
        (false, false, false, false, false, false);
    let mut content_end = 0usize;
    let mut content_last = "";
    let mut prev = Tok::Sep;
    let mut first_date: Option<Date> = None;
    let mut date_from: Option<usize> = None;
    let mut next_after = None;
    let mut pos = 0usize;
    // A stamp is short: its first tokens are all that is read.
    let toks: Vec<&str> = s.split(' ').take(32).collect();
    for (i, raw) in toks.iter().enumerate() {
        let at = pos;
        pos += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        let tok = stamp_token(raw);
        let next = toks.get(i + 1).map_or(Tok::Other, |n| stamp_token(n));
        let part = match tok {
            Tok::Label => {
                labelled = true;
                // A label after its time is part of the stamp (`8:45 p.m. update`).
                content_end > 0
            }
            Tok::LabelLead => {
                if next != Tok::Label {
                    next_after = Some(at);
                    break;
                }
                false
            }
            Tok::On => {
                // `on Nov 10, 2011` opens a stamp in lower case only, or
                // follows a label (`Published on`).
                // `posted at 10: 04 am on May 14, 2013`: between a time and its date.
                let joins = content_end > 0 && matches!(next, Tok::Month | Tok::Weekday | Tok::Day);
                if !(prev == Tok::Label || (i == 0 && raw.starts_with('o')) || joins) {
                    next_after = Some(at);
                    break;
                }
                false
            }
            Tok::Sep => false,
            Tok::Weekday => {
                weekday = true;
                true
            }
            Tok::Month => {
                month = true;
                true
            }
            Tok::Year if !year || matches!(prev, Tok::Day | Tok::Month) => {
                year = true;
                true
            }
            // Minutes after `10:`.
            Tok::Day if prev == Tok::ClockOpen => true,
            Tok::Day if (!day && month) || prev == Tok::Month || next == Tok::Month => {
                day = true;
                true
            }
            Tok::Day if numeric_context(&toks, i) => {
                numeric = true;
                true
            }
            Tok::Number => {
                numeric = true;
                true
            }
            Tok::Clock | Tok::ClockOpen => {
                clock = true;
                true
            }
            Tok::Meridiem | Tok::Zone if clock || year => true,
            Tok::Credit if content_end > 0 => true,
            _ => {
                next_after = Some(at);
                break;
            }
        };
        if part {
            if date_from.is_none() && matches!(tok, Tok::Weekday | Tok::Month | Tok::Day) {
                date_from = Some(at);
            }
            content_end = at + raw.len();
            content_last = raw;
            if first_date.is_none()
                && let Some(from) = date_from
            {
                first_date = parse_date(s[from..content_end].trim_end_matches([',', ')']));
            }
        }
        // A zone that ends in `:` (`GMT+01:`) is followed by its minutes.
        prev = if tok == Tok::Zone && raw.ends_with(':') {
            Tok::ClockOpen
        } else {
            tok
        };
    }
    if content_end == 0 {
        return None;
    }
    let full_date = (month && day && year) || (numeric && (year || clock));
    let valid = (labelled && (month || numeric || clock || year))
        || (clock && (month || numeric || weekday || day))
        || full_date
        || (weekday && month && day);
    if !valid {
        return None;
    }
    // What follows: nothing, or a new sentence in its own right.
    if let Some(n) = next_after {
        let rest = &s[n..];
        let opens = rest.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '\u{201c}');
        let comma_led = content_last.ends_with(',') && !labelled && !clock;
        if !opens || comma_led {
            return None;
        }
    }
    // Take a closing bracket of the stamp along (`(10: 27 am PDT, Jun 11th 2012)`).
    let mut len = content_end;
    let tail = &s[len..];
    let close = tail.len() - tail.trim_start_matches([')', ']', ',', '|']).len();
    len += close;
    Some(Stamp {
        len,
        date: first_date,
        labelled,
        clock,
        full_date,
    })
}

/// Whether the number token `i` sits in a numeric date (`05 / 03 / 2013`,
/// `2013 - 09 - 28`).
fn numeric_context(toks: &[&str], i: usize) -> bool {
    let sep = |k: usize| toks.get(k).is_some_and(|t| matches!(*t, "/" | "-"));
    sep(i + 1) || (i > 0 && sep(i - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &str, first: bool, title: Option<&str>) -> Vec<String> {
        let cuts = furniture(s, Position { first, title });
        kept_pieces(s, &cuts)
            .into_iter()
            .map(|r| s[r].to_string())
            .collect()
    }

    #[test]
    fn labelled_stamps_open_sentences() {
        for (s, kept) in [
            (
                "PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM UPDATED: FRIDAY, MAY 3, 2013, 9: 56 AM Lindsay Lohan checked into rehab.",
                "Lindsay Lohan checked into rehab.",
            ),
            (
                "Posted on November 15, 2011 6: 07: 15 PM GMT+01: 0 Indian Naval Ship Sukanya was deployed.",
                "Indian Naval Ship Sukanya was deployed.",
            ),
            (
                "Story Created: Aug 7, 2012 at 9: 56 AM AKDT ALASKA - Shortly after 3: 30 someone called.",
                "ALASKA - Shortly after 3: 30 someone called.",
            ),
            (
                "May 3, 2013 at 7: 31 AM ET Updated 5: 40 p.m. ET Early Friday morning, she checked in.",
                "Early Friday morning, she checked in.",
            ),
            (
                "(10: 27 am PDT, Jun 11th 2012) Following a refresh, Apple unveiled a laptop.",
                "Following a refresh, Apple unveiled a laptop.",
            ),
            (
                "posted at 10: 04 am on May 14, 2013 T - Mobile has announced a phone.",
                "T - Mobile has announced a phone.",
            ),
            (
                "on Nov 10, 2011 The Sudan Armed Forces attacked a camp.",
                "The Sudan Armed Forces attacked a camp.",
            ),
            (
                "14 June 2013 The actress has left the centre.",
                "The actress has left the centre.",
            ),
            (
                "04 / 28 / 09 07: 35 PM ET Federal agencies will consult experts.",
                "Federal agencies will consult experts.",
            ),
            (
                "Fri., May. 3, 2013 11: 45 AM PDT Early Friday morning, she checked in.",
                "Early Friday morning, she checked in.",
            ),
            (
                "December 15, 2008 at 1: 00pm CST 2: 16pm: Take it with a grain of salt.",
                "Take it with a grain of salt.",
            ),
            (
                "Tue Jul 02 2013, 14: 58 hrs A strong earthquake struck Aceh.",
                "A strong earthquake struck Aceh.",
            ),
            (
                "Edited time: March 13, 2013 02: 15 Police intervened.",
                "Police intervened.",
            ),
            ("Dec. 18 - 11:14 pm et", ""),
            (
                "BREAKING (Thursday, 4:02 p.m.): Lily has been taken off life support.",
                "Lily has been taken off life support.",
            ),
            (
                "UPDATE @ 1:24 p.m.: Dayton Police Chief Richard Biehl will speak.",
                "Dayton Police Chief Richard Biehl will speak.",
            ),
            (
                "8:45 p.m. update A young boy was fatally shot.",
                "A young boy was fatally shot.",
            ),
            (
                "Jul 13, 2009 / 02: 00 pm (CNA) President Obama named a doctor.",
                "President Obama named a doctor.",
            ),
            (
                "Advertisement An autopsy was conducted Tuesday morning.",
                "An autopsy was conducted Tuesday morning.",
            ),
        ] {
            let want: Vec<String> = if kept.is_empty() {
                Vec::new()
            } else {
                vec![kept.to_string()]
            };
            assert_eq!(body(s, false, None), want, "{s}");
        }
    }

    #[test]
    fn sentences_that_open_with_a_date_are_not_stamps() {
        for s in [
            "May 3, 2013, Lohan checked into rehab.",
            "On May 3, 2013 Lohan checked into rehab.",
            "Saturday Dan Caron was remembered as a loving father.",
            "March 14 was the day the quake struck.",
            "Friday, police said the man was armed.",
            "Published reports said 12 people died.",
            "Updated figures show 40 homes were lost.",
        ] {
            assert_eq!(body(s, true, None), vec![s.to_string()], "{s}");
        }
    }

    #[test]
    fn headline_and_stamp_run_into_the_first_sentence() {
        assert_eq!(
            body(
                "Lawyer: Lindsay Lohan checks into rehab facility Updated 4: 08 p.m. ET Lindsay Lohan's attorney said Thursday she checked in.",
                true,
                None
            ),
            vec!["Lindsay Lohan's attorney said Thursday she checked in."]
        );
        assert_eq!(
            body(
                "Driver Charged With DWI September 14, 2013 10: 46 AM A 59 - year - old mother of two died.",
                true,
                None
            ),
            vec!["A 59 - year - old mother of two died."]
        );
        assert_eq!(
            body(
                "Powerful earthquake injures dozens in Aceh At least 50 people were hurt.",
                true,
                Some("Powerful earthquake injures dozens in Aceh")
            ),
            vec!["At least 50 people were hurt."]
        );
        assert_eq!(
            body(
                "FALLOUT CONTINUES AFTER BRAZEN ESCAPE The prison system made changes.",
                true,
                None
            ),
            vec!["The prison system made changes."]
        );
        // Only the first sentence may carry a header.
        let later = "Fresh riots were reported in Greece on Saturday December 13 2008 in protest.";
        assert_eq!(body(later, true, None), vec![later]);
    }

    #[test]
    fn whole_furniture_sentences() {
        for (s, kind) in [
            (
                "Buy Photo Police vehicles are on the scene of a shooting.",
                Furniture::Caption,
            ),
            (
                "Previous story: Police say a man was charged.",
                Furniture::Related,
            ),
            (
                "This is a developing story and KRIS 6 News will update this web version as new information becomes available.",
                Furniture::UpdateNote,
            ),
            (
                "Contact Brittany Horn at (302) 324 - 2771 or bhorn@delawareonline.com.",
                Furniture::Contact,
            ),
            ("Reach him at 412 - 320 - 7827.", Furniture::Contact),
            (
                "- 1733, jpaul@denverpost.com or twitter.com/JesseAPaul",
                Furniture::Contact,
            ),
            (
                "Sign up for one of our email newsletters.",
                Furniture::Prompt,
            ),
            ("Copyright Associated Press", Furniture::Notice),
            ("You can also sign up for email alerts.", Furniture::Prompt),
            (
                "Check back with delawareonline.com for more information.",
                Furniture::UpdateNote,
            ),
            ("May 2, 2013 1: 35 pm.", Furniture::Stamp),
            ("Published: 2012.", Furniture::Stamp),
            ("Advertise", Furniture::Prompt),
        ] {
            let got: Vec<(Range<usize>, Furniture)> = furniture(s, Position::default())
                .into_iter()
                .map(|c| (c.range, c.kind))
                .collect();
            assert_eq!(got, vec![(0..s.len(), kind)], "{s}");
        }
    }

    #[test]
    fn closing_furniture_is_cut_from_a_body_sentence() {
        assert_eq!(
            body(
                "Children were shot in the past year. bwilliams@detroitnews.com (313) 222 - 2027 Read or Share this story: http://detne.ws/1Vi41Od",
                false,
                None
            ),
            vec!["Children were shot in the past year."]
        );
        assert_eq!(
            body(
                "The boy was shot in the mouth, officials said. (Reporting by Victoria Cavaliere; Editing by Eric Walsh)",
                false,
                None
            ),
            vec!["The boy was shot in the mouth, officials said."]
        );
        assert_eq!(
            body(
                "Skip - J was open again on Tuesday. With News Wire Services",
                false,
                None
            ),
            vec!["Skip - J was open again on Tuesday."]
        );
        assert_eq!(
            body("The talks ended without a deal. jk/mlb", false, None),
            vec!["The talks ended without a deal."]
        );
    }

    #[test]
    fn tweets_lose_their_links_and_sign_offs() {
        assert_eq!(
            body(
                "Man shot step daughter & killed himself - Anayeli Ruiz (@AnayeliNews) June 29, 2016 Press conference is about to start.",
                false,
                None
            ),
            vec![
                "Man shot step daughter & killed himself",
                "Press conference is about to start."
            ]
        );
        assert_eq!(
            body(
                "Officials will release more info pic.twitter.com/OqPaHIqEjS",
                false,
                None
            ),
            vec!["Officials will release more info"]
        );
    }

    #[test]
    fn photo_credits_in_brackets() {
        assert_eq!(
            body(
                "Shooting investigation in SW Houston (Photo: Drew Karedes / KHOU 11) HOUSTON - Police responded.",
                false,
                None
            ),
            vec![
                "Shooting investigation in SW Houston",
                "HOUSTON - Police responded."
            ]
        );
        assert_eq!(
            body(
                "Photo: Mesa County Sheriff's Office It happened around 6:15 p.m. on Main Street.",
                false,
                None
            ),
            vec!["It happened around 6:15 p.m. on Main Street."]
        );
        assert_eq!(
            body(
                "Three bodies were found in a home. (WISH Photo) Deputies came.",
                false,
                None
            ),
            vec!["Three bodies were found in a home.", "Deputies came."]
        );
    }

    #[test]
    fn prompts_and_links_before_text_leave_the_text() {
        assert_eq!(
            body(
                "Please enable Javascript to watch this video OVERLAND, MO (KTVI) - Police say a boy is dead.",
                false,
                None
            ),
            vec!["OVERLAND, MO (KTVI) - Police say a boy is dead."]
        );
        assert_eq!(
            body(
                "More from GlobalPost: Aceh's elections \"I see many houses were damaged,\" a resident said.",
                false,
                None
            ),
            vec!["\"I see many houses were damaged,\" a resident said."]
        );
    }

    #[test]
    fn media_teasers_leave_the_text_after_their_headline() {
        assert_eq!(
            body(
                "VIDEO: Baby shot in act of road rage According to a GoFundMe page, the family was driving home.",
                true,
                None
            ),
            vec!["According to a GoFundMe page, the family was driving home."]
        );
    }

    #[test]
    fn a_date_closing_a_first_sentence_stays() {
        for s in [
            "Jamal Williams was arrested on suspicion of drunk driving early morning on Sunday, February 1, 2009.",
            "Three bodies were found in a home in Henry County Thursday, August 27, 2015.",
        ] {
            assert_eq!(body(s, true, None), vec![s.to_string()], "{s}");
        }
    }

    #[test]
    fn body_sentences_are_left_whole() {
        for s in [
            "Blackmore wrote in an email to The Canadian Press last June.",
            "Contact with the vessel was lost at 3 a.m., the coast guard said.",
            "Police said they were following every lead.",
            "The photo appears every day on the front of the papers.",
            "A man was arrested with 2 kg of cocaine. With him were two others who fled the scene in a car.",
        ] {
            assert_eq!(body(s, true, None), vec![s.to_string()], "{s}");
        }
    }

    #[test]
    fn stamps_give_their_date() {
        let st =
            leading_stamp("Published: December 19, 2005 Vincent Gigante died.").expect("stamp");
        assert_eq!(st.date, Date::new(2005, 12, 19));
        assert!(st.labelled);
    }
}
