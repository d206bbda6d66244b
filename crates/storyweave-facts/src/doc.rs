//! Per-document working state shared by the recognisers: the tokens of each
//! sentence and which tokens stand inside a quotation.

use storyweave_extract::Sentence;

use crate::lex::{Kind, Tok, lower, tokenize};
use crate::lexicon;

/// A quotation found by the quote-mark scan, in token coordinates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// Sentence of the opening mark (of the first quoted word when the
    /// opening mark is missing).
    pub s0: usize,
    /// Token index of the opening mark; with no opening mark, of the first
    /// quoted word.
    pub t0: usize,
    /// Sentence of the closing mark (or where an unclosed quotation ends).
    pub s1: usize,
    /// Token index of the closing mark, or of the token after the last
    /// quoted one when the quotation never closes.
    pub t1: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Whether an opening mark was found (a closing mark alone opens its
    /// quotation at the start of its sentence).
    pub opened: bool,
}

impl Span {
    /// Token index of the first quoted token in sentence `s0`.
    pub fn first_inside(&self) -> usize {
        if self.opened { self.t0 + 1 } else { self.t0 }
    }
}

/// Which way a quotation mark faces, from the spacing around it: `"word`
/// opens, `word."` closes; glued or spaced on both sides, either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facing {
    Open,
    Close,
    Either,
}

fn facing(text: &str, tok: &Tok) -> Facing {
    let before = text.get(..tok.start).and_then(|t| t.chars().next_back());
    let after = text.get(tok.end..).and_then(|t| t.chars().next());
    let free_before = before.is_none_or(|c| c.is_whitespace() || "([{-".contains(c));
    let free_after = after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}-".contains(c));
    match (free_before, free_after) {
        (true, false) => Facing::Open,
        (false, true) => Facing::Close,
        _ => Facing::Either,
    }
}

/// Tokens and quotation state of one document.
pub(crate) struct Ctx<'a> {
    /// The article's sentences.
    pub sents: &'a [Sentence],
    /// Tokens of each sentence.
    pub toks: Vec<Vec<Tok>>,
    /// For each token, whether it stands inside a quotation (marks excluded).
    pub inq: Vec<Vec<bool>>,
    /// Quotations in reading order.
    pub spans: Vec<Span>,
    /// Index of each sentence's first token in the whole document.
    pub offset: Vec<usize>,
}

impl<'a> Ctx<'a> {
    /// Tokenizes the sentences and pairs up quote marks paragraph by
    /// paragraph, using which way each mark faces: a closing mark with no
    /// quotation open quotes its sentence up to it; an opening mark while a
    /// quotation is open, or the paragraph's end, ends the open one at the
    /// end of its first sentence (before a trailing `, X said`), unless the
    /// next paragraph opens with a mark, the way a quotation running over
    /// paragraphs is written.
    pub fn new(sents: &'a [Sentence]) -> Ctx<'a> {
        let mut toks: Vec<Vec<Tok>> = Vec::with_capacity(sents.len());
        for s in sents {
            let mut t = Vec::new();
            tokenize(&s.text, &mut t);
            toks.push(t);
        }
        let mut inq: Vec<Vec<bool>> = toks.iter().map(|t| vec![false; t.len()]).collect();
        let mut offset = Vec::with_capacity(sents.len());
        let mut total = 0;
        for t in &toks {
            offset.push(total);
            total += t.len();
        }
        let is_mark = |s: usize, j: usize| {
            toks[s][j].kind == Kind::Punct && toks[s][j].text(&sents[s].text) == "\""
        };
        let opens_paragraph = |s: usize| s < sents.len() && !toks[s].is_empty() && is_mark(s, 0);
        let mut spans = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, s) in sents.iter().enumerate() {
            if i > 0
                && sents[i - 1].paragraph != s.paragraph
                && let Some(o) = open.take()
            {
                let span = end_unclosed(o, i - 1, opens_paragraph(i), sents, &toks);
                spans.push(span);
            }
            for j in 0..toks[i].len() {
                if !is_mark(i, j) {
                    continue;
                }
                let face = facing(&s.text, &toks[i][j]);
                match open {
                    None if face == Facing::Close && j > 0 => {
                        // After a quotation closed earlier in the sentence,
                        // a lone closing mark quotes only from the end of
                        // that quotation's attribution (`..., said X. Just
                        // ...`): quotations never overlap.
                        let t0 = spans
                            .last()
                            .filter(|sp: &&Span| sp.s1 == i && sp.t1 < j)
                            .map_or(0, |sp| {
                                let text = &s.text;
                                (sp.t1 + 1..j)
                                    .find(|&k| matches!(toks[i][k].text(text), "." | "?" | "!"))
                                    .map_or(sp.t1 + 1, |k| k + 1)
                            });
                        if t0 < j {
                            spans.push(Span {
                                s0: i,
                                t0,
                                s1: i,
                                t1: j,
                                closed: true,
                                opened: false,
                            });
                        }
                    }
                    None => open = Some((i, j)),
                    Some(o) if face == Facing::Open && (o.0 != i || j > o.1 + 1) => {
                        let span = end_unclosed(o, i, false, sents, &toks);
                        let span = if span.s1 == i && span.t1 > j {
                            Span { t1: j, ..span }
                        } else {
                            span
                        };
                        spans.push(span);
                        open = Some((i, j));
                    }
                    Some((s0, t0)) => {
                        // `" I'm disappointed, ..., neighbor Constance Jones
                        // said. " These young people ...`: the closing mark was
                        // dropped, and this mark opens the next quotation.
                        if let Some(comma) = trailing_attribution(sents, &toks, i, j, (s0, t0)) {
                            spans.push(Span {
                                s0,
                                t0,
                                s1: i,
                                t1: comma,
                                closed: false,
                                opened: true,
                            });
                            open = Some((i, j));
                            continue;
                        }
                        open = None;
                        spans.push(Span {
                            s0,
                            t0,
                            s1: i,
                            t1: j,
                            closed: true,
                            opened: true,
                        });
                    }
                }
            }
        }
        if let Some(o) = open.take()
            && !sents.is_empty()
        {
            let span = end_unclosed(o, sents.len() - 1, false, sents, &toks);
            spans.push(span);
        }
        spans.sort_by_key(|sp| (sp.s0, sp.t0));
        for sp in &spans {
            for (si, mask) in inq.iter_mut().enumerate().take(sp.s1 + 1).skip(sp.s0) {
                let a = if si == sp.s0 { sp.first_inside() } else { 0 };
                let len = mask.len();
                let b = if si == sp.s1 { sp.t1.min(len) } else { len };
                for m in mask.iter_mut().take(b).skip(a) {
                    *m = true;
                }
            }
        }
        // Marks are never inside.
        for (si, mask) in inq.iter_mut().enumerate() {
            for (j, m) in mask.iter_mut().enumerate() {
                if is_mark(si, j) {
                    *m = false;
                }
            }
        }
        Ctx {
            sents,
            toks,
            inq,
            spans,
            offset,
        }
    }

