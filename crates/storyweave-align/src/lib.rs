//! The *align* stage: within one story, the sentences of all its documents
//! are grouped into passages that say the same thing and merged into one
//! ordered narrative, as in textual collation. Each passage keeps the reading
//! of the earliest document carrying it as its text, and every other reading
//! as a variant with a word-level diff and a class; variants that change a
//! number, a date, a name or a quotation are reported as discrepancies.
//!
//! # How sentences are grouped
//!
//! Documents are taken in the order given (chronological). Each sentence is
//! compared with the sentences already placed that share a content word
//! with it (found through an inverted index, not by scanning all pairs), by
//! the overlap of their content words (function words dropped, British and
//! American spellings folded together). It may join a passage as
//!
//! * *identical*: same words after case and punctuation folding;
//! * *variant*: Dice overlap of content words at least
//!   [`AlignerBuilder::variant_similarity`], or — for a sentence that is part
//!   of a longer one, or holds a shorter one with words added around it —
//!   containment of the smaller in the larger at least
//!   [`AlignerBuilder::containment`];
//! * *paraphrase*: lower overlap
//!   ([`AlignerBuilder::paraphrase_similarity`]) backed by shared names and
//!   numbers ([`AlignerBuilder::paraphrase_anchors`]).
//!
//! Within a document the best-scoring pairs are taken first, and a document
//! contributes **at most one sentence to a passage**: adjacent sentences are
//! never merged, so when an outlet splits one sentence in two (or joins two),
//! the half that matches best joins the passage and the other stands as its
//! own passage. Every sentence of every document lands in exactly one passage.
//!
//! # Variants and discrepancies
//!
//! A variant's diff is a list of [`DiffOp`]s whose `equal` and `insert` texts
//! concatenate to the variant exactly and whose `equal` and `delete` texts
//! concatenate to the passage text exactly. Changes separated only by one or
//! two function words are shown as one change. Each change has a class (see
//! [`VariantClass`]); the variant's class is the weightiest of them. See
//! [`Discrepancy`] for what counts as a disagreement.

mod classify;
mod diff;
mod lexicon;
mod order;

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use serde::{Deserialize, Serialize};
use storyweave_extract::Article;
use storyweave_fingerprint::intersection_size;
use storyweave_text::words;

use crate::classify::{Sides, Vocabulary, classify, discrepancy, readings};
use crate::diff::Hunk;
use crate::lexicon::{is_stopword, number_value};

/// How a passage is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// Carried by several documents in the same words (ignoring case and punctuation).
    Identical,
    /// Carried by several documents, some with edits.
    Variant,
    /// Carried by several documents, at least one of which says it in other words.
    Paraphrase,
    /// Carried by one document only.
    Unique,
}

/// What kind of change a variant (or one change within it) makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VariantClass {
    /// Only punctuation or spacing differs.
    Punctuation,
    /// Words differ only in spelling: case, British/American forms, a typo.
    Spelling,
    /// Other words (the catch-all).
    Wording,
    /// A number changed.
    Number,
    /// A name of a person, place or organisation changed (or a compass word of a place).
    Entity,
    /// Words were only added.
    Addition,
    /// Words were only removed.
    Omission,
}

impl VariantClass {
    /// How much the class weighs when a variant has changes of several classes.
    fn weight(self) -> u8 {
        match self {
            VariantClass::Punctuation => 0,
            VariantClass::Spelling => 1,
            VariantClass::Addition | VariantClass::Omission => 2,
            VariantClass::Wording => 3,
            VariantClass::Entity => 4,
            VariantClass::Number => 5,
        }
    }
}

/// One step of a word-level diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Text in both readings.
    Equal,
    /// Text only in the variant.
    Insert,
    /// Text only in the passage's base reading.
    Delete,
}

/// A run of text with its diff operation; whitespace is kept in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffOp {
    /// What happens to the text.
    pub op: Op,
    /// The text itself.
    pub text: String,
}

/// One change within a variant, with its own class (a variant may, say, fix
/// a spelling and reword a clause at once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The replaced text of the base reading (empty for an addition).
    pub base: String,
    /// The text of the variant (empty for an omission).
    pub text: String,
    /// What kind of change it is.
    pub class: VariantClass,
}

