//! `storyweave-gen`: writes a seeded news-like corpus (JSONL) and its true
//! near-duplicate groups (JSONL). See the `storyweave_bench` crate docs.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use storyweave_bench::Generator;

/// Generate a seeded corpus of news-like articles with syndicated copies.
#[derive(Debug, Parser)]
#[command(name = "storyweave-gen", version)]
struct Args {
    /// Number of articles.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Seed: the same seed gives the same corpus on any number of threads.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share of the articles that are copies of another (at most 0.8).
    #[arg(long, default_value_t = 0.3)]
    dup_share: f64,
    /// Jaccard at or above which two copies of one family are true duplicates.
    #[arg(long, default_value_t = 0.8)]
    threshold: f64,
    /// Corpus output (JSONL: id, text, published, source).
    #[arg(short = 'o', long)]
    output: PathBuf,
    /// Truth output (JSONL: id, group, family, jaccard for copies).
    #[arg(long)]
    truth: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let generator = Generator::builder()
        .articles(args.articles)
        .seed(args.seed)
        .dup_share(args.dup_share)
        .threshold(args.threshold)
        .build();
    let open = |p: &PathBuf| -> anyhow::Result<BufWriter<File>> {
        Ok(BufWriter::with_capacity(
            1 << 20,
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ))
    };
    let (mut corpus, mut truth) = (open(&args.output)?, open(&args.truth)?);
    let start = Instant::now();
    let stats = generator
        .write_jsonl(&mut corpus, &mut truth)
        .context("cannot write the corpus")?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "storyweave-gen: {} articles, {:.1} MB of text, {} copies, {} in true groups of 2 or more; {:.1} s ({:.0} articles/s)",
        stats.articles,
        stats.text_bytes as f64 / 1e6,
        stats.copies,
        stats.grouped,
        secs,
        stats.articles as f64 / secs.max(1e-9),
    );
    Ok(())
}
