//! The closed word lists of the pipeline, in one place: months, weekdays
//! and relative days, function words (stopwords) of every language the
//! pipeline knows, number words, reporting (speech) verbs, units and
//! currencies, and negations.
//!
//! Every stage reads these words from here, so that they agree on what a
//! month, a function word or a speech verb is. A stage that needs a
//! narrower set than a whole list does not keep a list of its own: it uses
//! a named sub-list defined here next to the full one ([`EDGE_WORDS`],
//! [`ARTICLES`], [`OPEN_ENDINGS`], [`PHRASE_BREAKS`],
//! [`LANGUAGE_MARKERS`] of the stopwords, [`NEUTRAL_SPEECH_VERBS`] of the
//! reporting verbs), and the tests check that each sub-list stays inside
//! its full list. Decisions that only one stage makes (which cue
//! verb is strong enough to attribute a quote, which noun makes a number
//! a designation) stay in that stage and build on these lists.
//!
//! Lookups take a word as it stands: ASCII letters in any case (`Said`,
//! `MARCH`), other letters lower-case. None of them allocates. Lists
//! searched by bisection are sorted (a test checks it); short tables are
//! `match`es, which compile to a decision tree.
//!
//! Figures written in digits are read by [`crate::numbers`]; number
//! *words* live here.

use std::cmp::Ordering;

/// Longest word a `match` table here holds, in bytes: a longer word is
/// in none of them and is not lower-cased.
const LONGEST: usize = 16;

/// Calls `f` with `word` with its ASCII letters lower-cased (copied to the
/// stack only when it has an upper-case one); `None` for a word longer
/// than any entry.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> Option<R>) -> Option<R> {
    let bytes = word.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return f(word);
    }
    let mut buf = [0u8; LONGEST];
    let lowered = buf.get_mut(..bytes.len())?;
    for (to, from) in lowered.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
    }
    f(std::str::from_utf8(lowered).ok()?)
}

/// Compares a lower-case list entry with `word`, ignoring the case of the
/// word's ASCII letters.
fn cmp_folded(entry: &str, word: &str) -> Ordering {
    entry
        .bytes()
        .cmp(word.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Whether `word` (ASCII letters in any case) is in the sorted, lower-case
/// `list`. A short list is scanned (a length check rules most entries out
/// at once), a long one bisected.
fn in_sorted(list: &[&str], word: &str) -> bool {
    if list.len() <= 16 {
        return list.iter().any(|entry| entry.eq_ignore_ascii_case(word));
    }
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        list.binary_search_by(|entry| cmp_folded(entry, word))
            .is_ok()
    } else {
        list.binary_search(&word).is_ok()
    }
}

// ---------------------------------------------------------------------------
// Calendar words

/// English month names, January first, lower-case.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, Monday first (as [`crate::Date::weekday`]
/// counts), lower-case.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names in the other languages whose dates the pipeline reads
/// (Spanish, Italian, Dutch, French, German, Portuguese), lower case, with
/// their month number; names spelt as in English are left out.
pub const FOREIGN_MONTHS: &[(&str, u8)] = &[
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("novembre", 11),
    ("dicembre", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("oktober", 10),
    ("janvier", 1),
    ("f\u{e9}vrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("ao\u{fb}t", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("d\u{e9}cembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("m\u{e4}rz", 3),
    ("dezember", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("mar\u{e7}o", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
];

/// Words naming a day by its distance from today, with that distance in
/// days; sorted. Changing one changes a date, as changing a weekday does.
pub const RELATIVE_DAYS: [(&str, i64); 4] = [
    ("today", 0),
    ("tomorrow", 1),
    ("tonight", 0),
    ("yesterday", -1),
];

/// Whether `word` names a time zone as written after a time: an
/// abbreviation in capitals (`GMT`, `UTC`, `Z`, or the shape of `EDT`,
/// `CEST`, `AEST`, `ET`: two to five capitals ending in `T`), or an offset
/// from UTC or GMT (`UTC+3`, `GMT-05:00`). A comma or bracket after it is
/// ignored. The one list of zones of the pipeline: date lines and page
/// stamps both read it.
pub fn is_time_zone(word: &str) -> bool {
    let w = word.trim_end_matches([',', ')']);
    let offset = ["UTC+", "UTC-", "GMT+", "GMT-"].iter().any(|p| {
        w.strip_prefix(p).is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b':')
        })
    });
    let abbreviation = (1..=5).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase())
        && (matches!(w, "UTC" | "GMT" | "Z") || (w.len() >= 2 && w.ends_with('T')));
    offset || abbreviation
}

/// Month number (1–12) of an English month name or its abbreviation
/// (`August`, `aug`, `SEPT`), any ASCII case, without a trailing dot.
/// Allocation-free: the story level tries every capitalised word.
pub fn english_month(word: &str) -> Option<u8> {
    let b = word.as_bytes();
    let (Some(&x), Some(&y), Some(&z)) = (b.first(), b.get(1), b.get(2)) else {
        return None;
    };
    if b.len() > 9 {
        return None;
    }
    // `| 0x20` lower-cases an ASCII letter and maps no other byte onto one.
    let month: u8 = match [x | 0x20, y | 0x20, z | 0x20] {
        [b'j', b'a', b'n'] => 1,
        [b'f', b'e', b'b'] => 2,
        [b'm', b'a', b'r'] => 3,
        [b'a', b'p', b'r'] => 4,
        [b'm', b'a', b'y'] => 5,
        [b'j', b'u', b'n'] => 6,
        [b'j', b'u', b'l'] => 7,
        [b'a', b'u', b'g'] => 8,
        [b's', b'e', b'p'] => 9,
        [b'o', b'c', b't'] => 10,
        [b'n', b'o', b'v'] => 11,
        [b'd', b'e', b'c'] => 12,
        _ => return None,
    };
    let full = MONTHS.get(usize::from(month) - 1).copied().unwrap_or("");
    let known = b.len() == 3
        || word.eq_ignore_ascii_case(full)
        || (month == 9 && word.eq_ignore_ascii_case("sept"));
    known.then_some(month)
}

/// Month number of an English month name written in full (`March`, not
/// `Mar`), any ASCII case.
pub fn english_month_name(word: &str) -> Option<u8> {
    english_month(word).filter(|&m| MONTHS[usize::from(m) - 1].len() == word.len())
}

/// Month number of an English month abbreviation shorter than its name
/// (`Jan`, `Sept`, not `May`), any ASCII case, without its dot: the words
/// after which a period need not end a sentence.
pub fn month_abbreviation(word: &str) -> Option<u8> {
    english_month(word).filter(|&m| MONTHS[usize::from(m) - 1].len() > word.len())
}

/// Month number of a month name as dates write it: English names and
/// abbreviations with or without a dot (`Aug.`, `Sept`), and the full
/// names of [`FOREIGN_MONTHS`] (`marzo`, `maart`); any case.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.len() < 3 {
        return None;
    }
    if let Some(m) = english_month(w) {
        return Some(m);
    }
    // Compared char by char, lowered on the fly: no allocation on the way
    // (every line of every article is tried as a date line).
    let lowered = || w.chars().flat_map(char::to_lowercase);
    FOREIGN_MONTHS
        .iter()
        .find(|(m, _)| m.chars().eq(lowered()))
        .map(|&(_, n)| n)
}