/// How one document's sentence differs from the passage's base reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// Id of the document.
    pub document: String,
    /// The document's sentence.
    pub text: String,
    /// The weightiest class among the changes (number > entity > wording >
    /// addition/omission > spelling > punctuation; additions mixed with
    /// omissions are wording).
    pub class: VariantClass,
    /// Word-level diff from the passage text to this variant.
    pub diff: Vec<DiffOp>,
    /// The changes one by one, each with its class.
    pub changes: Vec<Change>,
}

/// A unit of the story's narrative: sentences of several documents that say
/// the same thing, or a sentence only one document has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// `p1`, `p2`, ... in narrative order.
    pub id: String,
    /// The base reading: the sentence of the earliest document carrying it.
    pub text: String,
    /// Ids of the documents carrying it, in input order.
    pub documents: Vec<String>,
    /// Number of documents carrying it.
    pub shared_by: usize,
    /// Readings that differ from `text`, one per document.
    pub variants: Vec<Variant>,
    /// How it is shared.
    pub kind: PassageKind,
}

/// How much of the story one document carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Passages the document appears in.
    pub passages: usize,
    /// Passages only this document has.
    pub unique_passages: usize,
    /// `passages` divided by the number of passages of the story.
    pub share_of_story: f64,
}

/// What a discrepancy is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// A figure differs.
    Number,
    /// A person, place or organisation differs.
    Entity,
    /// Words inside a quotation differ.
    Quote,
    /// A day, month or year differs.
    Date,
    /// The meaning flips (a negation added or dropped).
    Wording,
}

impl DiscrepancyKind {
    /// What a word-level discrepancy of this kind is about, for the report.
    pub fn about(self) -> &'static str {
        match self {
            DiscrepancyKind::Number => "a figure",
            DiscrepancyKind::Entity => "a name",
            DiscrepancyKind::Quote => "words of a quotation",
            DiscrepancyKind::Date => "a date",
            DiscrepancyKind::Wording => "the meaning of a sentence",
        }
    }
}

/// One reading of a disputed span, with the documents that have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// Documents with this reading, in input order.
    pub documents: Vec<String>,
    /// The span as these documents write it.
    pub text: String,
    /// The figure's value, for a disagreement over a figure.
    pub value: Option<f64>,
    /// Who the first of `documents` attributes the reading to, when it says.
    pub attribution: Option<String>,
}

/// A place where documents disagree: a change of a number, a date, a name
/// or the words of a quotation between readings of one passage. Spelling
/// and punctuation never disagree; a document that only adds or drops words
/// outside quotes covers more or less of the story but does not disagree.
/// Numbers and dates disagree when each reading has one the other sentence
/// lacks (`60`/`61`, not `60`/`sixty`); names when both readings name
/// someone or somewhere the other sentence does not (`Kursk`/`Ukraine`,
/// and compass words of a place: `northern`/`southern`). Paraphrases are too
/// loosely aligned for their word changes to count.
///
/// Each reading is the differing span cut to whole words, trimmed of the
/// prepositions and conjunctions both readings start or end with and of an
/// article before a name, and widened where a lone word needs its
/// neighbours: over the rest of a name, to the word a lone number or compass
/// word qualifies (`northern quay`), and for words only added or dropped, to
/// the three words before them (`in the future` / `in the future, too`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discrepancy {
    /// What differs.
    pub kind: DiscrepancyKind,
    /// What the disputed fact is (`killed`, `age of Wilson`, `words of a
    /// quotation`).
    pub about: String,
    /// Whether the readings conflict or a later one updates an earlier one.
    pub status: DiscrepancyStatus,
    /// Id of the passage.
    pub passage: String,
    /// The readings, the base reading first.
    pub readings: Vec<Reading>,
}

/// Whether a discrepancy's readings are at odds or follow one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscrepancyStatus {
    /// The readings cannot both be true.
    Conflict,
    /// A later report supersedes an earlier one (a toll rising over the day).
    Update,
}

/// The aligned story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    /// Passages in narrative order.
    pub passages: Vec<Passage>,
    /// Coverage per document id.
    pub coverage: BTreeMap<String, Coverage>,
    /// Disagreements, in passage order.
    pub discrepancies: Vec<Discrepancy>,
    /// Per input document (same order), per sentence: the index in
    /// `passages` of the passage it landed in.
    #[serde(skip)]
    pub sentence_passage: Vec<Vec<usize>>,
}