    /// Position of token `t` of sentence `s` in the whole document.
    pub fn global(&self, s: usize, t: usize) -> usize {
        self.offset.get(s).copied().unwrap_or(0) + t
    }
}

/// The comma that starts an attribution closing the words before the mark
/// at `(i, j)` — `, X said.`, `, said X.` with one to four capitalised
/// words and a cue, then the sentence's end — when the quotation opened at
/// `open` holds it. Such words end a quotation whose closing mark was
/// dropped; they are never inside one.
fn trailing_attribution(
    sents: &[Sentence],
    toks: &[Vec<Tok>],
    i: usize,
    j: usize,
    open: (usize, usize),
) -> Option<usize> {
    let ts = toks.get(i)?;
    let text = &sents.get(i)?.text;
    if j < 2 || ts[j - 1].text(text) != "." {
        return None;
    }
    let from = if open.0 == i { open.1 + 1 } else { 0 };
    let comma = (from..j - 1)
        .rev()
        .take(7)
        .find(|&k| ts[k].text(text) == ",")?;
    let words: Vec<&Tok> = ts[comma + 1..j - 1]
        .iter()
        .filter(|t| t.kind != Kind::Punct)
        .collect();
    let mut buf = [0u8; 32];
    let cue_at = words
        .iter()
        .position(|t| lexicon::cue(lower(t.text(text), &mut buf)).is_some())?;
    let names: Vec<&&Tok> = words
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != cue_at)
        .map(|(_, t)| t)
        .collect();
    let shape = (cue_at == words.len() - 1 || cue_at == 0)
        && (1..=5).contains(&names.len())
        && names
            .iter()
            .rev()
            .take(2)
            .all(|t| crate::lex::is_cap(t.text(text)));
    shape.then_some(comma)
}

/// Ends a quotation whose closing mark is missing. It opened at `(s0, t0)`;
/// `last` is the last sentence it may reach. It runs to `last` when
/// `continues` (the next paragraph opens with a mark), else to the end of
/// its opening sentence, stopping before a trailing attribution there
/// (`..., Osama noted.`).
fn end_unclosed(
    (s0, t0): (usize, usize),
    last: usize,
    continues: bool,
    sents: &[Sentence],
    toks: &[Vec<Tok>],
) -> Span {
    // A mark closing its sentence (`... said." These young people ...`)
    // opens a quotation whose words are in the next sentence.
    let at_end = t0 + 1 >= toks.get(s0).map_or(0, Vec::len);
    let (first, from) = if at_end && s0 < last {
        (s0 + 1, 0)
    } else {
        (s0, t0 + 1)
    };
    let s1 = if continues { last.max(first) } else { first };
    let n = toks.get(s1).map_or(0, Vec::len);
    let mut t1 = n;
    if !continues && let Some(ts) = toks.get(first) {
        let text = &sents[first].text;
        let mut buf = [0u8; 32];
        // The last comma after which only capitalised words, a cue verb
        // and closing punctuation follow.
        for c in (from..n).rev() {
            if ts[c].text(text) != "," {
                continue;
            }
            let rest = &ts[c + 1..];
            let words: Vec<&Tok> = rest.iter().filter(|t| t.kind != Kind::Punct).collect();
            let cue_at = words
                .iter()
                .position(|t| lexicon::cue(lower(t.text(text), &mut buf)).is_some());
            if let Some(k) = cue_at
                && (1..=4).contains(&k)
                && words[..k].iter().all(|t| crate::lex::is_cap(t.text(text)))
                && words.len() <= k + 2
            {
                t1 = c;
            }
            break;
        }
    }
    Span {
        s0,
        t0,
        s1,
        t1,
        closed: false,
        opened: true,
    }
}