/// Weekday number (0 = Monday .. 6 = Sunday) of an English weekday name
/// written in full, any ASCII case.
pub fn weekday_number(word: &str) -> Option<u8> {
    WEEKDAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .and_then(|p| u8::try_from(p).ok())
}

/// Whether `word` names a weekday as date lines write it: in full or cut
/// to three or four letters (`Wed`, `Tues`, `Thur.`), any ASCII case.
pub fn is_weekday(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.len() < 3 || !w.is_ascii() {
        return false;
    }
    WEEKDAYS.iter().any(|d| {
        d.len() >= w.len()
            && (d.len() == w.len() || w.len() <= 4)
            && d.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
    })
}

/// The distance in days from today of a relative day word (`yesterday`
/// → -1), any ASCII case.
pub fn relative_day(word: &str) -> Option<i64> {
    RELATIVE_DAYS
        .binary_search_by(|(w, _)| cmp_folded(w, word))
        .ok()
        .map(|i| RELATIVE_DAYS[i].1)
}

/// Whether `word` is an English weekday or month name in full, or a
/// relative day (`Tuesday`, `march`, `yesterday`): changing one changes a
/// date.
pub fn is_date_word(word: &str) -> bool {
    weekday_number(word).is_some()
        || english_month_name(word).is_some()
        || relative_day(word).is_some()
}

// ---------------------------------------------------------------------------
// Function words

/// English function words and reporting verbs: the words that say nothing
/// about which event a text reports, never content for matching and never
/// the reason two sentences share something. Sorted, at most ten bytes
/// each (see [`is_english_stopword`]). The only English stopword list: a
/// stage needing fewer words uses one of the sub-lists below.
pub const ENGLISH_STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "became",
    "because",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "inside",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "near",
    "never",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "outside",
    "over",
    "own",
    "per",
    "please",
    "rather",
    "really",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "see",
    "seen",
    "several",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "told",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

/// Spanish function words, lower-case, sorted.
pub const SPANISH_STOPWORDS: &[&str] = &[
    "a", "al", "algo", "algunos", "ante", "antes", "aquí", "así", "aunque", "cada", "como", "con",
    "contra", "cual", "cuando", "de", "del", "desde", "dijo", "donde", "durante", "el", "ella",
    "ellos", "en", "entre", "era", "es", "esa", "ese", "esta", "este", "esto", "estos", "está",
    "están", "fue", "fueron", "ha", "había", "han", "hasta", "hay", "la", "las", "le", "les", "lo",
    "los", "mientras", "muy", "más", "ni", "no", "nos", "o", "otra", "otro", "otros", "para",
    "pero", "por", "porque", "que", "qué", "se", "sea", "según", "ser", "si", "sido", "sin",
    "sobre", "son", "su", "sus", "también", "tiene", "todo", "todos", "tras", "un", "una", "uno",
    "unos", "y", "ya",
];

/// Italian function words, lower-case, sorted.
pub const ITALIAN_STOPWORDS: &[&str] = &[
    "a", "agli", "ai", "al", "alla", "alle", "allo", "anche", "che", "come", "con", "contro",
    "cui", "da", "dal", "dalla", "dalle", "degli", "dei", "del", "della", "delle", "dello",
    "detto", "di", "dopo", "e", "ed", "era", "essere", "fra", "gli", "ha", "hanno", "il", "in",
    "la", "le", "lo", "loro", "ma", "molto", "ne", "negli", "nei", "nel", "nella", "nelle", "non",
    "o", "per", "perché", "più", "poi", "quando", "quella", "quello", "questa", "questo", "se",
    "si", "sia", "sono", "stata", "stato", "su", "sua", "sue", "sui", "sul", "sulla", "suo",
    "suoi", "tra", "tutti", "un", "una", "uno", "è",
];