/// Settings of the aligner; fixed once built.
#[derive(Debug, Clone)]
pub struct AlignerBuilder {
    variant_similarity: f64,
    containment: f64,
    containment_min_words: usize,
    paraphrase_similarity: f64,
    paraphrase_shared: usize,
    paraphrase_anchors: usize,
    max_diff_cells: usize,
}

/// Aligns the documents of one story. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Aligner {
    settings: AlignerBuilder,
}

impl Default for AlignerBuilder {
    fn default() -> Self {
        AlignerBuilder {
            variant_similarity: 0.5,
            containment: 0.75,
            containment_min_words: 4,
            paraphrase_similarity: 0.3,
            paraphrase_shared: 4,
            paraphrase_anchors: 2,
            max_diff_cells: 1 << 20,
        }
    }
}

impl AlignerBuilder {
    /// Dice overlap of content words (0..=1) from which two sentences are
    /// variants of one passage. Default 0.5.
    pub fn variant_similarity(mut self, v: f64) -> Self {
        self.variant_similarity = clamp01(v);
        self
    }

    /// Share of the smaller sentence's content words found in the larger
    /// (0..=1) from which a sentence joins a passage whose base is longer or
    /// shorter. Default 0.75.
    pub fn containment(mut self, v: f64) -> Self {
        self.containment = clamp01(v);
        self
    }

    /// Content words the two sentences must share for containment to count,
    /// so that a short sentence does not join every passage holding its
    /// few words. Default 4.
    pub fn containment_min_words(mut self, n: usize) -> Self {
        self.containment_min_words = n.max(1);
        self
    }

    /// Dice overlap (0..=1) from which two sentences are paraphrases, when
    /// they also share enough content words, names and numbers. Default 0.3.
    pub fn paraphrase_similarity(mut self, v: f64) -> Self {
        self.paraphrase_similarity = clamp01(v);
        self
    }

    /// Content words a paraphrase must share. Default 4.
    pub fn paraphrase_shared(mut self, n: usize) -> Self {
        self.paraphrase_shared = n.max(1);
        self
    }

    /// Names and numbers a paraphrase must share. Default 2.
    pub fn paraphrase_anchors(mut self, n: usize) -> Self {
        self.paraphrase_anchors = n;
        self
    }

    /// Largest comparison table (tokens times tokens) a word diff may use;
    /// beyond it the differing middle of two sentences is one change. Bounds
    /// time and memory on absurdly long sentences. Default 2^20.
    pub fn max_diff_cells(mut self, n: usize) -> Self {
        self.max_diff_cells = n.max(1);
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> Aligner {
        Aligner { settings: self }
    }
}

/// `v` clamped to 0..=1 (NaN becomes 1, which matches nothing but equals).
fn clamp01(v: f64) -> f64 {
    if v.is_nan() { 1.0 } else { v.clamp(0.0, 1.0) }
}

impl Default for Aligner {
    fn default() -> Self {
        AlignerBuilder::default().build()
    }
}

/// How a sentence joined its passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// It made the passage.
    Base,
    /// Same words after folding.
    Identical,
    /// Same sentence with edits (or containing / contained in it).
    Variant,
    /// Other words, same facts.
    Paraphrase,
}

/// What matching needs of one sentence.
#[derive(Debug, Default)]
struct Features {
    /// Sorted ids of its content words.
    content: Vec<u32>,
    /// Sorted ids of its names and numbers.
    anchors: Vec<u32>,
    /// Hash of its letters and digits, lower-cased.
    fold: u64,
}

/// The matching features of one sentence: its content words and anchors
/// (names and numbers) as ids of the story's vocabulary, and its fold hash.
fn features(vocab: &mut Vocabulary, text: &str) -> Features {
    let mut f = Features {
        fold: fold_hash(text),
        ..Features::default()
    };
    for w in words(text) {
        if let Some(v) = number_value(w.text) {
            let id = vocab.number_id(&v);
            f.content.push(id);
            f.anchors.push(id);
            continue;
        }
        if is_stopword(w.text) {
            continue;
        }
        if let Some(id) = vocab.id(w.text) {
            f.content.push(id);
            if vocab.is_name(w.text) {
                f.anchors.push(id);
            }
        }
    }
    f.content.sort_unstable();
    f.content.dedup();
    f.anchors.sort_unstable();
    f.anchors.dedup();
    f
}

/// A passage while it is being built: its sentences as (document, sentence, level).
#[derive(Debug)]
struct Draft {
    members: Vec<(usize, usize, Level)>,
}

