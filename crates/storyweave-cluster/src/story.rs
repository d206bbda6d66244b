//! Stories: documents that report the same event, in any wording.
//!
//! Built online by [`StoryClusterer`]. Documents are taken in publication
//! order (dated documents by day, undated ones last, ties by id, then by
//! input position) and each
//! 1. joins the story of an earlier document it *copies* — an exact
//!    duplicate, a near-duplicate (MinHash Jaccard at the near threshold)
//!    or a family member (enough shared shingles that were rare among the
//!    documents seen so far): families nest in stories, so reused copy is
//!    one story without being scored. A document copying documents of
//!    several stories merges them;
//! 2. otherwise joins the candidate story — one its names and strongest
//!    words reach through the feature postings — that the story model
//!    ([`StoryModel`]) gives the highest probability of being its story,
//!    when that reaches the model's threshold, or starts a new story;
//! 3. then earlier documents may move to its story: members of the few
//!    stories it came near (log-odds within 3 of the bar) that the model
//!    now lets join its story with higher log-odds than the rest of their
//!    own. The first report of an event often joins a look-alike story
//!    because its own story does not exist yet; the event's next report is
//!    what shows where it belongs. Copies (and the documents they copy)
//!    never move.
//!
//! Everything is computed from the documents seen so far, so feeding the
//! documents one at a time in publication order gives exactly the batch
//! result (the batch run is the same loop).
//!
//! The model reads the named features of [`StoryFeatures`], computed here:
//! * `terms` is the mean TF-IDF cosine between the document's content
//!   words (title and lead weighted above the rest) and those of each
//!   member of the story, read off the story's centroid (the sum of its
//!   members' unit vectors, each scaled by its TF-IDF norm when it joined)
//!   as one dot product over the number of members — so scoring costs grow
//!   with the document, not the story, and, unlike a centroid's cosine,
//!   the score does not grow with the story's size; `names` the same over named
//!   entities and numbers; across languages (the document's language is
//!   not among the story's) names, numbers and dates stand in for words;
//! * `rare_name`: one over the number of stories holding the most specific
//!   name they share — a name every story carries weighs little;
//! * `gap`/`late`: days from the story's first day (when its event was
//!   first reported: follow-ups do not keep a story open) to the closest of
//!   the document's publication day and the dates its title or lead
//!   mention (`the Nov. 2 shooting`, at most 30 days before publication);
//!   when either is undated, `undated` is set instead — an unknown gap is
//!   a value of its own, never the best one — and `years_apart` when the
//!   years they mention most are two or more apart;
//! * `subject_conflict`: each is about someone the other never names — the
//!   document's *subject* (the rare one-word name it mentions most, at
//!   least three times, mentions quoting it as a source — `Wilking said` —
//!   not counted) is not among the story's names, and the story's subject
//!   is not among the document's;
//! * `named`/`exclusive`: the story alone holds one of the document's
//!   multi-word names (held by one / at least two earlier documents);
//! * IDF comes from the documents seen so far, smoothed:
//!   `ln((1 + N) / (1 + df)) + 1`.
//!
//! Candidate stories are found through an inverted index from features to
//! stories: the document's names and its 20 strongest terms each reach the
//! 64 most recent stories holding them, every story reached is credited
//! with those features' share of the document's score (TF-IDF weight
//! squared over the norm, names and terms in proportion to the name
//! weight), and the 32 best credited are scored. Copies are found through
//! an inverted index of rare shingles. A document is never compared with
//! every story or every document.
//!
//! For speed every feature is interned once to a dense `u32` id: document
//! frequencies live in a vector indexed by id (IDF costs two table reads,
//! no logarithm), story centroids are id-sorted vectors, and a document is
//! scattered once into a dense scratch array so that each candidate's dot
//! product is one pass over its centroid. In a batch run the features of
//! the documents are extracted in parallel, a block at a time; pushing
//! stays sequential, so the stories are those of the one-by-one stream.
//! The interned features of the last 65,536 documents are kept (about a
//! kilobyte each) so that they can still move; older documents stay put.

use rayon::prelude::*;
use storyweave_extract::Article;
use storyweave_fingerprint::{Fingerprint, jaccard_estimate};

use crate::features::{FastMap, Features};
use crate::model::{Example, StoryFeatures, StoryModel};

/// How documents join stories: the story model and the copy links.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoryRule {
    /// The decision "does this document join that story" (see
    /// [`StoryModel`]).
    pub(crate) model: StoryModel,
    /// Estimated Jaccard at or above which a document is a near-duplicate of
    /// an earlier one (a copy link).
    pub(crate) near_threshold: f64,
    /// Family links: shared rare shingles as a share of the smaller document.
    pub(crate) family_containment: f64,
    /// Family links: least number of shared rare shingles.
    pub(crate) family_min_shared: usize,
    /// A shingle is rare while held by at most
    /// `max(family_max_df, family_max_df_fraction * documents seen)` documents.
    pub(crate) family_max_df: usize,
    pub(crate) family_max_df_fraction: f64,
}

/// Days after which a gap counts as late too ([`StoryFeatures::late`]): a
/// week holds most follow-ups (an arrest, a funeral).
const LATE_AFTER_DAYS: f64 = 7.0;
/// Fewer distinct content words than this make a document brief
/// ([`StoryFeatures::brief`]): a title and a lead.
const BRIEF_TERMS: usize = 40;
/// How far under the model's bar, in log-odds, a candidate story may
/// score for its members to be considered for moving to the document's
/// story (and for it to be kept in an explanation): odds twenty times
/// below the threshold's.
const NEAR_LOG_ODDS: f64 = 3.0;
/// Most candidate stories whose members are considered for moving.
const REASSIGN_STORIES: usize = 8;
/// Documents whose features are kept for moving them between stories.
const REASSIGN_WINDOW: usize = 1 << 16;
/// Largest story whose members are considered for moving.
const REASSIGN_MAX_MEMBERS: usize = 32;
/// Largest share of the documents seen so far holding a name for it to
/// count as specific to one event (a subject; `Police` is not one).
const RARE_SHARE: f64 = 0.02;
/// Least number of earlier documents holding a multi-word name for it to
/// count as exclusive (one document alone is no pattern yet).
const EXCLUSIVE_MIN_DF: u32 = 2;
/// Longest posting list checked for exclusivity (a name in more stories
/// than this is not exclusive anyway).
const EXCLUSIVE_MAX_POSTINGS: usize = 8;

/// Share of the names in the lookup weight that ranks candidate stories
/// (terms have the rest). A constant of the search, not of the model: the
/// candidates, and so the training pairs drawn from them, do not depend on
/// the weights being fitted, and a refit reproduces the shipped model.
const LOOKUP_NAME_SHARE: f64 = 0.4;
/// Strongest terms of a document used to look up candidate stories.
const LOOKUP_TERMS: usize = 20;
/// Most recent stories taken from each feature's posting list.
const POSTING_TAIL: usize = 64;
/// Most candidate stories scored per document (those sharing the most
/// lookup features, weighted by their IDF).
const MAX_CANDIDATES: usize = 32;
/// Marks name features in the shared feature space.
const NAME_TAG: u64 = 0x8000_0000_0000_0000;
/// Documents handled per parallel batch of feature extraction in a batch run.
const BATCH: usize = 2048;

/// A sparse vector over interned features: `(feature id, weight)` sorted by
/// id, unique ids.
type Ids = Vec<(u32, f32)>;

/// One document with its features interned.
#[derive(Debug, Clone, Default)]
struct Doc {
    terms: Ids,
    names: Ids,
    day: Option<i64>,
    language: Option<&'static str>,
    year: Option<i32>,
    /// Dates the document mentions (see `Features::mentioned`).
    mentioned: Vec<i64>,
    /// Ids of its multi-word names (see `Features::phrases`).
    phrases: Vec<u32>,
    /// Id of its subject name (see `Features::subject`).
    subject: Option<u32>,
}

/// One story under construction.
#[derive(Debug, Default)]
struct Story {
    terms: Ids,
    names: Ids,
    /// The earliest publication day of a member: when the event was
    /// first reported, which later follow-ups do not move.
    first_day: Option<i64>,
    /// Languages of the members (a handful at most).
    languages: Vec<Option<&'static str>>,
    /// Years the members mention most, with member counts.
    years: Vec<(i32, u32)>,
    /// Subjects of the members, with member counts, in order of arrival.
    subjects: Vec<(u32, u32)>,
    /// The documents in the story, in order of arrival.
    members: Vec<u32>,
}

