//! Text primitives shared by every later stage of storyweave.
//!
//! This crate owns the *normalize* stage's character-level work: one form of
//! quotes, dashes and spaces, Unicode NFC, tokenizer-artifact repair and
//! markdown inline syntax removal — always with a map from each output byte
//! back to the input byte it came from, so sentences keep their byte range in
//! the original file. It also owns word tokenization (used by fingerprinting
//! and clustering), sentence splitting, calendar dates, a small language
//! guesser, the one [`lexicon`] of word lists every stage uses (months,
//! weekdays, stopwords, number words, speech verbs, units) and the one
//! reading of figures written in digits ([`numbers`]).

pub mod date;
pub mod language;
pub mod lexicon;
pub mod normalize;
pub mod numbers;
pub mod sentence;
pub mod words;

pub use date::{Date, find_date_line, parse_date, parse_published};
pub use language::detect_language;
pub use normalize::{Mapped, normalize_inline};
pub use numbers::{NumberStyle, parse_number, write_number};
pub use sentence::split_sentences;
pub use words::{Word, edit_distance, words};
