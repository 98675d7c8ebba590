//! Which writing system a client language is written in, so a translation in the wrong
//! script (a Latin transliteration, another language's file pasted in) is caught before a
//! client is shown it. A script check cannot tell languages sharing a script apart
//! (Tigrinya from Amharic, Farsi from Dari): that is the reviewer's work.

/// A writing system, by the Unicode blocks its letters come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Ge'ez: Tigrinya, Amharic.
    Ethiopic,
    /// Arabic, Farsi, Dari, Sorani, Pashto, Urdu.
    Arabic,
    /// Ukrainian, Russian.
    Cyrillic,
    /// Somali, Turkish, Kurmanji, English, Dutch and others.
    Latin,
}

impl Script {
    fn contains(self, c: char) -> bool {
        let ranges: &[(u32, u32)] = match self {
            Script::Ethiopic => &[
                (0x1200, 0x137F),
                (0x1380, 0x139F),
                (0x2D80, 0x2DDF),
                (0xAB00, 0xAB2F),
            ],
            Script::Arabic => &[
                (0x0600, 0x06FF),
                (0x0750, 0x077F),
                (0x08A0, 0x08FF),
                (0xFB50, 0xFDFF),
                (0xFE70, 0xFEFF),
            ],
            // U+02BC, the modifier apostrophe, is a letter in Ukrainian spelling (пʼять).
            Script::Cyrillic => &[(0x0400, 0x052F), (0x02BC, 0x02BC)],
            Script::Latin => &[
                (0x0041, 0x005A),
                (0x0061, 0x007A),
                (0x00C0, 0x024F),
                (0x1E00, 0x1EFF),
            ],
        };
        let c = c as u32;
        ranges.iter().any(|(low, high)| (*low..=*high).contains(&c))
    }
}

/// The script a client language is written in, for the languages the app knows.
pub fn script_of(language: &str) -> Option<Script> {
    Some(match language {
        "ti" | "am" => Script::Ethiopic,
        "ar" | "fa" | "prs" | "ckb" | "ps" | "ur" => Script::Arabic,
        "uk" | "ru" => Script::Cyrillic,
        "so" | "tr" | "kmr" | "en" | "nl" | "fr" | "de" | "es" => Script::Latin,
        _ => return None,
    })
}

/// The first letter of `text` that is not in `language`'s script, if any. Digits, spaces
/// and punctuation are not letters and may be shared. `None` for a language the app has no
/// script for (nothing to check against).
pub fn foreign_letter(language: &str, text: &str) -> Option<char> {
    let script = script_of(language)?;
    text.chars()
        .find(|c| c.is_alphabetic() && !script.contains(*c))
}
