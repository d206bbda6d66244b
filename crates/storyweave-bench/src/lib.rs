//! Benchmark support for storyweave: a seeded generator of news-like corpora
//! with known near-duplicate groups, and pair precision/recall against them.
//!
//! # The corpus
//! Articles of about 3 KB: a headline, sometimes a dateline, and paragraphs of
//! sentences drawn from a fixed vocabulary (a hundred function words and
//! 40,000 generated content words with Zipf-like frequencies, person names,
//! places, numbers, quotations with speakers, possessives and contractions).
//! The vocabulary is large enough that unrelated articles share almost no
//! word 5-grams.
//!
//! A share of the articles (`dup_share`) are syndicated *copies* of an
//! original, each with realistic edits: a few words changed, a paragraph
//! dropped or added, tokenizer noise (`Russia 's`, `do n't`, ` ,`), markdown
//! noise (`[Name](url)`, `**`, `# ` headings), case changes, and for a
//! minority heavier rewrites. Copies are published on the same day as their
//! original or up to three days later, by another outlet.
//!
//! # The truth
//! Nothing about the edits is assumed: the generator measures. For every
//! *family* (an original and its copies) it computes the exact Jaccard of the
//! word-5-gram sets of every pair of members, with the shingles of
//! [`storyweave_fingerprint`] in raw-text mode (the tokenization corpus
//! deduplication uses, which by design does not see tokenizer or markdown
//! noise). The true groups are the connected components of the pairs at or
//! above the threshold (what an exact single-linkage deduplicator would
//! find); a group is named by the id of its first member in corpus order.
//! Articles of different families are unrelated by construction.
//!
//! # Determinism
//! The corpus is made in chunks of [`CHUNK`] articles; chunk `c` depends only
//! on the seed and `c` (its own splitmix64 stream), and families never cross a
//! chunk, so the output is identical for a seed whatever the number of
//! threads.

use std::collections::HashSet;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use storyweave_fingerprint::{Fingerprinter, jaccard};
use storyweave_text::Date;

/// Articles per independently seeded chunk.
pub const CHUNK: usize = 1000;

/// A small, fast, seedable PRNG (splitmix64): good enough statistics for
/// text generation, and fully reproducible.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index in `0..n` with probability about proportional to
    /// `1 / (index + 1)` (Zipf with exponent 1).
    pub fn zipf(&mut self, n: usize) -> usize {
        self.zipf_mandelbrot(n, 1.0)
    }

    /// An index in `0..n` with probability about proportional to
    /// `1 / (index + q)` (Zipf–Mandelbrot: a larger `q` flattens the head),
    /// by inverting the continuous distribution.
    pub fn zipf_mandelbrot(&mut self, n: usize, q: f64) -> usize {
        if n <= 1 {
            return 0;
        }
        let q = if q.is_finite() && q > 0.0 { q } else { 1.0 };
        let x = q * (((n as f64 + q) / q).ln() * self.unit()).exp() - q;
        (x as usize).min(n - 1)
    }

    /// A uniformly chosen element of a non-empty slice (`None` when empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// One generated article, in storyweave's JSONL input format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Unique id (`a0000042`).
    pub id: String,
    /// Body text: headline line, paragraphs separated by blank lines.
    pub text: String,
    /// Publication date (`YYYY-MM-DD`).
    pub published: Date,
    /// Outlet name.
    pub source: String,
}

/// The truth about one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Truth {
    /// The article's id.
    pub id: String,
    /// Id of the first member (in corpus order) of its true near-duplicate
    /// group; its own id when it has no near-duplicate.
    pub group: String,
    /// Id of the original the article was copied from (its own id for an
    /// original).
    pub family: String,
    /// Exact word-5-gram Jaccard to the original; only for copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jaccard: Option<f64>,
}

/// Settings of the generator; fixed once built.
#[derive(Debug, Clone)]
pub struct GeneratorBuilder {
    articles: usize,
    seed: u64,
    dup_share: f64,
    threshold: f64,
}

/// Generates a corpus and its truth; see the crate documentation.
#[derive(Debug)]
pub struct Generator {
    settings: GeneratorBuilder,
    vocab: Vocabulary,
    fingerprinter: Fingerprinter,
}

impl GeneratorBuilder {
    /// Number of articles (default 1,000).
    pub fn articles(mut self, n: usize) -> Self {
        self.articles = n;
        self
    }

