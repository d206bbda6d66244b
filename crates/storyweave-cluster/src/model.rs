//! The story decision as one explicit, fitted model.
//!
//! "Does this document join that story?" is answered by one logistic model
//! over named features of the pair ([`StoryFeatures`]): the log-odds are the
//! bias plus each feature times its weight, the probability is their
//! logistic, and the document joins the story it is most likely to belong
//! to when that probability reaches the model's threshold. Nothing else
//! decides: shared rare names, missing dates and other languages are
//! features with weights, not rules around the score. One thing stands
//! outside it by design: the levels nest, so a document that copies an
//! earlier one (an exact or near duplicate, or a family member: reused
//! text) is in its story without being scored.
//!
//! The weights are fitted ([`fit`]) on pairs drawn from labelled corpora
//! (see [`crate::training_examples`]) and the shipped default,
//! [`StoryModel::default`], is the model `storyweave eval --fit` chose by
//! leave-one-corpus-out validation (EVALUATION.md has the table). A model is
//! plain data: it serialises to JSON and back, with a version so that a
//! file written for other features is refused rather than misread.

use serde::{Deserialize, Serialize};

/// Version of the feature set a [`StoryModel`] is written for.
/// Version 2: `terms` and `names` are mean cosines with the members (in
/// version 1, cosines with the centroid).
pub const STORY_MODEL_VERSION: u32 = 2;

/// Defines [`StoryFeatures`] from one list of named features, so that the
/// struct, [`StoryFeatures::NAMES`], [`StoryFeatures::values`] and
/// [`StoryFeatures::from_values`] cannot disagree on their order.
macro_rules! story_features {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The named features of one document against one candidate story:
        /// everything the story decision reads. Used for a pair's values and,
        /// in a [`StoryModel`], for the weight of each.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct StoryFeatures {
            $($(#[$doc])* pub $name: f64,)*
        }

        impl StoryFeatures {
            /// Feature names, in the order of [`StoryFeatures::values`].
            pub const NAMES: [&'static str; FEATURE_COUNT] = [$(stringify!($name),)*];

            /// The values in the order of [`StoryFeatures::NAMES`].
            pub fn values(&self) -> [f64; FEATURE_COUNT] {
                [$(self.$name,)*]
            }

            /// Features from values in the order of [`StoryFeatures::NAMES`].
            pub fn from_values(v: [f64; FEATURE_COUNT]) -> StoryFeatures {
                let [$($name,)*] = v;
                StoryFeatures { $($name,)* }
            }
        }
    };
}

story_features! {
    /// Mean TF-IDF cosine of the content words with the story's members
    /// (a mean, not the centroid's cosine, so that it does not grow with
    /// the story's size); across languages, where words cannot be
    /// compared, the names' stands in.
    terms,
    /// Mean TF-IDF cosine of the names and numbers with the story's
    /// members.
    names,
    /// `terms × names`: words and names agree at once (two look-alike
    /// events share words, not people and places).
    both,
    /// `ln(0.02 + terms)`: with [`StoryFeatures::log_names`], lets the
    /// model multiply the evidence (a match in words with no names in
    /// common is weak however high the words score).
    log_terms,
    /// `ln(0.02 + names)`.
    log_names,
    /// How specific the most specific name they share is: one over the
    /// number of stories so far holding it (1 when only this story names
    /// it; a name every story carries, `Trump`, `police`, is near 0).
    rare_name,
    /// `ln(1 + days)` between the document and the story's first day (the
    /// closest of its publication day and the dates its title and lead
    /// mention), when both are dated; 0 otherwise.
    gap,
    /// Months (30 days) of the same gap beyond a week, at most 12:
    /// follow-ups within a week are common, months later rare.
    late,
    /// 1 when the document or the story is undated: an unknown gap is its
    /// own value, never the best one.
    undated,
    /// 1 when either is undated and the years they mention most are two or
    /// more apart.
    years_apart,
    /// 1 when the document's language is not among the story's.
    other_language,
    /// 1 when each is about someone the other never names (its most
    /// mentioned rare one-word name).
    subject_conflict,
    /// 1 when the story alone holds one of the document's multi-word names
    /// (the victim, the venue, the street).
    named,
    /// 1 when such a name is held by at least two earlier documents, all in
    /// this story.
    exclusive,
    /// 1 when the document or the story has no names to compare.
    no_names,
    /// 1 when the document is brief (a title and a lead, few words): its
    /// cosines run lower for the same story.
    brief,
    /// `brief × terms`.
    brief_terms,
}

/// Number of features in [`StoryFeatures`].
pub const FEATURE_COUNT: usize = 17;

impl StoryFeatures {
    /// Sets the features computed from the two cosines and the document's
    /// brevity (`both`, `log_terms`, `log_names`, `brief_terms`).
    pub fn derive(&mut self) {
        self.both = self.terms * self.names;
        self.log_terms = (LOG_FLOOR + self.terms).ln();
        self.log_names = (LOG_FLOOR + self.names).ln();
        self.brief_terms = self.brief * self.terms;
    }
}

/// Added to a cosine before its logarithm is taken, so that 0 stays finite.
const LOG_FLOOR: f64 = 0.02;

/// Whether a document joins a story: a logistic model over
/// [`StoryFeatures`] with one threshold on its probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryModel {
    /// The feature set the weights are for ([`STORY_MODEL_VERSION`]).
    pub version: u32,
    /// Log-odds of joining with every feature at 0.
    pub bias: f64,
    /// Log-odds added per unit of each feature.
    pub weights: StoryFeatures,
    /// Probability at or above which the document joins the story.
    pub threshold: f64,
}