/// How one document came to its story, kept when the clusterer is asked to
/// explain itself ([`ClustererBuilder::explain`](crate::ClustererBuilder::explain)):
/// what a person needs to see why two reports were, or were not, joined.
/// Documents are named by their input position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placement {
    /// Earlier documents it copies (exact, near-duplicate or family links):
    /// it joined their story directly (families nest in stories).
    pub copies: Vec<usize>,
    /// The stories it was scored against whose log-odds came within 3 of
    /// the threshold's (odds at most twenty times lower), best first, as
    /// they stood when it arrived.
    pub candidates: Vec<Considered>,
}

/// One story a document was scored against, and the parts of the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Considered {
    /// The story's first documents (at most 16, in order of arrival), as
    /// it stood then.
    pub holding: Vec<usize>,
    /// The probability the story model gave the document of belonging to
    /// the story (see [`StoryModel`]).
    pub score: f64,
    /// The pair's features, the model's input.
    pub features: StoryFeatures,
}

/// Story documents named in a [`Considered`]: enough to find another
/// part's document in all but the largest stories, few enough to keep an
/// explained run's memory small.
const HOLDING_SHOWN: usize = 16;

impl Story {
    /// The year most members mention most (ties: the latest).
    fn year(&self) -> Option<i32> {
        self.years
            .iter()
            .max_by_key(|&&(y, n)| (n, y))
            .map(|&(y, _)| y)
    }

    /// Adds a document's features to the centroids and the summaries
    /// (members are listed by the caller).
    fn add(&mut self, doc: &Doc, vocab: &Vocab, scratch: &mut Ids) {
        add_unit(
            &mut self.terms,
            &doc.terms,
            norm(&doc.terms, vocab),
            scratch,
        );
        add_unit(
            &mut self.names,
            &doc.names,
            norm(&doc.names, vocab),
            scratch,
        );
        if let Some(d) = doc.day {
            self.first_day = Some(self.first_day.map_or(d, |f| f.min(d)));
        }
        if !self.languages.contains(&doc.language) {
            self.languages.push(doc.language);
        }
        if let Some(year) = doc.year {
            count(&mut self.years, year, 1);
        }
        if let Some(subject) = doc.subject {
            count(&mut self.subjects, subject, 1);
        }
    }

    /// The subject most members have (ties: the earliest).
    fn subject(&self) -> Option<u32> {
        let mut best: Option<(u32, u32)> = None;
        for &(s, n) in &self.subjects {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((s, n));
            }
        }
        best.map(|(s, _)| s)
    }
}

/// Adds `n` to the count of `key` in a short list of counts.
fn count<K: PartialEq>(counts: &mut Vec<(K, u32)>, key: K, n: u32) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => *c += n,
        None => counts.push((key, n)),
    }
}

/// Marks document `d` as never to be moved: a later document copies it.
fn pin(pinned: &mut [bool], d: u32) {
    if let Some(p) = pinned.get_mut(d as usize) {
        *p = true;
    }
}

/// Whether the sorted sparse vector holds feature `id`.
fn holds(v: &Ids, id: u32) -> bool {
    v.binary_search_by_key(&id, |e| e.0).is_ok()
}

/// The feature space seen so far: every feature (term or name) interned
/// once to a dense id, with its document frequency and the stories holding
/// it, so that scoring works on arrays instead of hash lookups.
#[derive(Debug, Default)]
struct Vocab {
    ids: FastMap<u64, u32>,
    /// Documents holding each feature (among those pushed).
    df: Vec<u32>,
    /// Stories holding each feature, in the order they gained it.
    postings: Vec<Vec<u32>>,
    /// Documents pushed.
    seen: u32,
    /// `ln(1 + k)` for `k` up to `seen`, so IDF costs no logarithm.
    ln1p: Vec<f64>,
}

impl Vocab {
    /// The id of a feature key, a new one for a key not seen before.
    fn intern(&mut self, key: u64) -> u32 {
        let next = u32::try_from(self.df.len()).unwrap_or(u32::MAX);
        let id = *self.ids.entry(key).or_insert(next);
        if id as usize == self.df.len() {
            self.df.push(0);
            self.postings.push(Vec::new());
        }
        id
    }

    /// The document's features as interned sparse vectors.
    fn intern_doc(&mut self, f: &Features) -> Doc {
        let mut terms: Ids = f.terms.iter().map(|&(k, w)| (self.intern(k), w)).collect();
        terms.sort_unstable_by_key(|e| e.0);
        let mut names: Ids = f
            .names
            .iter()
            .map(|&(k, w)| (self.intern(k ^ NAME_TAG), w))
            .collect();
        names.sort_unstable_by_key(|e| e.0);
        Doc {
            terms,
            names,
            day: f.day,
            language: f.language,
            year: f.year,
            mentioned: f.mentioned.clone(),
            subject: f.subject.map(|k| self.intern(k ^ NAME_TAG)),
            phrases: {
                let mut p: Vec<u32> = f
                    .phrases
                    .iter()
                    .map(|&k| self.intern(k ^ NAME_TAG))
                    .collect();
                p.sort_unstable();
                p.dedup();
                p
            },
        }
    }

    fn ln1p(&self, k: u32) -> f64 {
        self.ln1p
            .get(k as usize)
            .copied()
            .unwrap_or_else(|| (1.0 + f64::from(k)).ln())
    }

    /// Smoothed IDF over the documents seen so far:
    /// `ln((1 + N) / (1 + df)) + 1`.
    fn idf(&self, id: u32) -> f64 {
        let df = self.df.get(id as usize).copied().unwrap_or(0);
        self.ln1p(self.seen) - self.ln1p(df) + 1.0
    }

    /// Whether feature `id` is held by few of the documents seen so far
    /// (at most [`RARE_SHARE`] of them, or two): specific to an event.
    fn rare(&self, id: u32) -> bool {
        let df = self.df.get(id as usize).copied().unwrap_or(0);
        f64::from(df) <= (RARE_SHARE * f64::from(self.seen)).max(2.0)
    }

    /// Lists story `story` in the postings of the document's features.
    fn post(&mut self, doc: &Doc, story: u32) {
        for &(f, _) in doc.terms.iter().chain(&doc.names) {
            if let Some(list) = self.postings.get_mut(f as usize)
                && list.last() != Some(&story)
            {
                list.push(story);
            }
        }
    }

    /// Counts one more document.
    fn add(&mut self, doc: &Doc) {
        self.seen = self.seen.saturating_add(1);
        for &(id, _) in doc.terms.iter().chain(&doc.names) {
            if let Some(df) = self.df.get_mut(id as usize) {
                *df += 1;
            }
        }
        while self.ln1p.len() <= self.seen as usize {
            let k = self.ln1p.len() as f64;
            self.ln1p.push((1.0 + k).ln());
        }
    }
}

/// Norm of a sparse vector weighted by the current IDF.
fn norm(v: &Ids, vocab: &Vocab) -> f64 {
    v.iter()
        .map(|&(id, w)| {
            let x = f64::from(w) * vocab.idf(id);
            x * x
        })
        .sum::<f64>()
        .sqrt()
}

/// Dot product of a document (scattered into `dense` as `weight * idf²`
/// by feature id) and a story centroid. The centroid is walked when it is
/// not much longer than the document; otherwise each document feature is
/// looked up in it, so the cost never grows with the story alone.
fn dot(doc: &Ids, dense: &[f32], centroid: &Ids) -> f64 {
    if centroid.len() > 8 * doc.len() + 32 {
        let mut sum = 0.0;
        let mut from = 0;
        for &(id, _) in doc {
            let rest = centroid.get(from..).unwrap_or_default();
            match rest.binary_search_by_key(&id, |e| e.0) {
                Ok(at) => {
                    if let Some(&(_, c)) = rest.get(at) {
                        sum += f64::from(dense.get(id as usize).copied().unwrap_or(0.0) * c);
                    }
                    from += at + 1;
                }
                Err(at) => from += at,
            }
        }
        sum
    } else {
        centroid
            .iter()
            .map(|&(id, c)| f64::from(dense.get(id as usize).copied().unwrap_or(0.0) * c))
            .sum()
    }
}

/// The story rebuilt from its members' stored features, `without` one of
/// them; members whose features are no longer stored keep nothing (callers
/// only rebuild stories of recent documents).
fn rebuilt(
    story: &Story,
    docs: &[Option<Doc>],
    without: Option<u32>,
    vocab: &Vocab,
    scratch: &mut Ids,
) -> Story {
    let mut fresh = Story::default();
    for &m in &story.members {
        if Some(m) == without {
            continue;
        }
        fresh.members.push(m);
        let Some(Some(doc)) = docs.get(m as usize) else {
            continue;
        };
        fresh.add(doc, vocab, scratch);
    }
    fresh
}