/// Dutch function words, lower-case, sorted.
pub const DUTCH_STOPWORDS: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door", "een", "en", "er",
    "haar", "had", "heeft", "hem", "het", "hij", "hun", "in", "is", "je", "maar", "me", "met",
    "na", "naar", "niet", "nog", "nu", "of", "om", "omdat", "ook", "op", "over", "te", "tegen",
    "toen", "tot", "uit", "van", "veel", "voor", "was", "wat", "werd", "werden", "wie", "wij",
    "worden", "wordt", "ze", "zei", "zich", "zij", "zijn", "zo", "zoals",
];

/// French function words, lower-case, sorted.
pub const FRENCH_STOPWORDS: &[&str] = &[
    "a", "au", "aux", "avait", "avec", "ce", "cela", "ces", "cette", "comme", "dans", "de", "des",
    "du", "elle", "en", "est", "et", "il", "ils", "la", "le", "les", "leur", "lui", "mais", "même",
    "ne", "ni", "on", "ont", "ou", "où", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa",
    "sans", "se", "selon", "ses", "son", "sont", "sur", "un", "une", "y", "à", "été",
];

/// German function words, lower-case, sorted.
pub const GERMAN_STOPWORDS: &[&str] = &[
    "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "da", "das", "dass", "dem", "den",
    "der", "des", "die", "diese", "dieser", "doch", "durch", "ein", "eine", "einem", "einen",
    "einer", "eines", "er", "es", "für", "hat", "hatte", "im", "in", "ist", "ja", "kein", "man",
    "mit", "nach", "nicht", "noch", "nur", "oder", "sagte", "sei", "sein", "seine", "sich", "sie",
    "sind", "so", "um", "und", "uns", "unter", "vom", "von", "vor", "war", "waren", "wie", "wir",
    "wird", "wurde", "wurden", "zu", "zum", "zur", "über",
];

/// Where each first letter's run starts in [`ENGLISH_STOPWORDS`] (`a` to
/// `z`, then the end), so that a lookup searches a handful of words, not
/// all: the story level asks for every word of every article.
const STOP_INDEX: [usize; 27] = letter_index(ENGLISH_STOPWORDS);

/// The start of each first letter's run in a sorted list of lower-case
/// ASCII words (computed at compile time).
const fn letter_index(words: &[&str]) -> [usize; 27] {
    let mut index = [words.len(); 27];
    let mut letter = 0;
    let mut i = 0;
    while letter < 26 {
        while i < words.len() && (words[i].as_bytes()[0] as usize) < b'a' as usize + letter {
            i += 1;
        }
        index[letter] = i;
        letter += 1;
    }
    index
}

/// Whether `word` (ASCII letters in any case) is an English function word.
pub fn is_english_stopword(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    let first = first.to_ascii_lowercase();
    if !first.is_ascii_lowercase() || word.len() > 10 {
        return false;
    }
    let letter = usize::from(first - b'a');
    let (Some(&from), Some(&to)) = (STOP_INDEX.get(letter), STOP_INDEX.get(letter + 1)) else {
        return false;
    };
    ENGLISH_STOPWORDS
        .get(from..to)
        .is_some_and(|run| in_sorted(run, word))
}

/// The function words of a language other than English, by ISO 639-1 code
/// (`es`, `it`, `nl`, `fr`, `de`); empty for English (see
/// [`ENGLISH_STOPWORDS`]) and for languages without a list.
pub fn own_stopwords(language: &str) -> &'static [&'static str] {
    match language {
        "es" => SPANISH_STOPWORDS,
        "it" => ITALIAN_STOPWORDS,
        "nl" => DUTCH_STOPWORDS,
        "fr" => FRENCH_STOPWORDS,
        "de" => GERMAN_STOPWORDS,
        _ => &[],
    }
}

/// The function words a text leaves out: English ones always (news in any
/// language quotes English names and phrases), plus those of its own
/// language. Chosen once per text, from its language.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stopwords {
    /// The function words of the text's own language, sorted (empty for
    /// English and unknown languages).
    own: &'static [&'static str],
}

impl Stopwords {
    /// The function words for a text in `language` (an ISO 639-1 code).
    pub fn for_language(language: Option<&str>) -> Stopwords {
        Stopwords {
            own: language.map_or(&[], own_stopwords),
        }
    }

    /// Whether `word` is a function word (ASCII letters in any case, other
    /// letters lower-case).
    pub fn contains(self, word: &str) -> bool {
        is_english_stopword(word) || (!self.own.is_empty() && in_sorted(self.own, word))
    }
}

/// Whether `word` is a function word of English or of `language` (an ISO
/// 639-1 code): [`Stopwords::contains`] for one word.
pub fn is_stopword(language: Option<&str>, word: &str) -> bool {
    Stopwords::for_language(language).contains(word)
}

/// Sub-list of [`ENGLISH_STOPWORDS`]: prepositions and conjunctions, which
/// may be trimmed from the edges of two differing readings when both start
/// (or end) with one. Sorted.
pub const EDGE_WORDS: &[&str] = &[
    "about", "across", "after", "against", "along", "and", "as", "at", "before", "behind",
    "between", "but", "by", "during", "for", "from", "in", "inside", "into", "near", "of", "on",
    "onto", "or", "outside", "over", "than", "that", "through", "to", "toward", "towards", "under",
    "with", "within", "without",
];

