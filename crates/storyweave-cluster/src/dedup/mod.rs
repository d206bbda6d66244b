//! Streaming near-duplicate deduplication for corpus pipelines: the engine
//! behind `storyweave dedup`.
//!
//! # What is kept per document
//! Documents are fingerprinted as they arrive ([`Deduper::add`], or in
//! parallel with [`Deduper::add_batch`]) and only what verification needs is
//! kept in memory: the MinHash signature (appended to one flat `Vec<u32>`),
//! the shingle count, the date and the id — never the text. With the default
//! 128 slots that is 512 bytes of signature plus about 40 bytes and the id
//! per document. For exact verification (on by default) the shingle hashes
//! (32 bits each) are also appended to a spool that stays in memory up to a
//! budget and then moves to an anonymous temporary file, so memory stays
//! bounded; see [`DeduperBuilder::exact`].
//!
//! # Fast text path
//! The text is not run through extraction or normalization: words are cut
//! from the raw text by the noise-robust tokenizer of
//! [`storyweave_fingerprint::raw`] (case folded; `Russia 's` = `Russia's`;
//! markdown link targets and URLs make no words; punctuation and markup never
//! matter), hashed once each, combined into word-5-gram shingle hashes and
//! streamed into one-permutation MinHash bins.
//!
//! # Candidates, verification, groups
//! At [`Deduper::finish`], each LSH band of every signature is hashed to one
//! `u64`; band by band (bands in parallel), the `(band hash, document)`
//! entries are sorted, and documents sharing a bucket are candidate pairs (a
//! bucket larger than 200 documents, only seen with masses of identical
//! texts, is chained document to document, which still connects it). The
//! banding is tuned 0.1 below the Jaccard threshold, so that pairs at the
//! threshold are found with high probability. A candidate pair is a
//! near-duplicate pair when its Jaccard is at or above the threshold. The
//! Jaccard estimated from the two signatures (share of equal slots) decides
//! when it is far from the threshold (at least 0.2 away: more than four
//! standard errors of a 128-slot estimate); a pair closer than that is
//! verified *exactly*, from the two documents' shingle sets read back from
//! the spool, so the result does not depend on the estimate's luck. With a
//! containment threshold `c`, a pair also passes when the containment of the
//! smaller document in the larger, `|A ∩ B| / min(|A|, |B|)`, reaches `c`:
//! estimated from the estimated Jaccard `J` and the shingle counts as
//! `|A ∩ B| = J (|A| + |B|) / (1 + J)`, and checked exactly in the same
//! uncertain band. Since a trimmed reprint has a
//! low Jaccard with its source, the banding is then tuned to the Jaccard of a
//! document half as long as its source and contained in it at `c`
//! (`c / 2`, if below the threshold), minus 0.1.
//!
//! Verified pairs are joined by union-find (single linkage). In each group
//! one document is kept by the [`Keep`] policy; every document's record names
//! the kept document as its group, with its estimated Jaccard to it (which,
//! through chains of links, may be below the threshold). Documents without
//! words are never duplicates of anything: each is kept as its own group.

use rayon::prelude::*;
use storyweave_fingerprint::{
    Fingerprinter, LshParams, Scratch, intersection_size, jaccard_estimate,
};
use storyweave_text::Date;

use crate::dedup::spool::{Spool, SpoolWriter};
use crate::unionfind::UnionFind;

mod spool;

/// Which document of a group of near-duplicates is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// The one published first (documents without a date count as published
    /// after every dated one); ties go to the first in input order.
    #[default]
    Earliest,
    /// The one with the most words; ties go to the first in input order.
    Longest,
    /// The first in input order.
    First,
}

/// One output record per input document, in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupRecord {
    /// The document's id, as given.
    pub id: String,
    /// True for the document kept for its group.
    pub keep: bool,
    /// Id of the document kept for this document's group (its own id when kept).
    pub group: String,
    /// Estimated Jaccard to the kept document (1.0 for the kept one itself).
    pub similarity: f64,
}

/// Figures of one run, for the summary line and for benchmarks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DedupStats {
    /// Distinct candidate pairs found by LSH.
    pub candidate_pairs: usize,
    /// Pairs whose estimate was too close to a threshold and that were
    /// decided from their exact shingle sets.
    pub exact_checks: usize,
    /// Pairs verified as near-duplicates.
    pub near_pairs: usize,
    /// True when the shingle spool outgrew its memory budget and moved to a
    /// temporary file.
    pub spooled_to_disk: bool,
    /// Why exact verification was not available (it was turned off, or the
    /// spool could not be written or read), if so: the estimate decided.
    pub exact_unavailable: Option<String>,
}

