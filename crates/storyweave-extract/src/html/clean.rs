//! Paragraph-level cleaning of an extracted main text: teaser links to
//! other pages of the same site, and the calls to action, advert labels
//! and credit notes that sit between article paragraphs.
//!
//! Both extractors keep these lines because they sit inside the article
//! container and read like text. What gives a teaser away is in the markup
//! (the whole paragraph is the text of one link to the same site), so
//! [`SiteLinks`] collects those link texts in one pass over the page.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::meta::{decode_entities, strip_tags};

/// Links shorter than this many words are menus and buttons, not teasers.
const MIN_TEASER_WORDS: usize = 3;
/// A link text longer than this (in bytes of markup) is not a teaser.
const MAX_LINK_BYTES: usize = 4096;
/// A label before a teaser link (`SEE MORE: ...`) has at most these words.
const MAX_LABEL_WORDS: usize = 3;
/// Paragraphs longer than this many words are never taken for boilerplate.
const MAX_BOILERPLATE_WORDS: usize = 45;

/// Hashes of the texts of the page's links to its own site (relative links
/// or links to the page's host), of at least [`MIN_TEASER_WORDS`] words.
#[derive(Debug, Default)]
pub(crate) struct SiteLinks {
    texts: HashSet<u64>,
}

impl SiteLinks {
    /// Collects the same-site link texts of `html`, whose host is `host`
    /// (lower case, without `www.`; `None` counts relative links only).
    pub(crate) fn collect(html: &str, host: Option<&str>) -> Self {
        let b = html.as_bytes();
        let mut texts = HashSet::new();
        let mut i = 0;
        while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
            let at = i + off;
            i = at + 1;
            let is_anchor = b.get(at + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b'a'))
                && b.get(at + 2)
                    .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>');
            if !is_anchor {
                continue;
            }
            let Some(gt) = b[at..].iter().position(|&c| c == b'>').map(|p| at + p) else {
                break;
            };
            let Some(end) = find_ci(b, b"</a", gt + 1, MAX_LINK_BYTES) else {
                i = gt + 1;
                continue;
            };
            i = end + 3;
            let tag = html.get(at..gt).unwrap_or("");
            let same_site = href(tag).is_some_and(|h| same_site(h, host));
            if !same_site {
                continue;
            }
            let inner = html.get(gt + 1..end).unwrap_or("");
            let text = decode_entities(&strip_tags(inner));
            if word_count(&text) >= MIN_TEASER_WORDS {
                texts.insert(text_key(&text));
            }
        }
        Self { texts }
    }

    /// Whether `para` is a teaser: the whole text of a same-site link, or
    /// a short label (`SEE MORE:`, `Related |`) followed by one.
    pub(crate) fn is_teaser(&self, para: &str) -> bool {
        if self.texts.is_empty() {
            return false;
        }
        if self.texts.contains(&text_key(para)) {
            return true;
        }
        let head = para.get(..para.len().min(40)).map_or(para, |h| h);
        let Some(cut) = head.find([':', '|']) else {
            return false;
        };
        let (label, rest) = (&para[..cut], &para[cut + 1..]);
        word_count(label) <= MAX_LABEL_WORDS
            && word_count(rest) >= MIN_TEASER_WORDS
            && self.texts.contains(&text_key(rest))
    }
}

/// The host of `url` in lower case, without `www.`.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("//").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .map_or(host.clone(), str::to_owned);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Whether a link target stays on the site `host`.
fn same_site(href: &str, host: Option<&str>) -> bool {
    let h = href.trim();
    let lower = h.get(..h.len().min(12)).unwrap_or("").to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("mailto:") || h.starts_with('#') {
        return false;
    }
    let absolute = lower.starts_with("http:") || lower.starts_with("https:") || h.starts_with("//");
    if !absolute {
        return true;
    }
    let (Some(page), Some(link)) = (host, url_host(h)) else {
        return false;
    };
    link == page
        || link.strip_suffix(page).is_some_and(|p| p.ends_with('.'))
        || page
            .strip_suffix(link.as_str())
            .is_some_and(|p| p.ends_with('.'))
}

/// The value of the `href` attribute of a start tag's markup.
fn href(tag: &str) -> Option<&str> {
    let b = tag.as_bytes();
    let at = find_ci(b, b"href", 0, usize::MAX)?;
    let rest = tag
        .get(at + 4..)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let body = &rest[1..];
        Some(body.split(quote).next().unwrap_or(body))
    } else {
        rest.split(|c: char| c.is_whitespace() || c == '>').next()
    }
}

/// A hash of the letters and digits of `text`, lower-cased: equal for
/// texts that differ only in case, spacing and punctuation.
fn text_key(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    for c in text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        c.hash(&mut h);
    }
    h.finish()
}

