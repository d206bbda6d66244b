//! Disagreements between a story's documents, built from their facts rather
//! than from word changes: each figure is given what it is about (the age of
//! a named person, a count in an event role such as `killed`, a quake's
//! magnitude, a count of a named thing), the figures of the documents are
//! grouped by that, and a group whose documents give values that cannot
//! both hold is a disagreement, whether or not the sentences were aligned.
//! A quoted person given two different first names is one too.

use serde::Serialize;
use storyweave_extract::Article;
use storyweave_text::lexicon;

use crate::lex::name_key;
use crate::{DocumentFacts, EntityKind, QuantityMention};

/// Whether a disagreement is two sources at odds or a figure that moved on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The readings cannot both be true.
    Conflict,
    /// A later report supersedes an earlier one (a toll rising over the day):
    /// every document of the later reading was published after every
    /// document of the earlier one.
    Update,
}

/// One reading of a disputed fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactReading {
    /// Documents with this reading, in story order.
    pub documents: Vec<String>,
    /// The words of the first document that gives it (`at least 10 people`).
    pub text: String,
    /// Its value, for a figure (a name's reading is its `text`).
    pub value: Option<f64>,
    /// Who the first document attributes it to, when it says.
    pub attribution: Option<String>,
    /// For each of `documents`, the sentence the reading stands in.
    #[serde(skip)]
    pub sentences: Vec<usize>,
}

/// What kind of fact a disagreement is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    /// A figure: an age, a count in an event role, a magnitude.
    Figure,
    /// A name: the first name of a person the story quotes.
    Name,
}

/// Two or more documents giving different values for one fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// A figure or a name.
    pub kind: FactKind,
    /// What the fact is (`killed`, `age of Wilson`, `magnitude`, `villages`).
    pub about: String,
    /// Conflict or update.
    pub status: Status,
    /// The readings, earliest document first.
    pub readings: Vec<FactReading>,
}

/// What a figure is about: the key its values are compared under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum About {
    /// The age of the person with this name key, or of the unnamed person
    /// the age describes (`a 15-year-old boy`: `the boy`).
    Age(String),
    /// A count in an event role (`killed`, `injured`, `arrested`).
    Role(&'static str),
    /// The magnitude of a quake.
    Magnitude,
    /// A count of a named kind of thing (`villages`, `aftershocks`).
    Counted(String),
}

impl About {
    fn label(&self, names: &[(String, String)]) -> String {
        match self {
            About::Age(key) if key.starts_with("the ") => format!("age of {key}"),
            About::Age(key) => {
                let name = names
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(key.as_str(), |(_, n)| n.as_str());
                format!("age of {name}")
            }
            About::Role(role) => (*role).to_string(),
            About::Magnitude => "magnitude".to_string(),
            About::Counted(noun) => noun.clone(),
        }
    }

    /// Counts of an event's victims and arrests grow as news comes in.
    fn may_update(&self) -> bool {
        matches!(self, About::Role(_))
    }
}

/// Counted nouns too general to say what is counted (`two people`, `three
/// times`): comparing them would set apart figures about different things.
fn is_generic_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "person"
            | "men"
            | "women"
            | "times"
            | "others"
            | "ones"
            | "things"
            | "cases"
            | "percent"
            | "points"
            | "members"
            | "residents"
            | "years"
            | "days"
    )
}

/// How far apart two readings may be and still be one, and how far from a
/// figure its role is read: the few numbers of the disagreement decision,
/// in one place.
struct Tolerances {
    /// A figure given as `about`, `around`, `nearly` ... N stands for N
    /// give or take this share.
    about: f64,
    /// Two unnamed people's ages further apart than this are two people.
    unnamed_age_gap: f64,
    /// Words after a figure (forms of `to be`, generic nouns) passed over to
    /// reach its event role.
    role_reach: usize,
    /// Words before a figure searched for `toll`.
    toll_reach: usize,
}

