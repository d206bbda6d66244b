//! Word hashing straight from raw article text (the fast path of corpus
//! deduplication), without running the normalization pipeline first.
//!
//! One byte-level pass cuts the text into words and hashes each case-folded
//! word once (xxh3-64). The words are chosen so that the noise found in
//! scraped and syndicated copies does not change them:
//!
//! * a word is a run of letters and digits (ASCII or any Unicode
//!   alphanumeric); everything else separates words, so punctuation, markdown
//!   emphasis (`**`, `_`), PTB quotes (``` `` ```, `''`), spaced commas
//!   (`Trump ,`) and hyphenation (`Jong-un` = `Jong un`) never matter;
//! * letters are case-folded (ASCII in place, others by `char::to_lowercase`);
//! * an apostrophe (`'` or `’`) between two word characters is dropped and
//!   the word goes on (`Russia's` → `russias`, `don't` → `dont`);
//! * a split clitic, i.e. one or more spaces then `'s`, `'re`, `'ve`, `'ll`,
//!   `'d`, `'m`, `'t` or `n't` ending a word, is glued back to the word before
//!   it, so the tokenizer artifacts `Russia 's` and `do n't` hash exactly like
//!   `Russia's` and `don't`;
//! * markdown link targets (`](...)`, up to `)` or a space) and bare URLs
//!   (`http://`, `https://`, `www.` up to a space or a closing bracket or
//!   quote) make no words, while the link text (`[AFP](#)` → `afp`) does.
//!
//! Everything is decided by looking at most a few bytes ahead; the only
//! buffer is the caller's reused scratch vector, so nothing is allocated per
//! word.

/// Separator byte.
const SEP: u8 = 0;
/// ASCII lowercase letter or digit.
const LOW: u8 = 1;
/// ASCII uppercase letter.
const UP: u8 = 2;
/// ASCII apostrophe.
const APOS: u8 = 3;
/// First or continuation byte of a multi-byte UTF-8 character.
const HIGH: u8 = 4;

/// Class of every byte value.
static CLASS: [u8; 256] = {
    let mut t = [SEP; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOW
        } else if c.is_ascii_uppercase() {
            UP
        } else if c == b'\'' {
            APOS
        } else if c >= 0x80 {
            HIGH
        } else {
            SEP
        };
        b += 1;
    }
    t
};

/// Class of the byte at `i` (`SEP` past the end).
#[inline(always)]
fn class_at(b: &[u8], i: usize) -> u8 {
    match b.get(i) {
        Some(&c) => CLASS[c as usize],
        None => SEP,
    }
}

/// The character starting at byte `i` of `text` (`None` past the end or off a
/// character boundary).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// True when the byte at `i` starts a word character (ASCII alphanumeric or a
/// non-ASCII alphanumeric character).
#[inline]
fn word_char_at(text: &str, i: usize) -> bool {
    match class_at(text.as_bytes(), i) {
        LOW | UP => true,
        HIGH => char_at(text, i).is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// Length in bytes of an apostrophe (`'` or `’`) at `i`, or 0.
#[inline]
fn apostrophe_at(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'\'') => 1,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) => 3,
        _ => 0,
    }
}

/// True when `b[i..]` starts with `prefix`, ignoring ASCII case.
#[inline]
fn starts_with_ci(b: &[u8], i: usize, prefix: &[u8]) -> bool {
    b.get(i..i + prefix.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(prefix))
}

/// End of a bare URL starting at `i`: the first ASCII whitespace, closing
/// bracket or quote.
fn skip_url(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        if c.is_ascii_whitespace() || matches!(c, b')' | b'>' | b']' | b'"' | b'<') {
            break;
        }
        i += 1;
    }
    i
}

/// Position after a markdown link target whose text starts at `i` (just after
/// `](`): past the closing `)`, or at the first whitespace if there is none.
fn skip_target(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        if c == b')' {
            return i + 1;
        }
        if c.is_ascii_whitespace() {
            return i;
        }
        i += 1;
    }
    i
}

