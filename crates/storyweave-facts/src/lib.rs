//! The *facts* stage of storyweave: what a story's documents say, as data.
//!
//! For each document ([`FactExtractor::document`]) it finds direct
//! quotations with their speaker and cue verb, quantities with what they
//! count, their qualifier and the attribution of their sentence, date
//! expressions resolved against the publication date, and named entities
//! (people, organisations, places) with name variants merged. For a story
//! ([`FactExtractor::story`]) it merges these across documents: the same
//! quote, figure, date or entity found in several documents becomes one
//! record that lists them, with the wording variants.
//!
//! The serialized field names of [`StoryFacts`] and its parts are those of
//! the `storyweave/1` JSON schema (`quotes`, `quantities`, `entities`), plus
//! some added fields (`qualifier`, `variants`, `granularity`, ...).
//!
//! Dates: a resolved [`DateFact`] or [`DateMention`] holds the first day of
//! what it names and a [`Granularity`]: `in April` (article of 2025-08-13) is
//! `2025-04-01` with granularity `month`; `last year` is `2024-01-01` with
//! granularity `year`.
//!
//! Everything works on untrusted text: nothing panics, whatever the quote
//! marks, numbers or capitals, and every mention's sentence index is valid
//! for the article it came from.

mod attrib;
mod dates;
mod disagree;
mod doc;
mod entities;
mod lex;
mod lexicon;
mod merge;
mod quantities;
mod quotes;

pub use disagree::{Disagreement, FactKind, FactReading, Status};

use std::collections::BTreeMap;

use serde::Serialize;
use storyweave_extract::Article;
use storyweave_text::Date;

/// What kind of thing a named entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person (`Kim Jong Un`, `Hilde Rasmussen`).
    Person,
    /// An organisation (`KCNA`, `Norwegian Environment Agency`).
    Organization,
    /// A place (`Seoul`, `Kursk`, `Challenger Plateau`).
    Place,
    /// A name whose kind the context does not tell.
    Other,
}

/// How precise a resolved date is; the date itself is the first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One day (`on Tuesday`, `August 12, 2025`).
    Day,
    /// A week (`last week`): the date is the same weekday a week away.
    Week,
    /// A month (`in April`, `last month`): the first of the month.
    Month,
    /// A year (`last year`, `in 2024`): January 1.
    Year,
}

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    /// A count or measure of something (`10,000 soldiers`, `180 tonnes`).
    Count,
    /// A percentage (`38%`, `5 percent`).
    Percent,
    /// An amount of money (`$3.2 billion`, `2.4 bln stg`); `unit` is the currency.
    Money,
}

/// A direct quotation in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteMention {
    /// The words inside the quotation marks (a trailing comma dropped).
    pub text: String,
    /// Who said it, when the document tells (`Yang Moo-jin`, `KCNA`): a
    /// name without its title or role.
    pub speaker: Option<String>,
    /// The title or role written with the speaker's name (`Rep.`,
    /// `police spokeswoman`), kept apart so that the speaker is the name alone.
    pub role: Option<String>,
    /// The cue that attributes it (`said`, `told AFP`, `according to`).
    pub cue: Option<String>,
    /// Whether it is a fragment quoted inside a sentence (`in a "warm ... atmosphere"`).
    pub partial: bool,
    /// Whether its closing mark was found (else it runs to the paragraph end).
    pub closed: bool,
    /// Index of the sentence holding the opening mark.
    pub sentence: usize,
    /// Index of the sentence holding the closing mark (same as `sentence` mostly).
    pub end_sentence: usize,
    /// Byte offset of the quotation's first character in sentence `sentence`.
    pub start: usize,
    /// Byte offset after its last character in sentence `end_sentence`.
    pub end: usize,
}

/// A number in one document with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityMention {
    /// The words of the quantity (`more than 10,000 soldiers`).
    pub text: String,
    /// Its value, scale words applied (`2.4 billion` is 2.4e9).
    pub value: f64,
    /// The canonical unit it is measured in (`percent`, `euros`,
    /// `kilometres per hour`, `years`); empty for a plain count.
    pub unit: String,
    /// What it counts or measures: the head noun after it (`soldiers`,
    /// `homes`); empty when the sentence does not tell.
    pub what: String,
    /// Count, percent or money.
    pub kind: QuantityKind,
    /// `more than`, `around`, `about`, ... when given.
    pub qualifier: Option<String>,
    /// Who the sentence attributes it to (`Seoul`, `police`), or the quote's speaker.
    pub attribution: Option<String>,
    /// Whether it stands inside a quotation.
    pub in_quote: bool,
    /// Index of its sentence.
    pub sentence: usize,
    /// Byte offset of `text` in the sentence.
    pub start: usize,
    /// Byte offset after `text` in the sentence.
    pub end: usize,
}

/// A date expression in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    /// The words (`on Tuesday`, `last year`, `August 12, 2025`).
    pub text: String,
    /// First day of what it names; `None` when it needs a publication date the document lacks.
    pub date: Option<Date>,
    /// Day, week, month or year.
    pub granularity: Granularity,
    /// Index of its sentence.
    pub sentence: usize,
    /// Byte offset of `text` in the sentence.
    pub start: usize,
    /// Byte offset after `text` in the sentence.
    pub end: usize,
}

/// One mention of a named entity in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityMention {
    /// The words as written (`Kim`, `U.S.`).
    pub text: String,
    /// The entity's name in this document (`Kim Jong Un`, `KCNA`).
    pub name: String,
    /// Person, organisation, place or other.
    pub kind: EntityKind,
    /// Index of its sentence.
    pub sentence: usize,
    /// Byte offset of `text` in the sentence.
    pub start: usize,
    /// Byte offset after `text` in the sentence.
    pub end: usize,
}

/// The facts of one document, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocumentFacts {
    /// Direct quotations.
    pub quotes: Vec<QuoteMention>,
    /// Numbers with what they count.
    pub quantities: Vec<QuantityMention>,
    /// Date expressions.
    pub dates: Vec<DateMention>,
    /// Named-entity mentions.
    pub entities: Vec<EntityMention>,
}