    /// Seed of everything random (default 1).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Share of the articles that are copies of another (default 0.3; clamped
    /// to `[0, 0.8]`, NaN reads as 0.3).
    pub fn dup_share(mut self, share: f64) -> Self {
        self.dup_share = if share.is_nan() {
            0.3
        } else {
            share.clamp(0.0, 0.8)
        };
        self
    }

    /// Jaccard at or above which two articles of a family are true
    /// near-duplicates (default 0.8; clamped to `[0, 1]`, NaN reads as 0.8).
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = if threshold.is_nan() {
            0.8
        } else {
            threshold.clamp(0.0, 1.0)
        };
        self
    }

    /// Fixes the settings and builds the vocabulary.
    pub fn build(self) -> Generator {
        Generator {
            settings: self,
            vocab: Vocabulary::new(),
            fingerprinter: Fingerprinter::builder().raw_text(true).build(),
        }
    }
}

/// Figures of a written corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CorpusStats {
    /// Articles written.
    pub articles: usize,
    /// Bytes of article text (not counting JSON framing).
    pub text_bytes: usize,
    /// Articles that are copies of another.
    pub copies: usize,
    /// Articles whose true group has more than one member.
    pub grouped: usize,
}

impl Generator {
    /// Starts a builder with the defaults.
    pub fn builder() -> GeneratorBuilder {
        GeneratorBuilder {
            articles: 1000,
            seed: 1,
            dup_share: 0.3,
            threshold: 0.8,
        }
    }

    /// Number of chunks of the corpus.
    pub fn chunks(&self) -> usize {
        self.settings.articles.div_ceil(CHUNK)
    }

    /// The articles of chunk `c` with their truth, in corpus order.
    pub fn chunk(&self, c: usize) -> Vec<(Article, Truth)> {
        let first = c.saturating_mul(CHUNK);
        let len = self.settings.articles.saturating_sub(first).min(CHUNK);
        let mut rng =
            SplitMix64::new(self.settings.seed ^ (c as u64).wrapping_mul(0xd6e8_feb8_6659_fd93));
        // Warm up so that nearby seeds diverge at once.
        rng.next_u64();
        let copies_wanted = (len as f64 * self.settings.dup_share).round() as usize;

        // Families: (original, copies), each member a list of paragraphs.
        struct Member {
            text: String,
            day: i64,
            source: usize,
            family: usize,
            copy: bool,
        }
        let mut members: Vec<Member> = Vec::with_capacity(len);
        let mut families = 0usize;
        let mut copies = 0usize;
        while members.len() < len {
            let doc = self.vocab.article(&mut rng);
            let day = 20_089 + rng.below(365) as i64; // 2025-01-01 + up to a year
            let source = rng.below(OUTLETS);
            let room = len - members.len() - 1;
            let mut n_copies = 0;
            if copies < copies_wanted && room > 0 {
                n_copies = [1, 1, 1, 2, 2, 3, 4][rng.below(7)]
                    .min(copies_wanted - copies)
                    .min(room);
            }
            members.push(Member {
                text: doc.render(),
                day,
                source,
                family: families,
                copy: false,
            });
            for _ in 0..n_copies {
                let copy = self.vocab.edit(&doc, &mut rng);
                members.push(Member {
                    text: copy.render(),
                    day: day + rng.below(4) as i64,
                    source: (source + 1 + rng.below(OUTLETS - 1)) % OUTLETS,
                    family: families,
                    copy: true,
                });
            }
            copies += n_copies;
            families += 1;
        }
        // Shuffle the chunk (Fisher-Yates) so copies are spread out.
        for i in (1..members.len()).rev() {
            let j = rng.below(i + 1);
            members.swap(i, j);
        }
        let id_of = |pos: usize| format!("a{:07}", first + pos);

        // Truth: exact Jaccard inside each family, components at threshold.
        let shingles: Vec<Vec<u64>> = members
            .iter()
            .map(|m| self.fingerprinter.fingerprint(&m.text).shingles)
            .collect();
        let mut by_family: Vec<Vec<usize>> = vec![Vec::new(); families];
        for (pos, m) in members.iter().enumerate() {
            if let Some(list) = by_family.get_mut(m.family) {
                list.push(pos);
            }
        }
        let mut group: Vec<usize> = (0..members.len()).collect();
        let mut jaccard_to_original: Vec<Option<f64>> = vec![None; members.len()];
        let mut family_original: Vec<usize> = (0..members.len()).collect();
        let empty: Vec<u64> = Vec::new();
        let set = |i: usize| shingles.get(i).unwrap_or(&empty);
        for list in &by_family {
            let original = list
                .iter()
                .copied()
                .find(|&p| members.get(p).is_some_and(|m| !m.copy))
                .unwrap_or(0);
            for &p in list {
                if let Some(slot) = family_original.get_mut(p) {
                    *slot = original;
                }
                if p != original
                    && let Some(slot) = jaccard_to_original.get_mut(p)
                {
                    *slot = Some(jaccard(set(p), set(original)));
                }
            }
            // Components of the pairs at or above the threshold; members are
            // in corpus order, so the label is the smallest position.
            let mut label: Vec<usize> = list.clone();
            let mut changed = true;
            while changed {
                changed = false;
                for a in 0..list.len() {
                    for b in a + 1..list.len() {
                        let (pa, pb) = (list.get(a).copied(), list.get(b).copied());
                        let (Some(pa), Some(pb)) = (pa, pb) else {
                            continue;
                        };
                        let (la, lb) = (label.get(a).copied(), label.get(b).copied());
                        let (Some(la), Some(lb)) = (la, lb) else {
                            continue;
                        };
                        if la != lb && jaccard(set(pa), set(pb)) >= self.settings.threshold {
                            let m = la.min(lb);
                            for l in label.iter_mut() {
                                if *l == la || *l == lb {
                                    *l = m;
                                }
                            }
                            changed = true;
                        }
                    }
                }
            }
            for (&p, &l) in list.iter().zip(&label) {
                if let Some(slot) = group.get_mut(p) {
                    *slot = l;
                }
            }
        }

        members
            .into_iter()
            .enumerate()
            .map(|(pos, m)| {
                let article = Article {
                    id: id_of(pos),
                    text: m.text,
                    published: Date::from_days_since_epoch(m.day),
                    source: outlet_name(m.source),
                };
                let truth = Truth {
                    id: id_of(pos),
                    group: id_of(group.get(pos).copied().unwrap_or(pos)),
                    family: id_of(family_original.get(pos).copied().unwrap_or(pos)),
                    jaccard: jaccard_to_original.get(pos).copied().flatten(),
                };
                (article, truth)
            })
            .collect()
    }