/// If a split clitic follows a word that ends at `end`, returns its letters
/// (lowercase, without the apostrophe) and the position after it.
#[inline]
fn clitic_after(text: &str, end: usize) -> Option<(&'static [u8], usize)> {
    let b = text.as_bytes();
    let mut k = end;
    while b.get(k) == Some(&b' ') {
        k += 1;
    }
    if k == end {
        return None;
    }
    let (letters, after): (&'static [u8], usize) = match apostrophe_at(b, k) {
        0 => {
            // `n't` / `n’t`.
            if !matches!(b.get(k), Some(b'n' | b'N')) {
                return None;
            }
            let a = apostrophe_at(b, k + 1);
            if a == 0 || !matches!(b.get(k + 1 + a), Some(b't' | b'T')) {
                return None;
            }
            (b"nt", k + 2 + a)
        }
        a => {
            let s = k + a;
            let mut e = s;
            while e < s + 3 && matches!(class_at(b, e), LOW | UP) {
                e += 1;
            }
            let mut lower = [0u8; 3];
            for (slot, c) in lower.iter_mut().zip(b.get(s..e).unwrap_or(&[])) {
                *slot = c.to_ascii_lowercase();
            }
            let letters: &'static [u8] = match lower.get(..e - s).unwrap_or(&[]) {
                b"s" => b"s",
                b"re" => b"re",
                b"ve" => b"ve",
                b"ll" => b"ll",
                b"d" => b"d",
                b"m" => b"m",
                b"t" => b"t",
                _ => return None,
            };
            (letters, e)
        }
    };
    if word_char_at(text, after) || apostrophe_at(b, after) > 0 {
        return None;
    }
    Some((letters, after))
}

