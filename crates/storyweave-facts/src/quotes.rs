//! Direct quotations of one document with their speaker and cue.

use crate::QuoteMention;
use crate::attrib::{self, Cue};
use crate::doc::{Ctx, Span};
use crate::lex::Kind;
use crate::lexicon::Strength;

/// Who each sentence can point back to, for quotations with no cue of
/// their own.
pub(crate) struct People<'a> {
    /// The last person named as a speaker or subject before each sentence:
    /// what an opening `He` or `She` means.
    pub last: &'a [Option<String>],
    /// The person each sentence opens with, if any.
    pub lead: &'a [Option<String>],
    /// The people each sentence names outside its quotations.
    pub named: &'a [Vec<String>],
    /// Per sentence, the names followed by a colon that opens a quotation
    /// (`Secretary James Roche: "..."`), with the colon's token index.
    pub labels: &'a [Vec<(usize, String)>],
}

/// Where a candidate speaker of a quotation was found: the named features of
/// the speaker decision.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Evidence {
    /// A cue in the quotation's own sentences (`"...," she said`), with its
    /// strength, its distance in tokens from the quotation, and whether it
    /// closes its sentence (`..., the agency said.`), the attribution that
    /// governs everything the sentence reports.
    OwnCue(Strength, usize, bool),
    /// The sentence before ends in its cue or a colon (`Howard said:`), and
    /// the quotation stands alone in its sentences.
    CueBefore,
    /// The sentence after is only an attribution (`"...?" / Davis said.`).
    CueAfter,
    /// A name and a colon right before the opening mark (`Secretary James
    /// Roche: "No, Sir, ..."`), the way transcripts and exchanges label
    /// their speakers.
    Label,
    /// The previous quotation's speaker, the quotation going on after it;
    /// `adjacent` when it ended in the sentence right before.
    PreviousQuote { adjacent: bool },
    /// The person the sentence before opens with, or the only person it
    /// names, when that sentence reports no speech (`Darin Schroeder ...
    /// agreed with the decision.` / `"We are gratified ..."`).
    PreviousSubject,
    /// The only person the quotation's own sentence names, when it holds no
    /// cue (`Justice Anthony Mann agreed that ... - "I conclude ..."`).
    OwnSubject,
    /// No attribution at all: the last person the quotation's own sentence
    /// names, else the last person named as a speaker or subject before
    /// it. News rarely quotes nobody, and the person last in view is the
    /// likeliest speaker; every other piece of evidence outweighs it.
    Nearby,
    /// The quotation's sentence opens with `He` or `She` and holds no cue
    /// (`He put the damage at "..."`): the last person named.
    OpeningPronoun,
}

/// A possible speaker of one quotation.
#[derive(Debug, Clone)]
struct Candidate {
    speaker: String,
    cue: Option<String>,
    role: Option<String>,
    evidence: Evidence,
}

/// The weights of the speaker decision: each candidate scores the weight of
/// its evidence (a cue of the quotation's own loses `per_token` for every
/// token between it and the quotation, up to `max_distance` tokens); the
/// best candidate above zero is the speaker. Set by hand on the dev halves
/// of `eval/facts/gold.jsonl` so that the quotation's own attribution
/// always wins over context, and context that names the speaker outright
/// over context that only continues one.
#[derive(Debug, Clone, Copy)]
struct SpeakerModel {
    own_strong: f64,
    own_weak: f64,
    own_closing: f64,
    per_token: f64,
    max_distance: usize,
    cue_before: f64,
    cue_after: f64,
    label: f64,
    previous_quote: f64,
    previous_quote_adjacent: f64,
    previous_subject: f64,
    own_subject: f64,
    opening_pronoun: f64,
    nearby: f64,
}

/// The one speaker model the extractor uses.
const SPEAKER_MODEL: SpeakerModel = SpeakerModel {
    own_strong: 6.0,
    own_weak: 5.0,
    own_closing: 2.0,
    per_token: 0.05,
    max_distance: 60,
    cue_before: 3.0,
    cue_after: 2.5,
    label: 4.0,
    previous_quote: 1.5,
    previous_quote_adjacent: 2.0,
    previous_subject: 1.8,
    own_subject: 2.2,
    opening_pronoun: 0.5,
    nearby: 0.3,
};

