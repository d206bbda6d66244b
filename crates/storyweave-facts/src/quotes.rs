//! Direct quotations of one document with their speaker and cue.

use crate::QuoteMention;
use crate::attrib::{self, Cue};
use crate::doc::{Ctx, Span};
use crate::lex::Kind;

/// Builds the quote mentions of a document. Returns them with, for each,
/// the index of its span in `ctx.spans` (quotes too short to keep are skipped).
pub(crate) fn extract(
    ctx: &Ctx<'_>,
    cues: &[Vec<Cue>],
    last_person: &[Option<String>],
    min_words: usize,
) -> Vec<(usize, QuoteMention)> {
    let mut out: Vec<(usize, QuoteMention)> = Vec::new();
    for (si, span) in ctx.spans.iter().enumerate() {
        let Some(QuoteText {
            text,
            words,
            first,
            start,
            last,
            end,
        }) = quote_text(ctx, span)
        else {
            continue;
        };
        if words < min_words {
            continue;
        }
        let at = (ctx.global(span.s0, span.t0), ctx.global(span.s1, span.t1));
        let near = (span.s0..=span.s1).flat_map(|s| {
            cues.get(s)
                .into_iter()
                .flatten()
                .map(move |c| (ctx.global(s, c.tok), ctx.global(s, c.end), c))
        });
        let mut speaker = None;
        let mut cue = None;
        if let Some(c) = attrib::best(near, at) {
            speaker.clone_from(&c.speaker);
            cue = Some(c.verb.clone());
        } else if quote_only(ctx, span) {
            // `X said:` in the sentence before, or the quote before in the
            // same paragraph.
            let para = ctx.sents[span.s0].paragraph;
            let prev_colon = span.s0.checked_sub(1).and_then(|p| {
                let t = ctx.sents[p].text.trim_end();
                t.ends_with(':').then(|| {
                    cues[p]
                        .iter()
                        .rev()
                        .find(|c| c.speaker.is_some())
                        .map(|c| (c.speaker.clone(), c.verb.clone()))
                })?
            });
            if let Some((sp, verb)) = prev_colon {
                speaker = sp;
                cue = Some(verb);
            } else if let Some((_, q)) = out.last().filter(|(k, q)| {
                let prev = ctx.spans[*k];
                q.speaker.is_some()
                    && (ctx.sents[prev.s1].paragraph == para || prev.s1 + 1 == span.s0)
            }) {
                speaker.clone_from(&q.speaker);
                cue.clone_from(&q.cue);
            }
        }
        if speaker.is_none() {
            // `He put the damage at "..."`: a pronoun subject with no cue verb.
            let first = ctx.toks[span.s0]
                .iter()
                .find(|t| t.kind == Kind::Word)
                .map(|t| t.text(&ctx.sents[span.s0].text));
            if matches!(first, Some("He" | "She")) {
                speaker = last_person.get(span.s0).cloned().flatten();
            }
        }
        let partial = text.chars().next().is_some_and(char::is_lowercase);
        out.push((
            si,
            QuoteMention {
                text,
                speaker,
                role: None,
                cue,
                partial,
                closed: span.closed,
                sentence: first,
                end_sentence: last,
                start,
                end,
            },
        ));
    }
    out
}

/// The words inside a quotation and where they stand.
struct QuoteText {
    text: String,
    words: usize,
    /// Sentence of the first word and its byte offset there.
    first: usize,
    start: usize,
    /// Sentence of the last word and the byte offset after it there.
    last: usize,
    end: usize,
}

/// The text inside a quotation, its word count and its byte range.
fn quote_text(ctx: &Ctx<'_>, span: &Span) -> Option<QuoteText> {
    let mut text = String::new();
    let mut words = 0;
    let mut start = None;
    let mut end = 0;
    let mut last = span.s0;
    for s in span.s0..=span.s1 {
        let toks = ctx.toks.get(s)?;
        let a = if s == span.s0 { span.t0 + 1 } else { 0 };
        let b = if s == span.s1 {
            span.t1.min(toks.len())
        } else {
            toks.len()
        };
        if a >= b {
            continue;
        }
        let st = &ctx.sents[s].text;
        let (from, to) = (toks[a].start, toks[b - 1].end);
        if start.is_none() {
            start = Some((s, from));
        }
        end = to;
        last = s;
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(st.get(from..to)?);
        words += toks[a..b].iter().filter(|t| t.kind != Kind::Punct).count();
    }
    let trimmed = text.trim_end_matches([',', ';', ':', ' ']).trim_start();
    if trimmed.is_empty() {
        return None;
    }
    let (first, start) = start?;
    // Keep `end` on the trimmed text when the trim stays in the last piece.
    let cut = text.len() - text.trim_end_matches([',', ';', ':', ' ']).len();
    let end = if end.saturating_sub(cut) >= if first == last { start } else { 0 } {
        end - cut.min(end)
    } else {
        end
    };
    Some(QuoteText {
        text: trimmed.to_string(),
        words,
        first,
        start,
        last,
        end,
    })
}

/// Whether the quotation's sentences hold no words outside quotation marks.
fn quote_only(ctx: &Ctx<'_>, span: &Span) -> bool {
    (span.s0..=span.s1).all(|s| {
        ctx.toks[s]
            .iter()
            .zip(&ctx.inq[s])
            .all(|(t, &q)| q || t.kind == Kind::Punct)
    })
}
