//! Page metadata from the markup itself: `<title>`, `<html lang>`,
//! `<link rel=canonical>`, `<meta>` tags (OpenGraph, article:*, Dublin Core,
//! author/date conventions) and JSON-LD (`NewsArticle` and kin), read by one
//! byte-level pass over the tags, without building a DOM.

use serde::Serialize;
use serde_json::Value;
use storyweave_text::{Date, normalize_inline, parse_published};

use crate::agencies::{canonical_agency, find_agencies};

/// Largest JSON-LD block parsed; bigger ones are skipped.
const MAX_JSON_LD: usize = 1 << 20;

/// What a page says about itself, before its main text is read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    /// Headline: JSON-LD `headline`, else `og:title`, else `<title>`.
    pub title: Option<String>,
    /// The page's `<title>` as written, for telling the site name apart.
    pub html_title: Option<String>,
    /// Byline: JSON-LD authors, else `author`-style meta tags, as `By ...`.
    pub byline: Option<String>,
    /// Author names, in page order, without repeats.
    pub authors: Vec<String>,
    /// Publication date: JSON-LD `datePublished`, else `article:published_time`
    /// and the other date meta tags.
    pub published: Option<Date>,
    /// Outlet: `og:site_name`, else JSON-LD `publisher.name`.
    pub outlet: Option<String>,
    /// Canonical URL: `<link rel=canonical>`, else `og:url`, else JSON-LD `url`.
    pub canonical_url: Option<String>,
    /// ISO 639-1 language: `<html lang>`, else `og:locale`, JSON-LD
    /// `inLanguage` or `content-language`.
    pub language: Option<String>,
    /// Meta description (often the standfirst repeated atop the body).
    pub description: Option<String>,
    /// A wire credit the metadata gives (`AFP` as author, `© 2025 Reuters`
    /// as copyright holder or credit text), as written.
    pub wire_credit: Option<String>,
    /// Agencies the metadata credits, canonical names.
    pub agencies: Vec<&'static str>,
}

/// Decodes HTML character references (`&amp;`, `&#8217;`, `&eacute;` ...)
/// in `s`. Unknown names are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let end = tail
            .char_indices()
            .take(32)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(tail.len().min(32), |(i, _)| i);
        let name = &tail[..end.min(tail.len())];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.map(|c| match c {
                // Windows-1252 code points pages still write as numbers.
                0x80..=0x9f => windows_1252(c),
                0 => '\u{fffd}',
                _ => char::from_u32(c).unwrap_or('\u{fffd}'),
            })
        } else {
            named_entity(name)
        };
        match decoded {
            Some(c) if !name.is_empty() => {
                out.push(c);
                let used = 1 + name.len();
                let used = if rest[at + used..].starts_with(';') {
                    used + 1
                } else {
                    used
                };
                rest = &rest[at + used..];
            }
            _ => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

fn windows_1252(c: u32) -> char {
    match c {
        0x80 => '\u{20ac}',
        0x85 => '\u{2026}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201c}',
        0x94 => '\u{201d}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        _ => '\u{fffd}',
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" | "COPY" => '\u{a9}',
        "reg" => '\u{ae}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "middot" => '\u{b7}',
        "bull" => '\u{2022}',
        "euro" => '\u{20ac}',
        "pound" => '\u{a3}',
        "eacute" => '\u{e9}',
        "egrave" => '\u{e8}',
        "aacute" => '\u{e1}',
        "agrave" => '\u{e0}',
        "iacute" => '\u{ed}',
        "oacute" => '\u{f3}',
        "uacute" => '\u{fa}',
        "ntilde" => '\u{f1}',
        "ccedil" => '\u{e7}',
        "auml" => '\u{e4}',
        "ouml" => '\u{f6}',
        "uuml" => '\u{fc}',
        "Auml" => '\u{c4}',
        "Ouml" => '\u{d6}',
        "Uuml" => '\u{dc}',
        "szlig" => '\u{df}',
        "Eacute" => '\u{c9}',
        _ => return None,
    })
}

/// One start tag: its lower-case name and raw attribute text.
struct Tag<'a> {
    name: String,
    attrs: &'a str,
    /// Byte just after the tag's `>`.
    end: usize,
}

/// The value of attribute `key` (lower-case) in a tag's attribute text,
/// entity-decoded.
fn attr(attrs: &str, key: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
            i += 1;
        }
        let name = attrs.get(start..i)?;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| vs + p);
                value = attrs.get(vs..ve)?;
                i = ve + 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = attrs.get(vs..i)?;
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        if name.eq_ignore_ascii_case(key) {
            return Some(decode_entities(value.trim()));
        }
    }
    None
}