/// Hash of the lower-cased letters and digits of `text`.
fn fold_hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        for l in c.to_lowercase() {
            l.hash(&mut h);
        }
    }
    h.finish()
}

impl Aligner {
    /// Starts a builder with the default settings.
    pub fn builder() -> AlignerBuilder {
        AlignerBuilder::default()
    }

    /// Whether two sentences, taken alone, say the same thing by the
    /// decision that builds passages: the kind of passage they would share
    /// (identical, variant or paraphrase), or `None`. What `storyweave eval
    /// --pairs` scores against sentence pairs judged by people.
    pub fn relate(&self, a: &str, b: &str) -> Option<PassageKind> {
        let mut vocab = Vocabulary::default();
        for t in [a, b] {
            for w in words(t) {
                vocab.add(w.text);
            }
        }
        let (fa, fb) = (features(&mut vocab, a), features(&mut vocab, b));
        if fa.fold == fb.fold {
            return Some(PassageKind::Identical);
        }
        let shared = intersection_size(&fa.content, &fb.content);
        match self.level(&fa, &fb, shared)?.1 {
            Level::Paraphrase => Some(PassageKind::Paraphrase),
            _ => Some(PassageKind::Variant),
        }
    }

    /// The decision of whether two sentences with `shared` content words
    /// in common belong to one passage, and how: their Dice overlap and
    /// level, or `None`.
    fn level(&self, f: &Features, other: &Features, shared: usize) -> Option<(f64, Level)> {
        let s = &self.settings;
        let (la, lb) = (f.content.len(), other.content.len());
        let dice = 2.0 * shared as f64 / (la + lb).max(1) as f64;
        let small = la.min(lb);
        let contained = shared as f64 / small.max(1) as f64;
        if dice >= s.variant_similarity
            || (shared >= s.containment_min_words && contained >= s.containment)
        {
            Some((dice, Level::Variant))
        } else if dice >= s.paraphrase_similarity
            && shared >= s.paraphrase_shared
            && intersection_size(&f.anchors, &other.anchors) >= s.paraphrase_anchors
        {
            Some((dice, Level::Paraphrase))
        } else {
            None
        }
    }

    /// Aligns the documents of one story, given in chronological order (the
    /// earliest document's wording becomes each passage's base reading).
    /// Never fails: documents without sentences simply cover nothing.
    pub fn align(&self, docs: &[&Article]) -> Alignment {
        // Pass 1: the story's vocabulary, so that names can be told from
        // capitalised common words.
        let mut vocab = Vocabulary::default();
        for d in docs {
            for sent in &d.sentences {
                for w in words(&sent.text) {
                    vocab.add(w.text);
                }
            }
        }
        // Pass 2: features of every sentence.
        let starts: Vec<usize> = docs
            .iter()
            .scan(0usize, |acc, d| {
                let start = *acc;
                *acc += d.sentences.len();
                Some(start)
            })
            .collect();
        let total: usize = docs.iter().map(|d| d.sentences.len()).sum();
        let mut feats: Vec<Features> = Vec::with_capacity(total);
        for d in docs {
            for sent in &d.sentences {
                feats.push(features(&mut vocab, &sent.text));
            }
        }

        // Matching, one document at a time, against the sentences placed so far.
        let mut drafts: Vec<Draft> = Vec::new();
        let mut passage_of: Vec<usize> = vec![usize::MAX; total];
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut by_fold: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut counts: Vec<u32> = vec![0; total];
        let mut touched: Vec<u32> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            let start = starts.get(d).copied().unwrap_or(0);
            let n = doc.sentences.len();
            let mut cands: Vec<(f64, usize, usize, Level)> = Vec::new();
            for i in 0..n {
                let f = &feats[start + i];
                if let Some(list) = by_fold.get(&f.fold) {
                    for &m in list {
                        cands.push((2.0, i, passage_of[m as usize], Level::Identical));
                    }
                }
                touched.clear();
                for w in &f.content {
                    for &m in postings.get(w).map_or(&[][..], Vec::as_slice) {
                        let c = &mut counts[m as usize];
                        if *c == 0 {
                            touched.push(m);
                        }
                        *c += 1;
                    }
                }
                for &m in &touched {
                    let m = m as usize;
                    let shared = std::mem::take(&mut counts[m]) as usize;
                    let other = &feats[m];
                    if other.fold == f.fold {
                        continue; // already a candidate as identical
                    }
                    let Some((dice, level)) = self.level(f, other, shared) else {
                        continue;
                    };
                    cands.push((dice, i, passage_of[m], level));
                }
            }
            // Best pairs first; one sentence per passage and one passage per sentence.
            cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            let mut taken_sentence = vec![false; n];
            let mut taken_passage = vec![false; drafts.len()];
            for &(_, i, p, level) in &cands {
                if taken_sentence[i] || taken_passage.get(p).is_none_or(|&t| t) {
                    continue;
                }
                taken_sentence[i] = true;
                taken_passage[p] = true;
                drafts[p].members.push((d, i, level));
                passage_of[start + i] = p;
            }
            for (i, taken) in taken_sentence.iter().enumerate() {
                if !taken {
                    passage_of[start + i] = drafts.len();
                    drafts.push(Draft {
                        members: vec![(d, i, Level::Base)],
                    });
                }
            }
            for i in 0..n {
                let g = u32::try_from(start + i).unwrap_or(u32::MAX);
                let f = &feats[start + i];
                for &w in &f.content {
                    postings.entry(w).or_default().push(g);
                }
                by_fold.entry(f.fold).or_default().push(g);
            }
        }