/// A document whose wording of a quote differs from the story's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteVariant {
    /// The document's id.
    pub document: String,
    /// Its wording.
    pub text: String,
}

/// A document whose wording of a figure differs (`Some 60` / `Around sixty`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuantityVariant {
    /// The document's id.
    pub document: String,
    /// Its wording.
    pub text: String,
}

/// A quotation merged across a story's documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The wording of the first document that carries it.
    pub text: String,
    /// The speaker, from whichever document names one.
    pub speaker: Option<String>,
    /// The speaker's title or role, from the same document.
    pub role: Option<String>,
    /// The cue that goes with that speaker.
    pub cue: Option<String>,
    /// Whether it is a fragment quoted inside a sentence.
    pub partial: bool,
    /// Ids of the documents that carry it, in story order.
    pub documents: Vec<String>,
    /// Other wordings and the documents that use them.
    pub variants: Vec<QuoteVariant>,
}

/// A figure merged across a story's documents (same value, same counted noun).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The words of the first document that gives it (`more than 10,000 soldiers`).
    pub text: String,
    /// Its value.
    pub value: f64,
    /// The canonical unit (`percent`, `euros`, `years`); empty for a plain count.
    pub unit: String,
    /// What it counts or measures (`soldiers`); empty when unknown.
    pub what: String,
    /// Count, percent or money.
    pub kind: QuantityKind,
    /// `more than`, `around`, ... when given.
    pub qualifier: Option<String>,
    /// Who it is attributed to (`South Korean and Western intelligence agencies`, `Seoul`).
    pub attribution: Option<String>,
    /// Ids of the documents that give it.
    pub documents: Vec<String>,
    /// Other wordings and the documents that use them.
    pub variants: Vec<QuantityVariant>,
}

/// A named entity merged across a story's documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Its name (the acronym when one is defined, else the fullest form).
    pub name: String,
    /// Person, organisation, place or other.
    pub kind: EntityKind,
    /// Ids of the documents that mention it.
    pub documents: Vec<String>,
    /// Number of mentions in all documents.
    pub mentions: usize,
    /// The forms it is written in (`Kim Jong Un`, `Kim`).
    pub variants: Vec<String>,
    /// Mentions per document id.
    pub mentions_by_document: BTreeMap<String, usize>,
}

/// A date merged across a story's documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateFact {
    /// The words of the first document that gives it (`on Tuesday`).
    pub text: String,
    /// First day of what it names, when resolved.
    pub date: Option<Date>,
    /// Day, week, month or year.
    pub granularity: Granularity,
    /// Ids of the documents that give it.
    pub documents: Vec<String>,
    /// The documents whose own publication date resolved it; the others
    /// wrote the same expression without a date to resolve it against.
    pub resolved_in: Vec<String>,
}

/// The facts of a story, merged across its documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryFacts {
    /// Facts the documents give different values for (see [`Disagreement`]).
    pub disagreements: Vec<Disagreement>,
    /// Quotations in order of first appearance.
    pub quotes: Vec<Quote>,
    /// Figures in order of first appearance.
    pub quantities: Vec<Quantity>,
    /// Entities, most mentioned first.
    pub entities: Vec<Entity>,
    /// Dates in calendar order (unresolved last).
    pub dates: Vec<DateFact>,
}

/// Settings of the facts stage; fixed once built.
#[derive(Debug, Clone)]
pub struct FactsBuilder {
    min_quote_words: usize,
    quote_similarity: f64,
}

impl Default for FactsBuilder {
    fn default() -> Self {
        FactsBuilder {
            min_quote_words: 2,
            quote_similarity: 0.6,
        }
    }
}

impl FactsBuilder {
    /// Quotations with fewer words are scare quotes or titles and are skipped (default 2).
    pub fn min_quote_words(mut self, n: usize) -> Self {
        self.min_quote_words = n.max(1);
        self
    }

    /// Word-set Jaccard at or above which two quotes are the same (default 0.6).
    pub fn quote_similarity(mut self, j: f64) -> Self {
        self.quote_similarity = if j.is_finite() {
            j.clamp(0.0, 1.0)
        } else {
            0.6
        };
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> FactExtractor {
        FactExtractor {
            min_quote_words: self.min_quote_words,
            quote_similarity: self.quote_similarity,
        }
    }
}

/// Extracts and merges facts. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct FactExtractor {
    min_quote_words: usize,
    quote_similarity: f64,
}

/// An entity mention's sentence with its tokens: `k` is the mention's first
/// token, `after` the token right after it.
struct Mention<'a> {
    s: &'a str,
    toks: &'a [lex::Tok],
    inq: &'a [bool],
    k: usize,
    after: usize,
}

impl<'a> Mention<'a> {
    fn of(ctx: &'a doc::Ctx<'_>, e: &entities::Resolved) -> Option<Mention<'a>> {
        let toks = ctx.toks.get(e.sentence)?;
        Some(Mention {
            s: &ctx.sents.get(e.sentence)?.text,
            toks,
            inq: ctx.inq.get(e.sentence)?,
            k: toks.iter().position(|t| t.start >= e.start)?,
            after: toks.iter().position(|t| t.start >= e.end)?,
        })
    }
}

/// Whether the person of `m` stands in apposition to the noun phrase that opens
/// its sentence (`A professor of economics at the University of Athens,
/// Yanis Varoufakis, did not go to work`): set off by commas, after an
/// opening article or role and at most twelve words, outside any quotation.
/// Such a person is the sentence's subject, what a later `he said` means.
fn appositive_subject(m: &Mention<'_>) -> bool {
    let &Mention {
        s,
        toks,
        inq,
        k,
        after,
    } = m;
    let comma = |i: usize| toks.get(i).is_some_and(|t| t.text(s) == ",");
    if k < 2 || !comma(k - 1) || !comma(after) || inq[..k].iter().any(|&q| q) {
        return false;
    }
    let words = toks[..k - 1]
        .iter()
        .filter(|t| t.kind != lex::Kind::Punct)
        .count();
    // No other comma before: `In Athens, police said, Jane Doe ...` is not one.
    let first_comma = toks.iter().position(|t| t.text(s) == ",");
    let mut b = [0u8; 32];
    let opens = toks.first().is_some_and(|t| {
        let w = lex::lower(t.text(s).trim_end_matches('.'), &mut b);
        matches!(w, "a" | "an" | "the") || lexicon::is_role(w)
    });
    opens && words <= 12 && first_comma == Some(k - 1)
}