/// Finds ASCII `needle` (lower-case) in `hay` from `from`, ignoring case.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let first = *n.first()?;
    let mut i = from;
    while i + n.len() <= h.len() {
        let b = h[i];
        if b.eq_ignore_ascii_case(&first) && h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The start tag at byte `at` (which holds `<`), if it is one.
fn tag_at(html: &str, at: usize) -> Option<Tag<'_>> {
    let rest = html.get(at + 1..)?;
    let name_len = rest
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b':'))
        .unwrap_or(rest.len());
    if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    // The tag ends at the first `>` outside quotes.
    let b = rest.as_bytes();
    let mut i = name_len;
    let mut quote = 0u8;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            break;
        }
        i += 1;
    }
    Some(Tag {
        name: rest[..name_len].to_ascii_lowercase(),
        attrs: rest.get(name_len..i).unwrap_or(""),
        end: (at + 1 + i + 1).min(html.len()),
    })
}

/// Meta tag keys and what they give, in order of trust within a kind.
#[derive(Default)]
struct Found {
    og_title: Option<String>,
    twitter_title: Option<String>,
    site_name: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    html_lang: Option<String>,
    meta_lang: Option<String>,
    description: Option<String>,
    authors: Vec<String>,
    dates: Vec<(u8, String)>,
    copyright: Option<String>,
    h1: Option<String>,
}

/// Reads the metadata of an HTML page.
pub fn page_meta(html: &str) -> PageMeta {
    let mut f = Found::default();
    let mut meta = PageMeta::default();
    let mut ld = LdArticle::default();
    let mut pos = 0;
    while let Some(off) = html.get(pos..).and_then(|r| r.find('<')) {
        let at = pos + off;
        pos = at + 1;
        if html[at..].starts_with("<!--") {
            pos = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        let Some(tag) = tag_at(html, at) else {
            continue;
        };
        pos = tag.end;
        match tag.name.as_str() {
            "html" if f.html_lang.is_none() => {
                f.html_lang = attr(tag.attrs, "lang").or_else(|| attr(tag.attrs, "xml:lang"));
            }
            "title" if meta.html_title.is_none() => {
                let end = find_ci(html, "</title", tag.end).unwrap_or(html.len());
                let text = clean(&decode_entities(html.get(tag.end..end).unwrap_or("")));
                meta.html_title = (!text.is_empty()).then_some(text);
                pos = end;
            }
            "h1" if f.h1.is_none() => {
                let end = find_ci(html, "</h1", tag.end).unwrap_or(html.len());
                let inner = html.get(tag.end..end).unwrap_or("");
                let text = clean(&decode_entities(&strip_tags(inner)));
                f.h1 = (!text.is_empty() && text.len() <= 300).then_some(text);
            }
            "link" => {
                let rel = attr(tag.attrs, "rel").unwrap_or_default();
                if rel.eq_ignore_ascii_case("canonical") && f.canonical.is_none() {
                    f.canonical = attr(tag.attrs, "href").filter(|h| h.starts_with("http"));
                }
            }
            "meta" => read_meta(tag.attrs, &mut f),
            "script" | "style" => {
                let close = if tag.name == "script" {
                    "</script"
                } else {
                    "</style"
                };
                let end = find_ci(html, close, tag.end).unwrap_or(html.len());
                let is_ld = attr(tag.attrs, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                if is_ld && end - tag.end <= MAX_JSON_LD {
                    let text = html.get(tag.end..end).unwrap_or("");
                    if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
                        ld.read(&value, 0);
                    }
                }
                pos = end;
            }
            _ => {}
        }
    }

    meta.title = ld
        .headline
        .clone()
        .or_else(|| f.og_title.clone())
        .or_else(|| f.twitter_title.clone())
        .or_else(|| title_from_html_title(meta.html_title.as_deref(), f.h1.as_deref()))
        .map(|t| clean(&t))
        .filter(|t| !t.is_empty());
    let mut authors: Vec<String> = Vec::new();
    for a in ld.authors.iter().chain(f.authors.iter()) {
        let a = clean(a);
        let a = a
            .strip_prefix("By ")
            .or_else(|| a.strip_prefix("by "))
            .unwrap_or(&a)
            .to_owned();
        if a.is_empty() || a.starts_with("http") || a.len() > 80 {
            continue;
        }
        if !authors.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
            authors.push(a);
        }
    }
    if !authors.is_empty() {
        meta.byline = Some(format!("By {}", join_names(&authors)));
    }
    let mut credits: Vec<String> = Vec::new();
    for a in &authors {
        if let Some(canon) = canonical_agency(a) {
            meta.agencies.push(canon);
            credits.push(a.clone());
        } else {
            find_agencies(a, true, &mut meta.agencies);
        }
    }
    for c in ld.credits.iter().chain(f.copyright.iter()) {
        let before = meta.agencies.len();
        find_agencies(c, true, &mut meta.agencies);
        if meta.agencies.len() > before {
            credits.push(clean(c));
        }
    }
    meta.wire_credit = credits.into_iter().next();
    meta.agencies.sort_unstable();
    meta.agencies.dedup();
    meta.authors = authors;

    let mut dates = f.dates;
    if let Some(d) = ld.published {
        dates.push((0, d));
    }
    dates.sort_by_key(|d| d.0);
    meta.published = dates.iter().find_map(|(_, d)| parse_published(d));
    meta.outlet = f
        .site_name
        .or(ld.publisher)
        .map(|s| clean(&s))
        .filter(|s| !s.is_empty());
    meta.canonical_url = f.canonical.or(f.og_url).or(ld.url);
    meta.language = f
        .html_lang
        .or(ld.language)
        .or(f.meta_lang)
        .and_then(|l| language_code(&l));
    meta.description = f.description.map(|d| clean(&d)).filter(|d| !d.is_empty());
    meta
}

