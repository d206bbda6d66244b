//! Line-level recognisers: what each line of a text or markdown article is.

use storyweave_text::{Mapped, find_date_line, normalize_inline, parse_date, words};

use crate::agencies::{canonical_agency, find_agencies};
use crate::{SetAside, SetAsideKind, State};

/// What one line of an article is, judged on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A markdown heading (`# Title`).
    Heading,
    /// A byline (`By Jane Doe, Reuters`).
    Byline,
    /// A line holding only a date (`August 13, 2025`, `Published: ...`).
    DateLine,
    /// A link to another article (`Related article: ...`, `Read more`).
    Teaser,
    /// A label whose URL names the original (`Original url:`).
    SourceLabel,
    /// A footer: copyright, share and follow prompts, newsletters, bare URLs.
    Footer,
    /// A markdown image (`![alt](src)`).
    Image,
    /// A photo caption or credit.
    Caption,
    /// Body text.
    Body,
}

/// A cheap sniff for markdown in a body labelled as plain text: links,
/// images, `#` headings, `**` emphasis or `<http...>` autolinks.
pub fn looks_like_markdown(body: &str) -> bool {
    body.contains("](")
        || body.contains("**")
        || body.contains("<http")
        || body
            .lines()
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
}

/// The host of `url` without `www.` and port, lower-cased
/// (`https://www.themoscowtimes.com/...` → `themoscowtimes.com`).
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host
        .strip_prefix("www.")
        .unwrap_or(host)
        .to_ascii_lowercase();
    let ok = host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    ok.then_some(host)
}

/// Whether `s` starts with `prefix`, ASCII case ignored.
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn word_count(s: &str) -> usize {
    words(s).count()
}

/// Classifies one line: `raw` as written, `norm` its normalized text.
pub fn classify_line(raw: &str, norm: &str, markdown: bool) -> LineKind {
    let raw = raw.trim();
    if markdown && raw.starts_with('#') && norm.len() < raw.len() {
        return LineKind::Heading;
    }
    if raw.starts_with("![") && raw.ends_with(')') && raw.contains("](") && !raw[2..].contains("![")
    {
        return LineKind::Image;
    }
    let n = norm.trim();
    let wc = word_count(n);
    if starts_with_ci(n, "by ")
        && wc <= 10
        && n.len() <= 100
        && n[3..].starts_with(|c: char| c.is_uppercase())
        && !n.ends_with('.')
    {
        return LineKind::Byline;
    }
    if find_date_line(n).is_some() {
        return LineKind::DateLine;
    }
    const TEASERS: &[&str] = &[
        "related article",
        "related:",
        "related stories",
        "related news",
        "related coverage",
        "read more",
        "read also",
        "also read",
        "see also",
        "more:",
        "recommended:",
        "watch:",
        "listen:",
    ];
    if TEASERS.iter().any(|t| starts_with_ci(n, t)) {
        return LineKind::Teaser;
    }
    const LABELS: &[&str] = &[
        "original url",
        "originally published",
        "this article was originally published",
        "source url",
        "source:",
    ];
    if LABELS.iter().any(|t| starts_with_ci(n, t)) && wc <= 25 {
        return LineKind::SourceLabel;
    }
    // Captions and notices are short; a long paragraph with a `©` inside
    // (a video caption left in the text) is still body text.
    if wc > 60 {
        return LineKind::Body;
    }
    // A caption block of a photo gallery: `Buy Photo <caption> (Photo:
    // <credit>)Buy Photo`, or a caption closed by its credit `(WISH Photo)`.
    let credit_closes = n.ends_with(')')
        && n.rfind('(').is_some_and(|o| {
            n[o + 1..n.len() - 1]
                .split([' ', '/', ':'])
                .any(|w| w == "Photo" || w == "Photos")
        });
    if starts_with_ci(n, "buy photo") || n.ends_with("Buy Photo") || credit_closes {
        return LineKind::Caption;
    }
    if n.contains('\u{a9}')
        || starts_with_ci(n, "photo:")
        || starts_with_ci(n, "image:")
        || starts_with_ci(n, "credit:")
        || starts_with_ci(n, "photo credit")
        || starts_with_ci(n, "photograph:")
        || n.contains("(Photo by")
        || n.ends_with("/ AFP")
        || n.ends_with("Getty Images")
        || n.ends_with("(Getty Images)")
    {
        // A copyright notice on its own is a footer; with a scene it is a caption.
        if starts_with_ci(n, "\u{a9}") || starts_with_ci(n, "copyright") {
            return LineKind::Footer;
        }
        return LineKind::Caption;
    }
    if starts_with_ci(n, "copyright")
        || n.contains("All rights reserved")
        || n.contains("all rights reserved")
    {
        return LineKind::Footer;
    }
    const FOOTERS: &[&str] = &[
        "share this",
        "share on",
        "follow us",
        "sign up",
        "subscribe",
        "click here",
        "download our app",
    ];
    if wc <= 25
        && (FOOTERS.iter().any(|t| starts_with_ci(n, t))
            || (n.to_ascii_lowercase().contains("newsletter") && wc <= 20))
    {
        return LineKind::Footer;
    }
    const ADS: &[&str] = &[
        "advertisement",
        "advertising",
        "sponsored content",
        "story continues below advertisement",
        "article continues below advertisement",
        "continue reading below",
        "scroll to continue with content",
    ];
    if wc <= 6 {
        let core = n.trim_end_matches([':', '.', ' ', '-']);
        if ADS.iter().any(|a| core.eq_ignore_ascii_case(a)) {
            return LineKind::Footer;
        }
    }
    if !n.contains(' ')
        && (starts_with_ci(n, "http://")
            || starts_with_ci(n, "https://")
            || starts_with_ci(n, "www."))
    {
        return LineKind::Footer;
    }
    if ends_with_credit_link(raw) && wc <= 30 {
        return LineKind::Caption;
    }
    LineKind::Body
}