/// Settings of deduplication; fixed once built.
#[derive(Debug, Clone)]
pub struct DeduperBuilder {
    threshold: f64,
    containment: Option<f64>,
    keep: Keep,
    slots: usize,
    shingle: usize,
    exact: bool,
    spool_memory: usize,
}

/// The streaming deduplicator; see the module documentation.
#[derive(Debug)]
pub struct Deduper {
    threshold: f64,
    containment: Option<f64>,
    keep: Keep,
    fingerprinter: Fingerprinter,
    params: LshParams,
    scratch: Scratch,
    ids: Vec<String>,
    /// `slots` values per document, back to back.
    signatures: Vec<u32>,
    /// Shingle count per document (0: no words).
    shingles: Vec<u32>,
    /// Word count per document.
    words: Vec<u32>,
    /// Days since 1970-01-01 per document; `i32::MAX` when undated.
    days: Vec<i32>,
    /// Stores the shingle hashes of every document while documents are
    /// added, for exact verification; `None` when turned off or after a
    /// spool error.
    spool_writer: Option<SpoolWriter>,
    /// Memory budget of the spool, in hashes.
    spool_budget: usize,
    /// Hashes of documents added one by one, not yet sent to the writer.
    pending: (Vec<u32>, Vec<u32>),
    /// The sealed spool, once [`Deduper::finish`] has begun.
    spool: Option<Spool>,
    /// Why there is no spool, when there should be one.
    spool_error: Option<String>,
}

/// Hashes of documents added one by one gathered before they go to the
/// spool writer together.
const PENDING_HASHES: usize = 1 << 16;

/// Estimates at least this far from a threshold decide a pair without an
/// exact check (over four standard errors of a 128-slot estimate).
const EXACT_MARGIN: f64 = 0.2;

/// One parallel chunk of [`Deduper::add_batch`]: signatures (flat),
/// `(shingles, words)` counts, and the shingle hashes with their count per
/// document (empty when exact verification is off).
type BatchPart = (Vec<u32>, Vec<(u32, u32)>, Vec<u32>, Vec<u32>);

/// Documents per parallel work unit of [`Deduper::add_batch`].
const BATCH_CHUNK: usize = 64;
/// Largest bucket listed pair by pair.
const MAX_BUCKET: usize = 200;

impl DeduperBuilder {
    /// Estimated Jaccard at or above which two documents are near-duplicates
    /// (default 0.8; clamped to `[0, 1]`, NaN reads as 0.8).
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = if threshold.is_nan() {
            0.8
        } else {
            threshold.clamp(0.0, 1.0)
        };
        self
    }

    /// Also join documents when the smaller one's estimated containment in
    /// the larger reaches this share (trimmed reprints); `None` (default)
    /// uses Jaccard alone. Clamped to `[0, 1]`; NaN reads as `None`.
    pub fn containment(mut self, containment: Option<f64>) -> Self {
        self.containment = containment
            .filter(|c| !c.is_nan())
            .map(|c| c.clamp(0.0, 1.0));
        self
    }

    /// Which document of each group is kept (default [`Keep::Earliest`]).
    pub fn keep(mut self, keep: Keep) -> Self {
        self.keep = keep;
        self
    }

    /// MinHash slots per signature (default 128: standard error of an
    /// estimate at most 0.044; 64 halves memory at about 1.4 times the
    /// error). At least 1.
    pub fn slots(mut self, slots: usize) -> Self {
        self.slots = slots.max(1);
        self
    }

    /// Words per shingle (default 5). At least 1.
    pub fn shingle(mut self, words: usize) -> Self {
        self.shingle = words.max(1);
        self
    }

    /// Verify candidate pairs whose estimate is within 0.2 of a threshold
    /// from their exact shingle sets (default `true`). Costs 4 bytes per
    /// shingle in the spool (memory up to [`DeduperBuilder::spool_memory`],
    /// a temporary file beyond); `false` decides every pair by the estimate.
    pub fn exact(mut self, exact: bool) -> Self {
        self.exact = exact;
        self
    }

    /// Bytes of shingle hashes kept in memory before the spool moves to a
    /// temporary file (default 64 MiB, about 25,000 articles of 3 KB).
    pub fn spool_memory(mut self, bytes: usize) -> Self {
        self.spool_memory = bytes;
        self
    }

    /// Fixes the settings.
    pub fn build(self) -> Deduper {
        let fingerprinter = Fingerprinter::builder()
            .shingle(self.shingle)
            .slots(self.slots)
            .raw_text(true)
            .build();
        let lsh_target = match self.containment {
            Some(c) => self.threshold.min(c / 2.0),
            None => self.threshold,
        };
        let params = LshParams::for_threshold((lsh_target - 0.1).max(0.05), fingerprinter.slots());
        Deduper {
            threshold: self.threshold,
            containment: self.containment,
            keep: self.keep,
            fingerprinter,
            params,
            scratch: Scratch::new(),
            ids: Vec::new(),
            signatures: Vec::new(),
            shingles: Vec::new(),
            words: Vec::new(),
            days: Vec::new(),
            spool_writer: None,
            spool_budget: self.spool_memory / 4,
            pending: (Vec::new(), Vec::new()),
            spool: None,
            spool_error: (!self.exact).then(|| "turned off".to_owned()),
        }
    }
}