/// Text of an HTML fragment without its tags (each tag becomes a space).
pub(crate) fn strip_tags(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The headline from the `<title>`: the page's `<h1>` when the title starts
/// with it, else the title without a trailing ` | Site` or ` - Site` part.
fn title_from_html_title(title: Option<&str>, h1: Option<&str>) -> Option<String> {
    let title = title?;
    if let Some(h1) = h1
        && title.starts_with(h1)
    {
        return Some(h1.to_owned());
    }
    for sep in [" | ", " - ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && head.split(' ').count() >= 3
            && tail.split(' ').count() <= 4
        {
            return Some(head.to_owned());
        }
    }
    Some(title.to_owned())
}

/// `en-US` → `en`; `None` for anything that is not a two- or three-letter code.
fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then_some(primary)
}

/// Normalized one-line text.
fn clean(s: &str) -> String {
    normalize_inline(s, 0).text
}

/// `A`, `A and B`, `A, B and C`.
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Reads one `<meta>` tag into `f`.
fn read_meta(attrs: &str, f: &mut Found) {
    let key = attr(attrs, "property")
        .or_else(|| attr(attrs, "name"))
        .or_else(|| attr(attrs, "itemprop"))
        .or_else(|| attr(attrs, "http-equiv"));
    let (Some(key), Some(content)) = (key, attr(attrs, "content")) else {
        return;
    };
    if content.is_empty() {
        return;
    }
    let key = key.to_ascii_lowercase();
    let set = |slot: &mut Option<String>, v: String| {
        if slot.is_none() {
            *slot = Some(v);
        }
    };
    match key.as_str() {
        "og:title" => set(&mut f.og_title, content),
        "twitter:title" => set(&mut f.twitter_title, content),
        "og:site_name" | "application-name" => set(&mut f.site_name, content),
        "og:url" => set(&mut f.og_url, content),
        "og:locale" | "content-language" | "dc.language" | "language" => {
            set(&mut f.meta_lang, content)
        }
        "description" | "og:description" => set(&mut f.description, content),
        "author" | "article:author" | "byl" | "byline" | "dc.creator" | "parsely-author"
        | "sailthru.author" | "citation_author"
            if !content.starts_with("http") =>
        {
            f.authors.push(content);
        }
        "article:published_time" | "datepublished" => f.dates.push((1, content)),
        "pubdate" | "publishdate" | "publish-date" | "date" | "dc.date" | "dc.date.issued"
        | "parsely-pub-date" | "sailthru.date" | "og:published_time" | "article.published" => {
            f.dates.push((2, content))
        }
        "copyright" | "dc.rights" => set(&mut f.copyright, content),
        _ => {}
    }
}

/// What JSON-LD says about the article.
#[derive(Default)]
struct LdArticle {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
    credits: Vec<String>,
}