        // Narrative order.
        let sequences: Vec<Vec<usize>> = docs
            .iter()
            .enumerate()
            .map(|(d, doc)| {
                let start = starts.get(d).copied().unwrap_or(0);
                (0..doc.sentences.len())
                    .map(|i| passage_of[start + i])
                    .collect()
            })
            .collect();
        let position: Vec<u64> = drafts
            .iter()
            .map(|dr| {
                let sum: f64 = dr
                    .members
                    .iter()
                    .map(|&(d, i, _)| {
                        let len = docs.get(d).map_or(1, |doc| doc.sentences.len().max(1));
                        (i as f64 + 0.5) / len as f64
                    })
                    .sum();
                let mean = sum / dr.members.len().max(1) as f64;
                (mean * 1e9) as u64
            })
            .collect();
        let order = order::narrative(drafts.len(), &sequences, &position);
        let mut rank = vec![0usize; drafts.len()];
        for (r, &p) in order.iter().enumerate() {
            rank[p] = r;
        }

        // Passages, variants and discrepancies.
        let mut passages = Vec::with_capacity(drafts.len());
        let mut discrepancies = Vec::new();
        for (r, &p) in order.iter().enumerate() {
            let id = format!("p{}", r + 1);
            let (passage, found) = self.build_passage(&mut vocab, docs, &drafts[p], id);
            passages.push(passage);
            discrepancies.extend(found);
        }