    /// The whole corpus in memory (chunks made in parallel).
    pub fn generate(&self) -> (Vec<Article>, Vec<Truth>) {
        let chunks: Vec<Vec<(Article, Truth)>> = (0..self.chunks())
            .into_par_iter()
            .map(|c| self.chunk(c))
            .collect();
        chunks.into_iter().flatten().unzip()
    }

    /// Writes the corpus as JSONL (`{"id","text","published","source"}`) to
    /// `corpus` and the truth as JSONL (`{"id","group","family","jaccard"?}`)
    /// to `truth`, generating chunks in parallel a batch at a time (memory
    /// stays bounded) and writing them in order.
    pub fn write_jsonl(
        &self,
        corpus: &mut impl Write,
        truth: &mut impl Write,
    ) -> io::Result<CorpusStats> {
        let mut stats = CorpusStats::default();
        let batch = 4 * rayon::current_num_threads().max(1);
        let mut next = 0;
        while next < self.chunks() {
            let end = (next + batch).min(self.chunks());
            let rendered: Vec<io::Result<RenderedChunk>> = (next..end)
                .into_par_iter()
                .map(|c| {
                    let mut a = Vec::with_capacity(CHUNK * 3400);
                    let mut t = Vec::with_capacity(CHUNK * 80);
                    let mut s = CorpusStats::default();
                    let items = self.chunk(c);
                    let mut sizes: std::collections::HashMap<&str, usize> = Default::default();
                    for (_, tr) in &items {
                        *sizes.entry(tr.group.as_str()).or_default() += 1;
                    }
                    for (article, tr) in &items {
                        serde_json::to_writer(&mut a, article)?;
                        a.push(b'\n');
                        serde_json::to_writer(&mut t, tr)?;
                        t.push(b'\n');
                        s.articles += 1;
                        s.text_bytes += article.text.len();
                        s.copies += usize::from(tr.family != tr.id);
                        s.grouped +=
                            usize::from(sizes.get(tr.group.as_str()).copied().unwrap_or(0) > 1);
                    }
                    Ok((a, t, s))
                })
                .collect();
            for r in rendered {
                let (a, t, s) = r?;
                corpus.write_all(&a)?;
                truth.write_all(&t)?;
                stats.articles += s.articles;
                stats.text_bytes += s.text_bytes;
                stats.copies += s.copies;
                stats.grouped += s.grouped;
            }
            next = end;
        }
        corpus.flush()?;
        truth.flush()?;
        Ok(stats)
    }
}

