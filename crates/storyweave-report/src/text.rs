//! The terminal report: stories, their families and documents, readable at a glance.

use std::io::{self, Write};

use crate::model::{DocumentEntry, Report, Story};

/// Writes the human-readable report: a headline count, then each story with
/// its dates, agencies, outlets and families, and each family's documents.
pub fn write_text<W: Write>(report: &Report, mut w: W) -> io::Result<()> {
    let families: usize = report.stories.iter().map(|s| s.families.len()).sum();
    writeln!(
        w,
        "{} documents, {} {}, {} {}",
        report.documents.len(),
        report.stories.len(),
        plural(report.stories.len(), "story", "stories"),
        families,
        plural(families, "family", "families"),
    )?;
    for story in &report.stories {
        writeln!(w)?;
        write_story(report, story, &mut w)?;
    }
    Ok(())
}

fn write_story<W: Write>(report: &Report, story: &Story, w: &mut W) -> io::Result<()> {
    let title = story.title.as_deref().unwrap_or("(untitled)");
    writeln!(w, "{} {}", story.id, title)?;
    let mut facts = Vec::new();
    facts.push(format!(
        "{} {}",
        story.documents.len(),
        plural(story.documents.len(), "document", "documents")
    ));
    match (story.first_published, story.last_published) {
        (Some(a), Some(b)) if a != b => facts.push(format!("{a} to {b}")),
        (Some(a), _) => facts.push(a.to_string()),
        _ => {}
    }
    if !story.agencies.is_empty() {
        facts.push(format!("agencies: {}", story.agencies.join(", ")));
    }
    let mut outlets: Vec<&str> = story
        .documents
        .iter()
        .filter_map(|id| report.document(id)?.outlet.as_deref())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    if !outlets.is_empty() {
        facts.push(format!("outlets: {}", outlets.join(", ")));
    }
    writeln!(w, "  {}", facts.join(" | "))?;
    for family in &story.families {
        let mut head = format!("  family {}", family.id);
        if let Some(agency) = &family.agency {
            head.push_str(&format!(" ({agency} copy)"));
        }
        if family.documents.len() > 1 {
            head.push_str(&format!(
                ", {} documents, weakest share of copy {:.2}",
                family.documents.len(),
                family.similarity
            ));
        }
        writeln!(w, "{head}")?;
        for id in &family.documents {
            if let Some(doc) = report.document(id) {
                write_document(doc, w)?;
            }
        }
    }
    Ok(())
}

fn write_document<W: Write>(doc: &DocumentEntry, w: &mut W) -> io::Result<()> {
    let date = doc
        .published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "----------".into());
    let outlet = doc.outlet.as_deref().unwrap_or("-");
    let mut line = format!("    {}  {}  {}", date, doc.id, outlet);
    if !doc.agencies.is_empty() {
        line.push_str(&format!("  [{}]", doc.agencies.join(", ")));
    }
    writeln!(w, "{line}")?;
    if let Some(title) = &doc.title {
        writeln!(w, "      {title}")?;
    }
    if let Some(of) = &doc.exact_duplicate_of {
        writeln!(w, "      exact duplicate of {of}")?;
    } else if let Some(of) = &doc.near_duplicate_of {
        let sim = doc.near_duplicate_similarity.unwrap_or(1.0);
        writeln!(w, "      near-duplicate of {of} (Jaccard {sim:.2})")?;
    }
    Ok(())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