/// The number of runs of letters and digits in `text`.
fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The first case-insensitive occurrence of `needle` in `hay` at or after
/// `from`, looking at most `window` bytes ahead.
fn find_ci(hay: &[u8], needle: &[u8], from: usize, window: usize) -> Option<usize> {
    let end = hay
        .len()
        .min(from.saturating_add(window).saturating_add(needle.len()));
    hay.get(from..end)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Whole paragraphs (letters only, lower case) that are page furniture.
const FURNITURE: &[&str] = &[
    "advert",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsoredcontent",
    "dontmiss",
    "seemore",
    "readmore",
    "share",
    "sharethis",
    "sharethisarticle",
    "sharethisstory",
    "telluswhatyouthink",
    "thisslideshowrequiresjavascript",
    "likethisstoryshareitwithafriend",
    "continuereadingbelow",
    "storycontinuesbelow",
    "storycontinuesbelowadvertisement",
    "articlecontinuesbelow",
    "articlecontinuesbelowadvertisement",
    "skipad",
    "printemail",
];

/// Phrases that make a short paragraph a call to action or a note about
/// the article rather than part of it.
const CALLS: &[&str] = &[
    "click here",
    "sign up for",
    "sign up to",
    "subscribe to",
    "newsletter",
    "share it with",
    "follow us",
    "requires javascript",
    "[button",
    "delivered to your inbox",
    "download the app",
    "contributed to this report",
    "have a tip?",
];

/// Whether `para` is a call to action (newsletter, follow, share), an
/// advert label, or a contributor note, rather than article text.
pub(crate) fn is_boilerplate(para: &str) -> bool {
    if word_count(para) > MAX_BOILERPLATE_WORDS {
        return false;
    }
    let letters: String = para
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if FURNITURE.contains(&letters.as_str()) {
        return true;
    }
    let lower = para.to_lowercase();
    CALLS.iter().any(|c| lower.contains(c))
}

/// Widget labels that follow a quotable sentence on the same line.
const TRAILERS: &[&str] = &["click to tweet", "tweet this"];

/// `para` without a trailing widget label (`... Click To Tweet`).
pub(crate) fn strip_trailer(para: &str) -> &str {
    let trimmed = para.trim_end();
    for t in TRAILERS {
        if let Some(start) = trimmed.len().checked_sub(t.len())
            && let Some(tail) = trimmed.get(start..)
            && tail.eq_ignore_ascii_case(t)
        {
            return trimmed[..start].trim_end();
        }
    }
    para
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_site_link_paragraphs_are_teasers() {
        let page = r#"<p>Body text here.</p>
            <p><strong><a href="/news/other-story">SENATOR SAYS &quot;NO&quot; TO PLAN</a></strong></p>
            <a href="https://www.example.com/x">Another story on this site</a>
            <a href="https://shop.other.org/buy">Get it on Amazon today</a>
            <a href="/menu">Home</a>"#;
        let links = SiteLinks::collect(page, Some("example.com"));
        assert!(links.is_teaser("SENATOR SAYS \"NO\" TO PLAN"));
        assert!(links.is_teaser("SEE MORE: Another story on this site"));
        assert!(!links.is_teaser("Get it on Amazon today"));
        assert!(!links.is_teaser("Home"));
        assert!(!links.is_teaser("Body text here."));
    }

    #[test]
    fn unclosed_and_odd_anchors_are_safe() {
        let links = SiteLinks::collect("<a href='/x'>never closed", None);
        assert!(!links.is_teaser("never closed"));
        let links = SiteLinks::collect("<a", None);
        assert!(!links.is_teaser("a"));
        let links = SiteLinks::collect("<a href=/rel>one two three</a>", None);
        assert!(links.is_teaser("One, two, three."));
    }

    #[test]
    fn hosts_compare_without_www_and_by_subdomain() {
        assert_eq!(
            url_host("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert!(same_site("https://news.example.com/a", Some("example.com")));
        assert!(!same_site("https://badexample.com/a", Some("example.com")));
        assert!(!same_site("mailto:a@example.com", Some("example.com")));
    }

    #[test]
    fn calls_to_action_and_labels_are_boilerplate() {
        assert!(is_boilerplate("Advertisement"));
        assert!(is_boilerplate("Tell us what YOU think..."));
        assert!(is_boilerplate(
            "Sign up for our free daily newsletter to get the news in your inbox."
        ));
        assert!(is_boilerplate("Jane Doe contributed to this report."));
        assert!(!is_boilerplate(
            "The minister said the plan was advertised widely."
        ));
        let long = "He told reporters to click here and there. ".repeat(10);
        assert!(!is_boilerplate(&long));
    }

    #[test]
    fn tweet_widget_label_is_stripped() {
        assert_eq!(
            strip_trailer("Quote me on this. Click To Tweet"),
            "Quote me on this."
        );
        assert_eq!(strip_trailer("Nothing to strip."), "Nothing to strip.");
    }
}