impl SpeakerModel {
    /// The score of one piece of evidence.
    fn score(&self, e: Evidence) -> f64 {
        match e {
            Evidence::OwnCue(strength, distance, closing) => {
                let base = if strength == Strength::Strong {
                    self.own_strong
                } else {
                    self.own_weak
                };
                let closing = if closing { self.own_closing } else { 0.0 };
                base + closing - self.per_token * distance.min(self.max_distance) as f64
            }
            Evidence::CueBefore => self.cue_before,
            Evidence::CueAfter => self.cue_after,
            Evidence::Label => self.label,
            Evidence::PreviousQuote { adjacent: true } => self.previous_quote_adjacent,
            Evidence::PreviousQuote { adjacent: false } => self.previous_quote,
            Evidence::PreviousSubject => self.previous_subject,
            Evidence::OwnSubject => self.own_subject,
            Evidence::OpeningPronoun => self.opening_pronoun,
            Evidence::Nearby => self.nearby,
        }
    }

    /// The best-scoring candidate above zero; the first on a tie.
    fn choose<'c>(&self, candidates: &'c [Candidate]) -> Option<&'c Candidate> {
        let mut best: Option<(&Candidate, f64)> = None;
        for c in candidates {
            let v = self.score(c.evidence);
            if v > 0.0 && best.is_none_or(|(_, b)| v > b) {
                best = Some((c, v));
            }
        }
        best.map(|(c, _)| c)
    }
}

