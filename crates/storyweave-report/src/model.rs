//! The `storyweave/1` report as plain data, built from clustered articles.
//!
//! Field names are part of the interface (see DESIGN.md): fields may be added,
//! none renamed. Fields that later stages fill (passages, quotes, ...) are
//! present and empty until then.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use storyweave_align::{
    Aligner, Alignment, Coverage, Discrepancy, DiscrepancyKind, DiscrepancyStatus, Passage, Reading,
};
use storyweave_cluster::Clustering;
use storyweave_extract::Article;
use storyweave_facts::{
    DateFact, Disagreement, DocumentFacts, Entity, EntityKind, FactExtractor, FactKind, Quantity,
    Quote, Status,
};
use storyweave_ingest::Problem;
use storyweave_text::Date;

/// The schema tag written into every JSON report.
pub const SCHEMA: &str = "storyweave/1";

/// The whole report: every document, every story, and what was skipped.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// One entry per document, in the order stories list them.
    pub documents: Vec<DocumentEntry>,
    /// Stories, earliest first.
    pub stories: Vec<Story>,
    /// Inputs (or records) that were skipped, with the reason.
    pub skipped: Vec<Problem>,
}

/// One document's metadata and its place in the four clusterings.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentEntry {
    /// Stable document id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// Line or record within the file, for multi-record inputs.
    pub record: Option<u64>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Outlet (site or source name).
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Byline as written.
    pub byline: Option<String>,
    /// Wire agencies credited.
    pub agencies: Vec<String>,
    /// Dateline place.
    pub dateline: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Language code.
    pub language: Option<String>,
    /// Words of the clean body.
    pub words: usize,
    /// Sentences of the clean body.
    pub sentences: usize,
    /// Id of the document this one is an exact duplicate of (its group's first), if any.
    pub exact_duplicate_of: Option<String>,
    /// Id of the document this one is a near-duplicate of, if any.
    pub near_duplicate_of: Option<String>,
    /// Estimated Jaccard similarity to `near_duplicate_of` (absent when not a near-duplicate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub near_duplicate_similarity: Option<f64>,
    /// Id of the family (documents reusing the same copy) it belongs to.
    pub family: String,
    /// Id of the story it belongs to.
    pub story: String,
}

/// Documents that reuse the same copy, typically one wire story as printed by several outlets.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    /// Stable family id.
    pub id: String,
    /// Member document ids, earliest first.
    pub documents: Vec<String>,
    /// The agency every member credits, when there is one.
    pub agency: Option<String>,
    /// The weakest member's share of copy found in the family's first document (1.0 for a singleton).
    pub similarity: f64,
}

/// One story: documents that report the same event, with their families.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    /// Stable story id.
    pub id: String,
    /// Headline of the earliest titled document.
    pub title: Option<String>,
    /// Member document ids, earliest first.
    pub documents: Vec<String>,
    /// Earliest publication date among members.
    pub first_published: Option<Date>,
    /// Latest publication date among members.
    pub last_published: Option<Date>,
    /// Agencies credited by any member.
    pub agencies: Vec<String>,
    /// Families of the story, largest first.
    pub families: Vec<Family>,
    /// Aligned passages in one narrative order (empty until [`Report::consolidate`]).
    pub passages: Vec<Passage>,
    /// Per-document coverage of the story's passages.
    pub coverage: BTreeMap<String, Coverage>,
    /// Direct quotations, merged across documents.
    pub quotes: Vec<Quote>,
    /// Figures with what they count and who gives them.
    pub quantities: Vec<Quantity>,
    /// Named entities with their mentions.
    pub entities: Vec<Entity>,
    /// Dates mentioned, resolved against publication dates.
    pub dates: Vec<DateFact>,
    /// Disagreements between sources.
    pub discrepancies: Vec<Discrepancy>,
}