/// Scatters a document into `dense` by feature id (`weight * idf²`, see
/// [`dot`]) and returns its TF-IDF norms (terms, names).
fn scatter(dense: &mut Vec<f32>, doc: &Doc, vocab: &Vocab) -> (f64, f64) {
    if dense.len() < vocab.df.len() {
        dense.resize(vocab.df.len(), 0.0);
    }
    for &(id, w) in doc.terms.iter().chain(&doc.names) {
        if let Some(x) = dense.get_mut(id as usize) {
            let idf = vocab.idf(id);
            *x = (f64::from(w) * idf * idf) as f32;
        }
    }
    (norm(&doc.terms, vocab), norm(&doc.names, vocab))
}

/// Clears what [`scatter`] wrote, leaving `dense` all zero again.
fn unscatter(dense: &mut [f32], doc: &Doc) {
    for &(id, _) in doc.terms.iter().chain(&doc.names) {
        if let Some(x) = dense.get_mut(id as usize) {
            *x = 0.0;
        }
    }
}

/// Cosine from a dot product and two norms (0 when either is empty).
fn cosine(dot: f64, a: f64, b: f64) -> f64 {
    let den = a * b;
    if dot > 0.0 && den > 0.0 {
        (dot / den).min(1.0)
    } else {
        0.0
    }
}

/// `centroid += v / |v|`, with `|v|` the TF-IDF norm `len` of `v` at the
/// time it is added, so that a centroid's dot product with a document over
/// the number of members is their mean cosine; `scratch` is reused.
fn add_unit(centroid: &mut Ids, v: &Ids, len: f64, scratch: &mut Ids) {
    if len == 0.0 {
        return;
    }
    merge_into(centroid, v, 1.0 / len, scratch);
}

/// `a += scale * b` for sorted sparse vectors; `scratch` is reused.
fn merge_into(a: &mut Ids, b: &Ids, scale: f64, scratch: &mut Ids) {
    scratch.clear();
    scratch.reserve(a.len() + b.len());
    let scaled = |w: f32| (f64::from(w) * scale) as f32;
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&(ka, wa)), Some(&(kb, wb))) => match ka.cmp(&kb) {
                std::cmp::Ordering::Less => {
                    scratch.push((ka, wa));
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    scratch.push((kb, scaled(wb)));
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    scratch.push((ka, wa + scaled(wb)));
                    i += 1;
                    j += 1;
                }
            },
            (Some(&e), None) => {
                scratch.push(e);
                i += 1;
            }
            (None, Some(&(kb, wb))) => {
                scratch.push((kb, scaled(wb)));
                j += 1;
            }
            (None, None) => break,
        }
    }
    std::mem::swap(a, scratch);
}

/// What links a document to a candidate story besides its words: found
/// through the indexes before the story is scored.
#[derive(Debug, Clone, Copy, Default)]
struct Links {
    /// The story alone holds one of the document's multi-word names.
    named: bool,
    /// ... and at least [`EXCLUSIVE_MIN_DF`] earlier documents hold it.
    exclusive: bool,
}

impl StoryRule {
    /// Days between a document and a story when both are dated: from the
    /// story's first day (when its event was first reported; follow-ups do
    /// not move it, or a story would stay open as long as it is followed)
    /// to the closest of the document's publication day and the dates its
    /// title and lead mention (a follow-up naming the incident's date is as
    /// close as the incident).
    fn gap_days(doc: &Doc, story: &Story) -> Option<u64> {
        let (Some(day), Some(first)) = (doc.day, story.first_day) else {
            return None;
        };
        let gap_of = |d: i64| d.abs_diff(first);
        Some(
            doc.mentioned
                .iter()
                .map(|&d| gap_of(d))
                .fold(gap_of(day), u64::min),
        )
    }

    /// The features of a document against a story that cost no cosine:
    /// time, language, subjects and links (the cosines and the shared-name
    /// specificity are left at 0; see [`features`](StoryRule::features)).
    fn cheap_features(
        &self,
        doc: &Doc,
        story: &Story,
        vocab: &Vocab,
        links: Links,
    ) -> StoryFeatures {
        let flag = |b: bool| f64::from(u8::from(b));
        let mut x = StoryFeatures::default();
        match Self::gap_days(doc, story) {
            Some(gap) => {
                let gap = gap as f64;
                x.gap = gap.ln_1p();
                x.late = ((gap - LATE_AFTER_DAYS).max(0.0) / 30.0).min(12.0);
            }
            None => {
                x.undated = 1.0;
                x.years_apart = flag(matches!(
                    (doc.year, story.year()),
                    (Some(a), Some(b)) if (a - b).abs() >= 2
                ));
            }
        }
        let same_language = same_language(doc, story);
        x.other_language = flag(!same_language);
        x.subject_conflict = flag(same_language && subject_conflict(doc, story, vocab));
        x.named = flag(links.named);
        x.exclusive = flag(links.exclusive);
        x.no_names = flag(doc.names.is_empty() || story.names.is_empty());
        x.brief = flag(doc.terms.len() < BRIEF_TERMS);
        x.derive();
        x
    }

    /// All the features of a document against a story (see
    /// [`StoryFeatures`]). `norms` are the document's TF-IDF norms (terms,
    /// names); `dense` holds the document scattered by feature id (see
    /// [`dot`]).
    fn features(
        &self,
        doc: &Doc,
        norms: (f64, f64),
        dense: &[f32],
        story: &Story,
        vocab: &Vocab,
        links: Links,
    ) -> StoryFeatures {
        Self::with_cosines(
            self.cheap_features(doc, story, vocab, links),
            doc,
            norms,
            dense,
            story,
            vocab,
        )
    }

    /// The cheap features `x` (see [`cheap_features`](StoryRule::cheap_features))
    /// completed with the cosines, the shared-name specificity and what is
    /// derived from them; arguments as for [`features`](StoryRule::features).
    fn with_cosines(
        mut x: StoryFeatures,
        doc: &Doc,
        norms: (f64, f64),
        dense: &[f32],
        story: &Story,
        vocab: &Vocab,
    ) -> StoryFeatures {
        // Mean cosines with the members: a centroid is the sum of its
        // members' unit vectors, so its dot product over their number is
        // the mean, which does not grow with the story as the centroid's
        // own cosine does (a large story would draw documents for its size).
        let members = story.members.len().max(1) as f64;
        x.names = cosine(dot(&doc.names, dense, &story.names), norms.1, members);
        // Words are compared within a language. Across languages only what
        // survives translation can be compared — names, numbers, dates — and
        // it stands in for the words: an unknown word match is not a
        // mismatch.
        x.terms = if x.other_language == 0.0 {
            cosine(dot(&doc.terms, dense, &story.terms), norms.0, members)
        } else {
            x.names
        };
        x.rare_name = rare_name(doc, story, vocab);
        x.derive();
        x
    }
}

/// How specific the most specific name a document shares with a story is:
/// one over the number of stories holding it so far (see
/// [`StoryFeatures::rare_name`]).
fn rare_name(doc: &Doc, story: &Story, vocab: &Vocab) -> f64 {
    let mut best = 0.0f64;
    for &(id, _) in &doc.names {
        if !holds(&story.names, id) {
            continue;
        }
        let stories = vocab.postings.get(id as usize).map_or(1, Vec::len).max(1);
        best = best.max(1.0 / stories as f64);
        if best >= 1.0 {
            break;
        }
    }
    best
}

/// Whether the document's language is among the story's (an unknown
/// language matches any): only then are words compared.
fn same_language(doc: &Doc, story: &Story) -> bool {
    doc.language.is_none()
        || story.languages.is_empty()
        || story
            .languages
            .iter()
            .any(|l| l.is_none() || *l == doc.language)
}

/// Whether the document and the story are each about someone the other
/// never names (see [`SUBJECT_CONFLICT`]).
fn subject_conflict(doc: &Doc, story: &Story, vocab: &Vocab) -> bool {
    match (doc.subject, story.subject()) {
        (Some(a), Some(b)) => {
            a != b
                && vocab.rare(a)
                && vocab.rare(b)
                && !holds(&story.names, a)
                && !holds(&doc.names, b)
        }
        _ => false,
    }
}

/// Marks a shingle list index (rather than a single document) in the
/// shingle index.
const LIST: u32 = 0x8000_0000;
/// Marks a shingle too common to be evidence of text reuse.
const DROPPED: u32 = u32::MAX;

