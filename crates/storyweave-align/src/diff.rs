//! Word-level diff of two sentences.
//!
//! Both texts are cut into *tokens* — words (as [`storyweave_text::words`]
//! sees them) and single punctuation characters — each followed by the
//! whitespace after it. The longest common subsequence of the tokens gives
//! the equal parts; whitespace after two equal tokens is compared separately,
//! so `Ukraine alongside` against `Ukraine, alongside` differs only by
//! ` ` / `, `. The result is a list of [`Hunk`]s, byte ranges of the base and
//! of the variant between which everything is equal, so that the equal text
//! plus the deleted base ranges is exactly the base, and the equal text plus
//! the inserted ranges is exactly the variant.

use std::ops::Range;

/// One place where the two texts differ: `base` in the base text was
/// replaced by `var` in the variant (either may be empty, not both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hunk {
    /// Byte range of the base text.
    pub base: Range<usize>,
    /// Byte range of the variant text.
    pub var: Range<usize>,
}

/// A token: the byte range of its core (a word or one punctuation char) and
/// the end of the whitespace that follows it.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    core_end: usize,
    end: usize,
}

/// Cuts `text` into tokens; returns them and the length of any leading whitespace.
fn tokens(text: &str) -> (Vec<Token>, usize) {
    let mut out: Vec<Token> = Vec::new();
    let mut words = storyweave_text::words(text).peekable();
    let mut pos = 0usize;
    let mut lead = 0usize;
    while pos < text.len() {
        if let Some(w) = words.peek()
            && w.start == pos
        {
            let end = pos + w.text.len();
            out.push(Token {
                start: pos,
                core_end: end,
                end,
            });
            pos = end;
            words.next();
            continue;
        }
        let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) else {
            break;
        };
        let next = pos + c.len_utf8();
        if c.is_whitespace() {
            match out.last_mut() {
                Some(t) => t.end = next,
                None => lead = next,
            }
        } else {
            out.push(Token {
                start: pos,
                core_end: next,
                end: next,
            });
        }
        pos = next;
    }
    (out, lead)
}

/// The word or punctuation character of a token.
fn core<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.start..t.core_end).unwrap_or("")
}

/// The whitespace after a token.
fn ws<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.core_end..t.end).unwrap_or("")
}