impl Report {
    /// Builds the report from articles, their clustering (same order) and the
    /// problems met while reading. Ids of stories and families are numbered in
    /// chronological order of their first document, so they are stable across
    /// runs on the same input whatever order the files were listed in.
    pub fn build(articles: &[Article], clustering: &Clustering, skipped: Vec<Problem>) -> Report {
        let n = articles.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            articles[a]
                .chronological_key()
                .cmp(&articles[b].chronological_key())
        });

        // Group members by story and family representative, in chronological order.
        let mut story_members: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut story_slot: HashMap<usize, usize> = HashMap::new();
        for &i in &order {
            let rep = label(&clustering.story, i);
            let slot = *story_slot.entry(rep).or_insert_with(|| {
                story_members.push((rep, Vec::new()));
                story_members.len() - 1
            });
            story_members[slot].1.push(i);
        }

        let mut family_ids: HashMap<usize, String> = HashMap::new();
        let mut documents = Vec::with_capacity(n);
        let mut stories = Vec::with_capacity(story_members.len());
        for (s, (_, members)) in story_members.iter().enumerate() {
            let story_id = format!("s{}", s + 1);
            // Families in this story, in order of their first member.
            let mut fams: Vec<(usize, Vec<usize>)> = Vec::new();
            for &i in members {
                let rep = label(&clustering.family, i);
                match fams.iter_mut().find(|(r, _)| *r == rep) {
                    Some((_, m)) => m.push(i),
                    None => fams.push((rep, vec![i])),
                }
            }
            for (rep, _) in &fams {
                let next = family_ids.len() + 1;
                family_ids.entry(*rep).or_insert_with(|| format!("f{next}"));
            }
            let families: Vec<Family> = {
                let mut v: Vec<Family> = fams
                    .iter()
                    .map(|(rep, m)| family_of(articles, clustering, &family_ids[rep], m))
                    .collect();
                // Largest first; ties keep chronological order (stable sort).
                v.sort_by_key(|f| std::cmp::Reverse(f.documents.len()));
                v
            };
            for &i in members {
                documents.push(document_entry(
                    articles,
                    clustering,
                    i,
                    &family_ids[&label(&clustering.family, i)],
                    &story_id,
                ));
            }
            let dates: Vec<Date> = members
                .iter()
                .filter_map(|&i| articles[i].published)
                .collect();
            let mut agencies: Vec<String> = members
                .iter()
                .flat_map(|&i| articles[i].agencies.iter().cloned())
                .collect();
            agencies.sort();
            agencies.dedup();
            stories.push(Story {
                id: story_id,
                title: members.iter().find_map(|&i| articles[i].title.clone()),
                documents: members.iter().map(|&i| articles[i].id.clone()).collect(),
                first_published: dates.iter().min().copied(),
                last_published: dates.iter().max().copied(),
                agencies,
                families,
                passages: Vec::new(),
                coverage: BTreeMap::new(),
                quotes: Vec::new(),
                quantities: Vec::new(),
                entities: Vec::new(),
                dates: Vec::new(),
                discrepancies: Vec::new(),
            });
        }
        Report {
            schema: SCHEMA,
            documents,
            stories,
            skipped,
        }
    }

    /// Fills each story's consolidated account: aligned passages, coverage
    /// and discrepancies from the align stage; quotes, figures, entities and
    /// dates from the facts stage. `articles` are the ones the report was
    /// built from. Stories are processed in parallel.
    pub fn consolidate(&mut self, articles: &[Article], aligner: &Aligner, facts: &FactExtractor) {
        let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
        self.stories.par_iter_mut().for_each(|story| {
            let docs: Vec<&Article> = story
                .documents
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            let alignment = aligner.align(&docs);
            let per_doc: Vec<_> = docs.iter().map(|a| facts.document(a)).collect();
            let pairs: Vec<_> = docs.iter().copied().zip(per_doc.iter()).collect();
            let merged = facts.story(&pairs);
            story.discrepancies = discrepancies(&docs, &per_doc, &alignment, &merged.disagreements);
            story.passages = alignment.passages;
            story.coverage = alignment.coverage;
            story.quotes = merged.quotes;
            story.quantities = merged.quantities;
            story.entities = merged.entities;
            story.dates = merged.dates;
        });
    }

    /// Looks up a document entry by id.
    pub fn document(&self, id: &str) -> Option<&DocumentEntry> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// A story's disagreements: the facts its documents give different values
