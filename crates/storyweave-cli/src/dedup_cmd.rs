//! `storyweave dedup`: the fast path for corpus pipelines. Raw bodies go
//! straight to fingerprinting (no extraction), only signatures are kept.
//!
//! Reading and fingerprinting overlap: one thread reads, decompresses and
//! parses the inputs into batches, while the rayon pool fingerprints the
//! previous batch on every core.

use std::io::{IsTerminal as _, Write as _};
use std::sync::mpsc;

use storyweave_cluster::dedup::{Deduper, Keep};
use storyweave_ingest::{Ingest, Item, Problem};
use storyweave_report::{write_dedup_jsonl, write_dedup_parquet};
use storyweave_text::date::parse_published;

use crate::args::{DedupArgs, DedupFormat, KeepPolicy};
use crate::pipeline::{Progress, summary_line};
use crate::{Outcome, RunError, open_output, write_error};

/// Most documents handed to the fingerprinting pool at once.
const BATCH: usize = 4096;
/// Most body bytes in one batch (bounds memory with very long documents).
const BATCH_BYTES: usize = 16 << 20;
/// Batches read ahead of fingerprinting: enough to keep both sides busy,
/// few enough to bound memory.
const READ_AHEAD: usize = 2;

/// Reads every input, groups near-duplicates and writes the keep/drop list.
pub(crate) fn run(args: &DedupArgs) -> Result<Outcome, RunError> {
    if args.format == DedupFormat::Parquet
        && args.input.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(RunError::BinaryToTerminal("Parquet"));
    }
    let progress = Progress::new(args.input.quiet);
    let limit = args.input.max_size.saturating_mul(1 << 20);
    let ingest = Ingest::builder()
        .max_document_bytes(limit)
        .max_line_bytes(limit)
        .build();
    let keep = match args.keep {
        KeepPolicy::Earliest => Keep::Earliest,
        KeepPolicy::Longest => Keep::Longest,
        KeepPolicy::First => Keep::First,
    };
    let mut deduper = Deduper::builder()
        .threshold(args.threshold)
        .containment(args.containment)
        .keep(keep)
        .exact(!args.estimate_only)
        .build();
    let mut skipped: Vec<Problem> = Vec::new();
    progress.step("fingerprinting");
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(READ_AHEAD);
        let paths = &args.input.paths;
        let ingest = &ingest;
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut bytes = 0usize;
            for item in ingest.read(paths) {
                if let Item::Document(doc) = &item {
                    bytes += doc.body.len();
                }
                batch.push(item);
                if batch.len() >= BATCH || bytes >= BATCH_BYTES {
                    bytes = 0;
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.send(full).is_err() {
                        return;
                    }
                }
            }
            if !batch.is_empty() {
                // The receiver only goes away on a panic, which ends the run anyway.
                let _ = tx.send(batch);
            }
        });
        for items in rx {
            let mut docs = Vec::with_capacity(items.len());
            for item in &items {
                match item {
                    Item::Document(raw) => {
                        let date = raw.published.as_deref().and_then(parse_published);
                        docs.push((raw.id.clone(), raw.body.as_str(), date));
                    }
                    Item::Problem(p) => {
                        progress.warn(&p.to_string());
                        skipped.push(p.clone());
                    }
                }
            }
            deduper.add_batch(&docs);
            progress.inc(docs.len() as u64);
        }
    });
    progress.step("grouping");
    let (records, stats) = deduper.finish_with_stats();
    if let Some(why) = stats.exact_unavailable.as_deref()
        && !args.estimate_only
    {
        progress.warn(&format!(
            "exact verification unavailable ({why}); pairs near the threshold were decided by the estimate"
        ));
    }
    if records.is_empty() {
        progress.note(&summary_line(0, &skipped));
        return Err(RunError::NoDocuments);
    }
    let (mut out, shown) = open_output(args.input.output.as_deref())?;
    match args.format {
        DedupFormat::Jsonl => write_dedup_jsonl(&records, &mut out),
        DedupFormat::Parquet => write_dedup_parquet(&records, &mut out),
    }
    .and_then(|()| out.flush())
    .map_err(|e| write_error(&shown, e))?;
    let dropped = records.iter().filter(|r| !r.keep).count();
    progress.note(&format!(
        "{}; kept {}, dropped {} near-duplicates (threshold {}; {} candidate pairs, {} checked exactly)",
        summary_line(records.len(), &skipped),
        records.len() - dropped,
        dropped,
        args.threshold,
        stats.candidate_pairs,
        stats.exact_checks,
    ));
    Ok(if args.input.strict && !skipped.is_empty() {
        Outcome::SkippedStrict
    } else {
        Outcome::Success
    })
}