/// A short line ending with a link whose text is a bare domain or a credit,
/// like `Vladimir Putin and Kim Jong-un. [kremlin.ru](http://kremlin.ru)`.
fn ends_with_credit_link(raw: &str) -> bool {
    let Some(body) = raw.strip_suffix(')') else {
        return false;
    };
    let Some(mid) = body.rfind("](") else {
        return false;
    };
    let Some(open) = raw[..mid].rfind('[') else {
        return false;
    };
    let text = &raw[open + 1..mid];
    let before = raw[..open].trim_end();
    if before.is_empty() {
        return false;
    }
    let domain = !text.contains(' ') && text.contains('.') && url_host(text).is_some();
    let credit = [
        "photo",
        "getty",
        "reuters",
        "afp",
        "ap photo",
        "shutterstock",
    ]
    .iter()
    .any(|c| starts_with_ci(text, c));
    domain || credit
}

/// The first URL in `s` (`http...`, possibly `<...>`-wrapped), without
/// trailing punctuation.
fn find_url(s: &str) -> Option<String> {
    let i = s.find("http://").or_else(|| s.find("https://"))?;
    let rest = &s[i..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '>' | '<' | '"' | ')' | ']'))
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',', ';']);
    (url.len() > 8).then(|| url.to_string())
}

/// A dateline found at the start of a body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Bytes of the paragraph the dateline takes, separator included.
    pub prefix_len: usize,
    /// The place, as written (`Pyongyang, North Korea`, `PARIS`).
    pub place: String,
    /// Agencies credited inside it (`PARIS (AFP) -`).
    pub agencies: Vec<&'static str>,
}