/// The tolerances the story's disagreements are decided with.
const TOLERANCES: Tolerances = Tolerances {
    about: 0.15,
    unnamed_age_gap: 3.0,
    role_reach: 3,
    toll_reach: 4,
};

/// The words of a sentence as lowercase tokens with their byte starts.
fn words_with_starts(text: &str) -> Vec<(usize, String)> {
    storyweave_text::words(text)
        .map(|w| (w.start, w.text.to_lowercase()))
        .collect()
}

/// What one figure of a document is about, if it says clearly enough.
/// `words` are the lowercase words of each sentence of the article.
fn about_of(
    article: &Article,
    facts: &DocumentFacts,
    words: &[Vec<(usize, String)>],
    q: &QuantityMention,
) -> Option<About> {
    let sentence = &article.sentences.get(q.sentence)?.text;
    let words = words.get(q.sentence)?;
    let at = words.partition_point(|(s, _)| *s < q.start);
    let after = words.partition_point(|(s, _)| *s < q.end);
    let lower_text = q.text.to_lowercase();
    // Ages: `a 15-year-old`, `Javon Wilson, 14,`.
    let written_age = q.unit == "years"
        && (lower_text.contains("year-old")
            || lower_text.contains("year - old")
            || lower_text.ends_with("years old"));
    let before = sentence.get(..q.start).unwrap_or("").trim_end();
    let after_text = sentence.get(q.end..).unwrap_or("").trim_start();
    let appositive_age = q.unit.is_empty()
        && q.what.is_empty()
        && q.value.fract() == 0.0
        && (1.0..=110.0).contains(&q.value)
        && before.ends_with(',')
        && (after_text.starts_with(',') || after_text.starts_with('.'));
    if written_age || appositive_age {
        // The person named right before (`Wilson, 14,`; `Wilson, a
        // 14-year-old`), else right after (`15-year-old Javon Wilson`).
        let person = facts
            .entities
            .iter()
            .filter(|e| e.sentence == q.sentence && e.kind == EntityKind::Person)
            .filter(|e| {
                (e.end <= q.start && q.start - e.end <= 4)
                    || (written_age && e.start >= q.end && e.start - q.end <= 1)
            })
            .min_by_key(|e| e.start.abs_diff(q.start));
        // `a 15-year-old boy`: nobody named, the person noun after it.
        let Some(person) = person else {
            let noun = words.get(after).map(|(_, w)| w.as_str())?;
            let unnamed = written_age
                && crate::lexicon::is_person_noun(noun)
                && !crate::lexicon::is_role(noun);
            return unnamed.then(|| About::Age(format!("the {noun}")));
        };
        // `Jeffs's 16-year-old daughter`: the age of someone the person has.
        if sentence
            .get(person.end..)
            .is_some_and(|t| t.starts_with('\''))
        {
            return None;
        }
        return Some(About::Age(name_key(&person.name)));
    }
    // Magnitudes are written with a decimal (`6.1`, `5. 9`) beside the word
    // `magnitude` or a quake noun.
    let decimal = q.text.contains('.') && q.value < 10.0;
    let near = words
        .get(at.saturating_sub(4)..(after + 2).min(words.len()))
        .unwrap_or(&[]);
    if decimal
        && (q.unit == "magnitude"
            || near
                .iter()
                .any(|(_, w)| w == "magnitude" || lexicon::is_quake_noun(w)))
    {
        return Some(About::Magnitude);
    }
    // `he and four others`, `two extra life sentences`, `another five`: a
    // count that leaves someone out or adds to an earlier one, not a total.
    // The figure's own qualifier (`more than 10`) is not an increment.
    let qualifier_words = q
        .qualifier
        .as_deref()
        .filter(|ql| lower_text.starts_with(&ql.to_lowercase()))
        .map_or(0, |ql| ql.split_whitespace().count());
    let others = (at.saturating_sub(1)..(after + 1).min(words.len()))
        .filter(|k| !(at..at + qualifier_words).contains(k))
        .any(|k| {
            words
                .get(k)
                .is_some_and(|(_, w)| lexicon::is_increment_word(w))
        });
    // `Three women and two men were injured`: one part of a joined count.
    let is_number = |k: usize| {
        words.get(k).is_some_and(|(_, w)| {
            w.starts_with(|c: char| c.is_ascii_digit()) || lexicon::number_word_value(w).is_some()
        })
    };
    let joined = at
        .checked_sub(1)
        .and_then(|k| words.get(k))
        .is_some_and(|(_, w)| matches!(w.as_str(), "and" | "or"))
        && (is_number(at.wrapping_sub(2)) || is_number(at.wrapping_sub(3)));
    // `2,880 by 1,800 pixels`, `10 by 12 feet`: a side of a dimension,
    // not a count.
    let by_number = |k: Option<usize>, next: Option<usize>| {
        k.and_then(|k| words.get(k)).is_some_and(|(_, w)| w == "by") && next.is_some_and(is_number)
    };
    let dimension =
        by_number(at.checked_sub(1), at.checked_sub(2)) || by_number(Some(after), Some(after + 1));
    if !q.unit.is_empty() || others || joined || dimension {
        return None;
    }
    // An event role said of the figure: right after it, past a form of `to
    // be` or a generic noun (`10 people were killed`, `five injured`), or
    // a toll before it (`the death toll rose to 24`).
    let mut k = after;
    while k < words.len()
        && k < after + TOLERANCES.role_reach
        && (matches!(
            words[k].1.as_str(),
            "were" | "was" | "have" | "had" | "been" | "are" | "is"
        ) || is_generic_noun(&words[k].1))
    {
        k += 1;
    }
    let role_after = words
        .get(at..after)
        .into_iter()
        .flatten()
        .chain(words.get(k))
        .find_map(|(_, w)| lexicon::event_role(w));
    let toll_before = words
        .get(at.saturating_sub(TOLERANCES.toll_reach)..at)
        .is_some_and(|w| w.iter().any(|(_, w)| w == "toll"))
        .then_some("killed");
    // A participle right before it: `killing at least 10 people`.
    let verb_before = at
        .checked_sub(1)
        .and_then(|k| words.get(k))
        .and_then(|(_, w)| lexicon::event_role_before(w));
    if let Some(role) = role_after.or(toll_before).or(verb_before) {
        return Some(About::Role(role));
    }
    let noun = q.what.to_lowercase();
    let ends_text = lower_text.ends_with(&noun);
    let counted = !noun.is_empty()
        && ends_text
        && noun.chars().all(|c| c.is_ascii_lowercase())
        && noun.len() > 3
        && noun.ends_with('s')
        && !is_generic_noun(&noun)
        && !lexicon::is_stopword(Some("en"), &noun);
    counted.then_some(About::Counted(noun))
}