/// Whether `word` (any ASCII case) is one of the [`EDGE_WORDS`].
pub fn is_edge_word(word: &str) -> bool {
    in_sorted(EDGE_WORDS, word)
}

/// Sub-list of [`ENGLISH_STOPWORDS`]: the articles, dropped from the start
/// of a reading when a name follows. Sorted.
pub const ARTICLES: &[&str] = &["a", "an", "the"];

/// Whether `word` (any ASCII case) is an article.
pub fn is_article(word: &str) -> bool {
    in_sorted(ARTICLES, word)
}

/// Sub-list of [`ENGLISH_STOPWORDS`]: words after which a paragraph cannot
/// have ended, so a paragraph ending in one was broken mid-sentence.
/// Sorted.
pub const OPEN_ENDINGS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "her", "his", "in", "into", "is", "its", "of", "on", "or", "said", "than", "that", "the",
    "their", "to", "was", "were", "which", "who", "with",
];

/// Whether `word`, exactly as written, is one of the [`OPEN_ENDINGS`]:
/// lower-case only, since a capital `A` ends `Vitamin A`.
pub fn is_open_ending(word: &str) -> bool {
    OPEN_ENDINGS.binary_search(&word).is_ok()
}

/// Sub-list of [`ENGLISH_STOPWORDS`]: the function words that end a noun
/// phrase read word by word from a number or a speech verb (`three people
/// *in* the city`). Sorted.
pub const PHRASE_BREAKS: &[&str] = &[
    "a", "about", "across", "after", "against", "ago", "all", "along", "also", "among", "an",
    "and", "are", "around", "as", "at", "be", "because", "been", "before", "being", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "down", "during", "each", "every",
    "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "i", "if", "in",
    "into", "is", "it", "its", "just", "less", "may", "might", "more", "most", "must", "my", "no",
    "nor", "not", "now", "of", "off", "on", "once", "only", "or", "our", "out", "over", "per",
    "said", "says", "she", "should", "since", "so", "still", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "told", "under",
    "until", "up", "us", "was", "we", "were", "when", "where", "which", "while", "who", "whom",
    "whose", "will", "with", "within", "without", "would", "yet", "you", "your",
];

/// Whether `word` (any ASCII case) is one of the [`PHRASE_BREAKS`].
pub fn is_phrase_break(word: &str) -> bool {
    in_sorted(PHRASE_BREAKS, word)
}

/// Sub-lists of each language's function words: frequent, short and
/// fairly specific to it, counted to tell the language of a text (see
/// [`crate::detect_language`]). Each is inside that language's full list.
pub const LANGUAGE_MARKERS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "was", "said", "have", "has",
            "he", "it", "by", "from", "on", "are", "were", "this", "which",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "que", "y", "por", "con", "una", "del", "se", "para", "es", "su",
            "al", "como", "pero", "más",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "e", "per", "non", "una", "della", "sono", "gli", "nel", "alla",
            "anche", "è", "dei", "ha",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "dat", "niet", "op", "met", "zijn", "voor", "werd", "ook", "aan",
            "bij", "naar", "heeft",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "un", "une", "du", "pour", "dans", "qui", "pas",
            "sur", "au", "avec", "ce", "sont",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von",
            "sich", "auf", "für", "dem", "wurde",
        ],
    ),
];

/// Words that turn a statement into its opposite, sorted; see
/// [`is_negation`] for contractions.
pub const NEGATIONS: &[&str] = &[
    "neither", "never", "no", "nobody", "none", "nor", "not", "nothing",
];

/// Whether `word` negates: one of the [`NEGATIONS`] (any ASCII case) or a
/// contraction ending in `n't` (`didn't`, `won’t`).
pub fn is_negation(word: &str) -> bool {
    let b = word.as_bytes();
    let ascii_nt = b.len() > 3 && b[b.len() - 3..].eq_ignore_ascii_case(b"n't");
    ascii_nt || word.ends_with("n\u{2019}t") || in_sorted(NEGATIONS, word)
}

// ---------------------------------------------------------------------------
// Number words