/// for, placed at the passage of their first reading, then the quotations
/// whose words differ between aligned sentences. A word change alone (a
/// name written two ways, a figure worded otherwise) is a variant of its
/// passage, never a disagreement.
fn discrepancies(
    docs: &[&Article],
    per_doc: &[DocumentFacts],
    alignment: &Alignment,
    facts: &[Disagreement],
) -> Vec<Discrepancy> {
    let passage_of = |doc: &str, sentence: usize| -> String {
        docs.iter()
            .position(|a| a.id == doc)
            .and_then(|d| alignment.sentence_passage.get(d)?.get(sentence))
            .and_then(|&p| alignment.passages.get(p))
            .map(|p| p.id.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<Discrepancy> = facts
        .iter()
        .map(|d| {
            let first = d.readings.first();
            let passage = first
                .and_then(|r| Some(passage_of(r.documents.first()?, *r.sentences.first()?)))
                .unwrap_or_default();
            Discrepancy {
                kind: match d.kind {
                    FactKind::Figure => DiscrepancyKind::Number,
                    FactKind::Name => DiscrepancyKind::Entity,
                },
                about: d.about.clone(),
                status: match d.status {
                    Status::Conflict => DiscrepancyStatus::Conflict,
                    Status::Update => DiscrepancyStatus::Update,
                },
                passage,
                readings: d
                    .readings
                    .iter()
                    .map(|r| Reading {
                        documents: r.documents.clone(),
                        text: r.text.clone(),
                        value: r.value,
                        attribution: r.attribution.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    out.extend(
        alignment
            .discrepancies
            .iter()
            .filter(|d| match d.kind {
                DiscrepancyKind::Quote => substituted(d),
                DiscrepancyKind::Entity => other_places(d, docs, per_doc),
                _ => false,
            })
            .map(|d| Discrepancy {
                about: match d.kind {
                    DiscrepancyKind::Entity => "place".to_string(),
                    _ => d.about.clone(),
                },
                ..d.clone()
            }),
    );
    out
}

/// Lowercased words of a reading.
fn reading_words(text: &str) -> Vec<String> {
    storyweave_text::words(text)
        .map(|w| w.text.to_lowercase())
        .collect()
}

/// Whether the words inside a quotation were replaced, not only cut short
/// or carried on: each of the first two readings has words the other lacks.
fn substituted(d: &Discrepancy) -> bool {
    let [a, b, ..] = d.readings.as_slice() else {
        return false;
    };
    let (wa, wb) = (reading_words(&a.text), reading_words(&b.text));
    wa.len() >= 2
        && wb.len() >= 2
        && wa.iter().any(|w| !wb.contains(w))
        && wb.iter().any(|w| !wa.contains(w))
}

/// Whether an aligned sentence's readings put the event in different
/// places: at least two readings each name a place (by their documents'
/// entities or a compass word), and no place is named by both (`Kursk
/// border region` / `the front line in Ukraine`, `northern quay` /
/// `southern quay`). A name written two ways or a person's title is
/// a variant, not a disagreement.
fn other_places(d: &Discrepancy, docs: &[&Article], facts: &[DocumentFacts]) -> bool {
    let places = |r: &Reading| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in &r.documents {
            let Some(k) = docs.iter().position(|a| &a.id == id) else {
                continue;
            };
            for e in facts.get(k).into_iter().flat_map(|f| &f.entities) {
                if e.kind == EntityKind::Place && r.text.contains(&e.text) && !out.contains(&e.name)
                {
                    out.push(e.name.clone());
                }
            }
        }
        // `the northern quay` / `the southern quay`: the compass word places it.
        for w in storyweave_text::words(&r.text) {
            let w = w.text.to_lowercase();
            if storyweave_text::lexicon::is_compass_word(&w) && !out.contains(&w) {
                out.push(w);
            }
        }
        out
    };
    let named: Vec<Vec<String>> = d
        .readings
        .iter()
        .map(places)
        .filter(|p| !p.is_empty())
        .collect();
    named.len() >= 2
        && named.iter().enumerate().all(|(i, a)| {
            named[i + 1..]
                .iter()
                .all(|b| a.iter().all(|x| !b.contains(x)))
        })
}

/// The representative of `i` in a level, tolerating a short or malformed level vector.
fn label(level: &[usize], i: usize) -> usize {
    level.get(i).copied().unwrap_or(i)
}

fn family_of(articles: &[Article], clustering: &Clustering, id: &str, members: &[usize]) -> Family {
    // The agency credited by every member, if any.
    let agency = members.first().and_then(|&first| {
        articles[first]
            .agencies
            .iter()
            .find(|a| members.iter().all(|&i| articles[i].agencies.contains(a)))
            .cloned()
    });
    let similarity = if members.len() < 2 {
        1.0
    } else {
        members
            .iter()
            .map(|&i| clustering.family_similarity.get(i).copied().unwrap_or(1.0))
            .fold(1.0, f64::min)
    };
    Family {
        id: id.to_string(),
        documents: members.iter().map(|&i| articles[i].id.clone()).collect(),
        agency,
        similarity: round3(similarity),
    }
}

fn document_entry(
    articles: &[Article],
    clustering: &Clustering,
    i: usize,
    family: &str,
    story: &str,
) -> DocumentEntry {
    let a = &articles[i];
    let other = |level: &[usize]| {
        let rep = label(level, i);
        (rep != i)
            .then(|| articles.get(rep).map(|r| r.id.clone()))
            .flatten()
    };
    let near_duplicate_of = other(&clustering.near);
    let near_duplicate_similarity = near_duplicate_of
        .as_ref()
        .map(|_| round3(clustering.near_similarity.get(i).copied().unwrap_or(1.0)));
    DocumentEntry {
        id: a.id.clone(),
        path: a.path.clone(),
        record: a.record,
        url: a.url.clone(),
        outlet: a.outlet.clone(),
        title: a.title.clone(),
        byline: a.byline.clone(),
        agencies: a.agencies.clone(),
        dateline: a.dateline.clone(),
        published: a.published,
        language: a.language.clone(),
        words: a.words(),
        sentences: a.sentences.len(),
        exact_duplicate_of: other(&clustering.exact),
        near_duplicate_of,
        near_duplicate_similarity,
        family: family.to_string(),
        story: story.to_string(),
    }
}

/// Rounds to three decimals so reports are stable and readable.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