/// The range of values a figure with its qualifier allows.
fn interval(q: &QuantityMention) -> (f64, f64) {
    let v = q.value;
    match q.qualifier.as_deref().map(str::to_lowercase).as_deref() {
        Some("at least" | "more than" | "over" | "above" | "upwards of") => (v, f64::INFINITY),
        Some("up to" | "less than" | "fewer than" | "under" | "at most" | "below") => {
            (f64::NEG_INFINITY, v)
        }
        Some(_) => (v * (1.0 - TOLERANCES.about), v * (1.0 + TOLERANCES.about)),
        None => (v, v),
    }
}

/// Whether two figures can both hold.
fn compatible(a: (f64, f64), b: (f64, f64)) -> bool {
    // The rounding slack scales with the finite ends only: an open end
    // (`at least 10`: up to infinity) must not widen it to everything.
    let size = [a.0, a.1, b.0, b.1]
        .into_iter()
        .filter(|x| x.is_finite())
        .fold(1.0f64, |m, x| m.max(x.abs()))
        .min(1e12);
    let eps = 1e-9 * size;
    a.0 <= b.1 + eps && b.0 <= a.1 + eps
}

/// One document's figure for a fact.
struct Said {
    doc: usize,
    q: QuantityMention,
}

/// Counts written as none (`No arrests have been made`, `No one was
/// injured`): a figure of zero in an event role, with the words that say it.
fn zero_counts(article: &Article, words: &[Vec<(usize, String)>]) -> Vec<(QuantityMention, About)> {
    let mut out = Vec::new();
    for (si, (sentence, words)) in article.sentences.iter().zip(words).enumerate() {
        for (k, (start, w)) in words.iter().enumerate() {
            if !matches!(w.as_str(), "no" | "nobody" | "none") {
                continue;
            }
            let found = words
                .iter()
                .skip(k + 1)
                .take(3)
                .take_while(|(_, w)| {
                    lexicon::event_role(w).is_some()
                        || matches!(
                            w.as_str(),
                            "one" | "was" | "were" | "has" | "have" | "been" | "other" | "further"
                        )
                })
                .find_map(|(at, w)| lexicon::event_role(w).map(|r| (at + w.len(), r)));
            let Some((end, role)) = found else {
                continue;
            };
            let Some(text) = sentence.text.get(*start..end) else {
                continue;
            };
            out.push((
                QuantityMention {
                    text: text.to_string(),
                    value: 0.0,
                    unit: String::new(),
                    what: role.to_string(),
                    kind: crate::QuantityKind::Count,
                    qualifier: None,
                    attribution: None,
                    in_quote: false,
                    sentence: si,
                    start: *start,
                    end,
                },
                About::Role(role),
            ));
        }
    }
    out
}

