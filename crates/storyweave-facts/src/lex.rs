//! A small tokenizer for the facts stage: words (with inner apostrophes and
//! hyphens, dotted acronyms such as `U.S.`), numbers (with `,`/`.` grouping)
//! and single punctuation characters, each with its byte range.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Starts with a letter.
    Word,
    /// Starts with a digit.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: Kind,
}

impl Tok {
    /// The token's text in `s`.
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start..self.end).unwrap_or("")
    }
}

/// Tokenizes `s` into `out` (cleared first).
pub(crate) fn tokenize(s: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = s.as_bytes();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: Kind::Punct,
            });
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Number
        } else {
            Kind::Word
        };
        let mut end = i + c.len_utf8();
        // Dotted acronym: U.S., U.S, U.K.
        if c.is_uppercase()
            && b.get(end) == Some(&b'.')
            && b.get(end + 1).is_some_and(u8::is_ascii_uppercase)
        {
            let mut j = end;
            while b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_uppercase) {
                j += 2;
            }
            if b.get(j) == Some(&b'.') {
                j += 1;
            }
            // Not an acronym when a lowercase letter follows (`A.Bc`).
            if !b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                while chars.peek().is_some_and(|&(k, _)| k < j) {
                    chars.next();
                }
                out.push(Tok {
                    start: i,
                    end: j,
                    kind,
                });
                continue;
            }
        }
        let mut prev = c;
        while let Some(&(k, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = k + d.len_utf8();
                prev = d;
                chars.next();
                continue;
            }
            let next = s[k + d.len_utf8()..].chars().next();
            let joins = match d {
                '\'' | '\u{2019}' | '-' => {
                    prev.is_alphanumeric() && next.is_some_and(char::is_alphanumeric)
                }
                ',' | '.' => {
                    kind == Kind::Number
                        && prev.is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            prev = d;
            chars.next();
        }
        out.push(Tok {
            start: i,
            end,
            kind,
        });
    }
}

/// Lowercases an ASCII word into `buf`, returning `""` for words that are not
/// ASCII or longer than the buffer (they never match the lexicon).
pub(crate) fn lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> &'b str {
    if w.len() > buf.len() || !w.is_ascii() {
        return "";
    }
    let out = &mut buf[..w.len()];
    out.copy_from_slice(w.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).unwrap_or("")
}

/// Whether the word starts with an uppercase letter.
pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the word is an acronym: at least two letters, all uppercase
/// (dots allowed: `U.S.`).
pub(crate) fn is_acronym(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if c != '.' && !c.is_ascii_digit() {
            return false;
        }
    }
    letters >= 2
}

/// A key for comparing names: lowercase letters and digits only
/// (`Kim Jong-un` and `Kim Jong Un` give `kimjongun`; `U.S.` gives `us`).
pub(crate) fn name_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            k.extend(c.to_lowercase());
        }
    }
    k
}

/// Strips a possessive `'s` / `'` ending.
pub(crate) fn strip_possessive(w: &str) -> (&str, bool) {
    for suf in ["'s", "\u{2019}s", "'S"] {
        if let Some(x) = w.strip_suffix(suf) {
            return (x, true);
        }
    }
    (w, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn acronyms_numbers_and_marks() {
        assert_eq!(
            toks("U.S. and U.S President sent 10,000 men ($3.2 billion), Jong-un's \"x\"."),
            [
                "U.S.",
                "and",
                "U.S",
                "President",
                "sent",
                "10,000",
                "men",
                "(",
                "$",
                "3.2",
                "billion",
                ")",
                ",",
                "Jong-un's",
                "\"",
                "x",
                "\"",
                "."
            ]
        );
        assert_eq!(
            toks("A.Bc 38% 52-meter"),
            ["A", ".", "Bc", "38", "%", "52-meter"]
        );
    }

    #[test]
    fn keys() {
        assert_eq!(name_key("Kim Jong-un"), name_key("Kim Jong Un"));
        assert_eq!(name_key("U.S."), "us");
        assert!(is_acronym("KCNA") && is_acronym("U.S.") && !is_acronym("Kim"));
    }
}
