//! A tiny language guesser by stop-word counts, enough to tell English news
//! from Spanish, Italian, Dutch, French or German (the marker words are
//! [`LANGUAGE_MARKERS`], sub-lists of the lexicon's stopwords).

use crate::lexicon::LANGUAGE_MARKERS;
use crate::words::words;

/// Guesses the ISO 639-1 code of `text` (`en`, `es`, `it`, `nl`, `fr`, `de`)
/// from stop-word counts; `None` when the text is too short or too mixed to say.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; LANGUAGE_MARKERS.len()];
    let mut total = 0usize;
    let mut lower = String::new();
    for w in words(text) {
        total += 1;
        if w.text.len() > 6 {
            continue;
        }
        lower.clear();
        lower.extend(w.text.chars().flat_map(char::to_lowercase));
        for (k, (_, list)) in LANGUAGE_MARKERS.iter().enumerate() {
            if list.contains(&lower.as_str()) {
                counts[k] += 1;
            }
        }
    }
    let (best, &top) = counts.iter().enumerate().max_by_key(|&(_, c)| *c)?;
    let second = counts
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != best)
        .map(|(_, &c)| c)
        .max()
        .unwrap_or(0);
    // Enough evidence, a clear winner, and stop words make up a fair share.
    let sure = top >= 3 && top * 10 >= total && top * 2 > second * 3;
    sure.then(|| LANGUAGE_MARKERS[best].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_languages() {
        assert_eq!(
            detect_language(
                "The president said that the talks with the allies were going well and it was time."
            ),
            Some("en")
        );
        assert_eq!(
            detect_language(
                "El presidente dijo que las conversaciones con los aliados iban bien y que era el momento."
            ),
            Some("es")
        );
        assert_eq!(
            detect_language(
                "Der Präsident sagte, dass die Gespräche mit den Verbündeten gut liefen und es an der Zeit sei."
            ),
            Some("de")
        );
        assert_eq!(
            detect_language(
                "Le président a dit que les discussions avec les alliés se passaient bien et qu'il était temps."
            ),
            Some("fr")
        );
        assert_eq!(
            detect_language(
                "Il presidente ha detto che i colloqui con gli alleati andavano bene e che non era il momento."
            ),
            Some("it")
        );
        assert_eq!(
            detect_language(
                "De president zei dat de gesprekken met de bondgenoten goed verliepen en dat het tijd was voor een besluit."
            ),
            Some("nl")
        );
    }

    #[test]
    fn unsure_is_none() {
        assert_eq!(detect_language(""), None);
        assert_eq!(detect_language("Putin Kim Trump Alaska"), None);
    }
}