/// One chunk as corpus JSONL, truth JSONL and its figures.
type RenderedChunk = (Vec<u8>, Vec<u8>, CorpusStats);

/// Pair-counting scores of a predicted partition against a true one.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairScores {
    /// Pairs in the same true group.
    pub true_pairs: u64,
    /// Pairs in the same predicted group.
    pub predicted_pairs: u64,
    /// Pairs in the same group in both.
    pub correct_pairs: u64,
}

impl PairScores {
    /// Share of predicted pairs that are true (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted_pairs == 0 {
            1.0
        } else {
            self.correct_pairs as f64 / self.predicted_pairs as f64
        }
    }

    /// Share of true pairs that were predicted (1 when there are none).
    pub fn recall(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.correct_pairs as f64 / self.true_pairs as f64
        }
    }
}

/// Compares two partitions given as one group label per item (same order,
/// same length; extra items of the longer one are ignored), by counting pairs
/// of items: without listing pairs, through the sizes of groups and of their
/// intersections.
pub fn pair_scores<A: AsRef<str>, B: AsRef<str>>(truth: &[A], predicted: &[B]) -> PairScores {
    use std::collections::HashMap;
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut t: HashMap<&str, u64> = HashMap::new();
    let mut p: HashMap<&str, u64> = HashMap::new();
    let mut both: HashMap<(&str, &str), u64> = HashMap::new();
    for (a, b) in truth.iter().zip(predicted) {
        *t.entry(a.as_ref()).or_default() += 1;
        *p.entry(b.as_ref()).or_default() += 1;
        *both.entry((a.as_ref(), b.as_ref())).or_default() += 1;
    }
    PairScores {
        true_pairs: t.values().map(|&n| pairs(n)).sum(),
        predicted_pairs: p.values().map(|&n| pairs(n)).sum(),
        correct_pairs: both.values().map(|&n| pairs(n)).sum(),
    }
}

// ---------------------------------------------------------------------------
// Vocabulary and text.

/// Number of outlets articles are attributed to.
const OUTLETS: usize = 120;

/// Outlet number `i` as a name.
fn outlet_name(i: usize) -> String {
    const KINDS: [&str; 8] = [
        "Courier", "Herald", "Times", "Post", "Tribune", "Gazette", "Observer", "Ledger",
    ];
    const TOWNS: [&str; 15] = [
        "Northfield",
        "Eastport",
        "Riverside",
        "Lakeview",
        "Hillcrest",
        "Bayside",
        "Westbrook",
        "Fairmont",
        "Greenville",
        "Ashford",
        "Kingsbridge",
        "Millbrook",
        "Oakdale",
        "Pinecrest",
        "Stonehaven",
    ];
    let town = TOWNS.get(i % TOWNS.len()).copied().unwrap_or("Metro");
    let kind = KINDS
        .get(i / TOWNS.len() % KINDS.len())
        .copied()
        .unwrap_or("News");
    format!("The {town} {kind}")
}

const FUNCTION_WORDS: [&str; 64] = [
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by",
    "at", "from", "it", "his", "her", "their", "has", "have", "had", "be", "been", "are", "were",
    "will", "would", "could", "not", "but", "or", "an", "this", "which", "who", "after", "before",
    "over", "into", "about", "than", "more", "also", "its", "they", "he", "she", "we", "our",
    "under", "between", "during", "while", "since", "against", "some", "many", "most", "other",
    "new", "last", "first",
];
const CONTRACTIONS: [&str; 8] = [
    "don't", "didn't", "won't", "can't", "isn't", "wasn't", "doesn't", "aren't",
];
const SPEECH: [&str; 6] = [
    "said",
    "told reporters",
    "added",
    "said in a statement",
    "wrote",
    "noted",
];
const ONSETS: [&str; 30] = [
    "b", "br", "c", "ch", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
    "pl", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "sk",
];
const VOWELS: [&str; 10] = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"];
const SUFFIXES: [&str; 10] = ["", "", "", "s", "ed", "ing", "tion", "er", "al", "ment"];