/// Types of JSON-LD objects that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "Report",
    "WebPage",
];

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(decode_entities(s.trim())),
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Array(a) => a.first().and_then(text_of),
        _ => None,
    }
}

impl LdArticle {
    fn read(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.read(i, depth + 1)),
            Value::Object(o) => {
                if let Some(graph) = o.get("@graph") {
                    self.read(graph, depth + 1);
                }
                let is_article = match o.get("@type") {
                    Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                    Some(Value::Array(ts)) => ts
                        .iter()
                        .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                    _ => false,
                };
                if !is_article {
                    return;
                }
                // A WebPage only fills what an article object left empty.
                let page = o.get("@type").and_then(Value::as_str) == Some("WebPage");
                if page && self.headline.is_some() {
                    return;
                }
                if self.headline.is_none() {
                    self.headline = o.get("headline").and_then(text_of);
                }
                if self.authors.is_empty() {
                    match o.get("author") {
                        Some(Value::Array(list)) => {
                            self.authors.extend(list.iter().filter_map(text_of))
                        }
                        Some(a) => self.authors.extend(text_of(a)),
                        None => {}
                    }
                }
                if self.published.is_none() {
                    self.published = o.get("datePublished").and_then(text_of);
                }
                if self.publisher.is_none() {
                    self.publisher = o.get("publisher").and_then(text_of);
                }
                if self.url.is_none() {
                    self.url = o
                        .get("url")
                        .and_then(Value::as_str)
                        .filter(|u| u.starts_with("http"))
                        .map(str::to_owned);
                }
                if self.language.is_none() {
                    self.language = o.get("inLanguage").and_then(text_of);
                }
                for key in [
                    "sourceOrganization",
                    "copyrightHolder",
                    "creditText",
                    "provider",
                ] {
                    if let Some(c) = o.get(key).and_then(text_of) {
                        self.credits.push(c);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("a &amp; b &#8217;s &#x2014; &eacute;t&eacute;"),
            "a & b \u{2019}s \u{2014} \u{e9}t\u{e9}"
        );
        assert_eq!(decode_entities("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(decode_entities("&#150;&#0;"), "\u{2013}\u{fffd}");
    }

    #[test]
    fn attributes_are_read_with_any_quoting() {
        assert_eq!(
            attr(r#" name="author" content='Jane &amp; Joe'"#, "content").as_deref(),
            Some("Jane & Joe")
        );
        assert_eq!(
            attr(" rel=canonical href=http://x.org/a", "href").as_deref(),
            Some("http://x.org/a")
        );
        assert_eq!(attr(" data-x=1", "href"), None);
    }

    #[test]
    fn json_ld_wins_over_meta_tags() {
        let html = r#"<html lang="en-GB"><head><title>T | Site</title>
<meta property="og:title" content="OG title"><meta property="og:site_name" content="The Daily">
<meta name="author" content="Someone Else">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Real headline","author":[{"@type":"Person","name":"Ana Ruiz"},{"name":"AFP"}],"datePublished":"2025-03-04T08:00:00+01:00","publisher":{"name":"Daily Ltd"}}]}</script>
</head><body></body></html>"#;
        let m = page_meta(html);
        assert_eq!(m.title.as_deref(), Some("Real headline"));
        assert_eq!(
            m.byline.as_deref(),
            Some("By Ana Ruiz, AFP and Someone Else")
        );
        assert_eq!(m.agencies, ["AFP"]);
        assert_eq!(m.wire_credit.as_deref(), Some("AFP"));
        assert_eq!(m.published, Date::new(2025, 3, 4));
        assert_eq!(m.outlet.as_deref(), Some("The Daily"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn site_name_is_cut_from_the_html_title() {
        let m = page_meta(
            "<title>Ferry fares rise again | Tollan Post</title><h1>Ferry <em>fares</em> rise again</h1>",
        );
        assert_eq!(m.title.as_deref(), Some("Ferry fares rise again"));
        let m = page_meta("<title>Ferry fares rise again - Tollan Post</title>");
        assert_eq!(m.title.as_deref(), Some("Ferry fares rise again"));
        let m = page_meta("<title>Yes - No</title>");
        assert_eq!(m.title.as_deref(), Some("Yes - No"));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<meta content=",
            "<script type=application/ld+json>{",
            "<title>x",
            "<a \"",
            "&#xffffffff;",
            "<!--",
        ] {
            let _ = page_meta(html);
            let _ = decode_entities(html);
        }
    }
}