impl Default for Deduper {
    fn default() -> Self {
        Deduper::builder().build()
    }
}

/// Saturating conversion of a count to `u32`.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A date as days since the epoch (`i32::MAX` for none).
fn day_of(date: Option<Date>) -> i32 {
    date.map_or(i32::MAX, |d| {
        i32::try_from(d.days_since_epoch()).unwrap_or(i32::MAX - 1)
    })
}

impl Deduper {
    /// Starts a builder: Jaccard 0.8, no containment, keep the earliest,
    /// 128 slots, word 5-grams.
    pub fn builder() -> DeduperBuilder {
        DeduperBuilder {
            threshold: 0.8,
            containment: None,
            keep: Keep::Earliest,
            slots: 128,
            shingle: 5,
            exact: true,
            spool_memory: 64 << 20,
        }
    }

    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no document was added.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The LSH banding used for candidates.
    pub fn params(&self) -> LshParams {
        self.params
    }

    /// Heap bytes held for the documents added so far (signatures, counts,
    /// dates and ids, by capacity): the index's memory per document times the
    /// number of documents.
    pub fn heap_bytes(&self) -> usize {
        self.signatures.capacity() * 4
            + (self.shingles.capacity() + self.words.capacity() + self.days.capacity()) * 4
            + self.ids.capacity() * std::mem::size_of::<String>()
            + self.ids.iter().map(String::capacity).sum::<usize>()
            + (self.pending.0.capacity() + self.pending.1.capacity()) * 4
            + self.spool.as_ref().map_or(0, Spool::heap_bytes)
            + if self.spool_writer.is_some() {
                self.spool_budget * 4
            } else {
                0
            }
    }

    /// True while shingle hashes are being kept for exact verification.
    fn exact_on(&self) -> bool {
        self.spool_error.is_none()
    }

    /// Queues shingle hashes for the spool (starting its writer thread on
    /// first use); on failure, gives up exact verification and remembers why
    /// (the estimate then decides every pair).
    fn spool_send(&mut self, hashes: Vec<u32>, lengths: Vec<u32>) {
        if !self.exact_on() {
            return;
        }
        if self.spool_writer.is_none() {
            match SpoolWriter::start(self.spool_budget) {
                Ok(w) => self.spool_writer = Some(w),
                Err(e) => {
                    self.spool_error = Some(format!("cannot start the spool writer: {e}"));
                    return;
                }
            }
        }
        if let Some(w) = self.spool_writer.as_mut()
            && let Err(e) = w.send(hashes, lengths)
        {
            self.spool_writer = None;
            self.spool_error = Some(format!("cannot write the shingle spool: {e}"));
        }
    }

    /// Sends the hashes of documents added one by one to the spool.
    fn flush_pending(&mut self) {
        if !self.pending.1.is_empty() {
            let (hashes, lengths) = std::mem::take(&mut self.pending);
            self.spool_send(hashes, lengths);
        }
    }