/// The word lists of the generator; the same for every seed.
#[derive(Debug)]
struct Vocabulary {
    content: Vec<String>,
    names: Vec<String>,
    places: Vec<String>,
}

/// A pseudo-word of `syllables` syllables.
fn pseudo_word(rng: &mut SplitMix64, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.pick(&ONSETS).copied().unwrap_or("b"));
        w.push_str(rng.pick(&VOWELS).copied().unwrap_or("a"));
    }
    w
}

/// `word` with its first letter in upper case.
fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One article as paragraphs of tokens (a token is a word with the
/// punctuation attached to it, as it is printed).
#[derive(Debug, Clone)]
struct Doc {
    headline: Vec<String>,
    dateline: Option<String>,
    paragraphs: Vec<Vec<String>>,
}

impl Doc {
    /// The article text.
    fn render(&self) -> String {
        let mut s = String::with_capacity(3400);
        s.push_str(&self.headline.join(" "));
        s.push_str("\n\n");
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                s.push_str("\n\n");
            }
            if i == 0
                && let Some(d) = &self.dateline
            {
                s.push_str(d);
                s.push_str(" - ");
            }
            s.push_str(&p.join(" "));
        }
        s.push('\n');
        s
    }
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut rng = SplitMix64::new(0x005e_ed0f_70ca_b017);
        let mut seen: HashSet<String> = FUNCTION_WORDS.iter().map(|w| (*w).to_owned()).collect();
        let mut content = Vec::with_capacity(40_000);
        while content.len() < 40_000 {
            let syl = 1 + rng.below(3);
            let mut w = pseudo_word(&mut rng, syl);
            w.push_str(rng.pick(&SUFFIXES).copied().unwrap_or(""));
            if w.len() >= 3 && seen.insert(w.clone()) {
                content.push(w);
            }
        }
        let mut names = Vec::with_capacity(3000);
        while names.len() < 3000 {
            let syl = 2 + rng.below(2);
            let n = capitalized(&pseudo_word(&mut rng, syl));
            if seen.insert(n.to_lowercase()) {
                names.push(n);
            }
        }
        let mut places = Vec::with_capacity(600);
        while places.len() < 600 {
            let syl = 2 + rng.below(2);
            let mut p = capitalized(&pseudo_word(&mut rng, syl));
            p.push_str(["", "ia", "burg", "stan", "ville"][rng.below(5)]);
            if seen.insert(p.to_lowercase()) {
                places.push(p);
            }
        }
        Vocabulary {
            content,
            names,
            places,
        }
    }

    fn name(&self, rng: &mut SplitMix64) -> String {
        let first = self
            .names
            .get(rng.zipf_mandelbrot(self.names.len(), 10.0))
            .map_or("Ann", String::as_str);
        let last = self
            .names
            .get(rng.below(self.names.len()))
            .map_or("Lee", String::as_str);
        format!("{first} {last}")
    }

    fn place(&self, rng: &mut SplitMix64) -> String {
        self.places
            .get(rng.zipf_mandelbrot(self.places.len(), 5.0))
            .cloned()
            .unwrap_or_else(|| "Metro".to_owned())
    }

    fn number(rng: &mut SplitMix64) -> String {
        match rng.below(5) {
            0 => format!("{},{:03}", 1 + rng.below(99), rng.below(1000)),
            1 => format!("{}.{}", rng.below(100), rng.below(10)),
            2 => format!("{}", 1990 + rng.below(40)),
            3 => format!("{} percent", 1 + rng.below(99)),
            _ => format!("{}", 2 + rng.below(500)),
        }
    }

    /// Tokens of a clause of about `n` words (no final punctuation).
    fn clause(&self, rng: &mut SplitMix64, n: usize, quoted: bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(n + 4);
        while out.len() < n {
            let r = rng.unit();
            let mut tok = if r < 0.40 {
                FUNCTION_WORDS
                    .get(rng.zipf(FUNCTION_WORDS.len()))
                    .copied()
                    .unwrap_or("the")
                    .to_owned()
            } else if r < 0.90 {
                self.content
                    .get(rng.zipf_mandelbrot(self.content.len(), 30.0))
                    .cloned()
                    .unwrap_or_default()
            } else if r < 0.94 {
                let mut name = self.name(rng);
                if rng.chance(0.3) {
                    name.push_str("'s");
                }
                name
            } else if r < 0.97 {
                let mut place = self.place(rng);
                if rng.chance(0.25) {
                    place.push_str("'s");
                }
                place
            } else if quoted && r < 0.985 {
                CONTRACTIONS
                    .get(rng.below(CONTRACTIONS.len()))
                    .copied()
                    .unwrap_or("don't")
                    .to_owned()
            } else {
                Self::number(rng)
            };
            if out.len() + 1 < n && rng.chance(0.06) {
                tok.push(',');
            }
            out.push(tok);
        }
        out
    }

    /// Tokens of one sentence.
    fn sentence(&self, rng: &mut SplitMix64) -> Vec<String> {
        let n = 10 + rng.below(16);
        if rng.chance(0.2) {
            // "Quoted words," Name said.
            let mut toks = self.clause(rng, n, true);
            if let Some(first) = toks.first_mut() {
                *first = format!("\"{}", capitalized(first));
            }
            if let Some(last) = toks.last_mut() {
                let t = last.trim_end_matches(',').to_owned();
                *last = format!("{t},\"");
            }
            toks.extend(self.name(rng).split(' ').map(str::to_owned));
            let speech = SPEECH
                .get(rng.below(SPEECH.len()))
                .copied()
                .unwrap_or("said");
            toks.extend(speech.split(' ').map(str::to_owned));
            if let Some(last) = toks.last_mut() {
                last.push('.');
            }
            toks
        } else {
            let mut toks = self.clause(rng, n, false);
            if let Some(first) = toks.first_mut() {
                *first = capitalized(first);
            }
            if let Some(last) = toks.last_mut() {
                let t = last.trim_end_matches(',').to_owned();
                *last = format!("{t}.");
            }
            toks
        }
    }

    /// One paragraph: one to three sentences.
    fn paragraph(&self, rng: &mut SplitMix64) -> Vec<String> {
        let mut p = Vec::new();
        for _ in 0..1 + rng.below(3) {
            p.extend(self.sentence(rng));
        }
        p
    }

    /// A fresh article of about 3 KB.
    fn article(&self, rng: &mut SplitMix64) -> Doc {
        let len = 6 + rng.below(6);
        let mut headline = self.clause(rng, len, false);
        for t in &mut headline {
            *t = capitalized(t.trim_end_matches(','));
        }
        let dateline = rng.chance(0.5).then(|| self.place(rng));
        let target = 2600 + rng.below(900);
        let mut size = 0;
        let mut paragraphs = Vec::new();
        while size < target {
            let p = self.paragraph(rng);
            size += p.iter().map(|t| t.len() + 1).sum::<usize>() + 1;
            paragraphs.push(p);
        }
        Doc {
            headline,
            dateline,
            paragraphs,
        }
    }

    /// A syndicated copy of `doc` with realistic edits.
    fn edit(&self, doc: &Doc, rng: &mut SplitMix64) -> Doc {
        let mut d = doc.clone();
        let heavy = rng.chance(0.15);
        // Words changed (a few, or many for a rewrite).
        let total: usize = d.paragraphs.iter().map(Vec::len).sum();
        let changes = if heavy {
            total * (5 + rng.below(20)) / 100
        } else {
            rng.below(7)
        };
        for _ in 0..changes {
            let pi = rng.below(d.paragraphs.len());
            if let Some(p) = d.paragraphs.get_mut(pi) {
                let ti = rng.below(p.len());
                let word = self
                    .content
                    .get(rng.zipf_mandelbrot(self.content.len(), 30.0))
                    .cloned()
                    .unwrap_or_default();
                if let Some(t) = p.get_mut(ti) {
                    // Keep the punctuation attached to the replaced word.
                    let tail: String = t
                        .chars()
                        .rev()
                        .take_while(|c| !c.is_alphanumeric())
                        .collect();
                    *t = word + &tail.chars().rev().collect::<String>();
                }
            }
        }
        // A paragraph dropped, or a trimmed ending.
        if d.paragraphs.len() > 3 && rng.chance(if heavy { 0.8 } else { 0.3 }) {
            let pi = rng.below(d.paragraphs.len());
            d.paragraphs.remove(pi);
        }
        if heavy && d.paragraphs.len() > 4 && rng.chance(0.5) {
            let keep = d.paragraphs.len() * 2 / 3;
            d.paragraphs.truncate(keep);
        }
        // A paragraph added (an editor's note or an extra detail).
        if rng.chance(if heavy { 0.6 } else { 0.25 }) {
            let pi = rng.below(d.paragraphs.len() + 1);
            let p = self.paragraph(rng);
            d.paragraphs.insert(pi.min(d.paragraphs.len()), p);
        }
        // Tokenizer noise: split clitics and spaced commas/periods.
        if rng.chance(0.35) {
            for p in &mut d.paragraphs {
                let mut out = Vec::with_capacity(p.len() + 8);
                for t in p.drain(..) {
                    split_tokens(t, &mut out);
                }
                *p = out;
            }
        }
        // Markdown noise: linked names, bold lead, heading.
        if rng.chance(0.35) {
            if let Some(first) = d.headline.first_mut() {
                *first = format!("# {first}");
            }
            if let Some(p) = d.paragraphs.first_mut()
                && let (Some(_), Some(_)) = (p.first(), p.last())
            {
                if let Some(f) = p.first_mut() {
                    *f = format!("**{f}");
                }
                if let Some(l) = p.last_mut() {
                    l.push_str("**");
                }
            }
            for p in &mut d.paragraphs {
                for t in p.iter_mut() {
                    if t.chars().next().is_some_and(char::is_uppercase)
                        && t.chars().all(char::is_alphabetic)
                        && rng.chance(0.15)
                    {
                        *t = format!(
                            "[{t}](https://news.example/topic/{}-{})",
                            t.to_lowercase(),
                            rng.below(10_000)
                        );
                    }
                }
            }
        }
        // Case changes: a shouted headline, a lowercased paragraph.
        if rng.chance(0.2) {
            for t in &mut d.headline {
                *t = t.to_uppercase();
            }
            let pi = rng.below(d.paragraphs.len());
            if let Some(p) = d.paragraphs.get_mut(pi) {
                for t in p.iter_mut() {
                    *t = t.to_lowercase();
                }
            }
        }
        if rng.chance(0.3) {
            d.dateline = Some(self.place(rng));
        }
        d
    }
}