/// Stories built online, one document at a time, in publication order.
///
/// Each [`push`](StoryClusterer::push) assigns the document to a story and
/// returns the story's index (0, 1, 2, ... in order of creation). Earlier
/// assignments change when a document copies documents of two stories
/// (that proves them one story, and they are merged into the older one)
/// and when an earlier document fits the new document's story better than
/// its own (it moves; see the module documentation);
/// [`assignments`](StoryClusterer::assignments) gives the current stories. Feeding a corpus one document at a time in
/// publication order gives exactly the stories of
/// [`Clusterer::cluster`](crate::Clusterer::cluster) — the batch run is this
/// same loop. Every statistic it uses (document frequencies, rare
/// shingles, story centroids) covers the documents seen so far only.
///
/// A document joins a story *directly* when it is an exact or near
/// duplicate of an earlier document, or of its family (it shares enough
/// shingles that were rare so far: reused copy), and otherwise by score
/// (see the module documentation of `story`).
#[derive(Debug)]
pub struct StoryClusterer {
    rule: StoryRule,
    vocab: Vocab,
    stories: Vec<Story>,
    /// Story of every document pushed so far.
    story_of: Vec<u32>,
    /// Exact-text hash (with shingle count) to the first document with it.
    exact: FastMap<(u64, usize), u32>,
    /// Shingle to the one document holding it, or (tagged [`LIST`]) to its
    /// list of documents in `shingle_lists` while it is rare, or
    /// [`DROPPED`] once it is too common. Most shingles are held by one
    /// document, which then costs no list.
    shingles: FastMap<u64, u32>,
    shingle_lists: Vec<Vec<u32>>,
    /// Shingle count and MinHash signature of every document so far.
    sizes: Vec<u32>,
    signatures: Vec<Vec<u32>>,
    /// Scratch: shared-shingle counts per earlier document.
    counts: FastMap<u32, u32>,
    /// Scratch: the document scattered by feature id (`weight * idf²`).
    dense: Vec<f32>,
    /// Scratch: lookup weight gathered per story, and the stories touched.
    gathered: Vec<f32>,
    touched: Vec<u32>,
    candidates: Vec<u32>,
    strongest: Vec<(f64, u32)>,
    /// Scratch: stories holding one of the document's names exclusively
    /// (held by at least [`EXCLUSIVE_MIN_DF`] earlier documents).
    exclusive: Vec<u32>,
    /// Scratch: stories holding one of the document's names exclusively,
    /// one earlier document being enough.
    named: Vec<u32>,
    /// Scratch: candidate stories the document scored close to.
    near: Vec<(f64, u32)>,
    /// The interned features of the documents, kept for the last
    /// [`REASSIGN_WINDOW`] documents (older ones are no longer moved).
    docs: Vec<Option<Doc>>,
    /// Documents that joined their story as a copy or were copied by a
    /// later one: copies stay together, so these are never moved.
    pinned: Vec<bool>,
    merge_scratch: Ids,
    linked: Vec<u32>,
    /// For every story, the story it was merged into (itself if none).
    merged_into: Vec<u32>,
    /// Stories not merged into another.
    live: usize,
    /// How each document came to its story (push order, documents named
    /// by push index), kept only when explaining.
    placements: Option<Vec<Placement>>,
    /// Gold stories and the examples drawn, when training.
    teacher: Option<Teacher>,
}

/// What a clusterer keeps when it is driven by gold labels to draw training
/// examples (see [`training_examples`]).
#[derive(Debug, Default)]
struct Teacher {
    /// The story of each gold label seen so far.
    story_of_label: FastMap<u32, u32>,
    /// Every document against every candidate story it was scored against.
    examples: Vec<Example>,
}

impl StoryClusterer {
    pub(crate) fn new(rule: StoryRule) -> StoryClusterer {
        StoryClusterer {
            rule,
            vocab: Vocab::default(),
            stories: Vec::new(),
            story_of: Vec::new(),
            exact: FastMap::default(),
            shingles: FastMap::default(),
            shingle_lists: Vec::new(),
            sizes: Vec::new(),
            signatures: Vec::new(),
            counts: FastMap::default(),
            dense: Vec::new(),
            gathered: Vec::new(),
            touched: Vec::new(),
            candidates: Vec::new(),
            strongest: Vec::new(),
            exclusive: Vec::new(),
            named: Vec::new(),
            near: Vec::new(),
            docs: Vec::new(),
            pinned: Vec::new(),
            merge_scratch: Vec::new(),
            linked: Vec::new(),
            merged_into: Vec::new(),
            live: 0,
            placements: None,
            teacher: None,
        }
    }

    /// A clusterer that also keeps how each document came to its story
    /// (see [`Placement`]; documents named by push index).
    pub(crate) fn explaining(rule: StoryRule) -> StoryClusterer {
        StoryClusterer {
            placements: Some(Vec::new()),
            ..StoryClusterer::new(rule)
        }
    }

    /// Number of documents pushed so far.
    pub fn documents(&self) -> usize {
        self.story_of.len()
    }

    /// Number of stories so far (merged stories count once).
    pub fn stories(&self) -> usize {
        self.live
    }

    /// The current story of every document pushed so far, in push order.
    /// It differs from what [`push`](StoryClusterer::push) returned only
    /// where a later document merged two stories.
    pub fn assignments(&self) -> Vec<usize> {
        self.story_of
            .iter()
            .map(|&s| self.find(s) as usize)
            .collect()
    }

    /// The rare-shingle cap with `seen` documents so far.
    fn shingle_cap(&self, seen: usize) -> usize {
        self.rule
            .family_max_df
            .max((self.rule.family_max_df_fraction * seen as f64).ceil() as usize)
    }

