//! The shipped instruments in every client language: every client-facing text present
//! with a status, statuses backed by an attribution, each language in its own script, and
//! the definitions (and so every stored administration's hash) unchanged by the languages.

use aankomst_instruments::{
    foreign_letter, import_pack, load_shipped_pack, shipped_definitions, Definition, Item,
    PackError, Registry, ReviewStatus, CLIENT_LANGUAGES, CLIENT_LANGUAGE_INSTRUMENTS,
    SHIPPED_LANGUAGE_PACKS,
};
use serde_json::{json, Value};

fn shipped() -> Registry {
    Registry::with_shipped().expect("shipped definitions and language packs load")
}

fn latest<'a>(registry: &'a Registry, id: &str) -> &'a Definition {
    registry
        .iter()
        .filter(|d| d.id == id)
        .max_by(|a, b| a.version.cmp(&b.version))
        .unwrap_or_else(|| panic!("{id} is shipped"))
}

/// Every text a client sees in a definition: (key, base text, is an answer option).
fn client_texts(def: &Definition) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for item in &def.items {
        out.push((item.link_id().to_owned(), false));
        if let Item::Choice(choice) = item {
            for option in &choice.options {
                if !out.contains(&(option.code.clone(), true)) {
                    out.push((option.code.clone(), true));
                }
            }
        }
    }
    out
}

/// The status a text has in `lang`: `None` for the definition's own language, the
/// translation's status otherwise; panics where the text is missing.
fn status_of(
    registry: &Registry,
    def: &Definition,
    key: &str,
    answer: bool,
    lang: &str,
) -> Option<ReviewStatus> {
    if lang == def.language {
        return None;
    }
    let text = if answer {
        def.choice_items()
            .flat_map(|c| &c.options)
            .find(|o| o.code == key)
            .map(|o| &o.display)
    } else {
        def.item(key).map(Item::text)
    }
    .unwrap();
    if let Some(t) = text.translation(lang) {
        return Some(t.review);
    }
    let pack = registry
        .translation(&def.url, &def.version, lang)
        .unwrap_or_else(|| panic!("{} has no {lang} translation", def.id));
    let found = if answer {
        pack.answer(key)
    } else {
        pack.item(key)
    };
    let (content, status) = found.unwrap_or_else(|| panic!("{} {key} has no {lang} text", def.id));
    assert!(
        !content.trim().is_empty(),
        "{} {key} {lang} is empty",
        def.id
    );
    Some(status)
}

#[test]
fn every_shipped_instrument_has_every_client_text_in_every_client_language() {
    let registry = shipped();
    let mut checked = 0;
    for id in CLIENT_LANGUAGE_INSTRUMENTS {
        let def = latest(&registry, id);
        for lang in CLIENT_LANGUAGES {
            for (key, answer) in client_texts(def) {
                let status = status_of(&registry, def, &key, answer, lang);
                // The definition's own language is the validated source; every other text
                // states how far it was checked.
                assert!(status.is_some() || *lang == def.language);
                checked += 1;
            }
            if *lang != def.language {
                if let Some(t) = registry.translation(&def.url, &def.version, lang) {
                    let note = t.source_note.as_deref().unwrap_or("");
                    assert!(!note.trim().is_empty(), "{id} {lang} names no source");
                }
            }
        }
    }
    assert!(checked > 1_000, "{checked} texts checked");
}

#[test]
fn a_missing_text_is_caught_by_the_completeness_check() {
    // Without the shipped packs, a Tigrinya PHQ-9 text is missing: the check above would
    // fail, so it is not a check that cannot fail.
    let mut registry = Registry::new();
    for def in shipped_definitions().unwrap() {
        registry.register(def).unwrap();
    }
    let def = latest(&registry, "phq9").clone();
    let missing = std::panic::catch_unwind(|| {
        status_of(&registry, &def, "44260-8", false, "ti");
    });
    assert!(missing.is_err());
}

#[test]
fn every_shipped_status_is_backed_by_an_attribution() {
    let registry = shipped();
    let mut count = 0;
    for t in registry.translations() {
        assert!(
            t.review_status == ReviewStatus::Unreviewed || t.attribution.is_some(),
            "{} {} claims {:?} without attribution",
            t.definition_url,
            t.language,
            t.review_status
        );
        // Nobody has certified the shipped drafts yet.
        assert_eq!(t.review_status, ReviewStatus::Unreviewed);
        count += 1;
    }
    // Every client language but English (the base of all but the Dutch financial form).
    assert_eq!(
        count,
        (CLIENT_LANGUAGES.len() - 1) * CLIENT_LANGUAGE_INSTRUMENTS.len() + 1
    );
}