/// Every speaker the quotation `span` (tokens `at`, global) may have, with
/// the evidence for each; `out` holds the quotations found before it.
fn speaker_candidates(
    ctx: &Ctx<'_>,
    cues: &[Vec<Cue>],
    people: &People<'_>,
    out: &[(usize, QuoteMention)],
    span: &Span,
    at: (usize, usize),
    text: &str,
) -> Vec<Candidate> {
    let mut found = Vec::new();
    let from_cue = |c: &Cue, evidence: Evidence| {
        c.speaker.as_ref().map(|sp| Candidate {
            speaker: sp.clone(),
            cue: Some(c.verb.clone()),
            role: c.role.clone(),
            evidence,
        })
    };
    for s in span.s0..=span.s1 {
        for c in cues.get(s).into_iter().flatten() {
            let distance = attrib::distance((ctx.global(s, c.tok), ctx.global(s, c.end)), at);
            let toks = &ctx.toks[s];
            let text = &ctx.sents[s].text;
            // Only closing punctuation after it, and a comma or a closing
            // mark before its subject.
            let closing = toks[c.end.max(c.subject.1).min(toks.len())..]
                .iter()
                .all(|t| t.kind == Kind::Punct)
                && c.subject
                    .0
                    .min(c.tok)
                    .checked_sub(1)
                    .is_some_and(|k| matches!(toks[k].text(text), "," | "\""))
                // and no other attribution stands between it and the words.
                && !cues[s].iter().any(|o| {
                    let g = ctx.global(s, o.tok);
                    o.tok != c.tok && o.speaker.is_some() && at.1 <= g && g < ctx.global(s, c.tok)
                });
            found.extend(from_cue(c, Evidence::OwnCue(c.strength, distance, closing)));
        }
    }
    if span.opened
        && let Some(colon) = span.t0.checked_sub(1)
        && let Some((_, who)) = people
            .labels
            .get(span.s0)
            .into_iter()
            .flatten()
            .find(|(at, _)| *at == colon)
    {
        found.push(Candidate {
            speaker: who.clone(),
            cue: None,
            role: None,
            evidence: Evidence::Label,
        });
    }
    let alone = quote_only(ctx, span);
    let no_quote = |p: usize| !ctx.inq[p].iter().any(|&q| q);
    let para = ctx.sents[span.s0].paragraph;
    if alone {
        // `X said:` before it, or a sentence ending in its cue (`...,
        // Howard said.` then `"The volume ... is really high."`).
        if let Some(p) = span.s0.checked_sub(1) {
            let t = ctx.sents[p].text.trim_end();
            let n = ctx.toks[p].len();
            if let Some(last) = cues[p].iter().rev().find(|c| c.speaker.is_some())
                && (t.ends_with(':') || (last.end + 2 >= n && no_quote(p)))
            {
                found.extend(from_cue(last, Evidence::CueBefore));
            }
        }
        // `"...?" / Davis said.`: a sentence that opens with an attribution
        // and is only that, or goes on with the speaker's next quotation
        // (`"How can it go away?" / Alan Mulally remembered asking, "It's
        // ..."`).
        let next = span.s1 + 1;
        if next < ctx.sents.len()
            && ctx.sents[next].paragraph == ctx.sents[span.s1].paragraph
            && let Some(first) = cues[next].first()
            && !ctx.inq[next][..first.tok].iter().any(|&q| q)
            && first.speaker.as_ref().is_some_and(|sp| {
                // The sentence opens with the speaker's name.
                let opening = ctx.sents[next]
                    .text
                    .trim_start_matches(|c: char| !c.is_alphanumeric());
                first.subject.0 <= 1
                    || sp
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| opening.starts_with(w))
            })
        {
            let toks = &ctx.toks[next];
            let text = &ctx.sents[next].text;
            let rest: Vec<&str> = toks[first.end.min(toks.len())..]
                .iter()
                .take(2)
                .map(|t| t.text(text))
                .collect();
            let only = first.end + 2 >= toks.len() && no_quote(next);
            let quote_follows = matches!(rest.as_slice(), [",", "\""] | [":", "\""]);
            if only || quote_follows {
                found.extend(from_cue(first, Evidence::CueAfter));
            }
        }
        // The person the sentence before opens with, when it reports no
        // speech and quotes nothing.
        if let Some(p) = span.s0.checked_sub(1)
            && cues[p].is_empty()
            && no_quote(p)
            && let Some(who) = people.lead.get(p).cloned().flatten().or_else(|| {
                match people.named.get(p).map(Vec::as_slice) {
                    Some([only]) => Some(only.clone()),
                    _ => None,
                }
            })
        {
            found.push(Candidate {
                speaker: who,
                cue: None,
                role: None,
                evidence: Evidence::PreviousSubject,
            });
        }
    }
    // The previous quotation's speaker: for a quotation standing alone in
    // the same paragraph or right after it, and for words quoted in a
    // sentence with no cue of its own right after it (`The only products to
    // fall were Q-Tip boxes, but "our wine rattled pretty good."`).
    if let Some((k, q)) = out.last()
        && let Some(sp) = &q.speaker
    {
        let prev = ctx.spans[*k];
        let adjacent = prev.s1 + 1 == span.s0;
        let goes_on = if alone {
            ctx.sents[prev.s1].paragraph == para || adjacent
        } else {
            span.s0 == span.s1 && cues.get(span.s0).is_none_or(Vec::is_empty) && adjacent
        };
        if goes_on {
            found.push(Candidate {
                speaker: sp.clone(),
                cue: if alone { q.cue.clone() } else { None },
                role: q.role.clone(),
                evidence: Evidence::PreviousQuote { adjacent },
            });
        }
    }
    // The only person named in the quotation's own sentence, with no cue,
    // for a quotation that is a statement of its own (capitalised, four
    // words or more), not a label the writer quotes.
    let statement = text.starts_with(char::is_uppercase) && text.split_whitespace().count() >= 4;
    if !alone
        && statement
        && (span.s0..=span.s1).all(|k| cues.get(k).is_none_or(Vec::is_empty))
        && let Some([only]) = people.named.get(span.s0).map(Vec::as_slice)
    {
        found.push(Candidate {
            speaker: only.clone(),
            cue: None,
            role: None,
            evidence: Evidence::OwnSubject,
        });
    }
    // `He put the damage at "..."`: a pronoun subject with no cue verb.
    let first = ctx.toks[span.s0]
        .iter()
        .find(|t| t.kind == Kind::Word)
        .map(|t| t.text(&ctx.sents[span.s0].text));
    if matches!(first, Some("He" | "She"))
        && let Some(Some(p)) = people.last.get(span.s0)
    {
        found.push(Candidate {
            speaker: p.clone(),
            cue: None,
            role: None,
            evidence: Evidence::OpeningPronoun,
        });
    }
    let nearby = people
        .named
        .get(span.s0)
        .and_then(|n| n.last())
        .or_else(|| people.last.get(span.s0).and_then(Option::as_ref));
    if let Some(p) = nearby {
        found.push(Candidate {
            speaker: p.clone(),
            cue: None,
            role: None,
            evidence: Evidence::Nearby,
        });
    }
    found
}

/// Builds the quote mentions of a document. Returns them with, for each,
/// the index of its span in `ctx.spans` (quotes too short to keep are skipped).
pub(crate) fn extract(
    ctx: &Ctx<'_>,
    cues: &[Vec<Cue>],
    people: &People<'_>,
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
        let candidates = speaker_candidates(ctx, cues, people, &out, span, at, &text);
        let chosen = SPEAKER_MODEL.choose(&candidates);
        let (speaker, cue, role) = match chosen {
            Some(c) => (Some(c.speaker.clone()), c.cue.clone(), c.role.clone()),
            None => (None, None, None),
        };
        // A person merely named beside the words does not make them speech.
        let attributed =
            chosen.is_some_and(|c| !matches!(c.evidence, Evidence::OwnSubject | Evidence::Nearby));
        let features = QuoteFeatures::of(&text, words, attributed);
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