/// Splits one token as a PTB tokenizer does (`Russia's` → `Russia` `'s`,
/// `don't` → `do` `n't`, `said,` → `said` `,`) into `out`.
fn split_tokens(token: String, out: &mut Vec<String>) {
    let (body, punct) = match token.strip_suffix(',') {
        Some(b) => (b.to_owned(), Some(",")),
        None => (token, None),
    };
    if let Some(stem) = body.strip_suffix("'s") {
        out.push(stem.to_owned());
        out.push("'s".to_owned());
    } else if let Some(stem) = body.strip_suffix("n't") {
        out.push(stem.to_owned());
        out.push("n't".to_owned());
    } else {
        out.push(body);
    }
    if let Some(p) = punct {
        out.push(p.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zipf_prefers_small_indices_and_stays_in_range() {
        let mut rng = SplitMix64::new(7);
        let mut counts = [0usize; 100];
        for _ in 0..100_000 {
            let i = rng.zipf(100);
            assert!(i < 100);
            counts[i] += 1;
        }
        assert!(counts[0] > counts[9] && counts[9] > counts[90]);
        assert_eq!(rng.zipf(0), 0);
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn split_tokens_splits_like_ptb() {
        let mut out = Vec::new();
        for t in ["Russia's", "don't", "said,", "plain"] {
            split_tokens(t.to_owned(), &mut out);
        }
        assert_eq!(out, ["Russia", "'s", "do", "n't", "said", ",", "plain"]);
    }

    #[test]
    fn pair_scores_count_pairs() {
        let truth = ["a", "a", "a", "b", "c"];
        let pred = ["x", "x", "y", "y", "z"];
        let s = pair_scores(&truth, &pred);
        assert_eq!(s.true_pairs, 3);
        assert_eq!(s.predicted_pairs, 2);
        assert_eq!(s.correct_pairs, 1);
        assert!((s.precision() - 0.5).abs() < 1e-12);
        assert!((s.recall() - 1.0 / 3.0).abs() < 1e-12);
        let none: [&str; 0] = [];
        assert_eq!(pair_scores(&none, &none).precision(), 1.0);
    }

    #[test]
    fn articles_are_about_three_kilobytes() {
        let g = Generator::builder().articles(50).seed(3).build();
        let items = g.chunk(0);
        assert_eq!(items.len(), 50);
        let mean = items.iter().map(|(a, _)| a.text.len()).sum::<usize>() / 50;
        assert!((2500..4000).contains(&mean), "mean {mean}");
    }
}