/// The disagreements of a story's documents (`docs` in story order).
pub(crate) fn disagreements(docs: &[(&Article, &DocumentFacts)]) -> Vec<Disagreement> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<About, Vec<Said>> = BTreeMap::new();
    // The full names of the story's people (key, name): a surname alone
    // stands for the one full name that ends in it.
    let mut names: Vec<(String, String)> = Vec::new();
    for (_, facts) in docs {
        for e in facts
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
        {
            let key = name_key(&e.name);
            if e.name.contains(' ') && !names.iter().any(|(k, _)| *k == key) {
                names.push((key, e.name.clone()));
            }
        }
    }
    let full_key = |key: String| -> Option<String> {
        if names.iter().any(|(k, _)| *k == key) {
            return Some(key);
        }
        let mut ending = names.iter().filter(|(_, n)| {
            n.split_whitespace()
                .last()
                .is_some_and(|l| name_key(l) == key)
        });
        match (ending.next(), ending.next()) {
            (Some((k, _)), None) => Some(k.clone()),
            (None, None) => Some(key),
            _ => None,
        }
    };
    for (d, (article, facts)) in docs.iter().enumerate() {
        let words: Vec<Vec<(usize, String)>> = article
            .sentences
            .iter()
            .map(|s| words_with_starts(&s.text))
            .collect();
        let mut found: Vec<(QuantityMention, About)> = facts
            .quantities
            .iter()
            .filter_map(|q| {
                let about = match about_of(article, facts, &words, q)? {
                    About::Age(key) if !key.starts_with("the ") => About::Age(full_key(key)?),
                    other => other,
                };
                Some((q.clone(), about))
            })
            .chain(zero_counts(article, &words))
            .collect();
        found.sort_by_key(|(q, _)| (q.sentence, q.start));
        let mut seen: Vec<About> = Vec::new();
        for (q, about) in found {
            // A document's first figure for a fact is its reading of it.
            if !seen.contains(&about) {
                seen.push(about.clone());
                groups.entry(about).or_default().push(Said { doc: d, q });
            }
        }
    }
    let mut out = name_disagreements(docs);
    for (about, said) in groups {
        // Readings: figures that can both hold are one reading.
        let mut readings: Vec<(FactReading, (f64, f64), Vec<usize>)> = Vec::new();
        for s in &said {
            let iv = interval(&s.q);
            let id = docs[s.doc].0.id.clone();
            match readings.iter_mut().find(|(_, r, _)| compatible(*r, iv)) {
                Some((r, range, idx)) => {
                    r.documents.push(id);
                    r.sentences.push(s.q.sentence);
                    idx.push(s.doc);
                    *range = (range.0.max(iv.0), range.1.min(iv.1));
                }
                None => readings.push((
                    FactReading {
                        documents: vec![id],
                        text: s.q.text.clone(),
                        value: Some(s.q.value),
                        attribution: s.q.attribution.clone(),
                        sentences: vec![s.q.sentence],
                    },
                    iv,
                    vec![s.doc],
                )),
            }
        }
        if readings.len() < 2 {
            continue;
        }
        // Two sources giving one unnamed person's age differ by a year or
        // two (`a 16-year-old boy` / `a 15-year-old boy`); ages further
        // apart are of two people (`an 18-year-old man`, `a 49-year-old
        // man`).
        if let About::Age(key) = &about
            && key.starts_with("the ")
            && (readings[0].0.value.unwrap_or(0.0) - readings[1].0.value.unwrap_or(0.0)).abs()
                > TOLERANCES.unnamed_age_gap
        {
            continue;
        }
        // A count of a kind of thing is one fact only when the sentences
        // giving it speak of the same (`seven villages were flattened` /
        // `five villages were badly hit`, not `nine charges` / `two charges
        // of rape`): another content word in common.
        if let About::Counted(noun) = &about {
            let sentence = |r: &FactReading| {
                let d = docs
                    .iter()
                    .position(|(a, _)| Some(&a.id) == r.documents.first());
                d.and_then(|d| docs[d].0.sentences.get(*r.sentences.first()?))
                    .map(|s| s.text.as_str())
                    .unwrap_or("")
            };
            let content = |t: &str| -> Vec<String> {
                storyweave_text::words(t)
                    .map(|w| w.text.to_lowercase())
                    .filter(|w| w.len() >= 4 && w != noun && !lexicon::is_stopword(Some("en"), w))
                    .collect()
            };
            let a = content(sentence(&readings[0].0));
            let b = content(sentence(&readings[1].0));
            let shared = a.iter().filter(|w| b.contains(w)).count();
            if shared < 1 {
                continue;
            }
        }
        let status = if about.may_update() && ordered_in_time(docs, &readings) {
            Status::Update
        } else {
            Status::Conflict
        };
        out.push(Disagreement {
            kind: FactKind::Figure,
            about: about.label(&names),
            status,
            readings: readings.into_iter().map(|(r, _, _)| r).collect(),
        });
    }
    out
}

