//! `storyweave extract`: each article cleaned, as JSON lines, streamed.

use std::io::Write as _;

use storyweave_facts::FactExtractor;
use storyweave_report::write_extracted;

use crate::args::ExtractArgs;
use crate::pipeline::{Progress, stream_articles, summary_line};
use crate::{Outcome, RunError, open_output, write_error};

/// Streams every article's metadata and clean body to the output as it is read.
pub(crate) fn run(args: &ExtractArgs) -> Result<Outcome, RunError> {
    let progress = Progress::new(args.input.quiet);
    let (mut out, shown) = open_output(args.input.output.as_deref())?;
    let mut count = 0usize;
    let facts = args.facts.then(FactExtractor::default);
    let skipped = stream_articles(
        &args.input.paths,
        args.input.max_size,
        &progress,
        |article| {
            count += 1;
            let found = facts.as_ref().map(|fx| fx.document(&article));
            write_extracted(&article, found.as_ref(), &mut out).map_err(|e| write_error(&shown, e))
        },
    )?;
    out.flush().map_err(|e| write_error(&shown, e))?;
    progress.note(&summary_line(count, &skipped));
    if count == 0 {
        return Err(RunError::NoDocuments);
    }
    Ok(if args.input.strict && !skipped.is_empty() {
        Outcome::SkippedStrict
    } else {
        Outcome::Success
    })
}
