//! HTML pages: main text and news metadata.
//!
//! The main text comes from [`rs_trafilatura`] (chosen over `dom_smoothie`
//! and a hand-written scorer by measured F1 on the Zyte article-extraction
//! benchmark; see the `storyweave-bench-extract` crate). The metadata comes
//! from the markup ([`page_meta`]: JSON-LD, OpenGraph, meta tags). The main
//! text then goes through the same line, paragraph and sentence path as text
//! articles, so datelines, bylines, wire credits, captions and teasers are
//! recognised the same way.
//!
//! Untrusted pages are checked first ([`check_page`]): too large, binary, or
//! nested deeper than the limit are refused with an [`ExtractError`] before
//! any DOM is built, so memory and time stay bounded.

mod clean;
mod meta;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};

pub use meta::{PageMeta, decode_entities, page_meta};

use crate::ExtractError;

/// Default for [`crate::ExtractorBuilder::max_html_bytes`]: 16 MiB.
pub const DEFAULT_MAX_HTML_BYTES: usize = 16 * 1024 * 1024;
/// Default for [`crate::ExtractorBuilder::max_html_depth`]: 512 open elements.
pub const DEFAULT_MAX_HTML_DEPTH: usize = 512;

/// How many leading bytes are looked at to tell binary from markup.
const SNIFF_BYTES: usize = 8 * 1024;

/// Elements that never have content, or whose end tag the parser implies
/// when a sibling starts: they do not deepen the tree.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody",
    "thead", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body", "!doctype",
];

/// Elements whose content is raw text, skipped up to their end tag.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Checks a page before parsing: size, binary content, nesting depth. The
/// depth is estimated by one pass over the tags (elements with implied ends
/// and void elements do not count), so a page that nests `<div>` 100 000
/// deep is refused in linear time.
pub fn check_page(html: &str, max_bytes: usize, max_depth: usize) -> Result<(), ExtractError> {
    if html.len() > max_bytes {
        return Err(ExtractError::TooLarge {
            bytes: html.len(),
            limit: max_bytes,
        });
    }
    let head = html
        .as_bytes()
        .get(..SNIFF_BYTES)
        .unwrap_or(html.as_bytes());
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    let replacement = html
        .chars()
        .take(SNIFF_BYTES)
        .filter(|&c| c == '\u{fffd}')
        .count();
    if head.contains(&0) || controls * 10 > head.len() || replacement * 5 > head.len().max(1) {
        return Err(ExtractError::NotHtml);
    }
    if !html.contains('<') {
        return Err(ExtractError::NotHtml);
    }
    let depth = max_nesting(html, max_depth);
    if depth > max_depth {
        return Err(ExtractError::TooDeep { limit: max_depth });
    }
    Ok(())
}

/// The estimated deepest nesting of elements, counting stops past `stop`.
fn max_nesting(html: &str, stop: usize) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let at = i + off;
        i = at + 1;
        if b[at..].starts_with(b"<!--") {
            i = html[at..].find("-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        let close = b.get(at + 1) == Some(&b'/');
        let ns = at + 1 + usize::from(close);
        let len = b
            .get(ns..)
            .unwrap_or_default()
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'!' || *c == b'-'))
            .unwrap_or(b.len() - ns.min(b.len()));
        if len == 0 {
            continue;
        }
        let name = html.get(ns..ns + len).unwrap_or("").to_ascii_lowercase();
        let gt = b[ns..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len(), |p| ns + p);
        i = gt + 1;
        if close {
            if !FLAT.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW.contains(&name.as_str()) {
            let end = format!("</{name}");
            i = find_ci(b, end.as_bytes(), i).unwrap_or(b.len());
            continue;
        }
        let self_closing = gt > 0 && b.get(gt - 1) == Some(&b'/');
        if self_closing || FLAT.contains(&name.as_str()) || name.starts_with('!') {
            continue;
        }
        depth += 1;
        max = max.max(depth);
        if max > stop {
            break;
        }
    }
    max
}

fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while i + needle.len() <= hay.len() {
        if hay[i] == first && hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The main text of a checked page: paragraphs, headings, list items and
/// quotes, one per line group (paragraphs separated by a blank line), with
/// navigation, related links, comments and other boilerplate left out. A
/// leading paragraph that repeats the headline is dropped (one that repeats
/// the description is kept: measured on the benchmark, it is more often the
/// article's first paragraph than a standfirst).
///
/// Paragraphs that are the whole text of a link to another page of the same
/// site (teasers), calls to action, advert labels and contributor notes are
/// dropped, and the text ends at a heading that starts related links or
/// comments, also one the extractor itself left out (it is marked in the
/// page before extraction).
///
/// Two extractors vote: `rs-trafilatura` proposes the paragraphs, and one is
/// kept only when at least half of its word pairs also occur in what
/// `dom_smoothie` (a Readability port) finds; when the second finds nothing,
/// the first is taken whole. On the benchmark this cuts boilerplate at the
/// edges of the article (precision) at almost no cost in recall.
pub fn main_text(html: &str, meta: &PageMeta) -> Result<String, ExtractError> {
    let options = rs_trafilatura::Options {
        include_comments: false,
        include_images: false,
        include_links: false,
        url: meta.canonical_url.clone(),
        ..rs_trafilatura::Options::default()
    };
    // The parser is third-party code run on untrusted input: a panic in it
    // becomes an error for this page, not the end of the run.
    let spaced = space_blocks(html);
    let result = catch_unwind(AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(&spaced, &options)
    }));
    let text = match result {
        Ok(Ok(r)) => r.content_text,
        Ok(Err(_)) => return Err(ExtractError::NoBody),
        Err(_) => return Err(ExtractError::Parser),
    };
    let second = catch_unwind(AssertUnwindSafe(|| readability_text(html, meta)))
        .ok()
        .flatten();
    let pairs = second.as_deref().map(word_pairs);
    let host = meta.canonical_url.as_deref().and_then(clean::url_host);
    let links = clean::SiteLinks::collect(html, host.as_deref());
    let mut out = String::with_capacity(text.len());
    let mut leading = true;
    for para in text.split("\n\n") {
        let p = clean::strip_trailer(para.trim());
        if p.is_empty() {
            continue;
        }
        if p == SECTION_MARK {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if links.is_teaser(p) || clean::is_boilerplate(p) {
            continue;
        }
        if let Some(pairs) = &pairs
            && !pairs.is_empty()
            && !confirmed(p, pairs)
        {
            continue;
        }
        if !out.is_empty() && is_section_end(p) {
            break;
        }
        if leading
            && (same_text(p, meta.title.as_deref()) || same_text(p, meta.html_title.as_deref()))
        {
            continue;
        }
        leading = false;
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(p);
    }
    if out.trim().is_empty() {
        return Err(ExtractError::NoBody);
    }
    Ok(out)
}

/// Block elements: a blank line is put before each start tag.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "aside",
    "main",
    "nav",
    "form",
    "hr",
    "body",
];

/// The lower-case name of the tag starting at `at` (which holds `<`), and
/// whether it is a closing tag.
fn tag_name(b: &[u8], at: usize) -> (String, bool) {
    let close = b.get(at + 1) == Some(&b'/');
    let start = at + 1 + usize::from(close);
    let len = b
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take(12)
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(0);
    let name = b
        .get(start..start + len)
        .map(|n| String::from_utf8_lossy(n).to_ascii_lowercase())
        .unwrap_or_default();
    (name, close)
}

/// The page with a blank line before every block element's start tag.
/// Rendering is unchanged, but the extractor, which keeps text nodes' white
/// space, then separates paragraphs that the source wrote back to back.
fn space_blocks(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let at = i + off;
        i = at + 1;
        let (name, close) = tag_name(b, at);
        if !close && BLOCKS.contains(&name.as_str()) {
            out.push_str(html.get(last..at).unwrap_or(""));
            out.push_str("\n\n");
            if is_heading(&name) && heading_ends_article(html, at, &name) {
                out.push_str("<p>");
                out.push_str(SECTION_MARK);
                out.push_str("</p>\n\n");
            }
            last = at;
        }
    }
    out.push_str(html.get(last..).unwrap_or(""));
    out
}