/// Whether two given names are one name spelled two ways or cut short
/// (`Jon` / `John`, `Javon` / `Jovan`, `Ka'Loni` / `Ka'Loni Marie`): one
/// starts the other, or they are at most two letters apart.
fn same_given_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a.starts_with(&b) || b.starts_with(&a) || a.ends_with(&b) || b.ends_with(&a) {
        return true;
    }
    storyweave_text::edit_distance(&a, &b, 2) <= 2
}

/// People the story quotes whose given name differs between documents
/// (`Catherine Dougherty` / `Crystal Dougherty`): each document names one
/// person of that surname, at least one document quotes them, and the given
/// names are not one name spelled two ways.
fn name_disagreements(docs: &[(&Article, &DocumentFacts)]) -> Vec<Disagreement> {
    use std::collections::BTreeMap;
    // surname key -> document -> the full names of that surname it uses.
    let mut by_surname: BTreeMap<String, Vec<(usize, Vec<String>)>> = BTreeMap::new();
    let mut quoted: Vec<String> = Vec::new();
    for (d, (_, facts)) in docs.iter().enumerate() {
        for q in &facts.quotes {
            if let Some(sp) = &q.speaker
                && let Some(last) = sp.split_whitespace().last()
            {
                quoted.push(name_key(last));
            }
        }
        for e in facts
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
        {
            let parts: Vec<&str> = e.name.split_whitespace().collect();
            let [given @ .., last] = parts.as_slice() else {
                continue;
            };
            if given.is_empty() {
                continue;
            }
            let entry = by_surname.entry(name_key(last)).or_default();
            match entry.iter_mut().find(|(doc, _)| *doc == d) {
                Some((_, names)) if !names.contains(&e.name) => names.push(e.name.clone()),
                Some(_) => {}
                None => entry.push((d, vec![e.name.clone()])),
            }
        }
    }
    let mut out = Vec::new();
    for (surname, per_doc) in by_surname {
        if !quoted.contains(&surname) || per_doc.iter().any(|(_, n)| n.len() > 1) {
            continue;
        }
        let mut readings: Vec<(String, Vec<usize>)> = Vec::new();
        for (d, names) in &per_doc {
            let name = &names[0];
            let given = |n: &str| {
                let mut p: Vec<&str> = n.split_whitespace().collect();
                p.pop();
                p.join(" ")
            };
            match readings
                .iter_mut()
                .find(|(r, _)| same_given_name(&given(r), &given(name)))
            {
                Some((_, ds)) => ds.push(*d),
                None => readings.push((name.clone(), vec![*d])),
            }
        }
        if readings.len() < 2 {
            continue;
        }
        out.push(Disagreement {
            kind: FactKind::Name,
            about: format!("name of {}", readings[0].0),
            status: Status::Conflict,
            readings: readings
                .into_iter()
                .map(|(name, ds)| {
                    let sentences = ds
                        .iter()
                        .map(|&d| {
                            docs[d]
                                .1
                                .entities
                                .iter()
                                .find(|e| e.name == name || name.ends_with(&e.name))
                                .map_or(0, |e| e.sentence)
                        })
                        .collect();
                    FactReading {
                        documents: ds.iter().map(|&d| docs[d].0.id.clone()).collect(),
                        text: name,
                        value: None,
                        attribution: None,
                        sentences,
                    }
                })
                .collect(),
        });
    }
    out
}

