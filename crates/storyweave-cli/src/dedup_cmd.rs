//! `storyweave dedup`: the fast path for corpus pipelines. Raw bodies go
//! straight to fingerprinting (no extraction), only signatures are kept.

use std::io::Write as _;

use storyweave_cluster::dedup::{Deduper, Keep};
use storyweave_ingest::{Ingest, Item};
use storyweave_report::write_dedup_jsonl;
use storyweave_text::date::parse_date;

use crate::args::{DedupArgs, KeepPolicy};
use crate::pipeline::{Progress, summary_line};
use crate::{Outcome, RunError, open_output, write_error};

/// Documents fingerprinted together, in parallel.
const BATCH: usize = 4096;

/// Reads every input, groups near-duplicates and writes the keep/drop list.
pub(crate) fn run(args: &DedupArgs) -> Result<Outcome, RunError> {
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
        .build();
    let mut skipped = Vec::new();
    let mut batch = Vec::with_capacity(BATCH);
    progress.step("fingerprinting");
    let flush = |batch: &mut Vec<_>, deduper: &mut Deduper| {
        let docs: Vec<(String, &str, _)> = batch
            .iter()
            .map(|(id, body, date): &(String, String, _)| (id.clone(), body.as_str(), *date))
            .collect();
        deduper.add_batch(&docs);
        progress.inc(batch.len() as u64);
        batch.clear();
    };
    for item in ingest.read(&args.input.paths) {
        match item {
            Item::Document(raw) => {
                let date = raw.published.as_deref().and_then(parse_date);
                batch.push((raw.id, raw.body, date));
                if batch.len() == BATCH {
                    flush(&mut batch, &mut deduper);
                }
            }
            Item::Problem(p) => {
                progress.warn(&p.to_string());
                skipped.push(p);
            }
        }
    }
    flush(&mut batch, &mut deduper);
    progress.step("grouping");
    let records = deduper.finish();
    let (mut out, shown) = open_output(args.input.output.as_deref())?;
    write_dedup_jsonl(&records, &mut out)
        .and_then(|()| out.flush())
        .map_err(|e| write_error(&shown, e))?;
    let dropped = records.iter().filter(|r| !r.keep).count();
    progress.note(&format!(
        "{}; kept {}, dropped {} near-duplicates (threshold {})",
        summary_line(records.len(), &skipped),
        records.len() - dropped,
        dropped,
        args.threshold
    ));
    if records.is_empty() {
        return Err(RunError::NoDocuments);
    }
    Ok(if args.input.strict && !skipped.is_empty() {
        Outcome::SkippedStrict
    } else {
        Outcome::Success
    })
}