/// Recognises a dateline at the start of normalized paragraph text:
/// `Pyongyang, North Korea - `, `PARIS (AFP) - `, `LONDON, Jan. 5 (Reuters) - `.
/// The place keeps its case; agency and date parts are removed.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    let mut cut = text.len().min(120);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let sep = head.find(" - ")?;
    let prefix = &text[..sep];
    if prefix.is_empty()
        || prefix.contains(['"', ':', ';', '!', '?'])
        || text[sep + 3..].trim().is_empty()
    {
        return None;
    }
    let mut agencies = Vec::new();
    let mut places: Vec<&str> = Vec::new();
    for comp in prefix.split(',') {
        // Parenthesised parts: agencies are kept, anything else dropped.
        let mut rest = comp;
        let mut kept = String::new();
        while let Some(o) = rest.find('(') {
            kept.push_str(&rest[..o]);
            let close = rest[o..].find(')').map(|c| o + c)?;
            if let Some(a) = canonical_agency(&rest[o + 1..close]) {
                agencies.push(a);
            }
            rest = &rest[close + 1..];
        }
        kept.push_str(rest);
        let part = kept.trim();
        if part.is_empty() || is_date_part(part) {
            continue;
        }
        // Every word of a place starts upper-case (short particles aside).
        let ok = part.split(' ').filter(|w| !w.is_empty()).all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || matches!(
                    w,
                    "de" | "del" | "al" | "el" | "la" | "of" | "am" | "sur" | "upon"
                )
        });
        if !ok || part.split(' ').count() > 5 || part.contains('.') && !is_initialism(part) {
            return None;
        }
        // The place as written: slice of the original component.
        places.push(comp.split('(').next().unwrap_or(comp).trim());
    }
    if places.is_empty() || prefix.split(' ').count() > 10 {
        return None;
    }
    Some(Dateline {
        prefix_len: sep + 3,
        place: places.join(", "),
        agencies,
    })
}

/// `Jan. 5`, `Aug 13`, `13 August`, `Wednesday`, `2025`.
fn is_date_part(s: &str) -> bool {
    let with_year = format!("{s}, 2000");
    parse_date(&with_year).is_some()
        || parse_date(s).is_some()
        || (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        || storyweave_text::lexicon::weekday_number(s).is_some()
}

/// `D.C.`, `U.S.` and the like.
fn is_initialism(s: &str) -> bool {
    s.split(' ')
        .all(|w| !w.contains('.') || w.split('.').all(|p| p.len() <= 1))
}

/// One non-blank line of the body with its place.
struct Line<'a> {
    raw: &'a str,
    norm: Mapped,
    kind: LineKind,
    /// Index of the run of consecutive non-blank lines it belongs to.
    run: usize,
}

/// Whether a sentence starting at the beginning of `s` is a rights notice
/// (`Copyright 2016 ...`, `(© 2016 KHOU)`, `All rights reserved.`).
fn is_notice(s: &str) -> bool {
    // `Copyright` or `©` counts with a year (or `©`) after it; a bare `©
    // KCNA` is a photo credit, judged by the caption rules.
    let dated = |rest: &str| {
        let rest = rest.trim_start();
        rest.starts_with(|c: char| c.is_ascii_digit() || c == '\u{a9}')
            || starts_with_ci(rest, "(c)")
    };
    // The mark may follow a word or two (`TM and © Copyright 2016 ...`).
    let mut t = s;
    for _ in 0..3 {
        if starts_with_ci(t, "copyright") {
            return dated(&t["copyright".len()..]);
        }
        if let Some(rest) = t
            .strip_prefix('\u{a9}')
            .or_else(|| t.strip_prefix("(\u{a9}"))
        {
            return dated(rest) || starts_with_ci(rest.trim_start(), "copyright");
        }
        match t.split_once(' ') {
            Some((_, rest)) => t = rest.trim_start(),
            None => break,
        }
    }
    const NOTICES: &[&str] = &[
        "all rights reserved",
        "this material may not be",
        "used under license",
    ];
    NOTICES.iter().any(|t| starts_with_ci(s, t))
}