    /// The stories of the earlier documents this one copies (exact, near
    /// or family links), as roots, sorted and unique, into `self.linked`;
    /// in the same pass over its shingles, indexes them as document `doc`'s
    /// (one hash lookup per shingle for both). Counting sees only earlier
    /// documents, with the rare cap of the documents seen before this one;
    /// indexing uses the cap counting this one, as a separate pass would.
    fn copied_stories(&mut self, doc: u32, fp: &Fingerprint) {
        self.linked.clear();
        if fp.is_empty() {
            return;
        }
        if let Some(&d) = self.exact.get(&(fp.exact, fp.shingles.len()))
            && let Some(&s) = self.story_of.get(d as usize)
        {
            self.linked.push(s);
            pin(&mut self.pinned, d);
            if let Some(p) = self.placements.as_mut().and_then(|p| p.last_mut()) {
                p.copies.push(d as usize);
            }
        }
        let seen = self.story_of.len();
        let cap_before = self.shingle_cap(seen);
        let cap_after = self.shingle_cap(seen + 1);
        let indexable = doc & LIST == 0;
        self.counts.clear();
        for &sh in &fp.shingles {
            let slot = match self.shingles.entry(sh) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    if indexable {
                        v.insert(doc);
                    }
                    continue;
                }
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            };
            let v = *slot;
            if v == DROPPED {
                continue;
            }
            if v & LIST == 0 {
                // One earlier holder.
                *self.counts.entry(v).or_insert(0) += 1;
                if !indexable || v == doc {
                    continue;
                }
                match u32::try_from(self.shingle_lists.len()) {
                    Ok(at) if at & LIST == 0 && cap_after >= 2 => {
                        self.shingle_lists.push(vec![v, doc]);
                        *slot = at | LIST;
                    }
                    _ => *slot = DROPPED,
                }
            } else if let Some(docs) = self.shingle_lists.get_mut((v & !LIST) as usize) {
                if docs.len() <= cap_before {
                    for &d in docs.iter() {
                        *self.counts.entry(d).or_insert(0) += 1;
                    }
                }
                if !indexable || docs.last() == Some(&doc) {
                    continue;
                }
                if docs.len() >= cap_after {
                    *docs = Vec::new();
                    *slot = DROPPED;
                } else {
                    docs.push(doc);
                }
            }
        }
        let mine = fp.shingles.len();
        for (&d, &shared) in &self.counts {
            let theirs = self.sizes.get(d as usize).copied().unwrap_or(0) as usize;
            let smaller = mine.min(theirs).max(1);
            let family = shared as usize >= self.rule.family_min_shared
                && shared as f64 / smaller as f64 >= self.rule.family_containment;
            let near = !family
                && self.signatures.get(d as usize).is_some_and(|sig| {
                    jaccard_estimate(sig, &fp.signature) >= self.rule.near_threshold
                });
            if (family || near)
                && let Some(&s) = self.story_of.get(d as usize)
            {
                self.linked.push(s);
                pin(&mut self.pinned, d);
                if let Some(p) = self.placements.as_mut().and_then(|p| p.last_mut()) {
                    p.copies.push(d as usize);
                }
            }
        }
        for k in 0..self.linked.len() {
            if let Some(s) = self.linked.get(k).copied() {
                let root = self.find(s);
                if let Some(slot) = self.linked.get_mut(k) {
                    *slot = root;
                }
            }
        }
        self.linked.sort_unstable();
        self.linked.dedup();
    }

    /// The story `s` was merged into (itself when it was not).
    fn find(&self, mut s: u32) -> u32 {
        while let Some(&p) = self.merged_into.get(s as usize) {
            if p == s {
                break;
            }
            s = p;
        }
        s
    }

    /// Merges story `from` into story `into` (both roots, `into < from`):
    /// one document copying two stories proves they are one.
    fn merge(&mut self, into: u32, from: u32) {
        let Some(absorbed) = self.stories.get_mut(from as usize).map(std::mem::take) else {
            return;
        };
        if let Some(slot) = self.merged_into.get_mut(from as usize) {
            *slot = into;
        }
        if let Some(story) = self.stories.get_mut(into as usize) {
            merge_into(
                &mut story.terms,
                &absorbed.terms,
                1.0,
                &mut self.merge_scratch,
            );
            merge_into(
                &mut story.names,
                &absorbed.names,
                1.0,
                &mut self.merge_scratch,
            );
            story.first_day = match (story.first_day, absorbed.first_day) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            for l in absorbed.languages {
                if !story.languages.contains(&l) {
                    story.languages.push(l);
                }
            }
            story.members.extend(absorbed.members);
            for (subject, n) in absorbed.subjects {
                count(&mut story.subjects, subject, n);
            }
            for (year, n) in absorbed.years {
                count(&mut story.years, year, n);
            }
        }
        self.live -= 1;
    }

    /// Assigns one document to a story (an existing one or a new one) and
    /// returns the story's index. Documents must come in publication order
    /// for the result to match the batch run.
    pub fn push(&mut self, article: &Article, fingerprint: &Fingerprint) -> usize {
        self.push_features(&Features::of(article), fingerprint, None)
    }

    /// [`push`](StoryClusterer::push) with the features already extracted.
    /// With `gold` (training), the document joins the story of the earlier
    /// documents with the same gold label, or a new one, whatever the
    /// model says, and every candidate story it was scored against becomes
    /// a training [`Example`].
    fn push_features(
        &mut self,
        features: &Features,
        fingerprint: &Fingerprint,
        gold: Option<u32>,
    ) -> usize {
        let doc = self.vocab.intern_doc(features);
        let id = u32::try_from(self.story_of.len()).unwrap_or(u32::MAX);
        self.near.clear();
        if let Some(p) = self.placements.as_mut() {
            p.push(Placement::default());
        }
        self.copied_stories(id, fingerprint);
        let gold_story = gold.and_then(|g| {
            self.teacher
                .as_ref()
                .and_then(|t| t.story_of_label.get(&g).copied())
                .map(|s| self.find(s))
        });
        // A document that copies earlier documents is their family, and
        // families nest in stories: it joins their story (merging them when
        // it copies several) without asking the model. Only the others are
        // scored, and only they are training examples.
        let chosen = match (self.linked.first().copied(), gold) {
            (_, Some(_)) => {
                if self.linked.is_empty() {
                    self.best_story(&doc, Some(gold_story));
                }
                gold_story
            }
            (Some(s), None) => {
                for k in 1..self.linked.len() {
                    if let Some(other) = self.linked.get(k).copied() {
                        self.merge(s, other);
                    }
                }
                Some(s)
            }
            (None, None) => self.best_story(&doc, None),
        };
        let chosen = chosen.unwrap_or_else(|| {
            self.stories.push(Story::default());
            self.live += 1;
            let id = u32::try_from(self.stories.len() - 1).unwrap_or(u32::MAX);
            self.merged_into.push(id);
            id
        });
        if let (Some(g), Some(teacher)) = (gold, self.teacher.as_mut()) {
            teacher.story_of_label.entry(g).or_insert(chosen);
        }
        self.story_of.push(chosen);
        if !fingerprint.is_empty() {
            self.exact
                .entry((fingerprint.exact, fingerprint.shingles.len()))
                .or_insert(id);
        }
        self.sizes
            .push(u32::try_from(fingerprint.shingles.len()).unwrap_or(u32::MAX));
        self.signatures.push(fingerprint.signature.clone());
        if let Some(story) = self.stories.get_mut(chosen as usize) {
            story.add(&doc, &self.vocab, &mut self.merge_scratch);
            story.members.push(id);
        }
        self.vocab.post(&doc, chosen);
        self.vocab.add(&doc);
        let copied = self.linked.binary_search(&chosen).is_ok();
        self.pinned.push(copied);
        self.docs.push(Some(doc));
        if let Some(old) = (id as usize)
            .checked_sub(REASSIGN_WINDOW)
            .and_then(|k| self.docs.get_mut(k))
        {
            *old = None;
        }
        if !copied && gold.is_none() {
            self.reassign(chosen);
        }
        self.find(chosen) as usize
    }

    /// Whether stored document `m` should move from story `from` to story
    /// `to`: the model lets it join `to`, and gives it higher log-odds
    /// there than against the rest of `from`. The document is scattered
    /// once for both.
    fn fits_better(&mut self, m: u32, from: u32, to: u32) -> bool {
        let norms = match self.docs.get(m as usize) {
            Some(Some(doc)) => scatter(&mut self.dense, doc, &self.vocab),
            _ => return false,
        };
        let there = self.member_score(m, to, norms);
        let better = there >= self.rule.model.bar() && there > self.member_score(m, from, norms);
        if let Some(Some(doc)) = self.docs.get(m as usize) {
            unscatter(&mut self.dense, doc);
        }
        better
    }

    /// Log-odds of stored document `m`, already scattered into
    /// `self.dense` with TF-IDF norms `norms`, against story `s`, the
    /// document left out of the story's centroid when it is a member (copy
    /// links do not count: copies never move).
    fn member_score(&mut self, m: u32, s: u32, norms: (f64, f64)) -> f64 {
        let Some(Some(doc)) = self.docs.get(m as usize) else {
            return f64::NEG_INFINITY;
        };
        let Some(story) = self.stories.get(s as usize) else {
            return f64::NEG_INFINITY;
        };
        let vocab = &self.vocab;
        let without;
        let story = if story.members.contains(&m) {
            without = rebuilt(story, &self.docs, Some(m), vocab, &mut self.merge_scratch);
            &without
        } else {
            story
        };
        if story.members.is_empty() {
            return f64::NEG_INFINITY;
        }
        let x = self
            .rule
            .features(doc, norms, &self.dense, story, vocab, Links::default());
        self.rule.model.logit(&x)
    }

    /// Moves into story `k`, which just grew, the members of the stories
    /// the new document came close to that now score better against `k`
    /// (and would join it) than against the rest of their own
    /// story: the first document of an event often joins a look-alike
    /// story before the event's own next report arrives.
    fn reassign(&mut self, k: u32) {
        let mut near = std::mem::take(&mut self.near);
        // The closest few, best first (ties: the older story).
        near.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        near.truncate(REASSIGN_STORIES);
        for &(_, c) in &near {
            let o = self.find(c);
            if o == k {
                continue;
            }
            let members = match self.stories.get(o as usize) {
                Some(story) if story.members.len() <= REASSIGN_MAX_MEMBERS => story.members.clone(),
                _ => continue,
            };
            // A story with members no longer stored cannot be rebuilt.
            if members
                .iter()
                .any(|&m| self.docs.get(m as usize).is_none_or(Option::is_none))
            {
                continue;
            }
            let mut left = members.len();
            for m in members {
                if self.pinned.get(m as usize).copied().unwrap_or(true)
                    || !self.fits_better(m, o, k)
                {
                    continue;
                }
                self.move_member(m, o, k);
                left -= 1;
            }
            if left == 0 {
                if let Some(slot) = self.merged_into.get_mut(o as usize) {
                    *slot = k;
                }
                self.live -= 1;
            }
        }
        self.near = near;
    }

    /// Moves document `m` from story `from` to story `to`, rebuilding both.
    fn move_member(&mut self, m: u32, from: u32, to: u32) {
        if let Some(story) = self.stories.get_mut(from as usize) {
            story.members.retain(|&x| x != m);
        }
        if let (Some(story), Some(Some(doc))) =
            (self.stories.get_mut(to as usize), self.docs.get(m as usize))
        {
            story.add(doc, &self.vocab, &mut self.merge_scratch);
            story.members.push(m);
        }
        if let Some(story) = self.stories.get(from as usize) {
            let fresh = rebuilt(
                story,
                &self.docs,
                None,
                &self.vocab,
                &mut self.merge_scratch,
            );
            if let Some(slot) = self.stories.get_mut(from as usize) {
                *slot = fresh;
            }
        }
        if let Some(slot) = self.story_of.get_mut(m as usize) {
            *slot = to;
        }
        if let Some(Some(doc)) = self.docs.get(m as usize) {
            self.vocab.post(doc, to);
        }
    }

    /// The candidate stories of a document into `self.candidates`, sorted:
    /// the stories reached from its names and its strongest terms through
    /// the feature postings (most recent first), ranked by the summed IDF
    /// of the lookup features that reach them.
    fn gather_candidates(&mut self, doc: &Doc) {
        let vocab = &self.vocab;
        self.strongest.clear();
        self.strongest.extend(
            doc.terms
                .iter()
                .map(|&(id, w)| (f64::from(w) * vocab.idf(id), id)),
        );
        let by_strength = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if self.strongest.len() > LOOKUP_TERMS {
            self.strongest
                .select_nth_unstable_by(LOOKUP_TERMS, by_strength);
            self.strongest.truncate(LOOKUP_TERMS);
        }
        if self.gathered.len() < self.stories.len() {
            self.gathered.resize(self.stories.len(), 0.0);
        }
        self.touched.clear();
        // Each lookup feature counts as its share of a cosine: its TF-IDF
        // weight squared over the document's norm, names weighing
        // [`LOOKUP_NAME_SHARE`] of the whole.
        let norms = (norm(&doc.terms, vocab), norm(&doc.names, vocab));
        let name_weight = LOOKUP_NAME_SHARE;
        let lookups = self
            .strongest
            .iter()
            .map(|&(x, id)| (id, (1.0 - name_weight) * x * x / norms.0.max(1e-9)))
            .chain(doc.names.iter().map(|&(id, w)| {
                let x = f64::from(w) * vocab.idf(id);
                (id, name_weight * x * x / norms.1.max(1e-9))
            }));
        for (id, weight) in lookups {
            let Some(list) = vocab.postings.get(id as usize) else {
                continue;
            };
            let weight = weight as f32;
            // The most recent stories holding the feature: lists grow in
            // time order, and time decay makes old stories unlikely.
            let from = list.len().saturating_sub(POSTING_TAIL);
            for &s in list.get(from..).unwrap_or_default() {
                let mut root = s;
                while let Some(&p) = self.merged_into.get(root as usize) {
                    if p == root {
                        break;
                    }
                    root = p;
                }
                if let Some(g) = self.gathered.get_mut(root as usize) {
                    if *g == 0.0 {
                        self.touched.push(root);
                    }
                    *g += weight;
                }
            }
        }
        // Keep the stories reached with the most lookup weight (newest
        // first on ties): a bounded number of scores per document.
        let gathered = &self.gathered;
        let weight = |s: u32| gathered.get(s as usize).copied().unwrap_or(0.0);
        let by_weight = |a: &u32, b: &u32| weight(*b).total_cmp(&weight(*a)).then(b.cmp(a));
        if self.touched.len() > MAX_CANDIDATES {
            self.touched
                .select_nth_unstable_by(MAX_CANDIDATES, by_weight);
        }
        self.candidates.clear();
        self.candidates
            .extend(self.touched.iter().take(MAX_CANDIDATES).copied());
        self.candidates.sort_unstable();
        for &s in &self.touched {
            if let Some(g) = self.gathered.get_mut(s as usize) {
                *g = 0.0;
            }
        }
    }

    /// The stories (roots) that hold one of the document's multi-word
    /// names exclusively — names whose earlier documents are all in that
    /// one story — into `self.named`, and those where at least
    /// [`EXCLUSIVE_MIN_DF`] earlier documents hold it into
    /// `self.exclusive`; both sorted and unique.
    fn exclusive_stories(&mut self, doc: &Doc) {
        self.exclusive.clear();
        self.named.clear();
        for &id in &doc.phrases {
            let df = self.vocab.df.get(id as usize).copied().unwrap_or(0);
            if df == 0 {
                continue;
            }
            let Some(list) = self.vocab.postings.get(id as usize) else {
                continue;
            };
            if list.is_empty() || list.len() > EXCLUSIVE_MAX_POSTINGS {
                continue;
            }
            let mut owner = None;
            let mut one = true;
            for &s in list {
                let root = self.find(s);
                if owner.is_some_and(|o| o != root) {
                    one = false;
                    break;
                }
                owner = Some(root);
            }
            if one && let Some(o) = owner {
                self.named.push(o);
                if df >= EXCLUSIVE_MIN_DF {
                    self.exclusive.push(o);
                }
            }
        }
        for list in [&mut self.exclusive, &mut self.named] {
            list.sort_unstable();
            list.dedup();
        }
    }

    /// The candidate story — one its names and strongest words reach
    /// through the feature postings — the model gives the document the
    /// highest log-odds of belonging to, when that reaches the model's bar.
    /// When `gold` is given (training: the document's gold story, if it has
    /// one yet), every candidate becomes a training example instead.
    fn best_story(&mut self, doc: &Doc, gold: Option<Option<u32>>) -> Option<u32> {
        self.gather_candidates(doc);
        self.exclusive_stories(doc);
        let vocab = &self.vocab;
        let model = &self.rule.model;
        let bar = model.bar();
        let norms = scatter(&mut self.dense, doc, vocab);
        let mut best: Option<(f64, u32)> = None;
        self.near.clear();
        for &s in &self.candidates {
            let Some(story) = self.stories.get(s as usize) else {
                continue;
            };
            let links = Links {
                named: self.named.binary_search(&s).is_ok(),
                exclusive: self.exclusive.binary_search(&s).is_ok(),
            };
            let cheap = self.rule.cheap_features(doc, story, vocab, links);
            if gold.is_none() && model.bound(&cheap) < bar {
                // Even a perfect match would not reach the bar.
                continue;
            }
            let x = StoryRule::with_cosines(cheap, doc, norms, &self.dense, story, vocab);
            let z = model.logit(&x);
            if let (Some(own), Some(t)) = (gold, self.teacher.as_mut()) {
                t.examples.push(Example {
                    features: x,
                    joins: own == Some(s),
                    weight: 1.0,
                });
                continue;
            }
            let p = model.probability(&x);
            if z >= bar - NEAR_LOG_ODDS {
                self.near.push((z, s));
                if let Some(placement) = self.placements.as_mut().and_then(|p| p.last_mut()) {
                    placement.candidates.push(Considered {
                        holding: story
                            .members
                            .iter()
                            .take(HOLDING_SHOWN)
                            .map(|&m| m as usize)
                            .collect(),
                        score: p,
                        features: x,
                    });
                }
            }
            if z >= bar && best.is_none_or(|(b, _)| z > b) {
                best = Some((z, s));
            }
        }
        unscatter(&mut self.dense, doc);
        if let Some(p) = self.placements.as_mut().and_then(|p| p.last_mut()) {
            p.candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
        }
        best.map(|(_, s)| s)
    }
}