/// Differences between `base` and `var`, in text order. `max_cells` bounds
/// the size of the comparison table (tokens of base times tokens of
/// variant, after trimming the common start and end); beyond it the
/// differing middle is reported as one hunk.
pub(crate) fn diff(base: &str, var: &str, max_cells: usize) -> Vec<Hunk> {
    let (a, a_lead) = tokens(base);
    let (b, b_lead) = tokens(var);

    // Matched token pairs, in order.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0usize;
    while lo < a.len() && lo < b.len() && core(base, &a[lo]) == core(var, &b[lo]) {
        pairs.push((lo, lo));
        lo += 1;
    }
    let mut hi_a = a.len();
    let mut hi_b = b.len();
    let mut tail = Vec::new();
    while hi_a > lo && hi_b > lo && core(base, &a[hi_a - 1]) == core(var, &b[hi_b - 1]) {
        hi_a -= 1;
        hi_b -= 1;
        tail.push((hi_a, hi_b));
    }
    let n = hi_a - lo;
    let m = hi_b - lo;
    if n > 0 && m > 0 && n.saturating_mul(m) <= max_cells {
        // dp[i][j]: length of the LCS of a[lo+i..hi_a] and b[lo+j..hi_b].
        let w = m + 1;
        let mut dp = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                dp[i * w + j] = if core(base, &a[lo + i]) == core(var, &b[lo + j]) {
                    dp[(i + 1) * w + j + 1] + 1
                } else {
                    dp[(i + 1) * w + j].max(dp[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0usize, 0usize);
        while i < n && j < m {
            if core(base, &a[lo + i]) == core(var, &b[lo + j])
                && dp[i * w + j] == dp[(i + 1) * w + j + 1] + 1
            {
                pairs.push((lo + i, lo + j));
                i += 1;
                j += 1;
            } else if dp[(i + 1) * w + j] >= dp[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    pairs.extend(tail.into_iter().rev());

    // Walk the pairs: everything between two matched tokens differs, and so
    // does the whitespace after a matched pair when it is not the same.
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut push = |h: Hunk| {
        if h.base.is_empty() && h.var.is_empty() {
            return;
        }
        match hunks.last_mut() {
            Some(last) if last.base.end == h.base.start && last.var.end == h.var.start => {
                last.base.end = h.base.end;
                last.var.end = h.var.end;
            }
            _ => hunks.push(h),
        }
    };
    if base.get(..a_lead) != var.get(..b_lead) {
        push(Hunk {
            base: 0..a_lead,
            var: 0..b_lead,
        });
    }
    let mut pa = a_lead;
    let mut pb = b_lead;
    for &(i, j) in &pairs {
        let (ta, tb) = (a[i], b[j]);
        push(Hunk {
            base: pa..ta.start,
            var: pb..tb.start,
        });
        if ws(base, &ta) != ws(var, &tb) {
            push(Hunk {
                base: ta.core_end..ta.end,
                var: tb.core_end..tb.end,
            });
        }
        pa = ta.end;
        pb = tb.end;
    }
    push(Hunk {
        base: pa..base.len(),
        var: pb..var.len(),
    });
    // Whitespace that both sides of a change start or end with is equal text.
    hunks.retain_mut(|h| {
        let bt = base.get(h.base.clone()).unwrap_or("");
        let vt = var.get(h.var.clone()).unwrap_or("");
        let lead = common_space(bt.chars(), vt.chars());
        let trail = common_space(bt.chars().rev(), vt.chars().rev());
        if lead + trail <= bt.len().min(vt.len()) {
            h.base = h.base.start + lead..h.base.end - trail;
            h.var = h.var.start + lead..h.var.end - trail;
        }
        !(h.base.is_empty() && h.var.is_empty())
    });
    hunks
}

/// Byte length of the whitespace both character sequences start with.
fn common_space(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b)
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .map(|(x, _)| x.len_utf8())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rebuilds both texts from the hunks and checks them.
    fn check(base: &str, var: &str) -> Vec<(String, String)> {
        let hunks = diff(base, var, 1 << 20);
        let (mut rb, mut rv) = (String::new(), String::new());
        let (mut pa, mut pb) = (0, 0);
        for h in &hunks {
            let eq_a = &base[pa..h.base.start];
            let eq_b = &var[pb..h.var.start];
            assert_eq!(eq_a, eq_b, "equal parts differ");
            rb.push_str(eq_a);
            rv.push_str(eq_b);
            rb.push_str(&base[h.base.clone()]);
            rv.push_str(&var[h.var.clone()]);
            pa = h.base.end;
            pb = h.var.end;
        }
        assert_eq!(&base[pa..], &var[pb..]);
        rb.push_str(&base[pa..]);
        rv.push_str(&var[pb..]);
        assert_eq!(rb, base);
        assert_eq!(rv, var);
        hunks
            .iter()
            .map(|h| {
                (
                    base[h.base.clone()].to_string(),
                    var[h.var.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn single_word_substitution() {
        let h = check(
            "on the town's northern quay operated by",
            "on the town's southern quay run by",
        );
        assert_eq!(
            h,
            [
                ("northern".to_string(), "southern".to_string()),
                ("operated".to_string(), "run".to_string())
            ]
        );
    }

    #[test]
    fn whitespace_after_equal_words_is_its_own_hunk() {
        let h = check("in Ukraine alongside", "in Ukraine, alongside");
        assert_eq!(h, [(String::new(), ",".to_string())]);
    }

    #[test]
    fn insertion_inside_a_quote() {
        let h = check("\"in the future.\"", "\"in the future, too.\"");
        assert_eq!(h, [(String::new(), ", too".to_string())]);
    }

    #[test]
    fn odd_whitespace_and_empty_texts() {
        check("", "");
        check("  a  b ", "a b");
        check("", "x y");
        check("x y", "");
        check("é, ü!", "ü, é?");
    }

    proptest::proptest! {
        #[test]
        fn hunks_rebuild_both_texts(base in "\\PC{0,60}", var in "\\PC{0,60}") {
            check(&base, &var);
        }

        #[test]
        fn hunks_rebuild_edited_sentences(
            words in proptest::collection::vec("[A-Za-z0-9]{1,6}|[,.\"'()-]| {1,2}", 0..30),
            edits in proptest::collection::vec((0usize..30, "[a-z]{0,5}|,"), 0..6),
        ) {
            let base: String = words.concat();
            let mut var_words = words.clone();
            for (at, w) in edits {
                if var_words.is_empty() {
                    var_words.push(w);
                } else {
                    let i = at % var_words.len();
                    var_words[i] = w;
                }
            }
            check(&base, &var_words.concat());
        }
    }

    #[test]
    fn huge_inputs_fall_back_to_one_hunk() {
        let a = "a b c d e";
        let b = "a x c y e";
        assert_eq!(diff(a, b, 1).len(), 1);
        assert_eq!(diff(a, b, 100).len(), 2);
    }
}