/// The byte range of `raw` left once a rights notice at its start and one at
/// its end are cut off: `(0, raw.len())` when there is none, or when cutting
/// would leave fewer than 8 words (then the line is judged whole). A notice
/// at the end may run on for at most 60 words, credits included.
fn notice_bounds(raw: &str) -> (usize, usize) {
    let whole = (0, raw.len());
    if !raw.contains('\u{a9}') && !raw.to_ascii_lowercase().contains("right") {
        return whole;
    }
    // Sentence starts: the line's start, and an upper-case letter, `(` or
    // `©` after a sentence end and a space.
    let mut starts = vec![raw.len() - raw.trim_start().len()];
    let bytes = raw.as_bytes();
    for (i, c) in raw.char_indices() {
        if !c.is_whitespace() {
            continue;
        }
        let prev = raw[..i].trim_end_matches(['"', '\u{201d}', '\'', '\u{2019}', ')']);
        if !prev.ends_with(['.', '!', '?']) {
            continue;
        }
        let next = i + c.len_utf8();
        if next < bytes.len() && !bytes[next].is_ascii_whitespace() {
            let n = &raw[next..];
            if n.starts_with(|c: char| c.is_uppercase() || c == '(' || c == '\u{a9}') {
                starts.push(next);
            }
        }
    }
    // Leading notice sentences, one after another.
    let mut a = 0;
    let mut k = 0;
    while k < starts.len() && raw[a..starts[k]].trim().is_empty() && is_notice(&raw[starts[k]..]) {
        k += 1;
        a = starts.get(k).copied().unwrap_or(raw.len());
    }
    let b = starts
        .iter()
        .copied()
        .find(|&s| s >= a && s > 0 && is_notice(&raw[s..]) && word_count(&raw[s..]) <= 60)
        .unwrap_or(raw.len());
    if (a, b) == whole || b <= a || word_count(&raw[a..b]) < 8 {
        return whole;
    }
    (a, b)
}