/// Publication order: dated documents by day, undated ones last, ties by
/// id, then by position. `stories` and a stream fed in this order agree.
pub(crate) fn publication_order(articles: &[Article]) -> Vec<usize> {
    let days: Vec<Option<i64>> = articles
        .iter()
        .map(|a| a.published.map(storyweave_text::Date::days_since_epoch))
        .collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let day = days.get(i).copied().flatten();
            (day.is_none(), day, articles.get(i).map(|a| a.id.as_str()))
        };
        key(a).cmp(&key(b)).then(a.cmp(&b))
    });
    order
}

/// Training examples for the story model: the documents are pushed in
/// publication order as in [`stories`], but each joins the story of its
/// gold label (`gold[i]` for article `i`), and every candidate story a
/// document is scored against — found as in a real run — gives one
/// example: its features, and whether it is the document's gold story.
pub(crate) fn training_examples(
    articles: &[Article],
    fingerprints: &[Fingerprint],
    gold: &[u32],
    rule: StoryRule,
) -> Vec<Example> {
    let empty = Fingerprint::default();
    let mut online = StoryClusterer::new(rule);
    online.teacher = Some(Teacher::default());
    let order = publication_order(articles);
    let features: Vec<Features> = order
        .par_iter()
        .map(|&i| articles.get(i).map(Features::of).unwrap_or_default())
        .collect();
    for (&i, f) in order.iter().zip(&features) {
        let label = gold.get(i).copied().unwrap_or(u32::MAX);
        online.push_features(f, fingerprints.get(i).unwrap_or(&empty), Some(label));
    }
    online.teacher.map(|t| t.examples).unwrap_or_default()
}