/// English cardinal number words from `zero` to `ninety`, with their values.
pub const CARDINALS: [(&str, u32); 28] = [
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Scale words and their abbreviations (`million`, `mln`, `bn`) with the
/// factor they multiply a number by.
pub const SCALES: [(&str, u64); 11] = [
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("mln", 1_000_000),
    ("mn", 1_000_000),
    ("billion", 1_000_000_000),
    ("bln", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
    ("trn", 1_000_000_000_000),
    ("tln", 1_000_000_000_000),
];

/// Value of a cardinal number word (`two`, `Sixty`), any ASCII case.
pub fn cardinal(word: &str) -> Option<u32> {
    with_lower(word, |w| {
        CARDINALS.iter().find(|(c, _)| *c == w).map(|&(_, v)| v)
    })
}

/// Factor of a scale word (`thousand` → 1,000, `bn` → 1,000,000,000), any
/// ASCII case.
pub fn scale(word: &str) -> Option<u64> {
    with_lower(word, |w| {
        SCALES.iter().find(|(s, _)| *s == w).map(|&(_, v)| v)
    })
}

/// Factor of a scale abbreviation glued to the digits before it (`10m`,
/// `5bn`, `3k`), any ASCII case.
pub fn glued_scale(suffix: &str) -> Option<u64> {
    with_lower(suffix, |w| match w {
        "k" => Some(1_000),
        "m" | "mn" | "mln" => Some(1_000_000),
        "b" | "bn" | "bln" => Some(1_000_000_000),
        _ => None,
    })
}

/// The denominator of a fraction word (`half` → 2, `thirds` → 3,
/// `quarter` → 4), any ASCII case.
pub fn fraction_denominator(word: &str) -> Option<u32> {
    with_lower(word, |w| match w {
        "half" | "halves" => Some(2),
        "third" | "thirds" => Some(3),
        "quarter" | "quarters" | "fourth" | "fourths" => Some(4),
        "fifth" | "fifths" => Some(5),
        "tenth" | "tenths" => Some(10),
        _ => None,
    })
}

/// How many one unit of a counting word holds (`dozen` → 12, `pair` → 2,
/// `score` → 20), any ASCII case. Only `dozen` is a number on its own;
/// the others count only after a number or `a` (`a pair of`).
pub fn group_size(word: &str) -> Option<u32> {
    with_lower(word, |w| match w {
        "dozen" => Some(12),
        "pair" => Some(2),
        "score" => Some(20),
        _ => None,
    })
}

/// Value of a number written in words as one token: a cardinal, a scale
/// word or `dozen`, or such words joined by hyphens (`twenty-five`,
/// `two-hundred`, `five-hundred-thousand`), any ASCII case. `None` when a
/// part is not one of those words (`thousands`, `one-off`) or the value
/// overflows.
pub fn number_word_value(word: &str) -> Option<u64> {
    // `total` holds the finished groups of thousands, `current` the group
    // being read (`five-hundred` before `thousand`).
    let (mut total, mut current) = (0u64, 0u64);
    for part in word.split('-') {
        if let Some(v) = cardinal(part) {
            current = current.checked_add(u64::from(v))?;
            continue;
        }
        let factor = scale(part).or_else(|| part.eq_ignore_ascii_case("dozen").then_some(12))?;
        let base = current.max(1);
        if factor < 1_000 {
            current = base.checked_mul(factor)?;
        } else {
            total = total.checked_add(base.checked_mul(factor)?)?;
            current = 0;
        }
    }
    total.checked_add(current)
}

// ---------------------------------------------------------------------------
// Reporting verbs

/// What a reporting verb says its subject did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// A finite verb of speech or writing (`said`, `told`, `wrote`,
    /// `warned`): the subject is the speaker of the words reported.
    Speech,
    /// A participle continuing a sentence's speech (`adding`, `saying`).
    Participle,
    /// A public statement (`announced`, `reported`, `estimated`, and
    /// `according` of `according to`): a source, not necessarily its words.
    Statement,
    /// A stance or commitment (`confirmed`, `promised`, `believes`).
    Stance,
    /// A finding stated by a source (`found`, `showed`, `identified`).
    Finding,
}

/// A reporting verb: its kind, and whether the speaker may follow it
/// (`"…," said Rasmussen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportingVerb {
    /// What the verb says its subject did.
    pub kind: ReportKind,
    /// Whether the verb may come before its subject after a quotation.
    pub speaker_may_follow: bool,
}

/// The reporting verb `word` is (`said`, `Told`, `according`), any ASCII
/// case: the one list of speech and cue verbs of the pipeline.
pub fn reporting_verb(word: &str) -> Option<ReportingVerb> {
    use ReportKind::{Finding, Participle, Speech, Stance, Statement};
    with_lower(word, |w| {
        let (kind, speaker_may_follow) = match w {
            "said" | "says" | "say" | "added" | "adds" | "wrote" | "writes" | "asked"
            | "replied" | "continued" | "explained" | "recalled" | "remarked" | "noted"
            | "warned" | "cautioned" | "insisted" | "argued" | "stated" | "declared"
            | "stressed" | "emphasised" | "emphasized" | "admitted" | "acknowledged"
            | "claimed" | "testified" | "tweeted" | "shouted" | "yelled" | "screamed"
            | "commented" | "responded" | "answered" | "conceded" | "complained" | "observed"
            | "recounted" | "posted" | "echoed" | "echoes" | "exclaimed" | "quipped" | "joked"
            | "pleaded" | "whispered" | "muttered" | "wondered" | "reiterated" | "countered"
            | "lamented" | "boasted" => (Speech, true),
            "told" | "tells" => (Speech, false),
            "adding" | "saying" | "stating" | "noting" | "explaining" | "insisting" | "warning"
            | "claiming" | "arguing" | "telling" | "writing" | "asking" => (Participle, false),
            "announced" | "reported" | "estimated" | "urged" | "predicted" | "according" => {
                (Statement, false)
            }
            "confirmed" | "pledged" | "called" | "calling" | "described" | "vowed" | "promised"
            | "suggested" | "believes" | "believe" | "thinks" | "indicated" => (Stance, false),
            "identified" | "found" | "showed" | "shows" | "determined" | "ruled" | "listed" => {
                (Finding, false)
            }
            _ => return None,
        };
        Some(ReportingVerb {
            kind,
            speaker_may_follow,
        })
    })
}

/// Sub-list of the [`ReportKind::Speech`] verbs: the neutral verbs of
/// saying, which report words without colouring them (`said`, `told`,
/// `wrote`; not `insisted`, `warned`, `claimed`). The story level takes a
/// name before one as the source it quotes, not what the article is about;
/// the coloured verbs are as often the subject's own (`Lohan insisted`).
/// Sorted.
pub const NEUTRAL_SPEECH_VERBS: &[&str] = &[
    "added",
    "adds",
    "explained",
    "said",
    "says",
    "stated",
    "tells",
    "told",
    "writes",
    "wrote",
];

