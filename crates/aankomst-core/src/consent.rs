//! The consent register: consent per purpose and recipient (process.md §8), asked with a
//! versioned text shown in the client's language beside the Dutch source, checked with a
//! comprehension question, and given, refused or withdrawn on a date.
//!
//! Every decision is its own record and is never edited: the register of a client is the
//! list of their decisions, and the state on a date is the last decision on or before it.
//! Every share or export asks [`consent_allows`] first.

use crate::records::ConsentRecord;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// How far a consent text's translation has been checked. Dutch is the source; no
/// translation shipped today has been reviewed, and the UI marks unreviewed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TranslationReview {
    Source,
    Reviewed,
    Unreviewed,
}

/// A consent text in one language: what is asked, and the comprehension question with its
/// options (in the same order in every language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConsentWording {
    pub review: TranslationReview,
    pub text: String,
    pub question: String,
    pub options: Vec<String>,
}

/// One version of a consent text for one purpose and recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConsentText {
    pub id: String,
    pub version: u32,
    pub purpose: String,
    pub recipient: String,
    /// The index of the right answer to the comprehension question.
    pub correct_option: u32,
    /// By language code; always has `nl`, the source.
    pub languages: BTreeMap<String, ConsentWording>,
}

#[derive(Deserialize)]
struct ConsentTextFile {
    texts: Vec<ConsentText>,
}

/// The shipped consent texts, every version of each.
pub fn shipped_texts() -> Vec<ConsentText> {
    let file: ConsentTextFile = serde_json::from_str(include_str!("../data/consent-texts.json"))
        .unwrap_or_else(|_| {
            // The file is checked by a test; an unparsable file would be a build mistake.
            ConsentTextFile { texts: Vec::new() }
        });
    file.texts
}

/// The current (highest) version of each text id.
pub fn current_texts(texts: &[ConsentText]) -> Vec<&ConsentText> {
    let mut by_id: BTreeMap<&str, &ConsentText> = BTreeMap::new();
    for t in texts {
        let entry = by_id.entry(&t.id).or_insert(t);
        if t.version > entry.version {
            *entry = t;
        }
    }
    by_id.into_values().collect()
}

pub fn find_text<'a>(texts: &'a [ConsentText], id: &str, version: u32) -> Option<&'a ConsentText> {
    texts.iter().find(|t| t.id == id && t.version == version)
}

/// The purposes and recipients every stored decision may name.
pub const PURPOSES: &[&str] = &[
    "share_screening_results",
    "share_intake_summary",
    "exchange_information",
    "share_pip_copy",
];
pub const RECIPIENTS: &[&str] = &["ggd", "huisarts", "vwn", "language_provider", "coa", "duo"];
pub const DECISIONS: &[&str] = &["given", "refused", "withdrawn"];

/// The state of consent for one purpose and recipient on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case", tag = "state")]
#[ts(export)]
pub enum ConsentState {
    NeverAsked,
    Given { on: String },
    Refused { on: String },
    Withdrawn { on: String },
}

/// Why a share is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConsentRefusal {
    #[error("consent was never asked for this purpose and recipient")]
    NeverAsked,
    #[error("consent was refused")]
    Refused,
    #[error("consent was withdrawn")]
    Withdrawn,
}

/// Why a new decision cannot be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConsentRuleError {
    #[error("unknown decision")]
    UnknownDecision,
    #[error("the date is in the future")]
    FutureDate,
    #[error("the date is before the last decision for this purpose and recipient")]
    BeforeLastDecision,
    #[error("consent can only be given after the comprehension question was answered right")]
    NotUnderstood,
    #[error("there is no given consent to withdraw")]
    NothingToWithdraw,
}

fn decided_on(r: &ConsentRecord) -> Option<NaiveDate> {
    crate::deadlines::parse_date(r.decided_on.as_deref())
}

/// The decisions for one purpose and recipient, in the order they took effect (date, then
/// the moment they were recorded). Decisions without a valid date are ignored.
fn decisions_for<'a>(
    register: &'a [ConsentRecord],
    purpose: &str,
    recipient: &str,
) -> Vec<(NaiveDate, &'a ConsentRecord)> {
    let mut out: Vec<(NaiveDate, &ConsentRecord)> = register
        .iter()
        .filter(|r| {
            r.purpose.as_deref() == Some(purpose) && r.recipient.as_deref() == Some(recipient)
        })
        .filter_map(|r| Some((decided_on(r)?, r)))
        .collect();
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.recorded_at.cmp(&b.1.recorded_at))
    });
    out
}