/// Errors of reading a [`StoryModel`].
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not a story model in JSON.
    #[error("not a story model: {0}")]
    Json(#[from] serde_json::Error),
    /// Written for another feature set.
    #[error("story model version {found}, this build reads version {expected}")]
    Version {
        /// The file's version.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// A weight, the bias or the threshold is not a finite number, or the
    /// threshold is not a probability strictly between 0 and 1.
    #[error("story model has a non-finite weight or a threshold outside (0, 1)")]
    Invalid,
}

/// The shipped model: fitted by `storyweave eval --fit` on ECB+, GVC,
/// MEANTIME and AllSides (dated and with dates removed), its settings
/// chosen by the best leave-one-corpus-out score (EVALUATION.md, "Story
/// model").
const SHIPPED: StoryModel = StoryModel {
    version: STORY_MODEL_VERSION,
    bias: 8.522849665116311,
    weights: StoryFeatures {
        terms: -2.7750134689241652,
        names: 0.2293931657081695,
        both: 1.0235017340971435,
        log_terms: 5.384881775017757,
        log_names: -0.0034994616616775723,
        rare_name: 2.243296747780159,
        gap: -1.1488343198901805,
        late: 0.20851247752273994,
        undated: -3.1422996426851197,
        years_apart: -1.3511792361479682,
        other_language: -2.1891098362197874,
        subject_conflict: -4.295770842911851,
        named: 1.0072834931409052,
        exclusive: 1.0859394577873553,
        no_names: 2.1153228598812874,
        brief: 1.073686154097793,
        brief_terms: -1.906572492074504,
    },
    threshold: 0.3,
};

impl Default for StoryModel {
    fn default() -> Self {
        SHIPPED
    }
}

impl StoryModel {
    /// Log-odds that the document belongs to the story.
    pub fn logit(&self, x: &StoryFeatures) -> f64 {
        self.bias
            + self
                .weights
                .values()
                .iter()
                .zip(x.values())
                .map(|(w, v)| w * v)
                .sum::<f64>()
    }

    /// Probability that the document belongs to the story.
    pub fn probability(&self, x: &StoryFeatures) -> f64 {
        sigmoid(self.logit(x))
    }

    /// The log-odds at the threshold: a pair joins when its log-odds reach
    /// this.
    pub fn bar(&self) -> f64 {
        let p = self.threshold.clamp(1e-9, 1.0 - 1e-9);
        (p / (1.0 - p)).ln()
    }

    /// The most log-odds a pair with these time, language and name
    /// indicators can reach whatever its cosines: for skipping stories
    /// that cannot win before computing their cosines.
    pub fn bound(&self, x: &StoryFeatures) -> f64 {
        // Every feature computed from the cosines at whichever end of its
        // range adds most, each on its own: never below the true maximum.
        let w = &self.weights;
        let most = |w: f64, lo: f64, hi: f64| (w * lo).max(w * hi);
        let (log_lo, log_hi) = (LOG_FLOOR.ln(), (LOG_FLOOR + 1.0).ln());
        let mut cheap = *x;
        cheap.terms = 0.0;
        cheap.names = 0.0;
        cheap.both = 0.0;
        cheap.log_terms = 0.0;
        cheap.log_names = 0.0;
        cheap.rare_name = 0.0;
        cheap.brief_terms = 0.0;
        self.logit(&cheap)
            + most(w.terms, 0.0, 1.0)
            + most(w.names, 0.0, 1.0)
            + most(w.both, 0.0, 1.0)
            + most(w.log_terms, log_lo, log_hi)
            + most(w.log_names, log_lo, log_hi)
            + most(w.rare_name, 0.0, 1.0)
            + most(w.brief_terms, 0.0, x.brief)
    }

    /// The share each feature adds to the log-odds of `x`, largest first
    /// (features at 0 left out): why a pair scored as it did.
    pub fn contributions(&self, x: &StoryFeatures) -> Vec<(&'static str, f64, f64)> {
        let mut parts: Vec<(&'static str, f64, f64)> = StoryFeatures::NAMES
            .iter()
            .zip(x.values())
            .zip(self.weights.values())
            .filter(|((_, v), _)| *v != 0.0)
            .map(|((&name, v), w)| (name, v, v * w))
            .collect();
        parts.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
        parts
    }

    /// Reads a model from JSON, refusing another version and non-finite
    /// numbers.
    pub fn from_json(text: &str) -> Result<StoryModel, ModelError> {
        let model: StoryModel = serde_json::from_str(text)?;
        if model.version != STORY_MODEL_VERSION {
            return Err(ModelError::Version {
                found: model.version,
                expected: STORY_MODEL_VERSION,
            });
        }
        let finite = model.bias.is_finite()
            && model.weights.values().iter().all(|w| w.is_finite())
            && model.threshold > 0.0
            && model.threshold < 1.0;
        if finite {
            Ok(model)
        } else {
            Err(ModelError::Invalid)
        }
    }

    /// The model as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The logistic function.
fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// One labelled pair for fitting: a document's features against a
/// candidate story, whether that story is the document's gold story, and
/// how much the pair counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Example {
    /// The pair's features.
    pub features: StoryFeatures,
    /// Whether the story is the document's own.
    pub joins: bool,
    /// Weight of the pair in the fit (corpora are usually weighted equally).
    pub weight: f64,
}

/// Fits the bias and weights of a logistic model to `examples` by
/// Newton's method (iteratively reweighted least squares) with an L2
/// penalty `l2` on the standardised weights (the bias is not penalised).
/// Returns a model with the given threshold. Features that never vary get
/// weight 0.
pub fn fit(examples: &[Example], l2: f64, threshold: f64) -> StoryModel {
    const N: usize = FEATURE_COUNT;
    let total: f64 = examples.iter().map(|e| e.weight.max(0.0)).sum();
    let mut mean = [0.0; N];
    let mut spread = [0.0; N];
    if total > 0.0 {
        for e in examples {
            for (m, v) in mean.iter_mut().zip(e.features.values()) {
                *m += e.weight.max(0.0) * v / total;
            }
        }
        for e in examples {
            for ((s, v), m) in spread.iter_mut().zip(e.features.values()).zip(mean) {
                *s += e.weight.max(0.0) * (v - m) * (v - m) / total;
            }
        }
    }
    let scale: [f64; N] = spread.map(|s| if s > 1e-12 { s.sqrt() } else { 0.0 });
    let standard = |x: &StoryFeatures| -> [f64; N + 1] {
        let mut z = [0.0; N + 1];
        z[0] = 1.0;
        for (k, v) in x.values().iter().enumerate() {
            if scale[k] > 0.0 {
                z[k + 1] = (v - mean[k]) / scale[k];
            }
        }
        z
    };
    let rows: Vec<([f64; N + 1], f64, f64)> = examples
        .iter()
        .filter(|e| e.weight > 0.0)
        .map(|e| {
            (
                standard(&e.features),
                f64::from(u8::from(e.joins)),
                e.weight,
            )
        })
        .collect();
    let mut beta = [0.0; N + 1];
    for _ in 0..50 {
        let mut gradient = [0.0; N + 1];
        let mut hessian = [[0.0; N + 1]; N + 1];
        for (z, y, w) in &rows {
            let p = sigmoid(z.iter().zip(&beta).map(|(a, b)| a * b).sum());
            let r = w * (p - y);
            let c = w * (p * (1.0 - p)).max(1e-12);
            for i in 0..=N {
                gradient[i] += r * z[i];
                for j in 0..=N {
                    hessian[i][j] += c * z[i] * z[j];
                }
            }
        }
        for i in 1..=N {
            gradient[i] += l2 * beta[i];
            hessian[i][i] += l2;
            if scale[i - 1] == 0.0 {
                // A constant feature: pin its weight at 0.
                hessian[i] = [0.0; N + 1];
                hessian[i][i] = 1.0;
                gradient[i] = beta[i];
            }
        }
        let Some(step) = solve(hessian, gradient) else {
            break;
        };
        let mut moved = 0.0f64;
        for (b, s) in beta.iter_mut().zip(step) {
            *b -= s;
            moved = moved.max(s.abs());
        }
        if moved < 1e-9 {
            break;
        }
    }
    // Back from standardised units.
    let mut weights = [0.0; N];
    let mut bias = beta[0];
    for k in 0..N {
        if scale[k] > 0.0 {
            weights[k] = beta[k + 1] / scale[k];
            bias -= weights[k] * mean[k];
        }
    }
    StoryModel {
        version: STORY_MODEL_VERSION,
        bias,
        weights: StoryFeatures::from_values(weights),
        threshold,
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None`
/// when `a` is singular.
fn solve<const M: usize>(mut a: [[f64; M]; M], mut b: [f64; M]) -> Option<[f64; M]> {
    for col in 0..M {
        let pivot = (col..M).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..M {
            let f = a[row][col] / pivot_row[col];
            if f != 0.0 {
                for (x, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                    *x -= f * p;
                }
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = [0.0; M];
    for row in (0..M).rev() {
        let rest: f64 = (row + 1..M).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal up to the last digits JSON keeps.
    fn close(a: &StoryModel, b: &StoryModel) -> bool {
        let near = |x: f64, y: f64| (x - y).abs() <= 1e-12 * x.abs().max(1.0);
        a.version == b.version
            && near(a.bias, b.bias)
            && near(a.threshold, b.threshold)
            && a.weights
                .values()
                .iter()
                .zip(b.weights.values())
                .all(|(x, y)| near(*x, y))
    }

    fn example(terms: f64, joins: bool) -> Example {
        Example {
            features: StoryFeatures {
                terms,
                ..StoryFeatures::default()
            },
            joins,
            weight: 1.0,
        }
    }

    #[test]
    fn fit_recovers_the_direction_of_a_separating_feature() {
        let mut examples = Vec::new();
        for k in 0..100 {
            let t = f64::from(k) / 100.0;
            // Joins mostly above 0.5, with some noise either side.
            examples.push(example(t, (t > 0.5) ^ (k % 10 == 0)));
        }
        let model = fit(&examples, 0.1, 0.5);
        assert!(model.weights.terms > 1.0, "{model:?}");
        assert_eq!(
            model.weights.names, 0.0,
            "a constant feature keeps weight 0"
        );
        let low = StoryFeatures {
            terms: 0.2,
            ..StoryFeatures::default()
        };
        let high = StoryFeatures {
            terms: 0.8,
            ..StoryFeatures::default()
        };
        assert!(model.probability(&low) < 0.5 && model.probability(&high) > 0.5);
    }

    #[test]
    fn a_stronger_penalty_shrinks_the_weights() {
        let examples: Vec<Example> = (0..50)
            .map(|k| example(f64::from(k) / 50.0, k >= 25))
            .collect();
        let loose = fit(&examples, 0.01, 0.5);
        let tight = fit(&examples, 100.0, 0.5);
        assert!(tight.weights.terms.abs() < loose.weights.terms.abs());
    }

    #[test]
    fn model_json_round_trips_and_wrong_versions_are_refused() {
        let model = StoryModel::default();
        let back = StoryModel::from_json(&model.to_json()).map_err(|e| e.to_string());
        assert!(back.is_ok_and(|b| close(&b, &model)));
        let other = model.to_json().replace(
            &format!("\"version\": {STORY_MODEL_VERSION}"),
            "\"version\": 999",
        );
        assert!(matches!(
            StoryModel::from_json(&other),
            Err(ModelError::Version { found: 999, .. })
        ));
        let unknown = model.to_json().replace("\"terms\"", "\"wordz\"");
        assert!(StoryModel::from_json(&unknown).is_err());
    }

    #[test]
    fn the_bound_is_never_below_the_logit() {
        let model = StoryModel::default();
        let mut weights = [0.0; FEATURE_COUNT];
        for (k, w) in weights.iter_mut().enumerate() {
            // Weights of both signs on every feature.
            *w = if k % 2 == 0 { 1.5 } else { -2.5 };
        }
        let signed = StoryModel {
            weights: StoryFeatures::from_values(weights),
            ..model
        };
        for terms in [0.0, 0.3, 0.7, 1.0] {
            for names in [0.0, 0.5, 1.0] {
                let mut x = StoryFeatures {
                    terms,
                    names,
                    rare_name: 0.5,
                    gap: 1.0,
                    brief: 1.0,
                    ..StoryFeatures::default()
                };
                x.derive();
                assert!(model.bound(&x) >= model.logit(&x));
                assert!(signed.bound(&x) >= signed.logit(&x) - 1e-12);
            }
        }
        let half = StoryModel {
            threshold: 0.5,
            ..model
        };
        assert!(half.bar().abs() < 1e-12, "threshold 0.5 is log-odds 0");
    }

    #[test]
    fn the_shipped_model_is_the_committed_fit() {
        let committed =
            StoryModel::from_json(include_str!("../../../eval/stories/story-model.json"))
                .map_err(|e| e.to_string());
        assert!(committed.is_ok_and(|c| close(&c, &StoryModel::default())));
    }

    #[test]
    fn values_and_names_line_up() {
        let v: [f64; FEATURE_COUNT] = std::array::from_fn(|k| k as f64);
        let x = StoryFeatures::from_values(v);
        assert_eq!(x.values(), v);
        let json = serde_json::to_value(x).unwrap_or_default();
        for (k, name) in StoryFeatures::NAMES.iter().enumerate() {
            assert_eq!(json.get(name).and_then(|v| v.as_f64()), Some(k as f64));
        }
    }
}