        // Coverage.
        let total_passages = passages.len();
        let mut coverage = BTreeMap::new();
        for (d, doc) in docs.iter().enumerate() {
            let start = starts.get(d).copied().unwrap_or(0);
            let mut mine = 0usize;
            let mut unique = 0usize;
            for i in 0..doc.sentences.len() {
                mine += 1;
                if drafts[passage_of[start + i]].members.len() == 1 {
                    unique += 1;
                }
            }
            coverage.insert(
                doc.id.clone(),
                Coverage {
                    passages: mine,
                    unique_passages: unique,
                    share_of_story: if total_passages == 0 {
                        0.0
                    } else {
                        mine as f64 / total_passages as f64
                    },
                },
            );
        }
        let sentence_passage = sequences
            .iter()
            .map(|seq| seq.iter().map(|&p| rank[p]).collect())
            .collect();
        Alignment {
            passages,
            coverage,
            discrepancies,
            sentence_passage,
        }
    }

    /// Builds one passage from its draft: base text, variants with diffs and
    /// classes, kind, and the discrepancies among its readings.
    fn build_passage(
        &self,
        vocab: &mut Vocabulary,
        docs: &[&Article],
        draft: &Draft,
        id: String,
    ) -> (Passage, Vec<Discrepancy>) {
        let text_of = |d: usize, i: usize| -> &str {
            docs.get(d)
                .and_then(|doc| doc.sentences.get(i))
                .map_or("", |s| s.text.as_str())
        };
        let doc_id = |d: usize| docs.get(d).map_or(String::new(), |doc| doc.id.clone());
        let (bd, bi, _) = draft
            .members
            .first()
            .copied()
            .unwrap_or((0, 0, Level::Base));
        let base = text_of(bd, bi);
        let mut variants = Vec::new();
        let mut paraphrase = false;
        let mut all_identical = true;
        // Per non-paraphrase member: its hunks with their flags.
        let mut member_hunks: Vec<(usize, Vec<FlaggedHunk>)> = Vec::new();
        for &(d, i, level) in draft.members.iter().skip(1) {
            paraphrase |= level == Level::Paraphrase;
            all_identical &= level == Level::Identical;
            let var = text_of(d, i);
            if var == base {
                member_hunks.push((d, Vec::new()));
                continue;
            }
            let hunks = self.hunks(vocab, base, var);
            let mut ops = Vec::new();
            let mut changes = Vec::new();
            let mut pa = 0usize;
            let mut class_weight: Option<VariantClass> = None;
            let (mut added, mut omitted) = (false, false);
            let mut flagged = Vec::new();
            for (k, (h, class)) in hunks.iter().enumerate() {
                push_op(
                    &mut ops,
                    Op::Equal,
                    base.get(pa..h.base.start).unwrap_or(""),
                );
                push_op(&mut ops, Op::Delete, base.get(h.base.clone()).unwrap_or(""));
                push_op(&mut ops, Op::Insert, var.get(h.var.clone()).unwrap_or(""));
                pa = h.base.end;
                changes.push(Change {
                    base: base.get(h.base.clone()).unwrap_or("").trim().to_string(),
                    text: var.get(h.var.clone()).unwrap_or("").trim().to_string(),
                    class: *class,
                });
                added |= *class == VariantClass::Addition;
                omitted |= *class == VariantClass::Omission;
                if class_weight.is_none_or(|c| class.weight() > c.weight()) {
                    class_weight = Some(*class);
                }
                if level == Level::Paraphrase {
                    continue;
                }
                let sides = Sides::new(base, var, h);
                let kind = discrepancy(base, var, h, &sides, *class);
                let before = k
                    .checked_sub(1)
                    .and_then(|p| hunks.get(p))
                    .map_or((0, 0), |(p, _)| (p.base.end, p.var.end));
                let after = hunks.get(k + 1).map_or((base.len(), var.len()), |(n, _)| {
                    (n.base.start, n.var.start)
                });
                let reading = kind.map(|kind| {
                    let (rb, rv) = readings(vocab, base, var, h, before, after);
                    (kind, rb, rv)
                });
                flagged.push(FlaggedHunk {
                    base: h.base.clone(),
                    minor: matches!(class, VariantClass::Punctuation | VariantClass::Spelling),
                    text: var.get(h.var.clone()).unwrap_or("").trim().to_string(),
                    reading,
                });
            }
            push_op(&mut ops, Op::Equal, base.get(pa..).unwrap_or(""));
            let mut class = class_weight.unwrap_or(VariantClass::Punctuation);
            if added && omitted && class.weight() <= VariantClass::Addition.weight() {
                class = VariantClass::Wording;
            }
            if level != Level::Paraphrase {
                member_hunks.push((d, flagged));
            }
            variants.push(Variant {
                document: doc_id(d),
                text: var.to_string(),
                class,
                diff: ops,
                changes,
            });
        }
        let documents: Vec<String> = draft.members.iter().map(|&(d, _, _)| doc_id(d)).collect();
        let kind = if documents.len() <= 1 {
            PassageKind::Unique
        } else if all_identical {
            PassageKind::Identical
        } else if paraphrase {
            PassageKind::Paraphrase
        } else {
            PassageKind::Variant
        };
        let found = sites(&id, &doc_id(bd), &member_hunks, &doc_id);
        (
            Passage {
                id,
                text: base.to_string(),
                shared_by: documents.len(),
                documents,
                variants,
                kind,
            },
            found,
        )
    }

    /// The changes from `base` to `var`, each with its class; changes that
    /// are only one or two function words apart are joined into one, unless
    /// either is a mere spelling or punctuation change.
    fn hunks(&self, vocab: &mut Vocabulary, base: &str, var: &str) -> Vec<(Hunk, VariantClass)> {
        let raw = diff::diff(base, var, self.settings.max_diff_cells);
        let mut out: Vec<(Hunk, VariantClass)> = Vec::with_capacity(raw.len());
        for h in raw {
            let class = classify(vocab, base, var, &Sides::new(base, var, &h));
            if let Some((last, last_class)) = out.last_mut() {
                let gap = base.get(last.base.end..h.base.start).unwrap_or("");
                let minor = |c: VariantClass| {
                    matches!(c, VariantClass::Punctuation | VariantClass::Spelling)
                };
                let gap_words: Vec<&str> = words(gap).map(|w| w.text).collect();
                if !minor(*last_class)
                    && !minor(class)
                    && gap_words.len() <= 2
                    && gap_words.iter().all(|w| is_stopword(w))
                {
                    let merged = Hunk {
                        base: last.base.start..h.base.end,
                        var: last.var.start..h.var.end,
                    };
                    *last_class = classify(vocab, base, var, &Sides::new(base, var, &merged));
                    *last = merged;
                    continue;
                }
            }
            out.push((h, class));
        }
        out
    }
}

