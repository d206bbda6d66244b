//! The page-furniture check: body sentences whose shape is that of page
//! furniture (stamps, captions, related links, prompts, contact lines,
//! update notes, wire credits, rights notices), counted over a corpus.
//!
//! The shapes are written apart from the extractor's recognisers and cast a
//! wider net on purpose: every sentence they flag is listed, so that what
//! remains can be read and judged (a real body sentence that mentions a
//! photo or a newsletter is flagged too).

use serde::Serialize;

/// A named furniture shape and the test of a sentence against it.
struct Shape {
    name: &'static str,
    test: fn(&str, &str) -> bool,
}

/// Sentence openings (lower case) that are labels or prompts on a page.
const LABEL_OPENINGS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last updated",
    "first published",
    "originally published",
    "story created",
    "released:",
    "related",
    "read more",
    "read also",
    "also read",
    "see also",
    "more from",
    "more:",
    "previous story",
    "next story",
    "story:",
    "watch:",
    "video:",
    "listen:",
    "follow us",
    "follow @",
    "like us",
    "share this",
    "share on",
    "subscribe",
    "sign up",
    "click here",
    "please enable",
    "buy photo",
    "photo:",
    "photos:",
    "photo by",
    "photo credit",
    "image:",
    "credit:",
    "contact ",
    "reach ",
    "email:",
    "e-mail:",
    "twitter:",
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "compiled by",
    "copyright",
    "all rights reserved",
    "advertisement",
];

/// Phrases (lower case) of page furniture anywhere in a sentence.
const PHRASES: &[&str] = &[
    "buy photo",
    "(photo:",
    "(photo by",
    "getty images",
    "ap photo",
    "pic.twitter.com",
    "t.co/",
    "developing story",
    "update this story",
    "updates on this story",
    "check back",
    "(reporting by",
    "editing by",
    "all rights reserved",
    "may not be published, broadcast",
    "read or share this story",
    "sign up for",
    "our newsletter",
    "enable javascript",
];

const SHAPES: &[Shape] = &[
    Shape {
        name: "label or prompt opening",
        test: |_, lower| LABEL_OPENINGS.iter().any(|o| lower.starts_with(o)),
    },
    Shape {
        name: "furniture phrase",
        test: |_, lower| PHRASES.iter().any(|p| lower.contains(p)),
    },
    Shape {
        name: "e-mail address",
        test: |s, _| s.split_whitespace().any(is_email),
    },
    Shape {
        name: "social handle",
        test: |s, _| s.contains("(@") || s.contains("twitter.com/"),
    },
    Shape {
        name: "clock time near the start",
        test: |s, _| stamp_clock(s),
    },
    Shape {
        name: "wire initials",
        test: |s, _| {
            s.split_whitespace().last().is_some_and(|w| {
                let parts: Vec<&str> = w.split('/').collect();
                parts.len() >= 2
                    && parts
                        .iter()
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
            })
        },
    },
];

fn is_email(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    w.split_once('@')
        .is_some_and(|(u, h)| !u.is_empty() && h.contains('.') && !h.ends_with('.'))
}

/// `10:53`, `1: 32` written as `1:` before its minutes, `6:11p`; the
/// tokenized corpora put a space after the colon.
fn is_clock(w: &str) -> bool {
    let w = w.trim_start_matches('(');
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && w[digits..].starts_with(':')
}

/// A clock time in the first twelve words that reads as a stamp: right
/// after a year (`March 14, 2013 at 12: 41 PM`), or not led by a
/// preposition as a time told in a sentence is (`at 9:27 a.m.`, `with 4:48
/// left`, `alle 16:08`).
fn stamp_clock(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().take(12).collect();
    words.iter().enumerate().any(|(i, w)| {
        if !is_clock(w) {
            return false;
        }
        let after_year = words[i.saturating_sub(3)..i].iter().any(|y| {
            let y = y.trim_matches(|c: char| !c.is_ascii_digit());
            y.len() == 4 && (y.starts_with("19") || y.starts_with("20"))
        });
        let led = i > 0
            && matches!(
                words[i - 1].to_lowercase().as_str(),
                "at" | "about"
                    | "around"
                    | "until"
                    | "by"
                    | "before"
                    | "after"
                    | "since"
                    | "from"
                    | "to"
                    | "approximately"
                    | "and"
                    | "between"
                    | "till"
                    | "with"
                    | "of"
                    | "under"
                    | "-"
                    | "las"
                    | "alle"
                    | "dalle"
                    | "ore"
                    | "à"
                    | "um"
                    | "om"
                    | "point"
            );
        after_year || !led
    })
}