/// The paragraph put before a heading that ends the article, so that the
/// text is cut there even when the extractor drops the heading itself.
const SECTION_MARK: &str = "zzstoryweavesectionendzz";

/// Headings longer than this (bytes of markup) are not looked at.
const MAX_HEADING_BYTES: usize = 400;

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Whether the heading element starting at `at` (a start tag `<name`)
/// reads as the start of related links or comments.
fn heading_ends_article(html: &str, at: usize, name: &str) -> bool {
    let b = html.as_bytes();
    let Some(gt) = b.get(at..).and_then(|r| r.iter().position(|&c| c == b'>')) else {
        return false;
    };
    let start = at + gt + 1;
    let close = format!("</{name}");
    let end = b.len().min(start + MAX_HEADING_BYTES);
    let Some(len) = b.get(start..end).and_then(|w| {
        w.windows(close.len())
            .position(|x| x.eq_ignore_ascii_case(close.as_bytes()))
    }) else {
        return false;
    };
    let inner = html.get(start..start + len).unwrap_or("");
    let mut text = String::with_capacity(inner.len());
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    is_section_end(decode_entities(&text).trim()) && text_follows(html, start + len)
}

/// How far after a heading [`text_follows`] looks.
const FOLLOW_WINDOW: usize = 4096;

/// Whether the first run of text of at least four words after `from` is
/// outside a link. After a related-links heading, a list of links is a box
/// the extractor drops anyway (and the article may go on below it), while
/// text is teaser excerpts the extractor would take for the article.
fn text_follows(html: &str, from: usize) -> bool {
    let b = html.as_bytes();
    let end = b.len().min(from.saturating_add(FOLLOW_WINDOW));
    let mut in_link = false;
    let mut i = from;
    while i < end {
        let Some(off) = b
            .get(i..end)
            .and_then(|r| r.iter().position(|&c| c == b'<'))
        else {
            break;
        };
        let run = html.get(i..i + off).unwrap_or("");
        if run.split_whitespace().count() >= 4 {
            return !in_link;
        }
        let at = i + off;
        let (name, close) = tag_name(b, at);
        if name == "a" {
            in_link = !close;
        }
        let gt = b
            .get(at..end)
            .and_then(|r| r.iter().position(|&c| c == b'>'));
        i = gt.map_or(end, |g| at + g + 1);
        if !close && (name == "script" || name == "style") {
            let close_tag = format!("</{name}");
            i = find_ci(b, close_tag.as_bytes(), i).unwrap_or(end);
        }
    }
    false
}

/// Headings that start what follows an article (related links, comments),
/// in the languages the extractor meets most.
const SECTION_ENDS: &[&str] = &[
    "you may also like",
    "you might also like",
    "you may be interested in",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related news",
    "related coverage",
    "more stories",
    "more news",
    "most popular",
    "most read",
    "trending",
    "trending now",
    "recommended",
    "recommended for you",
    "read next",
    "what to read next",
    "more on this story",
    "latest news",
    "top stories",
    "comments",
    "leave a comment",
    "leave a reply",
    "join the conversation",
    "related reading",
    "popular posts",
    "recent posts",
    "around the web",
    "from the web",
    "promoted stories",
    "recommended stories",
    "editor's picks",
    "you may have missed",
    "more to explore",
    // Portuguese, Spanish, Italian, French, German, Russian, Japanese.
    "você pode gostar",
    "você também pode gostar",
    "voce pode gostar",
    "notícias relacionadas",
    "posts relacionados",
    "artigos relacionados",
    "artículos relacionados",
    "noticias relacionadas",
    "te puede interesar",
    "también te puede interesar",
    "articoli correlati",
    "potrebbe interessarti anche",
    "potrebbero interessarti anche",
    "articles similaires",
    "sur le même sujet",
    "ähnliche artikel",
    "das könnte sie auch interessieren",
    "похожие статьи",
    "похожие записи",
    "関連記事",
    "関連する記事",
    "おすすめ記事",
];