/// Whether `word` (any ASCII case) is one of the [`NEUTRAL_SPEECH_VERBS`].
pub fn is_neutral_speech_verb(word: &str) -> bool {
    in_sorted(NEUTRAL_SPEECH_VERBS, word)
}

/// Whether `word` is a finite verb of speech ([`ReportKind::Speech`]:
/// `said`, `says`, `told`, `wrote`), any ASCII case: right after a name it
/// makes that name the source of what is reported.
pub fn is_speech_verb(word: &str) -> bool {
    reporting_verb(word).is_some_and(|v| v.kind == ReportKind::Speech)
}

/// Compass words: part of a place reference (`the northern quay`); two
/// reports putting an event at different ones disagree on its place.
pub const COMPASS_WORDS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
];

/// Whether `word` (any ASCII case) is one of the [`COMPASS_WORDS`].
pub fn is_compass_word(word: &str) -> bool {
    COMPASS_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

// ---------------------------------------------------------------------------
// Events

/// The event role a word gives the figure beside it (`10 people were
/// killed`, `the death toll`, `five injured`), any ASCII case, as one name
/// per role: `killed`, `injured`, `arrested`, `missing`, `evacuated`. The
/// consolidated story compares a role's figures across its sources.
pub fn event_role(word: &str) -> Option<&'static str> {
    with_lower(word, |w| {
        Some(match w {
            "killed" | "dead" | "died" | "deaths" | "death" | "fatalities" | "fatally" | "toll"
            | "bodies" | "slain" => "killed",
            "injured" | "wounded" | "hurt" | "injuries" | "hospitalised" | "hospitalized" => {
                "injured"
            }
            "arrested" | "detained" | "arrests" | "detentions" => "arrested",
            "missing" => "missing",
            "evacuated" | "evacuees" | "displaced" | "homeless" => "evacuated",
            _ => return None,
        })
    })
}

/// The event role a participle gives the figure right after it (`killing at
/// least 10 people`, `injuring 50`), any ASCII case, named as in
/// [`event_role`].
pub fn event_role_before(word: &str) -> Option<&'static str> {
    with_lower(word, |w| {
        Some(match w {
            "killing" => "killed",
            "injuring" | "wounding" => "injured",
            "arresting" | "detaining" => "arrested",
            "evacuating" | "displacing" => "evacuated",
            _ => return None,
        })
    })
}

/// Words that make a count a part or an increment of a total rather than
/// the total (`four others`, `two more`, `two extra life sentences`,
/// `three additional charges`, `another five`), any ASCII case: such a
/// count is not compared with a total given elsewhere.
pub fn is_increment_word(word: &str) -> bool {
    with_lower(word, |w| {
        matches!(
            w,
            "others" | "more" | "extra" | "additional" | "further" | "another"
        )
        .then_some(())
    })
    .is_some()
}

/// Nouns of an earthquake (`quake`, `temblor`), any ASCII case: a decimal
/// figure right before one is its magnitude.
pub fn is_quake_noun(word: &str) -> bool {
    with_lower(word, |w| {
        matches!(
            w,
            "quake" | "earthquake" | "temblor" | "tremor" | "quakes" | "earthquakes"
        )
        .then_some(())
    })
    .is_some()
}

// ---------------------------------------------------------------------------
// Units and currencies

/// A unit of measure as a figure is reported in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    /// The canonical name of the unit (`kilometres`, `years`).
    pub name: &'static str,
    /// What a number written with the word is multiplied by to be in
    /// `name` (`two decades` is 20 `years`).
    pub factor: f64,
}

/// The unit a word after a number names (`km`, `Miles`, `decades`), any
/// ASCII case, with its canonical name and factor: `60 km` is 60
/// `kilometres`, `two decades` 20 `years`.
pub fn unit(word: &str) -> Option<Unit> {
    with_lower(word, |w| {
        let (name, factor) = match w {
            "second" | "seconds" | "sec" | "secs" => ("seconds", 1.0),
            "minute" | "minutes" | "min" | "mins" => ("minutes", 1.0),
            "hour" | "hours" | "hr" | "hrs" => ("hours", 1.0),
            "day" | "days" => ("days", 1.0),
            "week" | "weeks" => ("weeks", 1.0),
            "month" | "months" => ("months", 1.0),
            "year" | "years" | "yr" | "yrs" => ("years", 1.0),
            "decade" | "decades" => ("years", 10.0),
            "century" | "centuries" => ("years", 100.0),
            "millimetre" | "millimetres" | "millimeter" | "millimeters" | "mm" => {
                ("millimetres", 1.0)
            }
            "centimetre" | "centimetres" | "centimeter" | "centimeters" | "cm" => {
                ("centimetres", 1.0)
            }
            "metre" | "metres" | "meter" | "meters" | "m" => ("metres", 1.0),
            "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" | "kms" => {
                ("kilometres", 1.0)
            }
            "inch" | "inches" | "in" => ("inches", 1.0),
            "foot" | "feet" | "ft" => ("feet", 1.0),
            "yard" | "yards" | "yd" | "yds" => ("yards", 1.0),
            "mile" | "miles" | "mi" => ("miles", 1.0),
            "mph" => ("miles per hour", 1.0),
            "kph" | "kmh" => ("kilometres per hour", 1.0),
            "knot" | "knots" => ("knots", 1.0),
            "gram" | "grams" | "g" => ("grams", 1.0),
            "kilogram" | "kilograms" | "kilo" | "kilos" | "kg" | "kgs" => ("kilograms", 1.0),
            "tonne" | "tonnes" | "ton" | "tons" => ("tonnes", 1.0),
            "lb" | "lbs" => ("pounds", 1.0),
            "litre" | "litres" | "liter" | "liters" => ("litres", 1.0),
            "gallon" | "gallons" => ("gallons", 1.0),
            "acre" | "acres" => ("acres", 1.0),
            "hectare" | "hectares" => ("hectares", 1.0),
            "degree" | "degrees" => ("degrees", 1.0),
            "magnitude" => ("magnitude", 1.0),
            "ghz" => ("gigahertz", 1.0),
            "gb" | "gigabyte" | "gigabytes" => ("gigabytes", 1.0),
            "tb" | "terabyte" | "terabytes" => ("terabytes", 1.0),
            _ => return None,
        };
        Some(Unit { name, factor })
    })
}

