//! Search normalisation: names are compared without case or diacritics, so that
//! "Hüseyin", "huseyin" and "HUSEYIN" find the same person (process.md §13 problem 10:
//! mistyped and differently transliterated names).

use unicode_normalization::UnicodeNormalization;

pub fn normalise(text: &str) -> String {
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ı' => 'i',
            'ß' => 's',
            'ø' => 'o',
            'đ' => 'd',
            'ł' => 'l',
            '\'' | '’' | '‘' | '`' | 'ʿ' | 'ʾ' => ' ',
            '-' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a query into normalised terms; every term must match for a hit.
pub fn terms(query: &str) -> Vec<String> {
    normalise(query)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_separators() {
        assert_eq!(normalise("Hüseyin  ÖZTÜRK"), "huseyin ozturk");
        assert_eq!(normalise("Al-Ḥassan"), "al hassan");
        assert_eq!(normalise("Ya‘qub"), "ya qub");
        assert_eq!(normalise("Yıldız"), "yildiz");
    }

    #[test]
    fn turkish_dotted_and_dotless_i_all_find_each_other() {
        // İ/i and I/ı are two letters in Turkish, but names reach the file transliterated
        // either way (a COA record in capitals, a passport in Turkish), so all four fold to i.
        for spelling in [
            "İLKAY YILDIZ",
            "ilkay yıldız",
            "ILKAY YILDIZ",
            "Ilkay Yildiz",
            "İlkay Yıldız",
        ] {
            assert_eq!(normalise(spelling), "ilkay yildiz", "{spelling}");
        }
        assert_eq!(terms("IŞIK"), vec!["isik"]);
        assert_eq!(terms("ışık"), vec!["isik"]);
        assert_eq!(normalise("DİYARBAKIR"), normalise("Diyarbakır"));
    }

    #[test]
    fn non_latin_scripts_pass_through() {
        assert_eq!(normalise("ሰላም ተስፋይ"), "ሰላም ተስፋይ");
        assert_eq!(terms("  محمد  "), vec!["محمد"]);
    }
}
