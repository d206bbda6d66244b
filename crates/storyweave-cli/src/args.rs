//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Many outlets, one story: cluster news articles into stories and show who reused whose copy.
#[derive(Debug, Parser)]
#[command(name = "storyweave", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Exit codes, printed under `--help`.
const EXIT_CODES: &str = "Exit codes: 0 success; 1 failure (nothing readable, output not writable); \
2 usage error; 3 some inputs were skipped and --strict was given (the output is still written).";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Group articles into stories, families of reused copy, near and exact duplicates.
    Stories(StoriesArgs),
    /// Two articles side by side: shared passages, rewordings, what each adds, disagreements.
    Compare(CompareArgs),
    /// Near-duplicate groups only, as a keep/drop list for corpus pipelines (fast path).
    Dedup(DedupArgs),
    /// Clean each article: metadata and body text, one JSON object per line.
    Extract(ExtractArgs),
    /// Score the stories against gold labels: the `cluster` field of each JSONL record.
    Eval(crate::eval_cmd::EvalArgs),
}

/// Options every command that reads articles shares.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to read (recursively), `-` for standard input. Formats: .txt, .md,
    /// .html, .json, .jsonl (fields id, url, title, text or html, published, source; a title
    /// alone is read as the text), .warc, each also .gz or .zst.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print nothing on standard error but fatal errors: no progress, warnings or summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit with code 3 when any input or record was skipped.
    #[arg(long)]
    pub strict: bool,
    /// Skip single files or JSONL lines larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    pub max_size: usize,
}

/// `storyweave stories`.
#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Inputs and output.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StoriesFormat::Text)]
    pub format: StoriesFormat,
    /// Estimated Jaccard similarity (word 5-grams) at or above which two documents are near-duplicates.
    #[arg(long, value_name = "J", default_value_t = 0.8)]
    pub threshold: f64,
    /// A story model (JSON, as `storyweave eval --fit` writes it) instead
    /// of the shipped one.
    #[arg(long, value_name = "MODEL.json")]
    pub story_model: Option<PathBuf>,
}

/// Output formats of `storyweave stories`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoriesFormat {
    /// A readable report for the terminal.
    Text,
    /// One JSON document following the storyweave/1 schema.
    Json,
    /// One self-contained HTML page (no network, no scripts).
    Html,
}

/// `storyweave extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Inputs and output.
    #[command(flatten)]
    pub input: InputArgs,
    /// Also give each article's facts: its quotes (speaker, role, cue), figures (value,
    /// unit, what, qualifier, attribution), dates and named entities, each with the byte
    /// span of its words in the record's `text`.
    #[arg(long)]
    pub facts: bool,
}

/// `storyweave compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The two articles (files, or one file holding exactly two records).
    #[arg(required = true, num_args = 1..=2, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format: side-by-side text, or the one-story storyweave/1 JSON.
    #[arg(short, long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
    /// Total line width of the side-by-side text.
    #[arg(long, default_value_t = 160)]
    pub width: usize,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print nothing on standard error but fatal errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Output formats of `storyweave compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Two columns for the terminal.
    Text,
    /// The two articles as one story in the storyweave/1 schema.
    Json,
}

/// `storyweave dedup`.
#[derive(Debug, Args)]
pub struct DedupArgs {
    /// Inputs and output.
    #[command(flatten)]
    pub input: InputArgs,
    /// Estimated Jaccard similarity (word 5-grams) at or above which documents are duplicates.
    #[arg(long, value_name = "J", default_value_t = 0.8)]
    pub threshold: f64,
    /// Also group a trimmed reprint whose share of words found in the other is at least C.
    #[arg(long, value_name = "C")]
    pub containment: Option<f64>,
    /// Which document of a group to keep.
    #[arg(long, value_enum, default_value_t = KeepPolicy::Earliest)]
    pub keep: KeepPolicy,
    /// Decide every candidate pair by its MinHash estimate alone: no exact check of pairs near
    /// the threshold, no spool of shingle hashes (a little faster, less accurate).
    #[arg(long)]
    pub estimate_only: bool,
    /// Output format: one JSON object per document, or a Parquet table with the same columns.
    #[arg(short, long, value_enum, default_value_t = DedupFormat::Jsonl)]
    pub format: DedupFormat,
}

/// Output formats of `storyweave dedup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DedupFormat {
    /// One line per document: `{"id","keep","group","similarity"}`.
    Jsonl,
    /// The same four columns as a Parquet file (needs `-o FILE` or a redirected standard output).
    Parquet,
}

/// `--keep` of `storyweave dedup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepPolicy {
    /// The earliest published (undated count as latest), then the first.
    Earliest,
    /// The one with the most words.
    Longest,
    /// The first in input order.
    First,
}