/// The canonical unit of a distance per hour (`kilometres` → `kilometres
/// per hour`), for `60 km an hour`.
pub fn per_hour(unit: &str) -> Option<&'static str> {
    match unit {
        "kilometres" => Some("kilometres per hour"),
        "miles" => Some("miles per hour"),
        _ => None,
    }
}

/// The currency a word after an amount names (`kroner`, `USD`, `stg`), any
/// ASCII case, by its canonical name (`kroner`, `dollars`, `pounds`).
pub fn currency(word: &str) -> Option<&'static str> {
    with_lower(word, |w| {
        Some(match w {
            "dollars" | "dollar" | "usd" => "dollars",
            "euros" | "euro" | "eur" => "euros",
            "pounds" | "pound" | "stg" | "sterling" | "gbp" => "pounds",
            "pence" | "p" => "pence",
            "kroner" | "krone" | "kronor" | "krona" | "nok" | "sek" | "dkk" => "kroner",
            "yen" | "jpy" => "yen",
            "yuan" | "renminbi" | "cny" => "yuan",
            "rubles" | "roubles" | "ruble" | "rouble" => "rubles",
            "francs" | "franc" | "chf" => "francs",
            "won" => "won",
            "rupees" | "rupee" => "rupees",
            "cents" | "cent" => "cents",
            _ => return None,
        })
    })
}

/// A hundredth of a currency named by its own word: `26 cents` is 0.26
/// `dollars`, `50 pence` 0.5 `pounds`. The currency and the factor into it.
pub fn currency_subunit(name: &str) -> Option<(&'static str, f64)> {
    match name {
        "cents" => Some(("dollars", 0.01)),
        "pence" => Some(("pounds", 0.01)),
        _ => None,
    }
}