    /// Adds one document: fingerprints `text` (raw text, see the module
    /// documentation) and keeps its signature, counts, date and id.
    pub fn add(&mut self, id: String, text: &str, published: Option<Date>) {
        let info = if self.exact_on() {
            let before = self.pending.0.len();
            let info = self.fingerprinter.sketch_with_shingles_into(
                text,
                &mut self.scratch,
                &mut self.signatures,
                &mut self.pending.0,
            );
            let added = count(self.pending.0.len() - before);
            self.pending.1.push(added);
            if self.pending.0.len() >= PENDING_HASHES {
                self.flush_pending();
            }
            info
        } else {
            self.fingerprinter
                .sketch_into(text, &mut self.scratch, &mut self.signatures)
        };
        self.ids.push(id);
        self.shingles.push(count(info.shingles));
        self.words.push(count(info.words));
        self.days.push(day_of(published));
    }

    /// Adds many documents at once, fingerprinting them in parallel (rayon);
    /// the result is the same as adding them one by one in this order.
    pub fn add_batch(&mut self, docs: &[(String, &str, Option<Date>)]) {
        self.flush_pending();
        let exact = self.exact_on();
        let fingerprinter = &self.fingerprinter;
        let slots = fingerprinter.slots();
        let parts: Vec<BatchPart> = docs
            .par_chunks(BATCH_CHUNK)
            .map_init(Scratch::new, |scratch, chunk| {
                let mut sigs = Vec::with_capacity(chunk.len() * slots);
                let mut counts = Vec::with_capacity(chunk.len());
                // About one shingle per 5 bytes of text: sized once, so the
                // buffer is not regrown (and its pages not faulted twice).
                let mut hashes = if exact {
                    Vec::with_capacity(chunk.iter().map(|(_, t, _)| t.len() / 5 + 1).sum())
                } else {
                    Vec::new()
                };
                let mut lengths = Vec::with_capacity(if exact { chunk.len() } else { 0 });
                for (_, text, _) in chunk {
                    let info = if exact {
                        let before = hashes.len();
                        let info = fingerprinter.sketch_with_shingles_into(
                            text,
                            scratch,
                            &mut sigs,
                            &mut hashes,
                        );
                        lengths.push(count(hashes.len() - before));
                        info
                    } else {
                        fingerprinter.sketch_into(text, scratch, &mut sigs)
                    };
                    counts.push((count(info.shingles), count(info.words)));
                }
                (sigs, counts, hashes, lengths)
            })
            .collect();
        self.signatures.reserve(docs.len() * slots);
        for (sigs, counts, hashes, lengths) in parts {
            self.signatures.extend_from_slice(&sigs);
            for (s, w) in counts {
                self.shingles.push(s);
                self.words.push(w);
            }
            if exact {
                self.spool_send(hashes, lengths);
            }
        }
        for (id, _, date) in docs {
            self.ids.push(id.clone());
            self.days.push(day_of(*date));
        }
    }

    /// The signature of document `i` (empty when out of range).
    fn signature(&self, i: usize) -> &[u32] {
        let slots = self.fingerprinter.slots();
        self.signatures
            .get(i * slots..(i + 1) * slots)
            .unwrap_or(&[])
    }

    /// Decides whether documents `a` and `b` (both with words) are
    /// near-duplicates: by the estimate when it is far from the thresholds,
    /// otherwise from their exact shingle sets when the spool has them.
    /// Returns the decision and whether it was exact.
    fn verify(&self, a: usize, b: usize, buffers: &mut VerifyBuffers) -> (bool, bool) {
        let j = jaccard_estimate(self.signature(a), self.signature(b));
        let contained = self
            .containment
            .map(|c| (self.estimated_containment(a, b, j), c));
        let by_jaccard = decided(j, self.threshold);
        let by_containment = contained.map(|(value, c)| decided(value, c));
        match (by_jaccard, by_containment) {
            (Some(true), _) | (_, Some(Some(true))) => return (true, false),
            (Some(false), None | Some(Some(false))) => return (false, false),
            _ => {}
        }
        if let Some(near) = self.exact_pair(a, b, buffers) {
            return (near, true);
        }
        // No exact sets: the estimate decides.
        let near = j >= self.threshold || contained.is_some_and(|(value, c)| value >= c);
        (near, false)
    }

    /// Containment of the smaller document in the larger, estimated from
    /// the estimated Jaccard `j` and the shingle counts.
    fn estimated_containment(&self, a: usize, b: usize, j: f64) -> f64 {
        let (sa, sb) = (
            f64::from(self.shingles.get(a).copied().unwrap_or(0)),
            f64::from(self.shingles.get(b).copied().unwrap_or(0)),
        );
        let smaller = sa.min(sb);
        if smaller <= 0.0 {
            return 0.0;
        }
        (j * (sa + sb) / (1.0 + j) / smaller).min(1.0)
    }