/// Walks the body's lines: fills the metadata of `st` and collects body lines.
pub(crate) fn scan(body: &str, markdown: bool, st: &mut State) {
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut run = 0usize;
    let mut blank = true;
    let mut pos = 0usize;
    for piece in body.split_inclusive('\n') {
        let start = pos;
        pos += piece.len();
        let raw = piece.trim_end_matches(['\n', '\r']);
        if raw.trim().is_empty() {
            blank = true;
            continue;
        }
        if blank {
            run += 1;
            blank = false;
        }
        // A paragraph that opens or closes with a copyright notice is body
        // text with a footer attached: the notice is cut off, not the text.
        let (a, b) = notice_bounds(raw);
        for (lo, hi, notice) in [(0, a, true), (a, b, false), (b, raw.len(), true)] {
            let part = &raw[lo..hi];
            if part.trim().is_empty() {
                continue;
            }
            let norm = normalize_inline(part, start + lo);
            if norm.text.is_empty() {
                continue;
            }
            let mut kind = if notice {
                LineKind::Footer
            } else {
                classify_line(part, &norm.text, markdown)
            };
            // The line right after an image is its caption.
            if kind == LineKind::Body
                && lines.last().is_some_and(|l| l.kind == LineKind::Image)
                && word_count(&norm.text) <= 50
            {
                kind = LineKind::Caption;
            }
            lines.push(Line {
                raw: part,
                norm,
                kind,
                run,
            });
        }
    }

    // The plain-text title: a short first line standing alone, no final period.
    let first_body = lines.iter().position(|l| l.kind == LineKind::Body);
    let mut title_line = None;
    if let Some(k) = first_body
        && !st.skip_title_line
        && k == 0
        && lines.len() > 1
    {
        let l = &lines[0];
        // Alone in its run, and not continued by a lower-case line.
        let alone = lines.get(1).is_some_and(|n| n.run != l.run)
            && !lines[1..]
                .iter()
                .find(|n| n.kind == LineKind::Body)
                .is_some_and(|n| n.norm.text.starts_with(char::is_lowercase));
        let t = l.norm.text.as_str();
        let wc = word_count(t);
        if alone
            && (2..=20).contains(&wc)
            && t.len() <= 160
            && !t.ends_with(['.', ',', ';', ':'])
            && find_dateline(t).is_none()
            && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '"')
        {
            title_line = Some(0);
        }
    }

    let mut want_url = false;
    for (k, l) in lines.into_iter().enumerate() {
        let text = l.norm.text.clone();
        let kind = l.kind;
        if want_url {
            want_url = false;
            if let Some(u) = find_url(l.raw) {
                if st.url.is_none() {
                    st.url = Some(u);
                }
                st.set_aside.push(SetAside {
                    kind: SetAsideKind::Footer,
                    text,
                });
                continue;
            }
        }
        if title_line == Some(k) {
            st.title = Some(text);
            continue;
        }
        match kind {
            LineKind::Heading => {
                if st.title.is_none() {
                    st.title = Some(text);
                } else {
                    st.set_aside.push(SetAside {
                        kind: SetAsideKind::Meta,
                        text,
                    });
                }
            }
            LineKind::Byline => {
                find_agencies(&text, true, &mut st.agencies);
                if st.byline.is_none() {
                    st.byline = Some(text.clone());
                }
                st.set_aside.push(SetAside {
                    kind: SetAsideKind::Meta,
                    text,
                });
            }
            LineKind::DateLine => {
                if st.published.is_none() {
                    st.published = find_date_line(&text);
                }
                st.set_aside.push(SetAside {
                    kind: SetAsideKind::Meta,
                    text,
                });
            }
            LineKind::Teaser => st.set_aside.push(SetAside {
                kind: SetAsideKind::Teaser,
                text,
            }),
            LineKind::SourceLabel => {
                match find_url(l.raw) {
                    Some(u) => {
                        if st.url.is_none() {
                            st.url = Some(u);
                        }
                    }
                    None => want_url = true,
                }
                st.set_aside.push(SetAside {
                    kind: SetAsideKind::Footer,
                    text,
                });
            }
            LineKind::Footer => {
                find_agencies(&text, true, &mut st.agencies);
                st.set_aside.push(SetAside {
                    kind: SetAsideKind::Footer,
                    text,
                });
            }
            LineKind::Image | LineKind::Caption => {
                find_agencies(&text, true, &mut st.agencies);
                st.set_aside.push(SetAside {
                    kind: SetAsideKind::Caption,
                    text,
                });
            }
            LineKind::Body => st.body.push((l.run, l.norm)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(raw: &str) -> LineKind {
        classify_line(raw, &normalize_inline(raw, 0).text, true)
    }

    #[test]
    fn classifies_metadata_lines() {
        assert_eq!(kind("# A Title"), LineKind::Heading);
        assert_eq!(kind("By [AFP](#)"), LineKind::Byline);
        assert_eq!(kind("By Jane Doe, Reuters"), LineKind::Byline);
        assert_eq!(kind("August 13, 2025"), LineKind::DateLine);
        assert_eq!(
            kind("**Related article: [Zelensky Says](#)**"),
            LineKind::Teaser
        );
        assert_eq!(kind("READ MORE: other things"), LineKind::Teaser);
        assert_eq!(kind("Original url:"), LineKind::SourceLabel);
        assert_eq!(kind("<https://example.com/a>"), LineKind::Footer);
        assert_eq!(kind("Follow us on Twitter"), LineKind::Footer);
        assert_eq!(kind("\u{a9} 2025 AFP"), LineKind::Footer);
        assert_eq!(kind("![Kim](kim.jpg)"), LineKind::Image);
        assert_eq!(kind("ADVERTISEMENT"), LineKind::Footer);
        assert_eq!(
            kind("Story continues below advertisement"),
            LineKind::Footer
        );
    }

    #[test]
    fn classifies_captions() {
        assert_eq!(
            kind("Vladimir Putin and Kim Jong-un. [kremlin.ru](http://kremlin.ru)"),
            LineKind::Caption
        );
        assert_eq!(
            kind(
                "Kim Jong Un holds a call at an undisclosed location on August 12, 2025. \u{a9} KCNA VIA KNS / AFP"
            ),
            LineKind::Caption
        );
        assert_eq!(kind("Photo: Reuters"), LineKind::Caption);
        assert_eq!(
            kind("Buy Photo Police tape. (Photo: Detroit Free Press)Buy Photo"),
            LineKind::Caption
        );
        assert_eq!(
            kind("Three bodies were found in a home on Thursday. (WISH Photo)"),
            LineKind::Caption
        );
    }

    #[test]
    fn body_stays_body() {
        assert_eq!(
            kind("By then, the talks had collapsed, officials said."),
            LineKind::Body
        );
        assert_eq!(
            kind("Putin and Kim spoke by phone on Tuesday, KCNA said."),
            LineKind::Body
        );
        assert_eq!(
            kind("Read the [statement](http://x.org) here."),
            LineKind::Body
        );
    }

    #[test]
    fn rights_notices_are_cut_from_long_paragraphs() {
        let body = "Police say a teenager died on Sunday after a handgun went off at his home in the suburb. \
                    Grief counselors were at the school. Copyright 2016 KMOV (Meredith Corporation). All rights reserved.";
        let (a, b) = notice_bounds(body);
        assert_eq!(a, 0);
        assert!(
            body[a..b].trim_end().ends_with("at the school."),
            "{}",
            &body[a..b]
        );
        let lead = "Copyright 2016 Nexstar Broadcasting, Inc. All rights reserved. This material may not be \
                    published, broadcast, rewritten, or redistributed. LITTLE ROCK, Ark. - A man wounded in a \
                    shooting earlier this month has died, police said.";
        let (a, b) = notice_bounds(lead);
        assert!(lead[a..b].starts_with("LITTLE ROCK"), "{}", &lead[a..b]);
        assert_eq!(b, lead.len());
        let tail = "Anyone with information is asked to call the sheriff's office at the number given. (\u{a9} 2016 KHOU)";
        let (_, b) = notice_bounds(tail);
        assert!(tail[..b].trim_end().ends_with("number given."));
        let marks = "No arrests were immediately reported and the death remains under investigation. \
                     TM and \u{a9} Copyright 2016 CBS Radio Inc. Used under license.";
        let (_, b) = notice_bounds(marks);
        assert!(marks[..b].trim_end().ends_with("under investigation."));
        // A notice alone, or one that would leave too little, is judged whole.
        let alone = "Copyright 2016 KTRE. All rights reserved.";
        assert_eq!(notice_bounds(alone), (0, alone.len()));
        let plain = "The court upheld the right of the publisher to appeal the ruling in full. \
                     Copyright law was not at issue here at all.";
        assert_eq!(notice_bounds(plain), (0, plain.len()));
    }

    #[test]
    fn datelines() {
        let d =
            find_dateline("Pyongyang, North Korea - Russia's President spoke.").expect("dateline");
        assert_eq!(d.place, "Pyongyang, North Korea");
        assert_eq!(d.prefix_len, "Pyongyang, North Korea - ".len());
        let d = find_dateline("LONDON, Jan. 5 (Reuters) - Shares fell.").expect("dateline");
        assert_eq!(
            (d.place.as_str(), d.agencies.as_slice()),
            ("LONDON", &["Reuters"][..])
        );
        let d = find_dateline("PARIS (AFP) - France said.").expect("dateline");
        assert_eq!(
            (d.place.as_str(), d.agencies.as_slice()),
            ("PARIS", &["AFP"][..])
        );
        assert_eq!(
            find_dateline("The talks - which began in May - failed."),
            None
        );
        assert_eq!(
            find_dateline("He said the U.S. - China talks failed."),
            None
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("https://www.themoscowtimes.com/2025/a").as_deref(),
            Some("themoscowtimes.com")
        );
        assert_eq!(
            url_host("http://Example.org:8080?x").as_deref(),
            Some("example.org")
        );
        assert_eq!(url_host("#"), None);
    }

    #[test]
    fn markdown_sniff() {
        assert!(looks_like_markdown("x\n# Title\n"));
        assert!(looks_like_markdown("By [AFP](#)"));
        assert!(!looks_like_markdown("Plain text. Nothing else."));
    }
}