/// A copy of a shipped language pack with its first translation's status (and optionally
/// attribution) changed.
fn pack_claiming(status: &str, attribution: Option<Value>) -> Vec<u8> {
    let (_, json) = SHIPPED_LANGUAGE_PACKS
        .iter()
        .find(|(file, _)| *file == "ar.json")
        .unwrap();
    let mut pack: Value = serde_json::from_str(json).unwrap();
    let first = &mut pack["translations"][0];
    first["review_status"] = json!(status);
    if let Some(a) = attribution {
        first["attribution"] = a;
    }
    serde_json::to_vec(&pack).unwrap()
}

fn definitions_only() -> Registry {
    let mut registry = Registry::new();
    for def in shipped_definitions().unwrap() {
        registry.register(def).unwrap();
    }
    registry
}

#[test]
fn a_reviewed_status_without_attribution_fails_the_shipping_check() {
    for status in ["reviewed", "validated"] {
        let mut registry = definitions_only();
        let err = load_shipped_pack(&pack_claiming(status, None), &mut registry).unwrap_err();
        assert!(
            matches!(
                &err,
                PackError::UnattributedReview { index: 0, language, .. } if language == "ar"
            ),
            "{err:?}"
        );
        // Refused whole: nothing of the pack was registered.
        assert_eq!(registry.translations().count(), 0);
    }
    let mut registry = definitions_only();
    let attributed =
        json!({"by": "A. Translator", "reference": "Wbtv 12345", "date": "2026-12-01"});
    let report = load_shipped_pack(&pack_claiming("reviewed", Some(attributed)), &mut registry)
        .expect("an attributed review ships");
    assert_eq!(report.translations[0].review_status, ReviewStatus::Reviewed);
    let t = registry
        .translations()
        .find(|t| t.review_status == ReviewStatus::Reviewed);
    assert_eq!(
        t.unwrap().attribution.as_ref().unwrap().reference,
        "Wbtv 12345"
    );

    // An attribution missing a part is refused as a malformed field.
    let mut registry = definitions_only();
    let partial = json!({"by": "A. Translator", "date": "2026-12-01"});
    let err =
        load_shipped_pack(&pack_claiming("reviewed", Some(partial)), &mut registry).unwrap_err();
    let missing_part = matches!(
        &err,
        PackError::Field { field, .. } if field.ends_with("attribution.reference")
    );
    assert!(missing_part, "{err:?}");
}

#[test]
fn every_shipped_text_is_written_in_its_languages_script() {
    let registry = shipped();
    let mut texts = 0;
    for t in registry.translations() {
        for text in t.items.values().chain(t.answers.values()) {
            assert_eq!(
                foreign_letter(&t.language, text),
                None,
                "{} {}: {text}",
                t.definition_url,
                t.language
            );
            texts += 1;
        }
    }
    assert!(texts > 1_000, "{texts}");
}

#[test]
fn the_script_check_catches_a_text_in_another_script() {
    // Tigrinya and Amharic in Ethiopic; Arabic, Farsi, Dari, Sorani in Arabic script;
    // Ukrainian in Cyrillic; Somali, Turkish, Kurmanji, English in Latin.
    assert_eq!(foreign_letter("ti", "ክንደይ ግዜ ተሰሚዑኩም?"), None);
    assert_eq!(foreign_letter("ti", "ክንደይ ግዜ nervous?"), Some('n'));
    assert_eq!(foreign_letter("am", "ሰላም"), None);
    assert_eq!(foreign_letter("am", "سلام"), Some('س'));
    for lang in ["ar", "fa", "prs", "ckb"] {
        assert_eq!(foreign_letter(lang, "احساس بی‌ارزشی؟"), None, "{lang}");
        assert_eq!(foreign_letter(lang, "ክንደይ"), Some('ክ'), "{lang}");
    }
    assert_eq!(foreign_letter("uk", "пʼяти тверджень"), None);
    assert_eq!(foreign_letter("uk", "Як часто ви були nervous?"), Some('n'));
    for lang in ["so", "tr", "kmr", "en"] {
        assert_eq!(
            foreign_letter(lang, "Kendinizi ne sıklıkla değersiz hissettiniz?"),
            None
        );
        assert_eq!(foreign_letter(lang, "Marna Якщо"), Some('Я'), "{lang}");
    }
    assert_eq!(foreign_letter("xx", "anything"), None);
}