    /// The exact decision for a pair from the spool, or `None` when the
    /// spool is unavailable or cannot be read.
    fn exact_pair(&self, a: usize, b: usize, buffers: &mut VerifyBuffers) -> Option<bool> {
        let spool = self.spool.as_ref()?;
        let VerifyBuffers {
            a: sa,
            b: sb,
            bytes,
        } = buffers;
        spool.read_set(a, sa, bytes).ok()?;
        spool.read_set(b, sb, bytes).ok()?;
        let (la, lb) = (sa.len(), sb.len());
        if la == 0 || lb == 0 {
            return Some(false);
        }
        let shared = intersection_size(sa, sb);
        let jaccard = shared as f64 / (la + lb - shared) as f64;
        let containment = shared as f64 / la.min(lb) as f64;
        Some(jaccard >= self.threshold || self.containment.is_some_and(|c| containment >= c))
    }

    /// Distinct candidate pairs `(a, b)`, `a < b`, from LSH banding, sorted.
    fn candidate_pairs(&self) -> Vec<(u32, u32)> {
        let n = self.ids.len();
        let LshParams { bands, rows } = self.params;
        let live: Vec<u32> = (0..n)
            .filter(|&i| self.shingles.get(i).is_some_and(|&s| s > 0))
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        let group_size = rayon::current_num_threads().max(1);
        let band_list: Vec<usize> = (0..bands).collect();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for band_group in band_list.chunks(group_size) {
            let found: Vec<Vec<(u32, u32)>> = band_group
                .par_iter()
                .map(|&band| {
                    let mut entries: Vec<(u64, u32)> = live
                        .iter()
                        .map(|&i| {
                            let values = self
                                .signature(i as usize)
                                .get(band * rows..(band + 1) * rows)
                                .unwrap_or(&[]);
                            (band_hash(band, values), i)
                        })
                        .collect();
                    entries.sort_unstable();
                    let mut out = Vec::new();
                    for bucket in entries.chunk_by(|x, y| x.0 == y.0) {
                        if bucket.len() <= MAX_BUCKET {
                            for (k, &(_, a)) in bucket.iter().enumerate() {
                                for &(_, b) in bucket.get(k + 1..).unwrap_or(&[]) {
                                    out.push((a, b));
                                }
                            }
                        } else {
                            for w in bucket.windows(2) {
                                if let [(_, a), (_, b)] = w {
                                    out.push((*a, *b));
                                }
                            }
                        }
                    }
                    out
                })
                .collect();
            for f in found {
                pairs.extend(f);
            }
            pairs.par_sort_unstable();
            pairs.dedup();
        }
        pairs
    }

    /// Groups the documents and returns one record per document in input
    /// order; see the module documentation.
    pub fn finish(self) -> Vec<DedupRecord> {
        self.finish_with_stats().0
    }

    /// Same as [`Deduper::finish`], with the run's figures.
    pub fn finish_with_stats(mut self) -> (Vec<DedupRecord>, DedupStats) {
        let n = self.ids.len();
        self.flush_pending();
        if let Some(writer) = self.spool_writer.take() {
            match writer.finish() {
                Ok(spool) => self.spool = Some(spool),
                Err(e) => {
                    self.spool_error = Some(format!("cannot write the shingle spool: {e}"));
                }
            }
        }
        let pairs = self.candidate_pairs();
        let decisions: Vec<(bool, bool)> = pairs
            .par_iter()
            .map_init(VerifyBuffers::default, |buffers, &(a, b)| {
                self.verify(a as usize, b as usize, buffers)
            })
            .collect();
        let mut uf = UnionFind::new(n);
        let mut stats = DedupStats {
            candidate_pairs: pairs.len(),
            exact_unavailable: self.spool_error.clone(),
            spooled_to_disk: self.spool.as_ref().is_some_and(Spool::spilled),
            ..DedupStats::default()
        };
        for (&(a, b), &(near, exact)) in pairs.iter().zip(&decisions) {
            stats.exact_checks += usize::from(exact);
            if near {
                stats.near_pairs += 1;
                uf.union(a as usize, b as usize);
            }
        }
        let roots = uf.labels();

        // The kept document of each group (indexed by root).
        let mut kept: Vec<usize> = (0..n).collect();
        for (i, &r) in roots.iter().enumerate() {
            if r == i {
                continue;
            }
            let Some(&current) = kept.get(r) else {
                continue;
            };
            if self.better(i, current)
                && let Some(slot) = kept.get_mut(r)
            {
                *slot = i;
            }
        }
        // Each record's group id is a copy of its kept document's id; its
        // own id moves out of the deduper.
        let groups: Vec<(usize, String)> = (0..n)
            .map(|i| {
                let k = roots
                    .get(i)
                    .and_then(|&r| kept.get(r))
                    .copied()
                    .filter(|&k| k < n)
                    .unwrap_or(i);
                (k, self.ids.get(k).cloned().unwrap_or_default())
            })
            .collect();
        let ids = std::mem::take(&mut self.ids);
        let records = ids
            .into_iter()
            .zip(groups)
            .enumerate()
            .map(|(i, (id, (k, group)))| DedupRecord {
                id,
                keep: k == i,
                group,
                similarity: if k == i {
                    1.0
                } else {
                    jaccard_estimate(self.signature(i), self.signature(k))
                },
            })
            .collect();
        (records, stats)
    }