/// Appends the case-folded form of the word `text[start..end]` to `buf`,
/// dropping apostrophes.
fn fold_into(text: &str, start: usize, end: usize, buf: &mut Vec<u8>) {
    let Some(word) = text.get(start..end) else {
        return;
    };
    if word.is_ascii() {
        buf.extend(
            word.bytes()
                .filter(|&c| c != b'\'')
                .map(|c| c.to_ascii_lowercase()),
        );
        return;
    }
    let mut tmp = [0u8; 4];
    for c in word.chars() {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
}

/// Hashes every word of raw `text` (see the module documentation) and calls
/// `emit` with each hash in order. `buf` is scratch space.
pub fn for_each_word(text: &str, buf: &mut Vec<u8>, mut emit: impl FnMut(u64)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        match class_at(b, i) {
            LOW | UP => {}
            HIGH => {
                let Some(c) = char_at(text, i) else {
                    // Not a character boundary: cannot happen since we only
                    // step over whole characters, but stay safe.
                    i += 1;
                    continue;
                };
                if !c.is_alphanumeric() {
                    i += c.len_utf8();
                    continue;
                }
            }
            _ => {
                if b.get(i) == Some(&b']') && b.get(i + 1) == Some(&b'(') {
                    i = skip_target(b, i + 2);
                } else {
                    i += 1;
                }
                continue;
            }
        }
        // A word starts at `i`.
        if matches!(b.get(i), Some(b'h' | b'H' | b'w' | b'W'))
            && (starts_with_ci(b, i, b"http://")
                || starts_with_ci(b, i, b"https://")
                || starts_with_ci(b, i, b"www."))
        {
            i = skip_url(b, i);
            continue;
        }
        let start = i;
        let mut simple = true;
        loop {
            match class_at(b, i) {
                LOW => i += 1,
                UP => {
                    simple = false;
                    i += 1;
                }
                APOS => {
                    if i > start && word_char_at(text, i + 1) {
                        simple = false;
                        i += 1;
                    } else {
                        break;
                    }
                }
                HIGH => match char_at(text, i) {
                    Some(c) if c.is_alphanumeric() => {
                        simple = false;
                        i += c.len_utf8();
                    }
                    Some('\u{2019}') if i > start && word_char_at(text, i + 3) => {
                        simple = false;
                        i += 3;
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        let end = i;
        let clitic = if matches!(b.get(end), Some(b' ')) {
            clitic_after(text, end)
        } else {
            None
        };
        match clitic {
            None if simple => {
                emit(xxhash_rust::xxh3::xxh3_64(b.get(start..end).unwrap_or(&[])));
            }
            None => {
                buf.clear();
                fold_into(text, start, end, buf);
                emit(xxhash_rust::xxh3::xxh3_64(buf));
            }
            Some((letters, after)) => {
                buf.clear();
                fold_into(text, start, end, buf);
                buf.extend_from_slice(letters);
                emit(xxhash_rust::xxh3::xxh3_64(buf));
                i = after;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hashes(text: &str) -> Vec<u64> {
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for_each_word(text, &mut buf, |h| out.push(h));
        out
    }

    fn h(words: &[&str]) -> Vec<u64> {
        words
            .iter()
            .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
            .collect()
    }

    #[test]
    fn words_are_case_folded_runs_of_alphanumerics() {
        assert_eq!(
            hashes("Putin, KIM -- and 10,000 men!"),
            h(&["putin", "kim", "and", "10", "000", "men"])
        );
        assert_eq!(hashes("Jong-un"), hashes("Jong un"));
        assert!(hashes("  ... -- !! ** `` '' ").is_empty());
        assert!(hashes("").is_empty());
    }

    #[test]
    fn split_clitics_hash_like_joined_ones() {
        assert_eq!(hashes("Russia 's leader"), hashes("Russia's leader"));
        assert_eq!(hashes("Russia’s leader"), hashes("Russia's leader"));
        assert_eq!(
            hashes("North Korea 's role"),
            h(&["north", "koreas", "role"])
        );
        assert_eq!(hashes("they do n't know"), hashes("they don't know"));
        assert_eq!(
            hashes("we 're here , we 'll stay"),
            hashes("we're here, we'll stay")
        );
        // A quotation opened after a space is not a clitic.
        assert_eq!(hashes("said 'so be it'"), h(&["said", "so", "be", "it"]));
        assert_eq!(hashes("said 'store"), h(&["said", "store"]));
    }

    #[test]
    fn markdown_and_urls_make_no_words() {
        assert_eq!(
            hashes("By [AFP](#) and [kremlin.ru](http://kremlin.ru/a_b?c=d) **today**"),
            h(&["by", "afp", "and", "kremlin", "ru", "today"])
        );
        assert_eq!(
            hashes("Original url: <https://example.com/x-y> see www.site.org/page."),
            h(&["original", "url", "see"])
        );
        assert_eq!(
            hashes("![photo](img.png) caption"),
            h(&["photo", "caption"])
        );
    }

    #[test]
    fn non_ascii_words_are_folded() {
        assert_eq!(hashes("ÉCOLE Über"), hashes("école über"));
        assert_eq!(hashes("naïve café"), h(&["naïve", "café"]));
        // Non-alphanumeric non-ASCII characters separate words.
        assert_eq!(hashes("a—b «c»"), h(&["a", "b", "c"]));
    }

    #[test]
    fn unterminated_constructs_do_not_swallow_the_text() {
        assert_eq!(hashes("[x](no end here"), h(&["x", "end", "here"]));
        assert_eq!(hashes("word '"), h(&["word"]));
        assert_eq!(hashes("word 'x"), h(&["word", "x"]));
        assert_eq!(hashes("n'"), h(&["n"]));
    }

    proptest! {
        #[test]
        fn never_panics_and_ignores_case(s in "\\PC{0,200}") {
            let _ = hashes(&s);
            prop_assert_eq!(hashes(&s.to_ascii_uppercase()).len(), hashes(&s.to_ascii_lowercase()).len());
        }

        #[test]
        fn ascii_noise_is_ignored(words in prop::collection::vec("[a-z]{1,8}", 1..30)) {
            let plain = words.join(" ");
            let noisy = words.iter().map(|w| format!("**{w}** ,")).collect::<Vec<_>>().join(" ");
            prop_assert_eq!(hashes(&plain), hashes(&noisy));
        }
    }
}
