//! Counting what a run read and skipped, for the line printed at its end.

use std::collections::BTreeMap;
use std::fmt;

use crate::{Item, Problem, ProblemKind};

/// Counts of documents read and of problems by kind, built by feeding it
/// every [`Item`] of a run; its `Display` is the run's closing summary line,
/// e.g. `read 12 documents; skipped 3: 1 empty, 1 binary, 1 invalid UTF-8`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    documents: u64,
    problems: BTreeMap<ProblemKind, u64>,
}

impl Summary {
    /// An empty summary: nothing read, nothing skipped.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one item of the stream.
    pub fn record(&mut self, item: &Item) {
        match item {
            Item::Document(_) => self.add_document(),
            Item::Problem(problem) => self.add_problem(problem),
        }
    }

    /// Counts one document read (for callers that count after a later stage).
    pub fn add_document(&mut self) {
        self.documents += 1;
    }

    /// Counts one problem, by its kind.
    pub fn add_problem(&mut self, problem: &Problem) {
        *self.problems.entry(problem.kind).or_insert(0) += 1;
    }

    /// Number of documents read.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Number of problems of one kind.
    pub fn problems_of(&self, kind: ProblemKind) -> u64 {
        self.problems.get(&kind).copied().unwrap_or(0)
    }

    /// Number of problems of every kind together.
    pub fn problems(&self) -> u64 {
        self.problems.values().sum()
    }

    /// Problem counts by kind, in the order of [`ProblemKind`], omitting
    /// kinds that did not occur.
    pub fn problems_by_kind(&self) -> impl Iterator<Item = (ProblemKind, u64)> + '_ {
        self.problems.iter().map(|(&kind, &count)| (kind, count))
    }

    /// Whether nothing was skipped (what `--strict` checks).
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Extend<Item> for Summary {
    fn extend<I: IntoIterator<Item = Item>>(&mut self, items: I) {
        for item in items {
            self.record(&item);
        }
    }
}

impl<'a> Extend<&'a Item> for Summary {
    fn extend<I: IntoIterator<Item = &'a Item>>(&mut self, items: I) {
        for item in items {
            self.record(item);
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.documents == 1 {
            "document"
        } else {
            "documents"
        };
        write!(f, "read {} {noun}", self.documents)?;
        if self.is_clean() {
            return Ok(());
        }
        write!(f, "; skipped {}:", self.problems())?;
        for (i, (kind, count)) in self.problems_by_kind().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}{count} {}", kind.label())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BodyFormat, Problem, RawDocument};

    fn doc() -> Item {
        Item::Document(RawDocument {
            id: "a".into(),
            path: "a.txt".into(),
            record: None,
            format: BodyFormat::Text,
            body: "x".into(),
            url: None,
            title: None,
            published: None,
            source: None,
        })
    }

    fn problem(kind: ProblemKind) -> Item {
        Item::Problem(Problem {
            path: "p".into(),
            line: None,
            kind,
            message: "m".into(),
        })
    }

    #[test]
    fn display_lists_problem_kinds_in_order() {
        let mut summary = Summary::new();
        for _ in 0..12 {
            summary.record(&doc());
        }
        summary.extend([
            problem(ProblemKind::InvalidUtf8),
            problem(ProblemKind::Empty),
            problem(ProblemKind::Binary),
        ]);
        assert_eq!(
            summary.to_string(),
            "read 12 documents; skipped 3: 1 empty, 1 binary, 1 invalid UTF-8"
        );
        assert_eq!(summary.documents(), 12);
        assert_eq!(summary.problems(), 3);
        assert_eq!(summary.problems_of(ProblemKind::Binary), 1);
        assert_eq!(summary.problems_of(ProblemKind::Io), 0);
        assert!(!summary.is_clean());
    }

    #[test]
    fn clean_run_has_no_skipped_part() {
        let mut summary = Summary::new();
        assert_eq!(summary.to_string(), "read 0 documents");
        summary.record(&doc());
        assert_eq!(summary.to_string(), "read 1 document");
        assert!(summary.is_clean());
    }
}
