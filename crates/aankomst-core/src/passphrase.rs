//! The passphrase strength check at profile creation. zxcvbn estimates how many
//! guesses an attacker needs; we ask for "safely unguessable" (score 3) and a minimum
//! length, because the passphrase guards health data on a laptop that travels.

use serde::Serialize;
use ts_rs::TS;

pub const MIN_LENGTH: usize = 10;
pub const MIN_SCORE: u8 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PassphraseStrength {
    /// 0 (guessable in seconds) to 4 (very strong).
    pub score: u8,
    pub acceptable: bool,
    /// Message keys (`passphrase-hint-…`) saying how to make it stronger.
    pub hints: Vec<String>,
}

/// `user_inputs` are words an attacker would try first (the counsellor's own name).
pub fn assess(passphrase: &str, user_inputs: &[&str]) -> PassphraseStrength {
    let length = passphrase.chars().count();
    let mut hints = Vec::new();
    let score = if passphrase.is_empty() {
        0
    } else {
        u8::from(zxcvbn::zxcvbn(passphrase, user_inputs).score())
    };
    if length < MIN_LENGTH {
        hints.push("passphrase-hint-too-short".to_owned());
    }
    if score < MIN_SCORE {
        hints.push("passphrase-hint-more-words".to_owned());
    }
    let lower = passphrase.to_lowercase();
    if user_inputs
        .iter()
        .any(|u| !u.is_empty() && lower.contains(&u.to_lowercase()))
    {
        hints.push("passphrase-hint-no-name".to_owned());
    }
    PassphraseStrength {
        score,
        acceptable: hints.is_empty(),
        hints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_short_passphrases_are_refused_with_hints() {
        let s = assess("welkom123", &[]);
        assert!(!s.acceptable);
        assert!(s.hints.contains(&"passphrase-hint-too-short".to_owned()));
        assert!(!assess("wachtwoord1234", &[]).acceptable);
    }

    #[test]
    fn a_few_random_words_are_accepted() {
        let s = assess("tulp fiets regen lantaarn", &[]);
        assert!(s.acceptable, "{s:?}");
        assert!(s.score >= 3);
    }

    #[test]
    fn the_users_own_name_is_not_enough() {
        let s = assess("Fatima de Vries 2026!", &["Fatima", "de Vries"]);
        assert!(s.hints.contains(&"passphrase-hint-no-name".to_owned()));
        assert!(!s.acceptable);
    }
}
