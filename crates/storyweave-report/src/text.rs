//! The terminal report: stories, their families and documents, readable at a glance.

use std::io::{self, Write};

use crate::model::{DocumentEntry, Report, Story};
use storyweave_align::DiscrepancyStatus;

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
    if story.documents.len() > 1 {
        write_consolidated(story, w)?;
    }
    Ok(())
}

/// Passages shown per section before the rest is counted.
const SHOWN: usize = 6;

/// The consolidated account: the shared core, what each source adds, where
/// sources disagree, who is quoted and which figures come from whom.
fn write_consolidated<W: Write>(story: &Story, w: &mut W) -> io::Result<()> {
    // Disagreements first: what an analyst reads before anything else.
    if !story.discrepancies.is_empty() {
        writeln!(w, "  where sources disagree:")?;
        for d in &story.discrepancies {
            let status = match d.status {
                DiscrepancyStatus::Conflict => "",
                DiscrepancyStatus::Update => ", an update",
            };
            let readings: Vec<String> = d
                .readings
                .iter()
                .map(|r| {
                    let source = r
                        .attribution
                        .as_deref()
                        .map(|a| format!("; {a}"))
                        .unwrap_or_default();
                    format!("\"{}\" ({}{source})", r.text, r.documents.join(", "))
                })
                .collect();
            writeln!(
                w,
                "    {} (in {}{status}): {}",
                d.about,
                d.passage,
                readings.join(" vs ")
            )?;
        }
    }
    let n = story.documents.len();
    let core_min = n.div_ceil(2).max(2);
    let core: Vec<&str> = story
        .passages
        .iter()
        .filter(|p| p.shared_by >= core_min)
        .map(|p| p.text.as_str())
        .collect();
    if !core.is_empty() {
        let who = if core_min == n {
            "every source".to_string()
        } else {
            format!("at least {core_min} of {n} sources")
        };
        writeln!(
            w,
            "  shared by {who} ({} {}):",
            core.len(),
            plural(core.len(), "passage", "passages")
        )?;
        write_lines(w, &core, "    ")?;
    }
    let mut adds_header = false;
    for id in &story.documents {
        let own: Vec<&str> = story
            .passages
            .iter()
            .filter(|p| p.shared_by == 1 && p.documents.first() == Some(id))
            .map(|p| p.text.as_str())
            .collect();
        if own.is_empty() {
            continue;
        }
        if !adds_header {
            writeln!(w, "  what each source adds:")?;
            adds_header = true;
        }
        writeln!(
            w,
            "    {id} ({} {} only here):",
            own.len(),
            plural(own.len(), "passage", "passages")
        )?;
        write_lines(w, &own, "      ")?;
    }
    if !story.quotes.is_empty() {
        writeln!(w, "  quotes:")?;
        for q in story.quotes.iter().take(SHOWN * 2) {
            let speaker = q.speaker.as_deref().unwrap_or("unattributed");
            let cue = q
                .cue
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            writeln!(
                w,
                "    \"{}\" - {speaker}{cue} [{}]",
                clip(&q.text, 100),
                sources(q.documents.len())
            )?;
        }
        more(w, story.quotes.len(), SHOWN * 2, "    ")?;
    }
    if !story.quantities.is_empty() {
        writeln!(w, "  figures:")?;
        for q in story.quantities.iter().take(SHOWN * 2) {
            let by = q
                .attribution
                .as_deref()
                .map(|a| format!(", according to {a}"))
                .unwrap_or_default();
            writeln!(w, "    {}{by} [{}]", q.text, sources(q.documents.len()))?;
        }
        more(w, story.quantities.len(), SHOWN * 2, "    ")?;
    }
    Ok(())
}

fn write_lines<W: Write>(w: &mut W, lines: &[&str], indent: &str) -> io::Result<()> {
    for line in lines.iter().take(SHOWN) {
        writeln!(w, "{indent}- {}", clip(line, 110))?;
    }
    more(w, lines.len(), SHOWN, indent)
}

fn more<W: Write>(w: &mut W, total: usize, shown: usize, indent: &str) -> io::Result<()> {
    if total > shown {
        writeln!(w, "{indent}... and {} more", total - shown)?;
    }
    Ok(())
}

fn sources(n: usize) -> String {
    format!("{n} {}", plural(n, "source", "sources"))
}

/// Shortens `s` to at most `max` characters at a word boundary, with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut}...")
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