/// The story label of every document (the story's first document in input
/// order): the online clusterer run over the documents in publication order.
/// When `explain` is set, also how each document came to its story (by
/// input position; empty otherwise).
pub(crate) fn stories(
    articles: &[Article],
    fingerprints: &[Fingerprint],
    rule: StoryRule,
    explain: bool,
) -> (Vec<usize>, Vec<Placement>) {
    let n = articles.len();
    let empty = Fingerprint::default();
    let mut online = if explain {
        StoryClusterer::explaining(rule)
    } else {
        StoryClusterer::new(rule)
    };
    let order = publication_order(articles);
    // Features do not depend on the stories: the next block's are
    // extracted (in parallel) while the current block is pushed in order.
    let extract = |block: &[usize]| -> Vec<Features> {
        block
            .par_iter()
            .map(|&i| articles.get(i).map(Features::of).unwrap_or_default())
            .collect()
    };
    let blocks: Vec<&[usize]> = order.chunks(BATCH).collect();
    let mut current = blocks.first().map(|b| extract(b)).unwrap_or_default();
    for (k, block) in blocks.iter().enumerate() {
        let (next, ()) = rayon::join(
            || blocks.get(k + 1).map(|b| extract(b)).unwrap_or_default(),
            || {
                for (&i, f) in block.iter().zip(&current) {
                    online.push_features(f, fingerprints.get(i).unwrap_or(&empty), None);
                }
            },
        );
        current = next;
    }
    let mut story_of = vec![0usize; n];
    for (&i, s) in order.iter().zip(online.assignments()) {
        if let Some(slot) = story_of.get_mut(i) {
            *slot = s;
        }
    }
    // Label each story by its first document in input order.
    let mut first = vec![usize::MAX; online.stories.len()];
    for (i, &s) in story_of.iter().enumerate() {
        if let Some(f) = first.get_mut(s) {
            *f = (*f).min(i);
        }
    }
    let labels = story_of
        .iter()
        .enumerate()
        .map(|(i, &s)| first.get(s).copied().unwrap_or(i))
        .collect();
    // Placements come in push order, naming documents by push index.
    let position = |k: usize| order.get(k).copied().unwrap_or(k);
    let mut placements = vec![Placement::default(); if explain { n } else { 0 }];
    for (k, mut p) in online
        .placements
        .take()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        for d in &mut p.copies {
            *d = position(*d);
        }
        for c in &mut p.candidates {
            for d in &mut c.holding {
                *d = position(*d);
            }
        }
        if let Some(slot) = placements.get_mut(position(k)) {
            *slot = p;
        }
    }
    (labels, placements)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(day: Option<i64>, year: Option<i32>, language: Option<&'static str>) -> Doc {
        Doc {
            day,
            year,
            language,
            ..Doc::default()
        }
    }

    /// A small, readable model for the tests of the mechanisms (moving
    /// documents, subject conflicts): words count most, names some, a
    /// subject conflict much against. The shipped model's behaviour is
    /// measured on real sets (EVALUATION.md), not on these toy vectors.
    fn mechanism_model() -> StoryModel {
        StoryModel {
            bias: -2.0,
            weights: StoryFeatures {
                terms: 10.0,
                names: 4.0,
                subject_conflict: -4.0,
                undated: -1.0,
                gap: -1.0,
                ..StoryFeatures::default()
            },
            threshold: 0.5,
            ..StoryModel::default()
        }
    }

    fn test_rule() -> StoryRule {
        StoryRule {
            model: mechanism_model(),
            near_threshold: 0.8,
            family_containment: 0.2,
            family_min_shared: 10,
            family_max_df: 50,
            family_max_df_fraction: 0.005,
        }
    }

    /// The features of `doc` against `story` as `best_story` computes them.
    fn features_of(vocab: &Vocab, doc: &Doc, story: &Story, links: Links) -> StoryFeatures {
        let mut dense = Vec::new();
        let norms = scatter(&mut dense, doc, vocab);
        test_rule().features(doc, norms, &dense, story, vocab, links)
    }

    #[test]
    fn an_unknown_gap_is_its_own_value_and_never_the_best_one() {
        let vocab = Vocab::default();
        let dated = Story {
            first_day: Some(100),
            years: vec![(2013, 1)],
            ..Story::default()
        };
        let same_day = features_of(
            &vocab,
            &doc(Some(100), Some(2013), None),
            &dated,
            Links::default(),
        );
        assert_eq!((same_day.undated, same_day.gap), (0.0, 0.0));
        let undated = features_of(
            &vocab,
            &doc(None, Some(2013), None),
            &dated,
            Links::default(),
        );
        assert_eq!(
            (undated.undated, undated.gap, undated.years_apart),
            (1.0, 0.0, 0.0)
        );
        let model = StoryModel::default();
        assert!(model.logit(&undated) < model.logit(&same_day));
        // Undated, the years they mention most stand in: two apart or more.
        let old = features_of(
            &vocab,
            &doc(None, Some(2008), None),
            &dated,
            Links::default(),
        );
        assert_eq!(old.years_apart, 1.0);
        assert!(model.logit(&old) < model.logit(&undated));
        // Dated on both sides: the days decide, not the years.
        let dated_old = features_of(
            &vocab,
            &doc(Some(101), Some(1990), None),
            &dated,
            Links::default(),
        );
        assert_eq!((dated_old.undated, dated_old.years_apart), (0.0, 0.0));
        assert!((dated_old.gap - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn across_languages_the_names_stand_in_for_the_words() {
        let mut vocab = Vocab::default();
        let (word, name) = (vocab.intern(1), vocab.intern(9));
        let es = Doc {
            terms: vec![(word, 1.0)],
            names: vec![(name, 1.0)],
            language: Some("es"),
            ..Doc::default()
        };
        let mut story = Story::default();
        let en = Doc {
            language: Some("en"),
            ..es.clone()
        };
        story.add(&en, &vocab, &mut Ids::new());
        story.members.push(0);
        let across = features_of(&vocab, &es, &story, Links::default());
        assert_eq!(across.other_language, 1.0);
        assert_eq!(across.terms, across.names);
        let other_name = Doc {
            names: vec![(vocab.intern(8), 1.0)],
            ..es.clone()
        };
        // Same words, no shared name: nothing to compare across languages.
        let unnamed = features_of(&vocab, &other_name, &story, Links::default());
        assert_eq!((unnamed.terms, unnamed.names), (0.0, 0.0));
        // Within one language the words count.
        let en = Doc {
            language: Some("en"),
            ..other_name
        };
        assert!(features_of(&vocab, &en, &story, Links::default()).terms > 0.99);
    }

    #[test]
    fn a_name_many_stories_share_is_weak_evidence() {
        let mut vocab = Vocab::default();
        let (common, rare) = (vocab.intern(1 ^ NAME_TAG), vocab.intern(2 ^ NAME_TAG));
        vocab.postings[common as usize] = (0..50).collect();
        vocab.postings[rare as usize] = vec![7];
        let story = Story {
            names: vec![(common, 1.0), (rare, 1.0)],
            ..Story::default()
        };
        let only_common = Doc {
            names: vec![(common, 1.0)],
            ..Doc::default()
        };
        assert!((rare_name(&only_common, &story, &vocab) - 0.02).abs() < 1e-12);
        let both = Doc {
            names: vec![(common, 1.0), (rare, 1.0)],
            ..Doc::default()
        };
        assert_eq!(rare_name(&both, &story, &vocab), 1.0);
        let model = StoryModel::default();
        let x = |r: f64| StoryFeatures {
            rare_name: r,
            ..StoryFeatures::default()
        };
        assert!(model.logit(&x(1.0)) > model.logit(&x(0.02)));
    }

    #[test]
    fn the_shipped_model_joins_a_close_dated_report_and_not_an_unrelated_one() {
        let model = StoryModel::default();
        let mut close = StoryFeatures {
            terms: 0.6,
            names: 0.5,
            rare_name: 1.0,
            gap: 1f64.ln_1p(),
            ..StoryFeatures::default()
        };
        close.derive();
        assert!(model.probability(&close) >= model.threshold, "{close:?}");
        let mut unrelated = StoryFeatures {
            terms: 0.05,
            names: 0.02,
            rare_name: 0.01,
            gap: 1f64.ln_1p(),
            ..StoryFeatures::default()
        };
        unrelated.derive();
        assert!(
            model.probability(&unrelated) < model.threshold,
            "{unrelated:?}"
        );
        // The same words months apart: weaker than a day apart.
        let months = StoryFeatures {
            gap: 120f64.ln_1p(),
            late: (113.0 / 30.0),
            ..close
        };
        assert!(model.logit(&months) < model.logit(&close));
    }

    #[test]
    fn exclusive_names_are_those_only_one_story_holds() {
        let mut sc = StoryClusterer::new(test_rule());
        let (victim, city) = (sc.vocab.intern(5 ^ NAME_TAG), sc.vocab.intern(6 ^ NAME_TAG));
        for _ in 0..3 {
            sc.stories.push(Story {
                first_day: Some(100),
                ..Story::default()
            });
            let id = u32::try_from(sc.merged_into.len()).expect("few stories");
            sc.merged_into.push(id);
        }
        // The victim's name: two documents, both in story 1. The city's:
        // stories 0 and 2.
        sc.vocab.df[victim as usize] = 2;
        sc.vocab.postings[victim as usize] = vec![1];
        sc.vocab.df[city as usize] = 2;
        sc.vocab.postings[city as usize] = vec![0, 2];
        let late = Doc {
            day: Some(190),
            phrases: vec![victim, city],
            ..Doc::default()
        };
        sc.exclusive_stories(&late);
        assert_eq!(sc.exclusive, vec![1]);
        assert_eq!(sc.named, vec![1]);
        // Held by one document only: named, but no pattern yet.
        sc.vocab.df[victim as usize] = 1;
        sc.exclusive_stories(&late);
        assert!(sc.exclusive.is_empty());
        assert_eq!(sc.named, vec![1]);
        // Once story 2 is merged into story 0, the city's name is exclusive.
        sc.merged_into[2] = 0;
        sc.exclusive_stories(&late);
        assert_eq!(sc.exclusive, vec![0]);
    }

    #[test]
    fn merged_sparse_vectors_add_up() {
        let mut a: Ids = vec![(1, 1.0), (4, 2.0)];
        merge_into(
            &mut a,
            &vec![(2, 1.0), (4, 0.5), (9, 3.0)],
            1.0,
            &mut Vec::new(),
        );
        assert_eq!(a, vec![(1, 1.0), (2, 1.0), (4, 2.5), (9, 3.0)]);
    }

    /// Features of one dated article from its content words (`names`
    /// are its one-word names, the first also its subject).
    fn features(day: i64, words: &[&str], names: &[&str]) -> Features {
        let key = |w: &str, seed: u64| xxhash_rust::xxh3::xxh3_64_with_seed(w.as_bytes(), seed);
        let mut terms: Vec<(u64, f32)> = words.iter().map(|w| (key(w, 1), 1.0)).collect();
        terms.sort_unstable_by_key(|e| e.0);
        let mut named: Vec<(u64, f32)> = names.iter().map(|w| (key(w, 2), 1.0)).collect();
        named.sort_unstable_by_key(|e| e.0);
        Features {
            terms,
            names: named,
            day: Some(day),
            subject: names.first().map(|w| key(w, 2)),
            ..Features::default()
        }
    }

    #[test]
    fn regression_a_followed_story_does_not_stay_open() {
        // A story first reported on day 100 and followed up on day 120
        // (naming the incident's date): a new report on day 121 is 21 days
        // from the event, not one day from its last follow-up.
        let vocab = Vocab::default();
        let mut story = Story::default();
        story.add(&doc(Some(100), None, None), &vocab, &mut Vec::new());
        story.add(&doc(Some(120), None, None), &vocab, &mut Vec::new());
        assert_eq!(
            StoryRule::gap_days(&doc(Some(121), None, None), &story),
            Some(21)
        );
        assert_eq!(
            StoryRule::gap_days(&doc(Some(101), None, None), &story),
            Some(1)
        );
    }

    #[test]
    fn a_follow_up_naming_the_incident_date_is_close_in_time() {
        let story = Story {
            first_day: Some(100),
            ..Story::default()
        };
        let late = doc(Some(120), None, None);
        assert_eq!(StoryRule::gap_days(&late, &story), Some(20));
        let follow_up = Doc {
            mentioned: vec![99],
            ..late.clone()
        };
        assert_eq!(StoryRule::gap_days(&follow_up, &story), Some(1));
        // Mentioned dates do not date an undated document.
        let undated = Doc {
            day: None,
            mentioned: vec![500],
            ..Doc::default()
        };
        assert_eq!(StoryRule::gap_days(&undated, &story), None);
    }

    #[test]
    fn an_early_report_moves_to_its_own_event_when_that_event_shows() {
        // The first report of event B looks enough like event A (three
        // reports) to join it; B's second report is far from A but close
        // to B's first, which then fits B better than A and moves.
        let mut online = StoryClusterer::new(test_rule());
        let empty = Fingerprint::default();
        // Earlier news, long before, makes every word below rare.
        for k in 0..30 {
            let w = format!("filler{k}");
            online.push_features(&features(1, &[w.as_str(), "older"], &[]), &empty, None);
        }
        let a = ["quake", "coast", "tsunami", "alert", "magnitude", "ports"];
        for _ in 0..8 {
            online.push_features(&features(100, &a, &[]), &empty, None);
        }
        let b1 = ["quake", "coast", "tsunami", "mine", "collapse", "miners"];
        online.push_features(&features(100, &b1, &[]), &empty, None);
        let got = online.assignments();
        assert_eq!(got[30..], [got[30]; 9], "B's first report joins A: {got:?}");
        let b2 = ["mine", "collapse", "miners", "trapped", "rescue", "shaft"];
        online.push_features(&features(101, &b2, &[]), &empty, None);
        let got = online.assignments();
        assert_eq!(got[30..38], [got[30]; 8], "{got:?}");
        assert_eq!(got[38], got[39], "{got:?}");
        assert_ne!(got[38], got[30], "{got:?}");
    }

    #[test]
    fn reports_about_different_people_are_kept_apart() {
        // Two obituaries alike in words and places, each about a man the
        // other never names: apart. The same pair without subjects joins.
        let run = |subjects: bool| {
            let mut online = StoryClusterer::new(test_rule());
            let empty = Fingerprint::default();
            // Filler makes the two names rare among the documents seen.
            for k in 0..10 {
                let w = format!("filler{k}");
                online.push_features(&features(10, &[w.as_str()], &["Elsewhere"]), &empty, None);
            }
            let felt = ["dies", "watergate", "informant", "fbi", "deep", "throat"];
            let larue = ["dies", "watergate", "bagman", "prison", "biloxi", "hush"];
            let mut second = features(100, &larue, &["LaRue", "Nixon", "Mitchell"]);
            if !subjects {
                second.subject = None;
            }
            online.push_features(
                &features(100, &felt, &["Felt", "Nixon", "Woodward"]),
                &empty,
                None,
            );
            online.push_features(&second, &empty, None);
            let got = online.assignments();
            got[10] == got[11]
        };
        assert!(run(false), "without subjects the two join");
        assert!(!run(true), "with subjects they stay apart");
    }

    #[test]
    fn centroid_sums_unit_vectors() {
        let mut c = Ids::new();
        let mut scratch = Ids::new();
        add_unit(&mut c, &vec![(1, 3.0), (5, 4.0)], 5.0, &mut scratch);
        add_unit(&mut c, &vec![(2, 1.0), (5, 1.0)], 2f64.sqrt(), &mut scratch);
        assert_eq!(c.len(), 3);
        assert!((c[0].1 - 0.6).abs() < 1e-6);
        assert!((c[2].1 - (0.8 + std::f32::consts::FRAC_1_SQRT_2)).abs() < 1e-5);
    }

    #[test]
    fn dot_walks_or_searches_the_centroid_alike() {
        let doc: Ids = vec![(3, 1.0), (40, 2.0), (77, 1.0)];
        let mut dense = vec![0.0f32; 100];
        for &(id, w) in &doc {
            dense[id as usize] = w;
        }
        let short: Ids = vec![(3, 2.0), (50, 1.0), (77, 1.0)];
        assert_eq!(dot(&doc, &dense, &short), 3.0);
        // A centroid long enough to be searched rather than walked.
        let long: Ids = (0..100).map(|i| (i, 1.0)).collect();
        assert!(long.len() > 8 * doc.len() + 32);
        assert_eq!(dot(&doc, &dense, &long), 4.0);
        assert_eq!(cosine(0.0, 1.0, 1.0), 0.0);
        assert_eq!(cosine(1.0, 0.0, 1.0), 0.0);
    }

    #[test]
    fn idf_is_smoothed_and_falls_with_document_frequency() {
        let mut vocab = Vocab::default();
        let (a, b) = (vocab.intern(10), vocab.intern(20));
        assert_eq!(vocab.intern(10), a, "interning is stable");
        for _ in 0..3 {
            vocab.add(&Doc {
                terms: vec![(a, 1.0)],
                ..Doc::default()
            });
        }
        // ln((1 + 3) / (1 + 3)) + 1 and ln((1 + 3) / 1) + 1.
        assert!((vocab.idf(a) - 1.0).abs() < 1e-12);
        assert!((vocab.idf(b) - (4.0f64.ln() + 1.0)).abs() < 1e-12);
    }

    #[test]
    fn shingle_index_drops_shingles_once_common() {
        let mut rule = test_rule();
        rule.family_max_df = 2;
        rule.family_max_df_fraction = 0.0;
        let mut sc = StoryClusterer::new(rule);
        let fp = Fingerprint {
            shingles: vec![7],
            ..Fingerprint::default()
        };
        sc.copied_stories(0, &fp);
        assert_eq!(sc.shingles.get(&7), Some(&0));
        sc.copied_stories(1, &fp);
        assert_eq!(sc.shingles.get(&7), Some(&LIST));
        assert_eq!(sc.shingle_lists[0], vec![0, 1]);
        assert_eq!(sc.counts.get(&0), Some(&1), "the earlier holder counts");
        sc.copied_stories(2, &fp);
        assert_eq!(sc.shingles.get(&7), Some(&DROPPED));
        assert_eq!(sc.counts.len(), 2, "counted before being dropped");
        sc.copied_stories(3, &fp);
        assert!(sc.counts.is_empty(), "a dropped shingle is no evidence");
    }
}
