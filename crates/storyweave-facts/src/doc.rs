//! Per-document working state shared by the recognisers: the tokens of each
//! sentence and which tokens stand inside a quotation.

use storyweave_extract::Sentence;

use crate::lex::{Kind, Tok, tokenize};

/// A quotation found by the quote-mark scan, in token coordinates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// Sentence of the opening mark.
    pub s0: usize,
    /// Token index of the opening mark.
    pub t0: usize,
    /// Sentence of the closing mark (or of the paragraph end).
    pub s1: usize,
    /// Token index of the closing mark, or the sentence's token count when
    /// the quotation never closes.
    pub t1: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
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
    /// Tokenizes the sentences and pairs up quote marks paragraph by paragraph.
    /// An opening mark left open at the end of a paragraph closes there.
    pub fn new(sents: &'a [Sentence]) -> Ctx<'a> {
        let mut toks = Vec::with_capacity(sents.len());
        let mut inq = Vec::with_capacity(sents.len());
        let mut offset = Vec::with_capacity(sents.len());
        let mut spans = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        let mut total = 0;
        for (i, s) in sents.iter().enumerate() {
            if i > 0 && sents[i - 1].paragraph != s.paragraph {
                close_open(&mut open, i - 1, &toks, &mut spans);
            }
            let mut t = Vec::new();
            tokenize(&s.text, &mut t);
            let mut mask = vec![false; t.len()];
            for (j, tok) in t.iter().enumerate() {
                if tok.kind == Kind::Punct && tok.text(&s.text) == "\"" {
                    match open.take() {
                        None => open = Some((i, j)),
                        Some((s0, t0)) => spans.push(Span {
                            s0,
                            t0,
                            s1: i,
                            t1: j,
                            closed: true,
                        }),
                    }
                } else {
                    mask[j] = open.is_some();
                }
            }
            offset.push(total);
            total += t.len();
            toks.push(t);
            inq.push(mask);
        }
        if !sents.is_empty() {
            close_open(&mut open, sents.len() - 1, &toks, &mut spans);
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

fn close_open(
    open: &mut Option<(usize, usize)>,
    last: usize,
    toks: &[Vec<Tok>],
    spans: &mut Vec<Span>,
) {
    if let Some((s0, t0)) = open.take() {
        spans.push(Span {
            s0,
            t0,
            s1: last,
            t1: toks.get(last).map_or(0, Vec::len),
            closed: false,
        });
    }
}