/// Whether the readings follow one another in publication time, each one's
/// documents all published after the previous one's, values growing.
fn ordered_in_time(
    docs: &[(&Article, &DocumentFacts)],
    readings: &[(FactReading, (f64, f64), Vec<usize>)],
) -> bool {
    let mut spans = Vec::new();
    for (r, _, idx) in readings {
        let dates: Vec<_> = idx.iter().filter_map(|&d| docs[d].0.published).collect();
        if dates.len() != idx.len() {
            return false;
        }
        let (Some(lo), Some(hi)) = (dates.iter().min(), dates.iter().max()) else {
            return false;
        };
        spans.push((*lo, *hi, r.value.unwrap_or(0.0)));
    }
    spans.sort_by_key(|s| s.0);
    spans.windows(2).all(|w| w[0].1 < w[1].0 && w[0].2 < w[1].2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FactExtractor;
    use proptest::prelude::*;
    use storyweave_text::Date;

    fn story(docs: &[(&str, Option<Date>, &[&str])]) -> Vec<Disagreement> {
        let articles: Vec<Article> = docs
            .iter()
            .map(|(id, published, sentences)| Article {
                published: *published,
                ..Article::from_sentences(id, sentences)
            })
            .collect();
        let fx = FactExtractor::default();
        let facts: Vec<DocumentFacts> = articles.iter().map(|a| fx.document(a)).collect();
        let pairs: Vec<(&Article, &DocumentFacts)> = articles.iter().zip(facts.iter()).collect();
        disagreements(&pairs)
    }

    #[test]
    fn tolls_and_ages_that_differ_are_disagreements_whatever_the_wording() {
        let d = story(&[
            (
                "a",
                None,
                &[
                    "Eleven people were killed when the dam burst, police said.",
                    "Mara Lenz, 34, ran the lock.",
                ],
            ),
            (
                "b",
                None,
                &[
                    "The flood left 14 dead in the valley.",
                    "The lock keeper, 35-year-old Mara Lenz, saw it first.",
                ],
            ),
        ]);
        let about: Vec<&str> = d.iter().map(|d| d.about.as_str()).collect();
        assert_eq!(about, vec!["age of Mara Lenz", "killed"], "{d:#?}");
        let killed = &d[1];
        assert_eq!(killed.status, Status::Conflict);
        assert_eq!(killed.readings[0].value, Some(11.0));
        assert_eq!(killed.readings[0].attribution.as_deref(), Some("police"));
        assert_eq!(killed.readings[1].documents, vec!["b".to_string()]);
    }

    #[test]
    fn figures_that_can_both_hold_are_not_disagreements() {
        // `at least 10` and `12`; `about 50` and `52`; the same toll twice.
        let d = story(&[
            (
                "a",
                None,
                &["At least 10 people were killed and about 50 injured."],
            ),
            (
                "b",
                None,
                &["Twelve people were killed and 52 were injured."],
            ),
            ("c", None, &["The death toll stood at 12."]),
        ]);
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn a_rising_toll_in_later_reports_is_an_update() {
        let d = story(&[
            (
                "a",
                Date::new(2025, 3, 1),
                &["Three people were killed in the blast."],
            ),
            (
                "b",
                Date::new(2025, 3, 2),
                &["The death toll rose to 7 on Sunday."],
            ),
        ]);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].status, Status::Update);
    }

    #[test]
    fn parts_of_a_count_and_other_people_are_not_compared() {
        let d = story(&[
            ("a", None, &["Five people were injured in the shooting."]),
            (
                "b",
                None,
                &["Three women and two men were injured in the shooting."],
            ),
            (
                "c",
                None,
                &["He and four others were injured in the shooting."],
            ),
        ]);
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn regression_an_increment_is_not_compared_with_a_total() {
        // Two more life sentences on top of one are three in all; the
        // increments (`extra`, `another`, `more`) are not totals.
        let d = story(&[
            (
                "a",
                None,
                &[
                    "The judge handed him two extra life sentences.",
                    "Another three people were injured.",
                ],
            ),
            (
                "b",
                None,
                &[
                    "He is now serving three life sentences.",
                    "Seven people were injured.",
                ],
            ),
        ]);
        assert!(d.is_empty(), "{d:#?}");
        // `more than` stays a qualifier: more than 10 against 4 is a
        // conflict.
        let d = story(&[
            (
                "a",
                None,
                &["More than 10 people were killed in the blast."],
            ),
            ("b", None, &["Four people were killed in the blast."]),
        ]);
        assert_eq!(d.len(), 1, "{d:#?}");
    }

    #[test]
    fn a_participle_before_a_figure_gives_its_role_and_a_dimension_is_no_count() {
        // The first toll each report gives is its reading: `killing at
        // least 10 people` is this quake's, not the other quake's `more
        // than a dozen` further down.
        let d = story(&[
            (
                "a",
                None,
                &[
                    "The quake hit the island on Sunday, killing at least 10 people.",
                    "On Saturday, more than a dozen people were killed by a quake elsewhere.",
                ],
            ),
            ("b", None, &["Ten people were killed on the island."]),
        ]);
        assert!(d.is_empty(), "{d:#?}");
        let d = story(&[
            ("a", None, &["The quake hit, injuring 50 people."]),
            ("b", None, &["Thirty people were injured in the quake."]),
        ]);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].about, "injured");
        let d = story(&[
            (
                "a",
                None,
                &["The screen has 2,880 by 1,800 pixels on the new laptop."],
            ),
            (
                "b",
                None,
                &["The new laptop screen has more than five million pixels."],
            ),
        ]);
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn regression_an_open_range_is_not_compatible_with_everything() {
        // `at least 10` and 4 cannot both hold (the rounding slack once
        // grew with the open end's infinity); `at least 10` and 12 can.
        assert!(!compatible((10.0, f64::INFINITY), (4.0, 4.0)));
        assert!(!compatible((4.0, 4.0), (10.0, f64::INFINITY)));
        assert!(compatible((10.0, f64::INFINITY), (12.0, 12.0)));
        assert!(!compatible((f64::NEG_INFINITY, 3.0), (4.0, 4.0)));
        assert!(compatible((0.1 + 0.2, 0.1 + 0.2), (0.3, 0.3)));
    }

    #[test]
    fn a_count_written_as_none_is_a_reading_of_zero() {
        let d = story(&[
            (
                "a",
                Date::new(2025, 3, 1),
                &["No arrests have been made in the case."],
            ),
            (
                "b",
                Date::new(2025, 3, 4),
                &["Two suspects were arrested on Monday."],
            ),
            ("c", None, &["Nobody was injured, the fire service said."]),
            ("d", None, &["Four firefighters were injured in the blaze."]),
        ]);
        let got: Vec<(&str, Status, Vec<f64>)> = d
            .iter()
            .map(|d| {
                (
                    d.about.as_str(),
                    d.status,
                    d.readings.iter().filter_map(|r| r.value).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("arrested", Status::Update, vec![0.0, 2.0]),
                ("injured", Status::Conflict, vec![0.0, 4.0]),
            ]
        );
    }

    #[test]
    fn a_quoted_persons_first_name_that_differs_is_a_disagreement_but_a_spelling_is_not() {
        let d = story(&[
            (
                "a",
                None,
                &[
                    "\"She was kind to everyone,\" said Marta Holm, a neighbour.",
                    "Jon Berg led the search.",
                ],
            ),
            (
                "b",
                None,
                &[
                    "\"She was kind,\" said Ingrid Holm, who lives next door.",
                    "John Berg led the search.",
                ],
            ),
        ]);
        let got: Vec<(FactKind, Vec<&str>)> = d
            .iter()
            .map(|d| (d.kind, d.readings.iter().map(|r| r.text.as_str()).collect()))
            .collect();
        assert_eq!(
            got,
            vec![(FactKind::Name, vec!["Marta Holm", "Ingrid Holm"])]
        );
        assert!(same_given_name("Javon", "Jovan") && same_given_name("Ka'Loni", "Ka'Loni Marie"));
        assert!(!same_given_name("Catherine", "Crystal"));
    }

    proptest! {
        /// Every disagreement has two readings or more, each naming a
        /// document, and no two of its readings give values that can both
        /// hold.
        #[test]
        fn readings_differ_in_value_and_name_documents(
            counts in proptest::collection::vec(1u32..40, 2..5),
            role in prop::sample::select(vec!["killed", "injured", "arrested"]),
        ) {
            let texts: Vec<String> = counts
                .iter()
                .map(|n| format!("Officials said {n} people were {role} on Monday."))
                .collect();
            let ids: Vec<String> = (0..texts.len()).map(|i| format!("d{i}")).collect();
            let docs: Vec<(&str, Option<Date>, Vec<&str>)> = ids
                .iter()
                .zip(&texts)
                .map(|(id, t)| (id.as_str(), None, vec![t.as_str()]))
                .collect();
            let borrowed: Vec<(&str, Option<Date>, &[&str])> =
                docs.iter().map(|(i, p, s)| (*i, *p, s.as_slice())).collect();
            let d = story(&borrowed);
            let mut distinct = counts.clone();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(d.len(), usize::from(distinct.len() > 1));
            for dis in &d {
                prop_assert!(dis.readings.len() >= 2);
                for (i, r) in dis.readings.iter().enumerate() {
                    prop_assert!(!r.documents.is_empty());
                    for other in &dis.readings[i + 1..] {
                        prop_assert!(r.value != other.value);
                    }
                }
            }
        }
    }
}
