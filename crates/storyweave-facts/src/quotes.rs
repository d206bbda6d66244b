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
        let mut role = None;
        if let Some(c) = attrib::best(near, at) {
            speaker.clone_from(&c.speaker);
            cue = Some(c.verb.clone());
            role.clone_from(&c.role);
        } else if quote_only(ctx, span) {
            // `X said:` in the sentence before, or the quote before in the
            // same paragraph.
            let para = ctx.sents[span.s0].paragraph;
            // `X said:` before it, or a sentence ending in its cue
            // (`..., Howard said.` then `"The volume ... is really high."`).
            let prev_colon = span.s0.checked_sub(1).and_then(|p| {
                let t = ctx.sents[p].text.trim_end();
                let n = ctx.toks[p].len();
                let last = cues[p].iter().rev().find(|c| c.speaker.is_some())?;
                let at_end = last.end + 2 >= n && !ctx.inq[p].iter().any(|&q| q);
                (t.ends_with(':') || at_end)
                    .then(|| (last.speaker.clone(), last.verb.clone(), last.role.clone()))
            });
            if let Some((sp, verb, r)) = prev_colon {
                speaker = sp;
                cue = Some(verb);
                role = r;
            } else if let Some((_, q)) = out.last().filter(|(k, q)| {
                let prev = ctx.spans[*k];
                q.speaker.is_some()
                    && (ctx.sents[prev.s1].paragraph == para || prev.s1 + 1 == span.s0)
            }) {
                speaker.clone_from(&q.speaker);
                cue.clone_from(&q.cue);
                role.clone_from(&q.role);
            }
        }
        // `The only products to fall were Q-Tip boxes, but "our wine rattled
        // pretty good."`: words quoted in a sentence with no cue of its own,
        // right after a sentence whose quotation has a speaker, go on with it.
        if speaker.is_none()
            && cue.is_none()
            && span.s0 == span.s1
            && cues.get(span.s0).is_none_or(Vec::is_empty)
            && let Some((_, q)) = out
                .last()
                .filter(|(k, q)| q.speaker.is_some() && ctx.spans[*k].s1 + 1 == span.s0)
        {
            speaker.clone_from(&q.speaker);
            role.clone_from(&q.role);
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
        let features = QuoteFeatures::of(&text, words, speaker.is_some());
        if !features.is_quotation() {
            continue;
        }
        let partial = text.chars().next().is_some_and(char::is_lowercase);
        out.push((
            si,
            QuoteMention {
                text,
                speaker,
                role,
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
        let a = if s == span.s0 { span.first_inside() } else { 0 };
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

/// What tells a quotation (somebody's words) from other text in quotation
/// marks: a title (`"Crocodile Dundee"`), a label or scare quote (`"net
/// positive"`), a nickname.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct QuoteFeatures {
    /// A cue verb attributes it to a speaker.
    pub attributed: bool,
    /// Words inside the marks.
    pub words: usize,
    /// Every word of three letters or more is capitalised, as in titles and names.
    pub title_case: bool,
    /// It ends in `,` `.` `?` `!` inside the marks, as speech does.
    pub speech_end: bool,
    /// It speaks in the first or second person (`I`, `we`, `our`, `you`).
    pub personal: bool,
}

/// The weights of the quotation decision: a quoted span is a quotation when
/// the weighted sum of its features is above zero. Set by hand on the dev
/// half of `eval/facts/gold.jsonl`; the test half is only reported.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QuotationModel {
    /// Constant term.
    pub bias: f64,
    /// A cue attributes it.
    pub attributed: f64,
    /// Five words or more.
    pub long: f64,
    /// Three words or fewer.
    pub short: f64,
    /// Title case.
    pub title_case: f64,
    /// Ends as speech does.
    pub speech_end: f64,
    /// First or second person.
    pub personal: f64,
}

/// The one quotation model the extractor uses.
pub(crate) const QUOTATION_MODEL: QuotationModel = QuotationModel {
    bias: -0.5,
    attributed: 2.0,
    long: 1.5,
    short: -1.0,
    title_case: -3.0,
    speech_end: 0.5,
    personal: 1.0,
};

impl QuoteFeatures {
    /// The features of the quoted `text` of `words` words.
    pub(crate) fn of(text: &str, words: usize, attributed: bool) -> QuoteFeatures {
        let mut long_words = 0;
        let mut capitalised = 0;
        let mut personal = false;
        for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            let core = w.trim_matches('\'');
            if core.chars().count() >= 3 && core.chars().next().is_some_and(char::is_alphabetic) {
                long_words += 1;
                capitalised += usize::from(core.chars().next().is_some_and(char::is_uppercase));
            }
            let mut b = [0u8; 32];
            let lw = crate::lex::lower(core, &mut b);
            personal |= matches!(
                lw,
                "i" | "i'm"
                    | "i've"
                    | "i'll"
                    | "me"
                    | "my"
                    | "we"
                    | "we're"
                    | "we've"
                    | "our"
                    | "us"
                    | "you"
                    | "your"
                    | "you're"
            );
        }
        QuoteFeatures {
            attributed,
            words,
            title_case: words >= 2 && long_words > 0 && capitalised == long_words,
            speech_end: text.trim_end().ends_with([',', '.', '?', '!']),
            personal,
        }
    }

    /// The weighted sum of the features under [`QUOTATION_MODEL`].
    pub(crate) fn score(&self) -> f64 {
        let m = QUOTATION_MODEL;
        let on = |b: bool, w: f64| if b { w } else { 0.0 };
        m.bias
            + on(self.attributed, m.attributed)
            + on(self.words >= 5, m.long)
            + on(self.words <= 3, m.short)
            + on(self.title_case, m.title_case)
            + on(self.speech_end, m.speech_end)
            + on(self.personal, m.personal)
    }

    /// Whether the span is somebody's words.
    pub(crate) fn is_quotation(&self) -> bool {
        self.score() > 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, attributed: bool) -> bool {
        let words = text.split_whitespace().count();
        QuoteFeatures::of(text, words, attributed).is_quotation()
    }

    #[test]
    fn titles_and_labels_are_not_quotations() {
        assert!(!q("Crocodile Dundee", false));
        assert!(!q("The Boy From Oz", true));
        assert!(!q("net positive", false));
        assert!(!q("sector perform", false));
        assert!(!q("An investigation is underway.", false));
    }

    #[test]
    fn speech_is_a_quotation() {
        assert!(q("fully closed", true));
        assert!(q("a steady hand on the helm", true));
        assert!(q("We will rebuild the bridge this year.", false));
        assert!(q(
            "Nobody saw the flames coming until it was far too late",
            false
        ));
    }
}
