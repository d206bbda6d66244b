//! `storyweave compare`: two articles side by side, passage by passage.

use std::io::{self, Write};

use crate::model::{Report, Story};

/// Writes the two documents of a one-story report in two columns, one row
/// per aligned passage: `=` same words, `~` reworded (the words that differ
/// are marked `[-old-]{+new+}` on the right), `<` only on the left, `>` only
/// on the right. Then the disagreements and who is quoted. `width` is the
/// total line width.
pub fn write_compare<W: Write>(report: &Report, width: usize, mut w: W) -> io::Result<()> {
    let Some(story) = report.stories.first() else {
        return writeln!(w, "nothing to compare");
    };
    let (Some(left), Some(right)) = (story.documents.first(), story.documents.get(1)) else {
        return writeln!(w, "nothing to compare: one document");
    };
    let col = width.saturating_sub(5).max(40) / 2;
    for id in [left, right] {
        if let Some(d) = report.document(id) {
            let mut facts = vec![d.id.clone()];
            facts.extend(d.outlet.clone());
            facts.extend(d.published.map(|p| p.to_string()));
            if !d.agencies.is_empty() {
                facts.push(d.agencies.join(", "));
            }
            writeln!(
                w,
                "{}: {}",
                if id == left { "left " } else { "right" },
                facts.join(" | ")
            )?;
        }
    }
    writeln!(w, "relation: {}", relation(report, story, left, right))?;
    writeln!(w)?;
    for p in &story.passages {
        let l = reading(p, left);
        let r = reading(p, right);
        let (mark, r_text) = match (&l, &r) {
            (Some(a), Some(b)) if a == b => ('=', b.clone()),
            (Some(_), Some(_)) => (
                '~',
                marked(p, left, right).unwrap_or_else(|| r.clone().unwrap_or_default()),
            ),
            (Some(_), None) => ('<', String::new()),
            (None, Some(b)) => ('>', b.clone()),
            (None, None) => continue,
        };
        let lw = wrap(l.as_deref().unwrap_or(""), col);
        let rw = wrap(&r_text, col);
        for i in 0..lw.len().max(rw.len()) {
            let a = lw.get(i).map(String::as_str).unwrap_or("");
            let b = rw.get(i).map(String::as_str).unwrap_or("");
            let m = if i == 0 { mark } else { ' ' };
            let line = format!("{a:<col$} {m} {b}");
            writeln!(w, "{}", line.trim_end())?;
        }
    }
    if !story.discrepancies.is_empty() {
        writeln!(w, "\nwhere they disagree:")?;
        for d in &story.discrepancies {
            let readings: Vec<String> = d
                .readings
                .iter()
                .map(|r| format!("\"{}\" ({})", r.text, side(&r.documents, left, right)))
                .collect();
            writeln!(w, "  {}: {}", d.passage, readings.join(" vs "))?;
        }
    }
    if !story.quotes.is_empty() {
        writeln!(w, "\nquotes:")?;
        for q in &story.quotes {
            writeln!(
                w,
                "  {} \"{}\" - {}",
                side(&q.documents, left, right),
                q.text,
                q.speaker.as_deref().unwrap_or("unattributed")
            )?;
        }
    }
    Ok(())
}

/// How the two documents relate at the finest level they share.
fn relation(report: &Report, story: &Story, left: &str, right: &str) -> String {
    let (Some(a), Some(b)) = (report.document(left), report.document(right)) else {
        return "unknown".into();
    };
    if a.exact_duplicate_of.as_deref() == Some(left)
        || b.exact_duplicate_of.as_deref() == Some(left)
    {
        return "exact duplicates".into();
    }
    if let Some(j) = b.near_duplicate_similarity.or(a.near_duplicate_similarity) {
        return format!("near-duplicates (estimated Jaccard {j:.2})");
    }
    if a.family == b.family {
        let share = story.families.first().map(|f| f.similarity).unwrap_or(0.0);
        return format!("same copy, edited (share of copy {share:.2})");
    }
    "different copy".into()
}

/// `left`, `right` or `both`, for a list of document ids.
fn side(documents: &[String], left: &str, right: &str) -> &'static str {
    match (
        documents.iter().any(|d| d == left),
        documents.iter().any(|d| d == right),
    ) {
        (true, true) => "both",
        (true, false) => "left",
        (false, true) => "right",
        (false, false) => "-",
    }
}

/// The passage as `doc` words it, if `doc` carries it.
fn reading(p: &storyweave_align::Passage, doc: &str) -> Option<String> {
    if let Some(v) = p.variants.iter().find(|v| v.document == doc) {
        return Some(v.text.clone());
    }
    p.documents.iter().any(|d| d == doc).then(|| p.text.clone())
}

/// The right-hand reading with its differences from the passage text marked,
/// when the left document carries the passage text itself.
fn marked(p: &storyweave_align::Passage, left: &str, right: &str) -> Option<String> {
    if p.variants.iter().any(|v| v.document == left) {
        return None;
    }
    let v = p.variants.iter().find(|v| v.document == right)?;
    let mut out = String::new();
    for op in &v.diff {
        let body = op.text.trim_end();
        let tail = &op.text[body.len()..];
        match op.op {
            storyweave_align::Op::Insert => out.push_str(&format!("{{+{body}+}}{tail}")),
            storyweave_align::Op::Delete => out.push_str(&format!("[-{body}-]{tail}")),
            storyweave_align::Op::Equal => out.push_str(&op.text),
        }
    }
    Some(out)
}

/// Wraps text at spaces to lines of at most `width` characters (longer words stand alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_keeps_lines_within_width() {
        let lines = wrap("one two three four five six seven", 10);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six seven");
    }
}
