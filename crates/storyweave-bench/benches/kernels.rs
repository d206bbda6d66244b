//! Kernel benchmarks (divan), throughput in bytes of article text, on 400
//! generated articles (about 1.3 MB). Run: `cargo bench -p storyweave-bench`.

use std::hint::black_box;
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use storyweave_bench::Generator;
use storyweave_cluster::dedup::Deduper;
use storyweave_fingerprint::{
    Fingerprint, Fingerprinter, LshIndex, LshParams, Scratch, signature, word_hashes,
};

fn main() {
    divan::main();
}

/// The benchmark corpus: article texts.
fn texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let g = Generator::builder().articles(400).seed(1).build();
        g.generate().0.into_iter().map(|a| a.text).collect()
    })
}

fn bytes() -> BytesCount {
    BytesCount::new(texts().iter().map(String::len).sum::<usize>())
}

fn raw() -> Fingerprinter {
    Fingerprinter::builder().raw_text(true).build()
}

/// Raw-text fingerprints (with shingle sets) of the corpus.
fn fingerprints() -> &'static [Fingerprint] {
    static F: OnceLock<Vec<Fingerprint>> = OnceLock::new();
    F.get_or_init(|| texts().iter().map(|t| raw().fingerprint(t)).collect())
}

/// `storyweave_text::normalize_inline` over every article.
#[divan::bench]
fn normalize(b: Bencher<'_, '_>) {
    b.counter(bytes()).bench(|| {
        for t in texts() {
            black_box(storyweave_text::normalize_inline(t, 0));
        }
    });
}

/// `storyweave_text::words` (the normalized-text tokenizer), counting words.
#[divan::bench]
fn tokenize_words(b: Bencher<'_, '_>) {
    b.counter(bytes()).bench(|| {
        for t in texts() {
            black_box(storyweave_text::words(t).count());
        }
    });
}

/// Raw-text tokenizer with word hashing (one xxh3 per case-folded word).
#[divan::bench]
fn tokenize_hash_raw(b: Bencher<'_, '_>) {
    let mut buf = Vec::new();
    b.counter(bytes()).bench_local(|| {
        let mut acc = 0u64;
        for t in texts() {
            storyweave_fingerprint::raw::for_each_word(t, &mut buf, |h| acc ^= h);
        }
        black_box(acc)
    });
}

/// Normalized-text word hashes (`storyweave_text::words` + fold + xxh3).
#[divan::bench]
fn word_hashes_normalized(b: Bencher<'_, '_>) {
    b.counter(bytes()).bench(|| {
        for t in texts() {
            black_box(word_hashes(t));
        }
    });
}

/// Shingle hashing into sorted unique shingle sets (raw text), plus MinHash.
#[divan::bench]
fn fingerprint_with_shingle_set(b: Bencher<'_, '_>) {
    let f = raw();
    let mut scratch = Scratch::new();
    b.counter(bytes()).bench_local(|| {
        for t in texts() {
            black_box(f.fingerprint_with(t, &mut scratch));
        }
    });
}

/// MinHash (OPH, 128 slots) of precomputed shingle sets.
#[divan::bench]
fn minhash_signature(b: Bencher<'_, '_>) {
    let fps = fingerprints();
    b.counter(bytes()).bench(|| {
        for f in fps {
            black_box(signature(&f.shingles, 128));
        }
    });
}

/// The whole fast path of one article: raw text to signature in a flat
/// array (tokenize + hash + shingle + MinHash), single thread.
#[divan::bench]
fn sketch_raw_article(b: Bencher<'_, '_>) {
    let f = raw();
    let mut scratch = Scratch::new();
    let mut flat = Vec::with_capacity(128 * texts().len());
    b.counter(bytes()).bench_local(|| {
        flat.clear();
        for t in texts() {
            black_box(f.sketch_into(t, &mut scratch, &mut flat));
        }
    });
}

/// The fast path plus the shingle hashes of every article (32 bits each,
/// for exact verification of candidates), single thread.
#[divan::bench]
fn sketch_raw_article_with_shingles(b: Bencher<'_, '_>) {
    let f = raw();
    let mut scratch = Scratch::new();
    let mut flat = Vec::with_capacity(128 * texts().len());
    let mut shingles = Vec::with_capacity(texts().iter().map(String::len).sum::<usize>() / 5);
    b.counter(bytes()).bench_local(|| {
        flat.clear();
        shingles.clear();
        for t in texts() {
            black_box(f.sketch_with_shingles_into(t, &mut scratch, &mut flat, &mut shingles));
        }
    });
}

/// LSH: insert every signature and list candidate pairs.
#[divan::bench]
fn lsh_insert_candidates(b: Bencher<'_, '_>) {
    let fps = fingerprints();
    let params = LshParams::for_threshold(0.7, 128);
    b.counter(bytes()).bench(|| {
        let mut index = LshIndex::new(params);
        for (i, f) in fps.iter().enumerate() {
            index.insert(i as u32, &f.signature);
        }
        black_box(index.candidates())
    });
}

/// Deduplication end to end on the corpus: parallel fingerprinting
/// (`add_batch`), then LSH, verification and union-find (`finish`).
#[divan::bench]
fn dedup_end_to_end(b: Bencher<'_, '_>) {
    let docs: Vec<(String, &str, Option<storyweave_text::Date>)> = texts()
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("d{i}"), t.as_str(), None))
        .collect();
    b.counter(bytes()).bench(|| {
        let mut d = Deduper::default();
        d.add_batch(&docs);
        black_box(d.finish())
    });
}

/// Grouping alone: LSH, verification and union-find of 400 added documents
/// (the documents are added outside the timed part).
#[divan::bench]
fn dedup_finish_lsh_unionfind(b: Bencher<'_, '_>) {
    b.counter(bytes())
        .with_inputs(|| {
            let mut d = Deduper::default();
            for (i, t) in texts().iter().enumerate() {
                d.add(format!("d{i}"), t, None);
            }
            d
        })
        .bench_local_values(|d| black_box(d.finish()));
}