/// The state of consent for a purpose and recipient on `at`: the last decision dated on or
/// before it.
pub fn consent_state(
    register: &[ConsentRecord],
    purpose: &str,
    recipient: &str,
    at: NaiveDate,
) -> ConsentState {
    let last = decisions_for(register, purpose, recipient)
        .into_iter()
        .rev()
        .find(|(on, _)| *on <= at);
    match last {
        None => ConsentState::NeverAsked,
        Some((on, r)) => {
            let on = on.format("%Y-%m-%d").to_string();
            match r.decision.as_deref() {
                Some("given") => ConsentState::Given { on },
                Some("withdrawn") => ConsentState::Withdrawn { on },
                _ => ConsentState::Refused { on },
            }
        }
    }
}

/// Whether the client's consent allows sharing for `purpose` with `recipient` on `at`.
pub fn consent_allows(
    register: &[ConsentRecord],
    purpose: &str,
    recipient: &str,
    at: NaiveDate,
) -> Result<(), ConsentRefusal> {
    match consent_state(register, purpose, recipient, at) {
        ConsentState::Given { .. } => Ok(()),
        ConsentState::NeverAsked => Err(ConsentRefusal::NeverAsked),
        ConsentState::Refused { .. } => Err(ConsentRefusal::Refused),
        ConsentState::Withdrawn { .. } => Err(ConsentRefusal::Withdrawn),
    }
}

