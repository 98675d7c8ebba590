//! Reference lists: the countries and languages a Dutch municipality's statushouders
//! come from and speak (source reports 001 §1.2.2, 003 §2.1, process.md §14.5). The
//! names live in the Fluent files (`country-XX`, `language-xx`); here only the codes.

/// ISO 3166-1 alpha-2 codes, plus `stateless` and `unknown`.
pub const COUNTRIES: &[&str] = &[
    "SY",
    "ER",
    "AF",
    "TR",
    "IQ",
    "IR",
    "YE",
    "SD",
    "SS",
    "SO",
    "ET",
    "UA",
    "PS",
    "LB",
    "JO",
    "EG",
    "LY",
    "MA",
    "DZ",
    "TN",
    "NG",
    "CD",
    "BI",
    "GN",
    "CM",
    "PK",
    "BD",
    "LK",
    "MM",
    "CN",
    "RU",
    "BY",
    "GE",
    "AM",
    "AZ",
    "CU",
    "VE",
    "CO",
    "KW",
    "SA",
    "NL",
    "stateless",
    "unknown",
];

/// ISO 639 codes (639-1 where one exists, else 639-3).
pub const LANGUAGES: &[&str] = &[
    "ar", "ti", "tig", "am", "om", "so", "fa", "prs", "ps", "kmr", "ckb", "tr", "uk", "ru", "en",
    "fr", "nl", "ur", "bn", "ta", "my", "zh", "hy", "ka", "az", "es", "de", "sw", "ln", "ha", "yo",
    "ff", "bs", "sq",
];

/// Languages written right to left, so that the UI can set `dir="rtl"` on their text.
pub const RIGHT_TO_LEFT: &[&str] = &["ar", "fa", "prs", "ps", "ckb", "ur"];

pub fn is_country(code: &str) -> bool {
    COUNTRIES.contains(&code)
}

pub fn is_language(code: &str) -> bool {
    LANGUAGES.contains(&code)
}
