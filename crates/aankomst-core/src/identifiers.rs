//! Dutch and COA identifiers: the BSN with its *elfproef*, and the COA V-number.

/// Checks a *burgerservicenummer*: nine digits whose weighted sum
/// (9×d1 + 8×d2 + … + 2×d8 − 1×d9) is divisible by eleven and not zero.
/// Leading zeros are significant; an eight-digit number is padded with one zero,
/// as the Dutch government does for old BSNs.
pub fn bsn_is_valid(input: &str) -> bool {
    let digits: Vec<u32> = match input.chars().map(|c| c.to_digit(10)).collect() {
        Some(d) => d,
        None => return false,
    };
    let digits = match digits.len() {
        9 => digits,
        8 => std::iter::once(0).chain(digits).collect(),
        _ => return false,
    };
    let sum: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let weight: i64 = if i == 8 { -1 } else { 9 - i as i64 };
            weight * i64::from(d)
        })
        .sum();
    sum != 0 && sum % 11 == 0
}

/// Normalises what a person typed as an identifier: spaces, dots and dashes are
/// dropped, because BSNs and V-numbers are often written in groups ("1234.56.789").
pub fn strip_separators(input: &str) -> String {
    input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}'))
        .collect()
}

/// A COA V-number (*vreemdelingennummer*) is ten digits. No public check digit exists,
/// so only the shape is checked.
pub fn v_number_is_valid(input: &str) -> bool {
    input.len() == 10 && input.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elfproef_accepts_known_valid_test_numbers() {
        // Test BSNs published for software testing (they pass the elfproef).
        for bsn in ["111222333", "123456782", "999996356", "012345672"] {
            assert!(bsn_is_valid(bsn), "{bsn} should pass");
        }
    }

    #[test]
    fn elfproef_rejects_a_single_digit_change_and_bad_shapes() {
        assert!(!bsn_is_valid("111222334"));
        assert!(!bsn_is_valid("123456789"));
        assert!(!bsn_is_valid("000000000"), "all zeros sums to 0");
        assert!(!bsn_is_valid("12345678a"));
        assert!(!bsn_is_valid("1234567"));
        assert!(!bsn_is_valid("1234567890"));
        assert!(!bsn_is_valid(""));
    }

    #[test]
    fn eight_digit_bsn_is_padded() {
        assert!(bsn_is_valid("12345672"));
    }

    #[test]
    fn separators_are_stripped() {
        assert_eq!(strip_separators("1234.56.782"), "123456782");
        assert_eq!(strip_separators("26 1234-5678"), "2612345678");
    }

    #[test]
    fn v_number_shape() {
        assert!(v_number_is_valid("2612345678"));
        assert!(!v_number_is_valid("261234567"));
        assert!(!v_number_is_valid("26123456x8"));
    }
}