/// The hashes of the 1.0.0 definitions as first shipped: administrations store them, so
/// they must keep resolving to the same definitions whatever languages are added.
const SHIPPED_HASHES: &[(&str, &str)] = &[
    (
        "digitale-vaardigheden",
        "4a2c747dff3d553cd32e691d0ac1d51572f1ad5402a572e6ba148e9ba245b90d",
    ),
    (
        "financiele-zelfredzaamheid",
        "bcdd66e2e4e2f39f723de30a2b03cbeb64fcff3db2e98e06d422862e56cf033d",
    ),
    (
        "gad7",
        "6c32517259db611e6f357f30e45859e4e6940a9a8a68a8f6f8e002c0444a6da1",
    ),
    (
        "k10-au",
        "ad92b58a28e94caf3838fdbe7aeaea68ac7cb2d6fa0b89d12dc5c322f9b8c35e",
    ),
    (
        "k10-nl",
        "0ae4c3b146ec4c079850d02f6a687f1ee7b3c408478b12f4ba8f5b1f92f05c27",
    ),
    (
        "k10-us",
        "bfe1c24fa90823ae014594e6eb69b4fd4274af83a9498dfb630328402e95e89e",
    ),
    (
        "k6",
        "2b979be23d146010d4e74ce368f7abb7c3a26a3f18b0ad8bfcc0d8389bc58efc",
    ),
    (
        "leerbaarheidstoets",
        "091bd2a759c3044c2022b85bdf8a22a3438974048557cff817ec9db1c5d68b02",
    ),
    (
        "participatieladder",
        "23886c4dff201512c87d0dc309485f86762bc4001f022bed9cf79fdc4515b6a2",
    ),
    (
        "pcl5",
        "a4581ce9bf6d3b1a00d9e8aa87c6881428bb63859e2df3d854608b5c2181793a",
    ),
    (
        "pcptsd5",
        "ca478ad2d71724b6634761d180e85c82afce18e8f02f793cb046881c8853670e",
    ),
    (
        "phq4",
        "23a436f91d8195fb0b2b09dbd9b9f2d9c8c9e6617860ed3cc1c8ddbfe74fddfc",
    ),
    (
        "phq9",
        "8f6c0e0f4baaf6a0d773cc51558acfddebae2aeb3462809da82e21cac4d6d041",
    ),
    (
        "taalstart-eindrapportage",
        "62daa2d65b46e836f70ffe9fc9465a92396182820fe65c615317a48714be23f5",
    ),
    (
        "who5",
        "72cc4a622784e184b8e0d886aff24e01c3b88c16af2ae57903cdb0383384fdab",
    ),
];

#[test]
fn the_first_shipped_definition_hashes_still_resolve() {
    let registry = shipped();
    let mut found = Vec::new();
    for def in registry.iter() {
        found.push((def.id.clone(), def.hash().to_owned()));
    }
    for (id, hash) in SHIPPED_HASHES {
        let def = registry
            .by_hash(hash)
            .unwrap_or_else(|| panic!("{id} {hash} no longer resolves; found {found:?}"));
        assert_eq!((def.id.as_str(), def.version.as_str()), (*id, "1.0.0"));
    }
    assert_eq!(SHIPPED_HASHES.len(), registry.iter().count(), "{found:?}");
}

#[test]
fn an_imported_pack_replaces_a_shipped_draft_for_its_language_only() {
    let mut registry = shipped();
    let phq9 = latest(&registry, "phq9").clone();
    let shipped_text = registry
        .translation(&phq9.url, &phq9.version, "ti")
        .unwrap()
        .item("44250-9")
        .unwrap()
        .0
        .to_owned();
    let pack = |text: &str| {
        serde_json::to_vec(&json!({
            "pack": {"id": "gemeente-ti", "version": "1", "publisher": "Gemeente", "licence_note": "PHQ screeners, free to use"},
            "translations": [{
                "definition_url": phq9.url, "definition_version": phq9.version, "language": "ti",
                "review_status": "validated", "items": {"44250-9": text}
            }]
        }))
        .unwrap()
    };
    import_pack(&pack("ናይ ምስክር ጽሑፍ"), &mut registry)
        .expect("a municipality's pack replaces the draft");
    let now = registry
        .translation(&phq9.url, &phq9.version, "ti")
        .unwrap();
    assert_eq!(
        now.item("44250-9"),
        Some(("ናይ ምስክር ጽሑፍ", ReviewStatus::Validated))
    );
    assert_ne!(shipped_text, "ናይ ምስክር ጽሑፍ");
    // One translation per definition and language is in use.
    let in_use = registry
        .translations()
        .filter(|t| t.definition_url == phq9.url && t.language == "ti")
        .count();
    assert_eq!(in_use, 1);
    // Other languages keep the shipped draft.
    assert!(registry
        .translation(&phq9.url, &phq9.version, "ar")
        .is_some());
    // Two different imported translations still clash.
    let err = import_pack(&pack("ካልእ ጽሑፍ"), &mut registry).unwrap_err();
    assert!(
        matches!(err, PackError::TranslationConflict { .. }),
        "{err:?}"
    );
}