    /// True when document `a` should be kept rather than `b` (`b < a` in
    /// input order, so ties keep `b`).
    fn better(&self, a: usize, b: usize) -> bool {
        match self.keep {
            Keep::First => a < b,
            Keep::Earliest => {
                let (da, db) = (self.days.get(a), self.days.get(b));
                (da, a) < (db, b)
            }
            Keep::Longest => {
                let (wa, wb) = (self.words.get(a), self.words.get(b));
                wa > wb || (wa == wb && a < b)
            }
        }
    }
}

/// Reused buffers of exact verification (one per worker).
#[derive(Debug, Default)]
struct VerifyBuffers {
    a: Vec<u32>,
    b: Vec<u32>,
    bytes: Vec<u8>,
}

/// `Some(at or above threshold)` when `value` is at least
/// [`EXACT_MARGIN`] away from `threshold`, `None` when too close to call.
fn decided(value: f64, threshold: f64) -> Option<bool> {
    if value >= threshold + EXACT_MARGIN {
        Some(true)
    } else if value < threshold - EXACT_MARGIN {
        Some(false)
    } else {
        None
    }
}

/// Hash of one band (its index and values) to one `u64`.
#[inline]
fn band_hash(band: usize, values: &[u32]) -> u64 {
    let mut acc = 0x6a09_e667_f3bc_c909u64 ^ (band as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &v in values {
        acc = (acc ^ u64::from(v)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        acc ^= acc >> 29;
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(seed: u64, n: usize) -> String {
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 100_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn identical_texts_group_and_unrelated_do_not() {
        let mut d = Deduper::default();
        let a = text(1, 300);
        d.add("x".into(), &a, None);
        d.add("y".into(), &text(2, 300), None);
        d.add("z".into(), &a, None);
        let r = d.finish();
        assert_eq!(r.len(), 3);
        assert!(r[0].keep && r[1].keep && !r[2].keep);
        assert_eq!(r[2].group, "x");
        assert_eq!(r[2].similarity, 1.0);
        assert_eq!(r[1].group, "y");
    }

    #[test]
    fn batch_equals_one_by_one() {
        let texts: Vec<String> = (0..200)
            .map(|i| text(i % 50, 100 + (i as usize % 7)))
            .collect();
        let docs: Vec<(String, &str, Option<Date>)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("d{i}"), t.as_str(), None))
            .collect();
        let mut one = Deduper::default();
        for (id, t, date) in &docs {
            one.add(id.clone(), t, *date);
        }
        let mut batch = Deduper::default();
        batch.add_batch(&docs[..77]);
        batch.add_batch(&docs[77..]);
        assert_eq!(one.finish(), batch.finish());
    }

    #[test]
    fn bucket_overflow_still_connects_everything() {
        let mut d = Deduper::default();
        let a = text(9, 50);
        for i in 0..(MAX_BUCKET + 50) {
            d.add(format!("d{i}"), &a, None);
        }
        let r = d.finish();
        assert!(r.iter().all(|x| x.group == "d0"));
        assert_eq!(r.iter().filter(|x| x.keep).count(), 1);
    }
}