/// The furniture shapes a sentence matches, by name.
pub fn furniture_shapes(sentence: &str) -> Vec<&'static str> {
    let lower = sentence.trim().to_lowercase();
    SHAPES
        .iter()
        .filter(|s| (s.test)(sentence.trim(), &lower))
        .map(|s| s.name)
        .collect()
}

/// Every shape's name, in the order they are reported.
pub fn shape_names() -> Vec<&'static str> {
    SHAPES.iter().map(|s| s.name).collect()
}

/// A body sentence that matches one or more shapes.
#[derive(Debug, Clone, Serialize)]
pub struct Flagged {
    /// The article's id.
    pub id: String,
    /// The sentence.
    pub sentence: String,
    /// The shapes it matches.
    pub shapes: Vec<&'static str>,
}

/// The check over a corpus: how many body sentences match each shape, and
/// which they are.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FurnitureCheck {
    /// Articles read.
    pub articles: usize,
    /// Body sentences read.
    pub sentences: usize,
    /// Body sentences matching at least one shape.
    pub flagged_sentences: usize,
    /// Sentences matching each shape, in [`shape_names`] order.
    pub by_shape: Vec<(&'static str, usize)>,
    /// The flagged sentences (all of them, unless the caller keeps fewer).
    pub flagged: Vec<Flagged>,
}

impl FurnitureCheck {
    /// An empty check with every shape at zero.
    pub fn new() -> FurnitureCheck {
        FurnitureCheck {
            by_shape: shape_names().into_iter().map(|n| (n, 0)).collect(),
            ..FurnitureCheck::default()
        }
    }

    /// Adds one article's body sentences.
    pub fn add<'a>(&mut self, id: &str, sentences: impl IntoIterator<Item = &'a str>) {
        self.articles += 1;
        for s in sentences {
            self.sentences += 1;
            let shapes = furniture_shapes(s);
            if shapes.is_empty() {
                continue;
            }
            self.flagged_sentences += 1;
            for (name, n) in &mut self.by_shape {
                if shapes.contains(name) {
                    *n += 1;
                }
            }
            self.flagged.push(Flagged {
                id: id.to_string(),
                sentence: s.to_string(),
                shapes,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_shapes_are_flagged() {
        for s in [
            "Published: May 3, 2013 Lindsay Lohan checked in.",
            "Buy Photo Police tape.",
            "Contact Jane Doe at jdoe@paper.com.",
            "- Jane Doe (@jdoe) June 29, 2016",
            "Dec. 24 4: 33 AM EST Andrew Luck smiled.",
            "The talks ended. jk/mlb",
            "This is a developing story.",
        ] {
            assert!(!furniture_shapes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn body_sentences_are_not_flagged() {
        for s in [
            "Police said the man was arrested on Friday.",
            "The quake struck at 9:27 a.m. Sunday, well after the warning.",
            "With 7:42 left in the first half, he scored.",
            "El Dow Jones ha caído un 2,62% a las 16:08 UTC.",
            "He was 85.",
        ] {
            assert!(furniture_shapes(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn a_check_counts_per_shape() {
        let mut c = FurnitureCheck::new();
        c.add("a", ["Buy Photo Police tape.", "Police said so."]);
        assert_eq!((c.articles, c.sentences, c.flagged.len()), (1, 2, 1));
        assert!(
            c.by_shape
                .iter()
                .any(|(n, k)| *n == "furniture phrase" && *k == 1)
        );
    }
}
