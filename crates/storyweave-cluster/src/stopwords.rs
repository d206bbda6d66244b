//! Function words: the words of a language that say nothing about which
//! event an article reports (articles, prepositions, pronouns, auxiliaries,
//! `said`). English always counts, and so do those of the article's own
//! language when it is one of the others the text crate detects (Spanish,
//! Italian, Dutch, French, German): without them, two Spanish articles
//! would look alike for sharing `el`, `de` and `que`.

/// Which function words an article's terms and names leave out: English,
/// plus those of its own language. Chosen once per article, from its
/// language.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Stopwords {
    /// The function words of the article's own language, sorted (empty for
    /// English and unknown languages).
    own: &'static [&'static str],
}

impl Stopwords {
    /// The function words for an article in `language` (an ISO 639-1 code).
    pub(crate) fn for_language(language: Option<&str>) -> Stopwords {
        let own: &'static [&'static str] = match language {
            Some("es") => SPANISH,
            Some("it") => ITALIAN,
            Some("nl") => DUTCH,
            Some("fr") => FRENCH,
            Some("de") => GERMAN,
            _ => &[],
        };
        Stopwords { own }
    }

    /// Whether the lower-case `word` is a function word.
    pub(crate) fn contains(self, word: &str) -> bool {
        is_english(word) || (!self.own.is_empty() && self.own.binary_search(&word).is_ok())
    }
}

/// English function words and reporting verbs that say nothing about which
/// event an article reports. Sorted for binary search.
const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
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
    "into",
    "is",
    "it",
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
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
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

/// Spanish function words, sorted.
const SPANISH: &[&str] = &[
    "a", "al", "algo", "algunos", "ante", "antes", "aquí", "así", "aunque", "cada", "como", "con",
    "contra", "cual", "cuando", "de", "del", "desde", "dijo", "donde", "durante", "el", "ella",
    "ellos", "en", "entre", "era", "es", "esa", "ese", "esta", "este", "esto", "estos", "está",
    "están", "fue", "fueron", "ha", "había", "han", "hasta", "hay", "la", "las", "le", "les", "lo",
    "los", "mientras", "muy", "más", "ni", "no", "nos", "o", "otra", "otro", "otros", "para",
    "pero", "por", "porque", "que", "qué", "se", "sea", "según", "ser", "si", "sido", "sin",
    "sobre", "son", "su", "sus", "también", "tiene", "todo", "todos", "tras", "un", "una", "uno",
    "unos", "y", "ya",
];

/// Italian function words, sorted.
const ITALIAN: &[&str] = &[
    "a", "agli", "ai", "al", "alla", "alle", "allo", "anche", "come", "con", "contro", "cui", "da",
    "dal", "dalla", "dalle", "degli", "dei", "del", "della", "delle", "dello", "detto", "di",
    "dopo", "e", "ed", "era", "essere", "fra", "gli", "ha", "hanno", "il", "in", "la", "le", "lo",
    "loro", "ma", "molto", "ne", "negli", "nei", "nel", "nella", "nelle", "non", "o", "per",
    "perché", "più", "poi", "quando", "quella", "quello", "questa", "questo", "se", "si", "sia",
    "sono", "stata", "stato", "su", "sua", "sue", "sui", "sul", "sulla", "suo", "suoi", "tra",
    "tutti", "un", "una", "uno", "è",
];

/// Dutch function words, sorted.
const DUTCH: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door", "een", "en", "er",
    "haar", "had", "heeft", "hem", "het", "hij", "hun", "in", "is", "je", "maar", "me", "met",
    "na", "naar", "niet", "nog", "nu", "of", "om", "omdat", "ook", "op", "over", "te", "tegen",
    "toen", "tot", "uit", "van", "veel", "voor", "was", "wat", "werd", "werden", "wie", "wij",
    "worden", "wordt", "ze", "zei", "zich", "zij", "zijn", "zo", "zoals",
];

/// French function words, sorted.
const FRENCH: &[&str] = &[
    "a", "au", "aux", "avait", "avec", "ce", "cela", "ces", "cette", "comme", "dans", "de", "des",
    "du", "elle", "en", "est", "et", "il", "ils", "la", "le", "les", "leur", "lui", "mais", "même",
    "ne", "ni", "on", "ont", "ou", "où", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa",
    "sans", "se", "selon", "ses", "son", "sont", "sur", "un", "une", "y", "à", "été",
];

/// German function words, sorted.
const GERMAN: &[&str] = &[
    "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "da", "das", "dass", "dem", "den",
    "der", "des", "die", "diese", "dieser", "doch", "durch", "ein", "eine", "einem", "einen",
    "einer", "eines", "er", "es", "für", "hat", "hatte", "im", "in", "ist", "ja", "kein", "man",
    "mit", "nach", "nicht", "noch", "nur", "oder", "sagte", "sei", "sein", "seine", "sich", "sie",
    "sind", "so", "um", "und", "uns", "unter", "vom", "von", "vor", "war", "waren", "wie", "wir",
    "wird", "wurde", "wurden", "zu", "zum", "zur", "über",
];

/// Where each first letter's run starts in [`ENGLISH`] (`a` to `z`, then
/// the end), so that a lookup searches a handful of words, not all.
const STOP_INDEX: [usize; 27] = letter_index(ENGLISH);

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

/// Whether a lower-case word is an English function word.
fn is_english(lower: &str) -> bool {
    let Some(&first) = lower.as_bytes().first() else {
        return false;
    };
    if !first.is_ascii_lowercase() || lower.len() > 10 {
        return false;
    }
    let letter = usize::from(first - b'a');
    let (Some(&from), Some(&to)) = (STOP_INDEX.get(letter), STOP_INDEX.get(letter + 1)) else {
        return false;
    };
    ENGLISH
        .get(from..to)
        .is_some_and(|run| run.binary_search(&lower).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_and_found() {
        assert!(ENGLISH.windows(2).all(|w| w[0] < w[1]));
        assert!(ENGLISH.iter().all(|w| w.len() <= 10));
        for w in ENGLISH {
            assert!(is_english(w), "{w}");
        }
        for w in ["zebra", "", "Ünter", "shooting", "aa", "yours2"] {
            assert!(!is_english(w), "{w}");
        }
        for (code, list) in [
            ("es", SPANISH),
            ("it", ITALIAN),
            ("nl", DUTCH),
            ("fr", FRENCH),
            ("de", GERMAN),
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{code}");
            let stop = Stopwords::for_language(Some(code));
            for w in list {
                assert!(stop.contains(w), "{code} {w}");
            }
        }
    }

    #[test]
    fn an_article_leaves_out_the_function_words_of_its_own_language() {
        let english = Stopwords::for_language(Some("en"));
        let spanish = Stopwords::for_language(Some("es"));
        let german = Stopwords::for_language(Some("de"));
        // English ones always.
        for stop in [english, spanish, german, Stopwords::default()] {
            assert!(stop.contains("the") && stop.contains("said"));
            assert!(!stop.contains("earthquake"));
        }
        // Another language's only for an article in that language.
        assert!(spanish.contains("según") && spanish.contains("los"));
        assert!(!english.contains("según") && !german.contains("los"));
        assert!(german.contains("über") && german.contains("wurde"));
        assert!(!spanish.contains("wurde") && !spanish.contains("terremoto"));
    }
}