/// Checks a new decision against the register before it is recorded: no future dates, no
/// dates before the last decision for the same purpose and recipient (the history reads in
/// order), "given" only after the comprehension question was answered right, and
/// "withdrawn" only when consent is given on that date.
pub fn check_new_decision(
    register: &[ConsentRecord],
    new: &ConsentRecord,
    today: NaiveDate,
) -> Result<(), ConsentRuleError> {
    let on = decided_on(new).ok_or(ConsentRuleError::FutureDate)?;
    if on > today {
        return Err(ConsentRuleError::FutureDate);
    }
    let purpose = new.purpose.as_deref().unwrap_or_default();
    let recipient = new.recipient.as_deref().unwrap_or_default();
    if let Some((last, _)) = decisions_for(register, purpose, recipient).last() {
        if on < *last {
            return Err(ConsentRuleError::BeforeLastDecision);
        }
    }
    match new.decision.as_deref() {
        Some("given") => {
            if new.comprehension_correct != Some(true) {
                return Err(ConsentRuleError::NotUnderstood);
            }
        }
        Some("refused") => {}
        Some("withdrawn") => {
            if !matches!(
                consent_state(register, purpose, recipient, on),
                ConsentState::Given { .. }
            ) {
                return Err(ConsentRuleError::NothingToWithdraw);
            }
        }
        _ => return Err(ConsentRuleError::UnknownDecision),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn decision(kind: &str, on: &str, seq: u32) -> ConsentRecord {
        ConsentRecord {
            purpose: Some("share_screening_results".into()),
            recipient: Some("ggd".into()),
            decision: Some(kind.into()),
            decided_on: Some(on.into()),
            recorded_at: Some(format!("2026-01-01T00:00:{seq:02}Z")),
            comprehension_correct: Some(true),
            ..Default::default()
        }
    }

    const P: &str = "share_screening_results";

    #[test]
    fn the_shipped_texts_are_complete_and_never_claim_review() {
        let texts = shipped_texts();
        assert!(texts.len() >= 5);
        for t in &texts {
            assert!(PURPOSES.contains(&t.purpose.as_str()), "{}", t.id);
            assert!(RECIPIENTS.contains(&t.recipient.as_str()), "{}", t.id);
            let nl = &t.languages["nl"];
            assert_eq!(nl.review, TranslationReview::Source);
            assert!(t.languages.contains_key("en"), "{}", t.id);
            for (lang, w) in &t.languages {
                assert!(crate::reference::is_language(lang), "{lang}");
                assert_eq!(w.options.len(), nl.options.len(), "{} {lang}", t.id);
                assert!((t.correct_option as usize) < w.options.len());
                assert!(!w.text.trim().is_empty() && !w.question.trim().is_empty());
                if lang != "nl" {
                    assert_eq!(w.review, TranslationReview::Unreviewed, "{} {lang}", t.id);
                }
            }
        }
        let ids: Vec<_> = texts.iter().map(|t| (&t.id, t.version)).collect();
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(ids.len(), unique.len());
        // Arabic and Tigrinya for the demo, marked unreviewed.
        let ggd = find_text(&texts, "screening-results-ggd", 1).unwrap();
        assert_eq!(ggd.languages["ti"].review, TranslationReview::Unreviewed);
        assert_eq!(ggd.languages["ar"].review, TranslationReview::Unreviewed);
    }

    /// The client languages: one folder each under `locales/client/` (the same list the
    /// UI's client bundles are built from).
    fn client_languages() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales/client");
        let mut langs: Vec<String> = std::fs::read_dir(&dir)
            .expect("locales/client")
            .map(|e| e.unwrap())
            .filter(|e| e.path().join("client.ftl").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        langs.sort();
        langs
    }

    /// The script a client language is written in, as Unicode ranges of its letters.
    fn script_of(lang: &str) -> (&'static str, fn(char) -> bool) {
        match lang {
            "ti" | "am" => ("Ethiopic", |c| ('\u{1200}'..='\u{139F}').contains(&c)),
            "ar" | "fa" | "prs" | "ps" | "ckb" | "ur" => ("Arabic", |c| {
                ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c)
            }),
            "uk" | "ru" => ("Cyrillic", |c| ('\u{0400}'..='\u{04FF}').contains(&c)),
            _ => ("Latin", |c| {
                c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
            }),
        }
    }

    #[test]
    fn every_consent_text_is_in_every_client_language_in_its_own_script() {
        let langs = client_languages();
        // The languages, and French; a folder lost by mistake fails here too.
        for l in ["nl", "en", "ar", "ti", "prs", "fa", "so", "tr", "uk", "fr"] {
            assert!(
                langs.iter().any(|x| x == l),
                "locales/client/{l} is missing"
            );
        }
        let texts = shipped_texts();
        let mut missing = Vec::new();
        for t in &texts {
            for lang in &langs {
                let Some(w) = t.languages.get(lang) else {
                    missing.push(format!("{} v{} {lang}", t.id, t.version));
                    continue;
                };
                if lang != "nl" {
                    // Drafted, never checked by a certified translator: never claimed.
                    assert_eq!(w.review, TranslationReview::Unreviewed, "{} {lang}", t.id);
                    assert_ne!(
                        w.text, t.languages["nl"].text,
                        "{} {lang} is the Dutch",
                        t.id
                    );
                }
                let (script, in_script) = script_of(lang);
                // Latin names (GGD, DUO, azc) may appear; the wording as a whole is in the
                // script, and every string of it has letters of the script.
                let strings: Vec<&String> = [&w.text, &w.question]
                    .into_iter()
                    .chain(w.options.iter())
                    .collect();
                let (mut ours, mut letters) = (0, 0);
                for s in &strings {
                    let here = s.chars().filter(|c| c.is_alphabetic());
                    let (o, l) =
                        here.fold((0, 0), |(o, l), c| (o + usize::from(in_script(c)), l + 1));
                    assert!(o > 0, "{} {lang}: no {script} letter in: {s}", t.id);
                    ours += o;
                    letters += l;
                }
                assert!(ours * 10 >= letters * 8, "{} {lang}: not {script}", t.id);
            }
        }
        assert!(missing.is_empty(), "consent texts missing: {missing:?}");
    }

    #[test]
    fn consent_holds_from_the_date_given_until_withdrawn() {
        let register = vec![
            decision("given", "2026-03-02", 1),
            decision("withdrawn", "2026-05-10", 2),
        ];
        assert_eq!(
            consent_allows(&register, P, "ggd", d("2026-03-01")),
            Err(ConsentRefusal::NeverAsked)
        );
        assert_eq!(consent_allows(&register, P, "ggd", d("2026-03-02")), Ok(()));
        assert_eq!(consent_allows(&register, P, "ggd", d("2026-05-09")), Ok(()));
        assert_eq!(
            consent_allows(&register, P, "ggd", d("2026-05-10")),
            Err(ConsentRefusal::Withdrawn)
        );
        assert_eq!(
            consent_allows(&register, P, "ggd", d("2027-01-01")),
            Err(ConsentRefusal::Withdrawn)
        );
        // Bound to its recipient and purpose.
        assert_eq!(
            consent_allows(&register, P, "huisarts", d("2026-04-01")),
            Err(ConsentRefusal::NeverAsked)
        );
        assert_eq!(
            consent_allows(&register, "share_intake_summary", "ggd", d("2026-04-01")),
            Err(ConsentRefusal::NeverAsked)
        );
    }

    #[test]
    fn the_same_day_is_ordered_by_when_it_was_recorded() {
        let register = vec![
            decision("withdrawn", "2026-03-02", 9),
            decision("given", "2026-03-02", 1),
        ];
        assert_eq!(
            consent_allows(&register, P, "ggd", d("2026-03-02")),
            Err(ConsentRefusal::Withdrawn)
        );
    }

    #[test]
    fn new_decisions_follow_the_rules() {
        let today = d("2026-06-01");
        let mut given = decision("given", "2026-06-02", 1);
        assert_eq!(
            check_new_decision(&[], &given, today),
            Err(ConsentRuleError::FutureDate)
        );
        given.decided_on = Some("2026-05-01".into());
        given.comprehension_correct = Some(false);
        assert_eq!(
            check_new_decision(&[], &given, today),
            Err(ConsentRuleError::NotUnderstood)
        );
        given.comprehension_correct = Some(true);
        assert_eq!(check_new_decision(&[], &given, today), Ok(()));
        let withdraw = decision("withdrawn", "2026-05-20", 2);
        assert_eq!(
            check_new_decision(&[], &withdraw, today),
            Err(ConsentRuleError::NothingToWithdraw)
        );
        let register = vec![given];
        assert_eq!(check_new_decision(&register, &withdraw, today), Ok(()));
        let early = decision("refused", "2026-04-01", 3);
        assert_eq!(
            check_new_decision(&register, &early, today),
            Err(ConsentRuleError::BeforeLastDecision)
        );
        let mut refused = decision("refused", "2026-05-20", 3);
        refused.comprehension_correct = None;
        assert_eq!(check_new_decision(&register, &refused, today), Ok(()));
    }

    proptest! {
        /// Whatever sequence of decisions the rules let through, consent is allowed on a
        /// date exactly when the last decision on or before it is "given", and once the
        /// last decision is a withdrawal no later date allows a share.
        #[test]
        fn allows_follows_the_last_decision(steps in proptest::collection::vec((0usize..3, 0u32..20), 1..12),
                                            probe in 0u32..400) {
            let start = d("2026-01-01");
            let today = d("2027-12-31");
            let mut register: Vec<ConsentRecord> = Vec::new();
            let mut day = 0u32;
            for (i, (kind, gap)) in steps.into_iter().enumerate() {
                day += gap;
                let on = (start + chrono::Days::new(u64::from(day))).format("%Y-%m-%d").to_string();
                let new = decision(DECISIONS[kind], &on, i as u32);
                if check_new_decision(&register, &new, today).is_ok() {
                    register.push(new);
                }
            }
            let at = start + chrono::Days::new(u64::from(probe));
            let last = register.iter().rev().find(|r| decided_on(r).unwrap() <= at);
            let expected = last.is_some_and(|r| r.decision.as_deref() == Some("given"));
            prop_assert_eq!(consent_allows(&register, P, "ggd", at).is_ok(), expected);
            if register.last().is_some_and(|r| r.decision.as_deref() == Some("withdrawn")) {
                let withdrawn_on = decided_on(register.last().unwrap()).unwrap();
                for later in 0..30u64 {
                    let later = withdrawn_on + chrono::Days::new(later);
                    prop_assert_eq!(consent_allows(&register, P, "ggd", later), Err(ConsentRefusal::Withdrawn));
                }
            }
        }
    }
}