/// Whether a paragraph is a heading after which the article is over.
fn is_section_end(p: &str) -> bool {
    if p.len() > 60 {
        return false;
    }
    let core = p
        .trim_end_matches([':', '.', '\u{2026}', ' '])
        .to_lowercase();
    SECTION_ENDS.contains(&core.as_str())
        || (core.starts_with("more from ") && core.split(' ').count() <= 5)
}

/// The text `dom_smoothie` finds as the article, if any.
fn readability_text(html: &str, meta: &PageMeta) -> Option<String> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    let mut reader =
        dom_smoothie::Readability::new(html, meta.canonical_url.as_deref(), Some(config)).ok()?;
    let article = reader.parse().ok()?;
    let text = article.text_content.to_string();
    (!text.trim().is_empty()).then_some(text)
}

/// Hashes of the adjacent word pairs of `text`.
fn word_pairs(text: &str) -> HashSet<u64> {
    let mut set = HashSet::new();
    let mut prev: Option<&str> = None;
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if let Some(p) = prev {
            set.insert(pair_hash(p, w));
        }
        prev = Some(w);
    }
    set
}

fn pair_hash(a: &str, b: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    a.hash(&mut h);
    b.hash(&mut h);
    h.finish()
}

/// Whether at least half the word pairs of `para` are in `pairs` (a
/// one-word paragraph is kept).
fn confirmed(para: &str, pairs: &HashSet<u64>) -> bool {
    let (mut total, mut hits) = (0usize, 0usize);
    let mut prev: Option<&str> = None;
    for w in para
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if let Some(p) = prev {
            total += 1;
            hits += usize::from(pairs.contains(&pair_hash(p, w)));
        }
        prev = Some(w);
    }
    total == 0 || hits * 2 >= total
}

/// Whether `a` holds the words of `b` (case, spacing and punctuation
/// aside), once or repeated.
fn same_text(a: &str, b: Option<&str>) -> bool {
    let Some(b) = b else {
        return false;
    };
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (ka, kb) = (key(a), key(b));
    // Some parsers fall back to repeating the title: that counts too.
    !kb.is_empty()
        && ka.len() % kb.len() == 0
        && ka.as_bytes().chunks(kb.len()).all(|c| c == kb.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_in_one_pass() {
        let page = format!(
            "<html><body>{}<p>x</p></body></html>",
            "<div>".repeat(100_000)
        );
        assert_eq!(
            check_page(&page, usize::MAX, 512),
            Err(ExtractError::TooDeep { limit: 512 })
        );
    }

    #[test]
    fn implied_ends_and_void_elements_do_not_deepen() {
        let page = format!("<body>{}</body>", "<p>a<br><img src=x><li>b".repeat(10_000));
        assert!(check_page(&page, usize::MAX, 64).is_ok());
        let page = format!("<script>{}</script><p>x", "<div>".repeat(1000));
        assert!(check_page(&page, usize::MAX, 64).is_ok());
    }

    #[test]
    fn binary_and_oversized_pages_are_refused() {
        assert_eq!(
            check_page("<p>\0\0\0</p>", 1 << 20, 512),
            Err(ExtractError::NotHtml)
        );
        assert_eq!(
            check_page("no markup at all", 1 << 20, 512),
            Err(ExtractError::NotHtml)
        );
        assert_eq!(
            check_page("<p>abc</p>", 4, 512),
            Err(ExtractError::TooLarge {
                bytes: 10,
                limit: 4
            })
        );
    }

    #[test]
    fn block_starts_get_a_blank_line() {
        assert_eq!(space_blocks("<p>a</p><p>b</p>"), "\n\n<p>a</p>\n\n<p>b</p>");
    }

    #[test]
    fn related_link_headings_end_the_article() {
        assert!(is_section_end("You may also like..."));
        assert!(is_section_end("More from The Daily Planet"));
        assert!(!is_section_end("Comments from the minister were brief."));
    }

    #[test]
    fn leading_title_repeat_is_dropped() {
        assert!(same_text("The Title!", Some("the title")));
        assert!(same_text("TitleTitle", Some("title")));
        assert!(!same_text("Title and more", Some("title")));
        assert!(!same_text("", Some("")));
    }
}