/// A change of one variant, as needed to find discrepancies.
#[derive(Debug)]
struct FlaggedHunk {
    /// Byte range of the base reading it replaces.
    base: Range<usize>,
    /// Whether it is only spelling or punctuation.
    minor: bool,
    /// Its text in the variant.
    text: String,
    /// For a discrepancy: its kind and the (base, variant) readings.
    reading: Option<(DiscrepancyKind, String, String)>,
}

/// Whether two base ranges touch the same words (empty ranges are points).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        a.start <= b.end && b.start <= a.end
    } else {
        a.start < b.end && b.start < a.end
    }
}

/// Groups the flagged changes of a passage's variants into discrepancies:
/// one per disputed span of the base reading, with every document's reading
/// of it (documents without a change there read as the base does).
fn sites(
    passage: &str,
    base_doc: &str,
    members: &[(usize, Vec<FlaggedHunk>)],
    doc_id: &dyn Fn(usize) -> String,
) -> Vec<Discrepancy> {
    // Disputed spans: (kind, base range, base reading).
    let mut spans: Vec<(DiscrepancyKind, Range<usize>, String)> = Vec::new();
    for (_, hunks) in members {
        for h in hunks {
            if let Some((kind, rb, _)) = &h.reading
                && !spans.iter().any(|(_, r, _)| overlaps(r, &h.base))
            {
                spans.push((*kind, h.base.clone(), rb.clone()));
            }
        }
    }
    let mut out = Vec::new();
    for (kind, range, base_reading) in spans {
        let mut readings: Vec<Reading> = vec![Reading {
            documents: vec![base_doc.to_string()],
            text: base_reading.clone(),
            value: None,
            attribution: None,
        }];
        for (d, hunks) in members {
            let text = match hunks.iter().find(|h| overlaps(&h.base, &range)) {
                None => base_reading.clone(),
                Some(h) => match &h.reading {
                    Some((_, _, rv)) => rv.clone(),
                    None if h.minor => base_reading.clone(),
                    None => h.text.clone(),
                },
            };
            let id = doc_id(*d);
            match readings.iter_mut().find(|r| r.text == text) {
                Some(r) => r.documents.push(id),
                None => readings.push(Reading {
                    documents: vec![id],
                    text,
                    value: None,
                    attribution: None,
                }),
            }
        }
        if readings.len() > 1 {
            out.push(Discrepancy {
                kind,
                about: kind.about().to_string(),
                status: DiscrepancyStatus::Conflict,
                passage: passage.to_string(),
                readings,
            });
        }
    }
    out
}