/// The currency of a symbol written before an amount (`$`, `€`, `£`, `¥`).
pub fn currency_symbol(symbol: &str) -> Option<&'static str> {
    match symbol {
        "$" => Some("dollars"),
        "\u{20ac}" => Some("euros"),
        "\u{a3}" => Some("pounds"),
        "\u{a5}" => Some("yen"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a list is sorted and without repeats, as bisection needs.
    fn sorted_unique(list: &[&str]) -> bool {
        list.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn searched_lists_are_sorted_unique_and_lower_case() {
        let lists: [(&str, &[&str]); 11] = [
            ("english", ENGLISH_STOPWORDS),
            ("spanish", SPANISH_STOPWORDS),
            ("italian", ITALIAN_STOPWORDS),
            ("dutch", DUTCH_STOPWORDS),
            ("french", FRENCH_STOPWORDS),
            ("german", GERMAN_STOPWORDS),
            ("edge", EDGE_WORDS),
            ("articles", ARTICLES),
            ("open endings", OPEN_ENDINGS),
            ("phrase breaks", PHRASE_BREAKS),
            ("neutral speech verbs", NEUTRAL_SPEECH_VERBS),
        ];
        for (name, list) in lists.iter().chain([("negations", NEGATIONS)].iter()) {
            assert!(sorted_unique(list), "{name}");
            for w in *list {
                assert_eq!(*w, w.to_lowercase(), "{name}: {w}");
            }
        }
        let days: Vec<&str> = RELATIVE_DAYS.iter().map(|&(w, _)| w).collect();
        assert!(sorted_unique(&days));
        assert!(
            ENGLISH_STOPWORDS
                .iter()
                .all(|w| w.len() <= 10 && w.is_ascii())
        );
    }

    #[test]
    fn sub_lists_stay_inside_their_full_list() {
        for (name, sub) in [
            ("edge", EDGE_WORDS),
            ("articles", ARTICLES),
            ("open endings", OPEN_ENDINGS),
            ("phrase breaks", PHRASE_BREAKS),
        ] {
            for w in sub {
                assert!(is_english_stopword(w), "{name}: {w}");
            }
        }
        for w in NEUTRAL_SPEECH_VERBS {
            assert!(is_speech_verb(w), "neutral speech verbs: {w}");
        }
        for (code, markers) in LANGUAGE_MARKERS {
            for w in *markers {
                assert!(
                    is_stopword(Some(code), w)
                        && (*code == "en" || own_stopwords(code).contains(w)),
                    "{code}: {w}"
                );
            }
        }
    }

    #[test]
    fn every_stopword_is_found_in_any_case() {
        for w in ENGLISH_STOPWORDS {
            assert!(is_english_stopword(w), "{w}");
            assert!(is_english_stopword(&w.to_uppercase()), "{w}");
        }
        for w in [
            "zebra",
            "",
            "\u{dc}nter",
            "shooting",
            "aa",
            "yours2",
            "themselvesx",
        ] {
            assert!(!is_english_stopword(w), "{w}");
        }
        assert!(is_edge_word("Towards") && !is_edge_word("the"));
        assert!(is_article("The") && !is_article("then"));
        assert!(is_open_ending("the") && !is_open_ending("A") && !is_open_ending("said."));
        assert!(is_phrase_break("in") && !is_phrase_break("people"));
    }

    #[test]
    fn a_text_leaves_out_english_and_its_own_function_words() {
        let english = Stopwords::for_language(Some("en"));
        let spanish = Stopwords::for_language(Some("es"));
        let german = Stopwords::for_language(Some("de"));
        for stop in [english, spanish, german, Stopwords::default()] {
            assert!(stop.contains("the") && stop.contains("Said"));
            assert!(!stop.contains("earthquake"));
        }
        assert!(spanish.contains("seg\u{fa}n") && spanish.contains("los"));
        assert!(!english.contains("seg\u{fa}n") && !german.contains("los"));
        assert!(german.contains("\u{fc}ber") && german.contains("wurde"));
        assert!(is_stopword(Some("it"), "che") && !is_stopword(None, "che"));
    }

    #[test]
    fn months_and_weekdays() {
        assert_eq!(english_month("August"), Some(8));
        assert_eq!(english_month("SEPT"), Some(9));
        assert_eq!(english_month("sep"), Some(9));
        assert_eq!(english_month("Mayor"), None);
        assert_eq!(english_month("Aug."), None);
        assert_eq!(english_month_name("march"), Some(3));
        assert_eq!(english_month_name("Mar"), None);
        assert_eq!(month_abbreviation("Jan"), Some(1));
        assert_eq!(month_abbreviation("Sept"), Some(9));
        assert_eq!(month_abbreviation("May"), None);
        assert_eq!(month_number("Aug."), Some(8));
        assert_eq!(month_number("marzo"), Some(3));
        assert_eq!(month_number("M\u{e4}rz"), Some(3));
        assert_eq!(month_number("Ma"), None);
        for (i, m) in MONTHS.iter().enumerate() {
            assert_eq!(month_number(m).map(usize::from), Some(i + 1));
        }
        for (m, n) in FOREIGN_MONTHS {
            assert_eq!(*m, m.to_lowercase());
            assert!(!MONTHS.contains(m), "{m} is English");
            assert_eq!(month_number(m), Some(*n));
        }
        assert_eq!(weekday_number("Wednesday"), Some(2));
        assert_eq!(weekday_number("Wed"), None);
        assert!(is_weekday("Wed") && is_weekday("Tues.") && is_weekday("SUNDAY"));
        assert!(!is_weekday("We") && !is_weekday("Wedding"));
        assert_eq!(relative_day("Yesterday"), Some(-1));
        assert_eq!(relative_day("tonight"), Some(0));
        assert!(is_date_word("Tuesday") && is_date_word("march") && is_date_word("tomorrow"));
        assert!(!is_date_word("Mar") && !is_date_word("week"));
    }

    #[test]
    fn number_words() {
        assert_eq!(cardinal("Sixty"), Some(60));
        assert_eq!(cardinal("zero"), Some(0));
        assert_eq!(scale("bn"), Some(1_000_000_000));
        assert_eq!(glued_scale("M"), Some(1_000_000));
        assert_eq!(fraction_denominator("quarters"), Some(4));
        assert_eq!(group_size("dozen"), Some(12));
        for (word, value) in [
            ("sixty", Some(60)),
            ("Twenty-five", Some(25)),
            ("two-hundred", Some(200)),
            ("hundred", Some(100)),
            ("five-hundred-thousand", Some(500_000)),
            ("dozen", Some(12)),
            ("thousands", None),
            ("one-off", None),
            ("", None),
        ] {
            assert_eq!(number_word_value(word), value, "{word}");
        }
    }

    #[test]
    fn time_zones_and_offsets() {
        for z in [
            "GMT",
            "UTC",
            "Z",
            "EDT",
            "CEST",
            "ET",
            "AEST",
            "UTC+3",
            "GMT-05:00",
            "BST)",
        ] {
            assert!(is_time_zone(z), "{z}");
        }
        for w in ["Post", "et", "UTC+", "MARKET", "G"] {
            assert!(!is_time_zone(w), "{w}");
        }
    }

    #[test]
    fn reporting_verbs_and_units() {
        let said = reporting_verb("Said").expect("said is a speech verb");
        assert_eq!(said.kind, ReportKind::Speech);
        assert!(said.speaker_may_follow);
        assert_eq!(
            reporting_verb("according").map(|v| v.kind),
            Some(ReportKind::Statement)
        );
        assert_eq!(
            reporting_verb("found").map(|v| v.kind),
            Some(ReportKind::Finding)
        );
        assert!(is_speech_verb("told") && is_speech_verb("WROTE"));
        assert!(!is_speech_verb("saying") && !is_speech_verb("confirmed"));
        assert!(!is_speech_verb("states"), "`United States` is not a verb");
        assert!(is_neutral_speech_verb("Said") && !is_neutral_speech_verb("insisted"));
        assert_eq!(
            unit("KM"),
            Some(Unit {
                name: "kilometres",
                factor: 1.0
            })
        );
        assert_eq!(
            unit("decades").map(|u| (u.name, u.factor)),
            Some(("years", 10.0))
        );
        assert_eq!(unit("people"), None);
        assert_eq!(per_hour("miles"), Some("miles per hour"));
        assert_eq!(currency("NOK"), Some("kroner"));
        assert_eq!(currency_symbol("\u{20ac}"), Some("euros"));
    }
}