/// Whether the person of `m` is the subject of its sentence's main clause
/// after a fronted adverbial (`While introducing the phone, at the
/// conference, Jobs started ...`, `After the case closed, Jobs extended
/// ...`): the sentence opens with a subordinator or preposition, the name
/// follows a comma and a lower-case word (its verb) follows the name.
fn fronted_subject(m: &Mention<'_>) -> bool {
    let &Mention {
        s,
        toks,
        inq,
        k,
        after,
    } = m;
    let mut b = [0u8; 32];
    let opens = toks.first().is_some_and(|t| {
        t.kind == lex::Kind::Word && lexicon::is_fronting_word(lex::lower(t.text(s), &mut b))
    });
    let verb_follows = toks.get(after).is_some_and(|t| {
        t.kind == lex::Kind::Word && !inq[after] && t.text(s).starts_with(char::is_lowercase)
    });
    opens && k >= 2 && toks[k - 1].text(s) == "," && verb_follows && !inq[..k].iter().any(|&q| q)
}

impl Default for FactExtractor {
    fn default() -> Self {
        FactsBuilder::default().build()
    }
}

impl FactExtractor {
    /// Starts a builder with the default settings.
    pub fn builder() -> FactsBuilder {
        FactsBuilder::default()
    }

    /// The facts of one document. Relative dates resolve against
    /// `article.published`; without it they stay `None`.
    pub fn document(&self, article: &Article) -> DocumentFacts {
        let ctx = doc::Ctx::new(&article.sentences);
        let (ents, index) = entities::extract(&ctx);
        let mut lead_person = vec![None; article.sentences.len()];
        // The person a sentence opens with, after at most a connective
        // (`But Justice Vincent DelGiudice made clear ...`): what a later
        // `he said` refers to.
        for e in &ents {
            if e.kind == EntityKind::Person && lead_person[e.sentence].is_none() {
                let s = &ctx.sents[e.sentence].text;
                let before = ctx.toks[e.sentence]
                    .iter()
                    .take_while(|t| t.start < e.start)
                    .filter(|t| t.kind != lex::Kind::Punct)
                    .filter(|t| {
                        let mut b = [0u8; 32];
                        !lexicon::is_role(lex::lower(t.text(s).trim_end_matches('.'), &mut b))
                    })
                    .count();
                let opener = ctx.toks[e.sentence]
                    .iter()
                    .find(|t| t.kind != lex::Kind::Punct)
                    .is_some_and(|t| {
                        let mut b = [0u8; 32];
                        lexicon::is_connective(lex::lower(t.text(s), &mut b))
                    });
                // `Apple CEO Steve Jobs ...`: only capitalised words and a
                // role before the name, the role right before it.
                let toks = &ctx.toks[e.sentence];
                let k = toks.partition_point(|t| t.start < e.start);
                let mut b = [0u8; 32];
                // `Assistant Secretary of the Air Force for Acquisition
                // Marvin Sambur ...`: a title chain naming a role.
                let premodified = k >= 2
                    && toks[..k].iter().any(|t| {
                        lexicon::is_role(lex::lower(t.text(s).trim_end_matches('.'), &mut b))
                    })
                    && lex::is_cap(toks[0].text(s))
                    && !ctx.inq[e.sentence][..k].iter().any(|&q| q)
                    && toks[..k].iter().all(|t| {
                        let w = t.text(s);
                        (t.kind == lex::Kind::Word && lex::is_cap(w))
                            || matches!(w, "of" | "the" | "for" | "and" | "to" | "&" | "." | "'s")
                    });
                if before == 0
                    || (before == 1 && opener)
                    || premodified
                    || Mention::of(&ctx, e)
                        .is_some_and(|m| appositive_subject(&m) || fronted_subject(&m))
                {
                    lead_person[e.sentence] = Some(e.name.clone());
                }
            }
        }
        // A person introduced by full name in a sentence with no quotation
        // (`The move comes as a surprise to Reunion Pictures' Matthew
        // O'Connor, who ...`) is whom the next `he told E! News` means, the
        // way news introduces a new speaker.
        let mut introduced = vec![None; article.sentences.len()];
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for e in &ents {
            let first_time = seen.insert(e.name.as_str());
            let s = &ctx.sents[e.sentence].text;
            let quoted = ctx.toks[e.sentence].iter().any(|t| t.text(s) == "\"");
            // `Reunion Pictures' Matthew O'Connor`: an owner is not the one.
            let possessive = s[e.end..].starts_with('\'');
            if e.kind == EntityKind::Person
                && first_time
                && e.text.split_whitespace().count() >= 2
                && !quoted
                && !possessive
                && introduced[e.sentence].is_none()
            {
                introduced[e.sentence] = Some(e.name.clone());
            }
        }
        let mut orgs = vec![Vec::new(); article.sentences.len()];
        for e in ents.iter().filter(|e| e.kind == EntityKind::Organization) {
            orgs[e.sentence].push((e.start, e.name.clone()));
        }
        let (cues, last_person) = attrib::find(&ctx, &index, &lead_person, &introduced, &orgs);
        // The people each sentence names outside its quotations, once each.
        let mut named = vec![Vec::<String>::new(); article.sentences.len()];
        for e in ents.iter().filter(|e| e.kind == EntityKind::Person) {
            // Tokens are in order: find the mention's first by its start.
            let quoted = ctx.toks[e.sentence]
                .binary_search_by_key(&e.start, |t| t.start)
                .is_ok_and(|k| ctx.inq[e.sentence][k]);
            if !quoted && !named[e.sentence].contains(&e.name) {
                named[e.sentence].push(e.name.clone());
            }
        }
        // `Secretary James Roche: "No, Sir, ..."`: a name and a colon right
        // before a quotation label its words.
        let mut labels = vec![Vec::<(usize, String)>::new(); article.sentences.len()];
        for e in ents
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization))
        {
            let toks = &ctx.toks[e.sentence];
            let s = &ctx.sents[e.sentence].text;
            let after = toks.partition_point(|t| t.start < e.end);
            if toks.get(after).is_some_and(|t| t.text(s) == ":")
                && ctx.inq[e.sentence].get(after + 1).is_some_and(|&q| q)
            {
                labels[e.sentence].push((after, e.name.clone()));
            }
        }
        let people = quotes::People {
            last: &last_person,
            lead: &lead_person,
            named: &named,
            labels: &labels,
        };
        let quotes = quotes::extract(&ctx, &cues, &people, self.min_quote_words);
        let quote_speaker = |s: usize, t: usize| -> Option<Option<String>> {
            let g = ctx.global(s, t);
            quotes
                .iter()
                .find(|(k, _)| {
                    let sp = ctx.spans[*k];
                    ctx.global(sp.s0, sp.t0) < g && g < ctx.global(sp.s1, sp.t1)
                })
                .map(|(_, q)| q.speaker.clone())
        };
        let quantities = quantities::extract(&ctx, &cues, &quote_speaker);
        let dates = dates::extract(&ctx, article.published);
        DocumentFacts {
            quotes: quotes.into_iter().map(|(_, q)| q).collect(),
            quantities,
            dates,
            entities: ents
                .into_iter()
                .map(|r| EntityMention {
                    text: r.text,
                    name: r.name,
                    kind: r.kind,
                    sentence: r.sentence,
                    start: r.start,
                    end: r.end,
                })
                .collect(),
        }
    }

    /// The facts of a story: each document's facts merged with the others'.
    /// `docs` pairs each article with the result of [`FactExtractor::document`]
    /// for it, in the order the story lists them.
    pub fn story(&self, docs: &[(&Article, &DocumentFacts)]) -> StoryFacts {
        StoryFacts {
            quotes: merge::quotes(docs, self.quote_similarity),
            quantities: merge::quantities(docs),
            entities: merge::entities(docs),
            dates: merge::dates(docs),
            disagreements: disagree::disagreements(docs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(sentences: &[&str], published: Option<Date>) -> Article {
        Article {
            published,
            ..Article::from_sentences("t", sentences)
        }
    }

    fn doc(sentences: &[&str], published: Option<Date>) -> DocumentFacts {
        FactExtractor::default().document(&art(sentences, published))
    }

    fn wed() -> Option<Date> {
        Date::new(2025, 8, 13)
    }

    #[test]
    fn weekday_on_publication_day_is_that_day() {
        let f = doc(&["Police said on Wednesday that the road was shut."], wed());
        assert_eq!(f.dates[0].text, "on Wednesday");
        assert_eq!(f.dates[0].date, wed());
        let f = doc(&["It happened last Wednesday."], wed());
        assert_eq!(f.dates[0].date, Date::new(2025, 8, 6));
    }

    #[test]
    fn relative_and_explicit_dates() {
        let f = doc(
            &[
                "Talks began in April, stalled last month and resumed yesterday, on Aug. 12, after the August 1, 2024 deal and a vote in September.",
            ],
            wed(),
        );
        let got: Vec<(&str, Option<String>, Granularity)> = f
            .dates
            .iter()
            .map(|d| {
                (
                    d.text.as_str(),
                    d.date.map(|x| x.to_string()),
                    d.granularity,
                )
            })
            .collect();
        let want = [
            ("in April", Some("2025-04-01"), Granularity::Month),
            ("last month", Some("2025-07-01"), Granularity::Month),
            ("yesterday", Some("2025-08-12"), Granularity::Day),
            ("on Aug. 12", Some("2025-08-12"), Granularity::Day),
            ("August 1, 2024", Some("2024-08-01"), Granularity::Day),
            ("in September", Some("2024-09-01"), Granularity::Month),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0, g.1.as_deref(), g.2), w);
        }
        // Without a publication date, relative dates stay unresolved.
        let f = doc(&["It closed on Tuesday and reopened last year."], None);
        assert!(f.dates.iter().all(|d| d.date.is_none()) && f.dates.len() == 2);
    }

    #[test]
    fn relative_days_come_from_the_lexicon() {
        // `tonight` is one of the lexicon's relative days, like `today`.
        let f = doc(&["The vote is tonight and the count tomorrow."], wed());
        let got: Vec<(&str, Option<Date>)> =
            f.dates.iter().map(|d| (d.text.as_str(), d.date)).collect();
        assert_eq!(
            got,
            [("tonight", wed()), ("tomorrow", Date::new(2025, 8, 14))]
        );
    }

    /// A minus sign glued to a number and apart from the word before makes
    /// it negative (`fell -36`, `(-3.16%)`); a range `30 - 60` does not; a
    /// version (`the 3.0 software`) is no figure.
    #[test]
    fn negative_figures_and_versions() {
        let f = doc(
            &[
                "The index closed -36 points lower (-3.16%) after the 3.0 software and a 30 - 60 day delay.",
            ],
            wed(),
        );
        let got: Vec<(&str, f64)> = f
            .quantities
            .iter()
            .map(|q| (q.text.as_str(), q.value))
            .collect();
        assert_eq!(got[0], ("-36 points", -36.0));
        assert_eq!(got[1].1, -3.16);
        assert!(got.iter().all(|(t, _)| !t.contains("3.0")), "{got:?}");
        assert!(got.iter().any(|&(_, v)| v == 30.0) && got.iter().any(|&(_, v)| v == 60.0));
    }

    /// Subjects reached through a relative pronoun (`X, an expert, who
    /// stated`), a verb before a participle (`X remembered asking`), a negated
    /// auxiliary (`He didn't say`) and a role phrase closed by a comma and the
    /// name (`said the general secretary of the union, X`).
    #[test]
    fn relative_participle_negated_and_comma_named_subjects() {
        let mut a = art(
            &[
                "A contrary view came from Carl Ruud, a management expert at Vestby University, who stated, \"Great firms rarely go from strength to strength\".",
                "\"How can it go away?\"",
                "Alan Moe remembered asking, \"It is the best-selling car in the country.\"",
                "Company vice president Lars Eng spoke on Wednesday.",
                "He didn't say where the cuts would fall, but wanted to present details \"very soon\".",
                "\"It is the best decision for our plants,\" said the general secretary of the union Forward, Tony Wold.",
                "\"The behaviour is completely unacceptable,\" said German economy minister Rainer Brandt.",
            ],
            wed(),
        );
        a.sentences[2].paragraph = a.sentences[1].paragraph;
        let f = FactExtractor::default().document(&a);
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Carl Ruud"),
                Some("Alan Moe"),
                Some("Alan Moe"),
                Some("Lars Eng"),
                Some("Tony Wold"),
                Some("Rainer Brandt")
            ]
        );
    }

    /// A cue joined to an earlier verb (`X made an address and said`) is the
    /// sentence subject's; a role phrase with `and` before the closing name;
    /// a name whose comma was dropped before its appositive; a nearby weak
    /// cue beats a strong one far off in a parenthesis.
    #[test]
    fn coordinated_cues_long_roles_and_near_weak_cues() {
        let f = doc(
            &[
                "President Ada Lind made an address on the economy and said markets were \"driven by uncertainty and fear.\"",
                "\"This is a major milestone for the programme,\" said Vesta President and Chief Executive Officer, Tom Eng.",
                "Jon Bakke an equity strategist for Miller Holt, commented: \"The market is now realizing that the slump will last.\"",
                "He described the hardship as a \"sacrifice for the next generation\" on their part, so that their children could live in a country that still makes things, concluding that one day the nation might return to a time when the maxim (a misquotation of what Carl Wik once testified before the Senate) would be true.",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Ada Lind"),
                Some("Tom Eng"),
                Some("Jon Bakke"),
                Some("Jon Bakke")
            ]
        );
    }

    /// A number a name gives (`Boeing 787`, `iPhone 4`) is a model number
    /// wherever the document repeats it; an owner's name (`Ann's 5-year-old`)
    /// is not such a name; cents are hundredths of dollars.
    #[test]
    fn model_numbers_and_cents() {
        let f = doc(
            &[
                "Boeing said the 787 is late, and the iPhone 4 antenna drew complaints.",
                "The Boeing 787 has 47 customers and Ann's 5-year-old son paid 26 cents.",
            ],
            wed(),
        );
        let got: Vec<(&str, f64, &str)> = f
            .quantities
            .iter()
            .map(|q| (q.text.as_str(), q.value, q.unit.as_str()))
            .collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "47 customers");
        assert_eq!(got[1].1, 5.0);
        assert_eq!((got[2].1, got[2].2), (0.26, "dollars"));
    }

    /// With no cue anywhere, a statement in quotation marks is the only
    /// person its sentence names, or the person the sentence before names,
    /// rather than the speaker of an earlier quotation; a quoted label beside
    /// a name stays no quotation.
    #[test]
    fn uncued_statements_take_the_person_named_beside_them() {
        let f = doc(
            &[
                "Ola Rud won the \"genius grant\" that year.",
                "\"It is hard to say if it is enough,\" said chief investment officer at Vesta Asset Management, Tom Grieg.",
                "After weeks of talk, chairman Dieter Sand denied the reports.",
                "\"We do not exclude any option for the group.\"",
                "Justice Anna Moen agreed with the defence that the logo is not - \"I conclude that the logo does not suggest a connection.\"",
            ],
            wed(),
        );
        let got: Vec<(&str, Option<&str>)> = f
            .quotes
            .iter()
            .map(|q| (&q.text[..10], q.speaker.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("It is hard", Some("Tom Grieg")),
                ("We do not ", Some("Dieter Sand")),
                ("I conclude", Some("Anna Moen"))
            ]
        );
    }

    #[test]
    fn money_percent_words_and_skipped_years() {
        let f = doc(
            &[
                "The 2.4 bln stg deal, worth \u{20ac}5 million more than the 5 percent stake sold in 2019, ends a three-year fight at 4:30 on August 12, 2025, when twenty-five staff left.",
            ],
            wed(),
        );
        let got: Vec<(f64, &str, &str, QuantityKind)> = f
            .quantities
            .iter()
            .map(|q| (q.value, q.unit.as_str(), q.what.as_str(), q.kind))
            .collect();
        assert_eq!(
            got,
            [
                (2.4e9, "pounds", "", QuantityKind::Money),
                (5e6, "euros", "", QuantityKind::Money),
                (5.0, "percent", "", QuantityKind::Percent),
                (3.0, "years", "fight", QuantityKind::Count),
                (25.0, "", "staff", QuantityKind::Count),
            ]
        );
    }

    #[test]
    fn qualifiers_and_attribution() {
        let f = doc(
            &[
                "At least 12 people were hurt and up to 300 homes lost power, according to the regional fire service.",
            ],
            wed(),
        );
        assert_eq!(f.quantities[0].qualifier.as_deref(), Some("at least"));
        assert_eq!(f.quantities[1].qualifier.as_deref(), Some("up to"));
        assert_eq!(f.quantities[1].what, "homes");
        assert_eq!(f.quantities[1].unit, "");
        assert_eq!(
            f.quantities[1].attribution.as_deref(),
            Some("regional fire service")
        );
    }

    #[test]
    fn speaker_from_colon_sentence_and_pronoun() {
        let a = art(
            &[
                "Mayor Anna Berg said:",
                "\"We will rebuild the bridge this year.\"",
                "\"It will not be cheap,\" she added.",
            ],
            wed(),
        );
        let f = FactExtractor::default().document(&a);
        assert_eq!(f.quotes.len(), 2);
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("Anna Berg"));
        assert_eq!(f.quotes[1].speaker.as_deref(), Some("Anna Berg"));
        assert_eq!(f.quotes[1].cue.as_deref(), Some("added"));
    }

    /// A person set off by commas after the noun phrase that opens the
    /// sentence is its subject: a later `he said` is theirs, not the
    /// previous speaker's.
    #[test]
    fn pronoun_after_an_appositive_subject_is_that_person() {
        let f = doc(
            &[
                "\"We are all deeply shocked,\" Mr Berg said.",
                "A professor of economics at the university, Jonas Lie, did not go to work today.",
                "\"What I saw was a battlefield after the troops had left,\" he said.",
            ],
            wed(),
        );
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("Berg"));
        assert_eq!(f.quotes[1].speaker.as_deref(), Some("Jonas Lie"));
    }

    /// A source that drops a closing mark before `, X said.` still ends the
    /// quotation there, and the mark after `said.` opens the next one; a role
    /// and a name in an appositive (`the candidate, regional bureaucrat X,
    /// said`) give the name.
    #[test]
    fn dropped_closing_marks_and_appositive_names() {
        let f = doc(
            &[
                "\"I'm very disappointed in the situation here, neighbor Constance Jones said.\" These young people have so much potential.\"",
                "\"I will support the president,\" the candidate, regional bureaucrat Resul Mammedov, said.",
            ],
            wed(),
        );
        let got: Vec<(&str, Option<&str>)> = f
            .quotes
            .iter()
            .map(|q| (q.text.as_str(), q.speaker.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "I'm very disappointed in the situation here",
                    Some("Constance Jones")
                ),
                (
                    "These young people have so much potential.",
                    Some("Constance Jones")
                ),
                ("I will support the president", Some("Resul Mammedov")),
            ]
        );
    }

    /// `said` followed by a phrase describing the speaker ends in the name
    /// (`her mom X`, `Y's friend X`, `City police Sgt. X`, `5-year-old X`),
    /// never in the possessor or the place.
    #[test]
    fn inverted_subject_phrase_ends_in_the_name() {
        let f = doc(
            &[
                "\"I just picked her up and ran,\" said her mom Lena Ortiz.",
                "\"It definitely hurts,\" said Varga's friend Tomas Reyes.",
                "\"This family is grieving,\" said Millbrook police Sgt. Dana Keller.",
                "\"She is just sleeping,\" said 5-year-old Mia Lund.",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Lena Ortiz"),
                Some("Tomas Reyes"),
                Some("Dana Keller"),
                Some("Mia Lund")
            ]
        );
        assert_eq!(f.quotes[0].role.as_deref(), Some("her mom"));
    }

    /// A sentence opening with a name and an appositive of roles before its
    /// cue is that person's (`X, lead writer and producer says:`); a
    /// participle right after a person (`an insider calling it`) takes them
    /// as subject; `He went on to say` continues the last person.
    #[test]
    fn appositive_participle_and_infinitive_subjects() {
        let f = doc(
            &[
                "Petra Holm, lead writer and executive producer says: \"It is an incendiary combination of talents.\"",
                "Nora Vik, Controller, North Channel Drama says: \"We knew we had found our man at last.\"",
                "The talks went badly, an inside source calling it \"a terrible experience for everyone\".",
                "The club's manager, Rolf Dahl said the case was closed.",
                "He went on to say, \"the club has always been a leader in the community.\"",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Petra Holm"),
                Some("Nora Vik"),
                Some("inside source"),
                Some("Rolf Dahl")
            ]
        );
    }

    /// `the company said` is the organisation named last; `the department
    /// said` one whose name holds `department`.
    #[test]
    fn definite_institution_is_the_organisation_named_before() {
        let f = doc(
            &[
                "Workers at the Nordfrost Industries plant and the Granby Fire Department were questioned.",
                "\"This is a sad day for our family,\" the company said in a statement.",
                "\"Crews worked through the night,\" the department said.",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Granby Fire Department"),
                Some("Granby Fire Department")
            ]
        );
    }

    /// A quotation standing alone takes its speaker from a sentence after it
    /// that is only an attribution (`"...?" / Davis said.`), or from the
    /// person the sentence before opens with when that one reports no speech.
    #[test]
    fn lone_quotation_speaker_from_the_sentence_after_or_before() {
        let mut a = art(
            &[
                "\"I want to know who shot her and why?\"",
                "Ida Marsh said.",
                "Karl Stene agreed with the ruling on Monday.",
                "\"We are gratified that the court acted to restore the law.\"",
            ],
            wed(),
        );
        // The attribution is split off its quotation inside one paragraph.
        a.sentences[1].paragraph = a.sentences[0].paragraph;
        let f = FactExtractor::default().document(&a);
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(got, [Some("Ida Marsh"), Some("Karl Stene")]);
    }

    /// A document speaks for whoever issued it: `the statement said` after
    /// `a statement from X` is X's.
    #[test]
    fn a_statement_speaks_for_its_issuer() {
        let f = doc(
            &[
                "A statement from Pittsburgh Public Schools says the boy was a senior.",
                "The statement called him \"a leader who pushed his peers to a higher level.\"",
            ],
            wed(),
        );
        assert_eq!(
            f.quotes[0].speaker.as_deref(),
            Some("Pittsburgh Public Schools")
        );
    }

    /// `the chief said` is the person last spoken of, here one introduced
    /// by full name with a title; `he told` right after someone new is
    /// introduced is that person; `a witness said` stays unnamed; an
    /// abbreviated title inside the name (`Police Sgt. Marty Earley`).
    #[test]
    fn described_and_newly_introduced_speakers() {
        let f = doc(
            &[
                "Dayton Police Chief Richard Biehl discussed gun crime on Wednesday.",
                "\"It is not the first time I have come before the media,\" the chief said.",
                "The move surprised Reunion Pictures' Matthew O'Connor, who produced her film.",
                "\"Tara was always completely professional,\" he told E! News.",
                "\"They were staying in the dark part of the street,\" a witness said.",
                "\"The driver was uncooperative the whole time,\" said Bloomington Police Sgt. Marty Earley.",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Richard Biehl"),
                Some("Matthew O'Connor"),
                Some("witness"),
                Some("Marty Earley"),
            ]
        );
    }

    /// Subjects that stand away from the start of their sentence: after a
    /// fronted adverbial, after a company and its role (`Norvik CEO Lena
    /// Berg`, where `Norvik Yards` is the company, not a person), the
    /// one `X quoted Y as saying` quotes, the agent of `was praised by Y as
    /// "..."`, and the issuer of `X issued a statement saying "..."`.
    #[test]
    fn subjects_behind_openers_companies_and_passives() {
        let f = doc(
            &[
                "While opening the fair, at the main hall, Lena Berg began by joking about the delay, saying, \"Stop me if you have heard this one.\"",
                "Norvik Yards CEO Lena Berg presented the new ferry on Monday, saying the yard has \"learned a great deal from the last hull.\"",
                "The ferry was praised by Berg as \"the quietest boat we have ever built.\"",
                "The Tidende newspaper quoted Piet Smal as saying \"We will not order another ferry this year.\"",
                "The FWU issued a statement saying \"The crews were never asked about the design of the boat.\"",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Lena Berg"),
                Some("Lena Berg"),
                Some("Lena Berg"),
                Some("Piet Smal"),
                Some("FWU"),
            ]
        );
        let norvik = f.entities.iter().find(|e| e.name == "Norvik Yards");
        assert_eq!(norvik.map(|e| e.kind), Some(EntityKind::Organization));
    }

    /// Speakers named by a label and colon, by `it` after a document or an
    /// organisation, by a title chain, by a company's legal form or `&`
    /// ending its name, and by the opening phrase of `... released a
    /// statement saying`.
    #[test]
    fn labels_it_title_chains_and_issuers_name_speakers() {
        let f = doc(
            &[
                "The council published the exchange on Monday.",
                "Mayor Anna Holt: \"We will rebuild the bridge this year.\"",
                "The Harbour Authority described the plan on Tuesday.",
                "It said that \"the quay will stay closed until the spring.\"",
                "A letter from Fjell & Partners reached the council on Friday.",
                "\"The bridge cannot carry trucks again,\" it said.",
                "Deputy Director of the Harbour Authority for Planning Ola Brekke defended the plan, saying, \"We had no other choice.\"",
                "\"Traffic will move to the old road,\" said the chairman of Nordvik Ferries LLC Per Lunde.",
                "A group of local fishermen released a joint statement saying \"We were never asked about the closure.\"",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("Anna Holt"),
                Some("Harbour Authority"),
                Some("Fjell & Partners"),
                Some("Planning Ola Brekke"),
                Some("Per Lunde"),
                Some("A group of local fishermen"),
            ]
        );
    }

    /// The person named before a phrase that only describes them speaks:
    /// `X, the victim's mom said`, `X, spokesperson for ECSO said`;
    /// `he was quoted as saying` is the subject of `was quoted`; `The ...
    /// Fire Chief spoke ... saying` is the chief.
    #[test]
    fn names_before_describing_phrases_and_quoted_as_saying() {
        let f = doc(
            &[
                "\"He was a happy kid,\" LaShannon Cook, the victim's mom said.",
                "\"So we brought the witnesses back in,\" Amber Southard, spokesperson for ECSO said.",
                "Mehdi Zareh, director of the seismological center, dismissed the concerns.",
                "\"The Gulf is not deep enough for tsunamis,\" he was quoted as saying.",
                "The Corpus Christi Fire Chief spoke to reporters Wednesday saying the department is \"praying for the family and very upset.\"",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("LaShannon Cook"),
                Some("Amber Southard"),
                Some("Mehdi Zareh"),
                Some("Corpus Christi Fire Chief"),
            ]
        );
    }

    /// Words quoted in a sentence with no cue, right after a sentence whose
    /// quotation has a speaker, are that speaker's.
    #[test]
    fn a_cueless_quotation_goes_on_with_the_speaker_before() {
        let f = doc(
            &[
                "\"Shaking is not uncommon here, but this was a jolt,\" said James Gaskell, manager of the grocery.",
                "Only a few boxes fell off the shelves, but \"our wine rattled pretty good.\"",
            ],
            wed(),
        );
        let got: Vec<Option<&str>> = f.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(got, vec![Some("James Gaskell"), Some("James Gaskell")]);
    }

    /// Titles and roles are split off the speaker's name and kept as its role.
    #[test]
    fn speaker_roles_are_split_off_the_name() {
        let f = doc(
            &[
                "\"We will rebuild the bridge,\" said Rep. Blake Farenthold.",
                "\"It hurts a lot today,\" said neighbor Leroy McGee.",
                "\"The water rose fast,\" said Jonas Lie, a local farmer.",
                "Henry County Prosecutor Joe Bergacs said: \"No one else was involved in this.\"",
            ],
            wed(),
        );
        let got: Vec<(Option<&str>, Option<&str>)> = f
            .quotes
            .iter()
            .map(|q| (q.speaker.as_deref(), q.role.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("Blake Farenthold"), Some("Rep.")),
                (Some("Leroy McGee"), Some("neighbor")),
                (Some("Jonas Lie"), Some("local farmer")),
                (Some("Joe Bergacs"), Some("Henry County Prosecutor")),
            ]
        );
    }

    #[test]
    fn inverted_and_according_to_speakers() {
        let f = doc(
            &[
                "\"The water rose fast,\" said Jonas Lie, a local farmer.",
                "\"Nobody was warned,\" according to Mr. Lie.",
                "Officials at the Ministry of Transport said the line was \"fully closed\" overnight.",
            ],
            wed(),
        );
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("Jonas Lie"));
        assert_eq!(f.quotes[1].speaker.as_deref(), Some("Jonas Lie"));
        assert_eq!(f.quotes[1].cue.as_deref(), Some("according to"));
        assert!(f.quotes[2].partial);
    }

    #[test]
    fn entity_variants_merge() {
        let f = doc(
            &[
                "President Maria Olsen met U.S. envoys in Oslo.",
                "Olsen said the US would help, the Nordic Energy Agency (NEA) said.",
                "The NEA said Olsen will visit the United States.",
            ],
            wed(),
        );
        let name = |t: &str| {
            f.entities
                .iter()
                .find(|e| e.text == t)
                .map(|e| (e.name.as_str(), e.kind))
        };
        assert_eq!(
            name("Maria Olsen"),
            Some(("Maria Olsen", EntityKind::Person))
        );
        assert_eq!(name("Olsen"), Some(("Maria Olsen", EntityKind::Person)));
        assert_eq!(
            name("Nordic Energy Agency"),
            Some(("NEA", EntityKind::Organization))
        );
        assert_eq!(name("Oslo").map(|x| x.1), Some(EntityKind::Place));
        let us: Vec<&str> = ["U.S.", "US", "United States"]
            .iter()
            .filter_map(|t| name(t).map(|x| x.0))
            .collect();
        assert_eq!(us.len(), 3);
        assert!(us.iter().all(|n| *n == us[0]), "{us:?}");
    }

    fn figures(sentence: &str) -> Vec<(f64, String, String)> {
        doc(&[sentence], wed())
            .quantities
            .into_iter()
            .map(|q| (q.value, q.unit, q.what))
            .collect()
    }

    #[test]
    fn designations_are_not_figures() {
        for s in [
            "Call 301-772-4925 or 1-866-411-TIPS with tips.",
            "Police took a 911 call from the 5400 block of Main Street.",
            "It happened at 5126 Clinton Drive near the Ultimate Place 2 B Bar.",
            "The Six Flags park sent code 274637 to Channel 4 viewers.",
            "He fired a .40 caliber handgun in the 1982-83 season.",
            "Anyone with information should contact police at (203) 574 - 6941.",
            "Call the tip line, 1 - 866 - 7LOCKUP, or tell 2 NEWS.",
            "She was struck as she walked into the store at 200 W. American Blvd. on Wednesday.",
            "It was reported at a home on Kentucky 218 in the Pierce area.",
            "No one else could describe the shooter, and each one containing a chip was sold.",
            "Police found a.45-caliber handgun and a 9mm pistol in the car.",
            "He wore size 32/34 jeans and size 9 1/2 tennis shoes.",
        ] {
            assert_eq!(figures(s), [], "{s}");
        }
    }

    #[test]
    fn fractions_multiples_and_units_are_read() {
        let got = figures(
            "After 1 1/2 years and 11/2 hours, one-third of about five dozen staff and a dozen guards drove 60 km/h for two decades.",
        );
        let want: [(f64, &str, &str); 6] = [
            (1.5, "years", ""),
            (1.5, "hours", ""),
            (1.0 / 3.0, "", ""),
            (60.0, "", "staff"),
            (12.0, "", "guards"),
            (60.0, "kilometres per hour", ""),
        ];
        for (g, w) in got.iter().zip(want) {
            assert!((g.0 - w.0).abs() < 1e-9, "{got:?}");
            assert_eq!((g.1.as_str(), g.2.as_str()), (w.1, w.2), "{got:?}");
        }
        assert_eq!(got.len(), 7, "{got:?}");
        assert!((got[6].0 - 20.0).abs() < 1e-9 && got[6].1 == "years");
    }

    #[test]
    fn scores_give_two_figures_and_ages_describe_the_speaker() {
        let got = figures(
            "The Colts won 31-24 and the 135 pounds boxer, a 33-year-old, said one person cried.",
        );
        let values: Vec<f64> = got.iter().map(|g| g.0).collect();
        assert_eq!(values, [31.0, 24.0, 135.0, 33.0, 1.0]);
        assert_eq!(got[2].1, "pounds");
        assert_eq!((got[3].1.as_str(), got[3].2.as_str()), ("years", "age"));
        let f = doc(&["Maral, 45, said 12 people were hurt."], wed());
        assert_eq!(f.quantities[0].attribution, None);
        assert_eq!(f.quantities[1].attribution.as_deref(), Some("Maral"));
    }

    #[test]
    fn money_in_pounds_needs_a_scale_or_a_sign() {
        let f = doc(&["The 2 million pounds deal cost \u{a3}5 more."], wed());
        assert!(f.quantities.iter().all(|q| q.kind == QuantityKind::Money));
    }

    #[test]
    fn unclosed_quote_ends_with_its_sentence_before_the_attribution() {
        // One long paragraph, as tokenized corpora give it: the quote must
        // not run to the end of the article.
        let mut a = art(
            &[
                "\"Some users lost mobile service for hours, Ahmed Osama noted.",
                "Osama said the cables were cut near the coast.",
                "Engineers repaired the line by evening.",
            ],
            wed(),
        );
        for s in &mut a.sentences {
            s.paragraph = 0;
        }
        let f = FactExtractor::default().document(&a);
        assert_eq!(f.quotes.len(), 1, "{:?}", f.quotes);
        assert_eq!(f.quotes[0].text, "Some users lost mobile service for hours");
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("Ahmed Osama"));
    }

    #[test]
    fn closing_mark_alone_quotes_its_sentence() {
        let f = doc(
            &[
                "The sheriff's office released a statement.",
                "No foul play is suspected at this time and the inquiry goes on.\" the press release stated.",
            ],
            wed(),
        );
        assert_eq!(f.quotes.len(), 1, "{:?}", f.quotes);
        assert!(f.quotes[0].text.starts_with("No foul play"));
    }

    #[test]
    fn story_merges_quote_variants_and_keeps_named_speaker() {
        let a = art(&["\"We will be back in the future,\" he said."], wed());
        let mut b = art(
            &["\"We will be back in the future, too,\" Lena Dahl said."],
            wed(),
        );
        b.id = "u".into();
        let fx = FactExtractor::default();
        let (fa, fb) = (fx.document(&a), fx.document(&b));
        let s = fx.story(&[(&a, &fa), (&b, &fb)]);
        assert_eq!(s.quotes.len(), 1);
        assert_eq!(s.quotes[0].speaker.as_deref(), Some("Lena Dahl"));
        assert_eq!(s.quotes[0].documents, ["t", "u"]);
        assert_eq!(
            s.quotes[0].variants[0].text,
            "We will be back in the future, too"
        );
    }
}