/// Appends `text` to the diff as `op`, joining it to a previous op of the same kind.
fn push_op(ops: &mut Vec<DiffOp>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => ops.push(DiffOp {
            op,
            text: text.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article of `sentences`, all in one paragraph.
    fn article(id: &str, sentences: &[&str]) -> Article {
        let mut a = Article::from_sentences(id, sentences);
        for s in &mut a.sentences {
            s.paragraph = 0;
        }
        a.paragraphs = 1;
        a
    }

    fn align(docs: &[Article]) -> Alignment {
        let refs: Vec<&Article> = docs.iter().collect();
        Aligner::default().align(&refs)
    }

    #[test]
    fn a_split_sentence_joins_by_its_better_half() {
        let a = align(&[
            article(
                "a",
                &[
                    "Rescuers pulled eleven miners from the flooded shaft at Dunmore on Friday, and doctors treated four of them for hypothermia.",
                ],
            ),
            article(
                "b",
                &[
                    "Rescuers pulled eleven miners from the flooded shaft at Dunmore on Friday.",
                    "Doctors treated four of them for hypothermia.",
                ],
            ),
        ]);
        assert_eq!(a.passages.len(), 2);
        assert_eq!(a.passages[0].documents, ["a", "b"]);
        assert_eq!(a.passages[1].documents, ["b"]);
        assert_eq!(a.sentence_passage, [vec![0], vec![0, 1]]);
        assert_eq!(a.passages[0].variants[0].class, VariantClass::Omission);
    }

    #[test]
    fn a_prefixed_clause_still_matches() {
        let a = align(&[
            article(
                "a",
                &[
                    "Putin expressed appreciation for the spirit of the army in liberating Kursk, KCNA added.",
                ],
            ),
            article(
                "b",
                &[
                    "During their call on Tuesday, Putin expressed appreciation for the spirit of the army in liberating Kursk, KCNA said.",
                ],
            ),
        ]);
        assert_eq!(a.passages.len(), 1);
        assert_eq!(a.passages[0].kind, PassageKind::Variant);
        assert!(a.discrepancies.is_empty(), "{:?}", a.discrepancies);
    }

    #[test]
    fn moved_text_is_still_matched() {
        let s = [
            "The council approved the new harbour budget on Monday evening.",
            "Fishermen welcomed the decision to dredge the northern channel.",
            "Work on the breakwater will start in the spring, the mayor said.",
        ];
        let a = align(&[
            article("a", &s),
            article("b", &[s[2], s[0], s[1]]),
            article("c", &s),
        ]);
        assert_eq!(a.passages.len(), 3);
        assert!(a.passages.iter().all(|p| p.shared_by == 3));
        // The majority order wins.
        assert_eq!(a.passages[0].text, s[0]);
        assert_eq!(a.passages[2].text, s[2]);
        assert_eq!(a.sentence_passage[1], [2, 0, 1]);
    }

    #[test]
    fn unrelated_sentences_stay_apart() {
        let a = align(&[
            article(
                "a",
                &["The library reopened after a two-year renovation costing 4 million pounds."],
            ),
            article(
                "b",
                &["A storm cut power to 20,000 homes along the coast overnight."],
            ),
        ]);
        assert_eq!(a.passages.len(), 2);
        assert!(a.passages.iter().all(|p| p.kind == PassageKind::Unique));
        assert_eq!(a.coverage["a"].unique_passages, 1);
        assert_eq!(a.coverage["b"].share_of_story, 0.5);
    }

    #[test]
    fn a_changed_figure_is_a_number_discrepancy_grouped_by_reading() {
        let base = "Police said 60 firefighters fought the blaze at the depot overnight.";
        let other = "Police said 80 firefighters fought the blaze at the depot overnight.";
        let a = align(&[
            article("a", &[base]),
            article("b", &[other]),
            article("c", &[base]),
            article("d", &[other]),
        ]);
        assert_eq!(a.passages.len(), 1);
        assert_eq!(a.passages[0].variants.len(), 2);
        assert_eq!(a.passages[0].variants[0].class, VariantClass::Number);
        let d = &a.discrepancies[..];
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, DiscrepancyKind::Number);
        assert_eq!(d[0].readings[0].documents, ["a", "c"]);
        assert_eq!(d[0].readings[0].text, "60 firefighters");
        assert_eq!(d[0].readings[1].documents, ["b", "d"]);
        assert_eq!(d[0].readings[1].text, "80 firefighters");
    }

    #[test]
    fn strict_settings_keep_only_identical_sentences_together() {
        let aligner = Aligner::builder()
            .variant_similarity(1.0)
            .containment(1.0)
            .containment_min_words(100)
            .paraphrase_similarity(1.0)
            .build();
        let docs = [
            article(
                "a",
                &[
                    "The ferry left Oslo at noon with 300 passengers.",
                    "It was late.",
                ],
            ),
            article(
                "b",
                &[
                    "The ferry left Oslo at noon with 320 passengers.",
                    "It was late!",
                ],
            ),
        ];
        let refs: Vec<&Article> = docs.iter().collect();
        let a = aligner.align(&refs);
        assert_eq!(a.passages.len(), 3);
        assert_eq!(
            a.passages
                .iter()
                .filter(|p| p.kind == PassageKind::Identical)
                .count(),
            1
        );
    }
}
