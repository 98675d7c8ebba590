//! Instrument packs: licensed definitions and translations supplied at run time.
//!
//! Some instruments may not be bundled with the app (instruments.md §0.2, §11–§15: RHS-15,
//! HSCL-25, HTQ, PROTECT, ZRM). A municipality holding a licence supplies them as a pack:
//! one JSON document with a header, FHIR `Questionnaire` definitions in exactly the shape
//! of the shipped ones, and translations (see the crate README for the format).
//!
//! [`import_pack`] is all-or-nothing: the whole pack is parsed and checked against itself and
//! the registry first, and only then registered. A refused pack leaves the registry as it
//! was. Errors name the definition, translation, linkId or field at fault; a pack carries no
//! answers, so no error can contain answer data. No IO: the caller passes the bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::definition::{Definition, DefinitionError, Item, ReviewStatus, Text};
use crate::registry::Registry;

/// The pack header: who supplies it and under which licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackInfo {
    pub id: String,
    pub version: String,
    pub publisher: String,
    /// Free text naming the licence the publisher holds (shown to administrators).
    pub licence_note: String,
}

/// A translation of one definition version into one language, kept beside the definition
/// (the definition's hash, and so its identity, does not change when a translation is added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackTranslation {
    pub definition_url: String,
    pub definition_version: String,
    pub language: String,
    pub review_status: ReviewStatus,
    /// linkId → text.
    pub items: BTreeMap<String, String>,
    /// Answer code → display.
    pub answers: BTreeMap<String, String>,
    /// linkId → a recording of the item read aloud in this language (for clients who do not
    /// read), checked at import.
    pub audio_items: BTreeMap<String, AudioClip>,
    /// Answer code → a recording of the answer option.
    pub audio_answers: BTreeMap<String, AudioClip>,
    /// Where the texts come from, and where a published (validated) translation can be
    /// found to replace a draft.
    pub source_note: Option<String>,
    /// Who reviewed the texts: required for `reviewed` and `validated` in a shipped pack.
    pub attribution: Option<Attribution>,
}

/// Who reviewed or validated a translation, so its status can be traced to a person or a
/// publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Attribution {
    /// The certified translator, or the publisher of a validated translation.
    pub by: String,
    /// Their registration (e.g. Wbtv number) or the publication's reference.
    pub reference: String,
    /// When (YYYY-MM-DD).
    pub date: String,
}

/// Where a pack comes from. Shipped packs are compiled into the crate; a municipality's
/// imported pack may replace a shipped translation (a shipped one is a draft to replace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackOrigin {
    Shipped,
    Imported,
}

/// A short recording supplied in a pack: a media type the app plays and the bytes, as
/// checked base64 (so the view can play it from memory as a `data:` URL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AudioClip {
    pub media_type: String,
    pub data: String,
}

impl AudioClip {
    /// A `data:` URL for an `<audio>` element: played from memory, never a file.
    pub fn data_url(&self) -> String {
        format!("data:{};base64,{}", self.media_type, self.data)
    }
}

/// The largest recording a pack may carry per item or answer (decoded).
pub const MAX_AUDIO_BYTES: usize = 2 * 1024 * 1024;

/// Media types a pack's recordings may have, with the bytes each file format starts with.
const AUDIO_FORMATS: &[(&str, &[u8])] = &[
    ("audio/wav", b"RIFF"),
    ("audio/ogg", b"OggS"),
    ("audio/webm", &[0x1A, 0x45, 0xDF, 0xA3]),
    ("audio/mpeg", b"ID3"),
];

/// What is wrong with a recording in a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AudioProblem {
    /// Not audio/wav, audio/ogg, audio/webm or audio/mpeg.
    MediaType,
    NotBase64,
    TooLarge,
    /// The bytes are not a file of the stated media type.
    NotThatFormat,
}

impl fmt::Display for AudioProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AudioProblem::MediaType => {
                "has a media type other than audio/wav, audio/ogg, audio/webm or audio/mpeg"
            }
            AudioProblem::NotBase64 => "is not base64",
            AudioProblem::TooLarge => "is larger than 2 MiB",
            AudioProblem::NotThatFormat => "is not a file of its media type",
        })
    }
}

impl PackTranslation {
    /// The translated text of an item, always with its review status, so an unreviewed text
    /// cannot be shown as if it were validated.
    pub fn item(&self, link_id: &str) -> Option<(&str, ReviewStatus)> {
        self.items
            .get(link_id)
            .map(|text| (text.as_str(), self.review_status))
    }

    /// The translated display of an answer code, with the review status.
    pub fn answer(&self, code: &str) -> Option<(&str, ReviewStatus)> {
        self.answers
            .get(code)
            .map(|text| (text.as_str(), self.review_status))
    }

    /// The recording of an item in this language, if the pack has one.
    pub fn item_audio(&self, link_id: &str) -> Option<&AudioClip> {
        self.audio_items.get(link_id)
    }

    /// The recording of an answer option in this language, if the pack has one.
    pub fn answer_audio(&self, code: &str) -> Option<&AudioClip> {
        self.audio_answers.get(code)
    }
}

/// A definition named in a [`PackReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DefinitionEntry {
    pub url: String,
    pub version: String,
    pub id: String,
    pub title: String,
    pub hash: String,
}

/// A translation named in a [`PackReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TranslationEntry {
    pub definition_url: String,
    pub definition_version: String,
    pub language: String,
    pub review_status: ReviewStatus,
    /// The same translation was already registered.
    pub already_present: bool,
    /// linkIds of the definition's items this translation gives no text for.
    pub untranslated_items: Vec<String>,
    /// How many recordings (items and answers) the translation carries.
    pub audio_clips: u32,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackReport {
    pub pack: PackInfo,
    /// Definitions newly registered.
    pub added: Vec<DefinitionEntry>,
    /// Definitions already registered with identical content.
    pub already_present: Vec<DefinitionEntry>,
    /// Every translation in the pack, with its review status.
    pub translations: Vec<TranslationEntry>,
}

impl PackReport {
    /// Translations that nobody has reviewed: to be shown as such, never as validated.
    pub fn unreviewed_translations(&self) -> impl Iterator<Item = &TranslationEntry> {
        self.translations
            .iter()
            .filter(|t| t.review_status == ReviewStatus::Unreviewed)
    }
}

/// What is wrong with a field of the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    Missing,
    WrongType,
    Empty,
    Unknown,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FieldProblem::Missing => "is missing",
            FieldProblem::WrongType => "has the wrong type",
            FieldProblem::Empty => "is empty",
            FieldProblem::Unknown => "is not a known field",
        })
    }
}

/// Where the registered content a definition conflicts with comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictWith {
    /// A definition already in the registry (shipped or imported earlier).
    Registry,
    /// An earlier definition in the same pack.
    Pack,
}

/// Why a translation clashes with one that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TranslationClash {
    /// The pack holds two different translations for the same definition and language.
    DuplicateInPack,
    /// A different translation for the same definition version and language is registered.
    DifferentRegistered,
    /// The definition itself carries translations into this language.
    EmbeddedInDefinition,
    /// The language is the definition's own base language.
    BaseLanguage,
}

impl fmt::Display for TranslationClash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TranslationClash::DuplicateInPack => "the pack holds two different translations",
            TranslationClash::DifferentRegistered => {
                "a different translation is already registered"
            }
            TranslationClash::EmbeddedInDefinition => {
                "the definition already carries this language"
            }
            TranslationClash::BaseLanguage => "this is the definition's own language",
        })
    }
}

/// Why a pack was refused. Nothing was registered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("the pack is not valid JSON: {problem}")]
    Json {
        line: usize,
        column: usize,
        problem: String,
    },
    #[error("pack field {field} {problem}")]
    Field {
        field: String,
        problem: FieldProblem,
    },
    #[error("the pack holds no definitions and no translations")]
    Empty,
    #[error("definition {index} ({}) is invalid: {source}", identity(.url, .version))]
    Definition {
        /// Position in `definitions`, from 0.
        index: usize,
        url: Option<String>,
        version: Option<String>,
        source: DefinitionError,
    },
    #[error("{url}|{version} is already known with different content (hash {known}, pack offers {offered})")]
    Conflict {
        url: String,
        version: String,
        known: String,
        offered: String,
        with: ConflictWith,
    },
    #[error("translation {index} ({language}) names {url}|{version}, which is neither in the pack nor registered")]
    UnknownDefinition {
        index: usize,
        url: String,
        version: String,
        language: String,
    },
    #[error(
        "translation {index} ({language}) of {url}|{version}: the definition has no item {link_id}"
    )]
    UnknownLinkId {
        index: usize,
        url: String,
        version: String,
        language: String,
        link_id: String,
    },
    #[error("translation {index} ({language}) of {url}|{version}: the definition has no answer code {code}")]
    UnknownAnswerCode {
        index: usize,
        url: String,
        version: String,
        language: String,
        code: String,
    },
    #[error("translation {index} ({language}) of {url}|{version} has no review_status")]
    MissingReviewStatus {
        index: usize,
        url: String,
        version: String,
        language: String,
    },
    #[error("translation {index} ({language}) of {url}|{version}: review_status {value:?} is not validated, reviewed or unreviewed")]
    InvalidReviewStatus {
        index: usize,
        url: String,
        version: String,
        language: String,
        value: String,
    },
    #[error(
        "translation {index} ({language}) of {url}|{version}: the recording of {key} {problem}"
    )]
    Audio {
        index: usize,
        url: String,
        version: String,
        language: String,
        /// The linkId or answer code the recording is for.
        key: String,
        problem: AudioProblem,
    },
    #[error("translation {index} ({language}) of {url}|{version} claims {status:?} without an attribution")]
    UnattributedReview {
        index: usize,
        url: String,
        version: String,
        language: String,
        status: ReviewStatus,
    },
    #[error("translation {index} ({language}) of {url}|{version} refused: {clash}")]
    TranslationConflict {
        index: usize,
        url: String,
        version: String,
        language: String,
        clash: TranslationClash,
    },
}

fn identity(url: &Option<String>, version: &Option<String>) -> String {
    format!(
        "{}|{}",
        url.as_deref().unwrap_or("?"),
        version.as_deref().unwrap_or("?")
    )
}

fn field_error(field: impl Into<String>, problem: FieldProblem) -> PackError {
    PackError::Field {
        field: field.into(),
        problem,
    }
}

fn only_known_keys(
    object: &Map<String, Value>,
    prefix: &str,
    known: &[&str],
) -> Result<(), PackError> {
    match object.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => Err(field_error(format!("{prefix}{key}"), FieldProblem::Unknown)),
        None => Ok(()),
    }
}

fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>, PackError> {
    value
        .as_object()
        .ok_or_else(|| field_error(path, FieldProblem::WrongType))
}

fn required_string(
    object: &Map<String, Value>,
    prefix: &str,
    key: &str,
) -> Result<String, PackError> {
    let path = format!("{prefix}{key}");
    match object.get(key) {
        None | Some(Value::Null) => Err(field_error(path, FieldProblem::Missing)),
        Some(Value::String(s)) if s.trim().is_empty() => {
            Err(field_error(path, FieldProblem::Empty))
        }
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(field_error(path, FieldProblem::WrongType)),
    }
}

fn optional_array<'a>(object: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], PackError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(field_error(key, FieldProblem::WrongType)),
    }
}

fn string_map(
    object: &Map<String, Value>,
    prefix: &str,
    key: &str,
    required: bool,
) -> Result<BTreeMap<String, String>, PackError> {
    let path = format!("{prefix}{key}");
    let map = match object.get(key) {
        None | Some(Value::Null) if required => {
            return Err(field_error(path, FieldProblem::Missing))
        }
        None | Some(Value::Null) => return Ok(BTreeMap::new()),
        Some(value) => self::object(value, &path)?,
    };
    map.iter()
        .map(|(k, v)| match v {
            Value::String(s) if s.trim().is_empty() => {
                Err(field_error(format!("{path}.{k}"), FieldProblem::Empty))
            }
            Value::String(s) => Ok((k.clone(), s.clone())),
            _ => Err(field_error(format!("{path}.{k}"), FieldProblem::WrongType)),
        })
        .collect()
}

/// Reads `audio.items` or `audio.answers` of a translation: linkId or code → recording, each
/// checked (media type, base64, size, and that the bytes are that kind of file).
fn audio_map(
    audio: Option<&Map<String, Value>>,
    prefix: &str,
    key: &str,
) -> Result<BTreeMap<String, AudioClip>, Result<(String, AudioProblem), PackError>> {
    let path = format!("{prefix}audio.{key}");
    let Some(map) = audio.and_then(|a| a.get(key)) else {
        return Ok(BTreeMap::new());
    };
    let map = object(map, &path).map_err(Err)?;
    let mut out = BTreeMap::new();
    for (name, clip) in map {
        let clip_path = format!("{path}.{name}.");
        let fields = object(clip, &format!("{path}.{name}")).map_err(Err)?;
        only_known_keys(fields, &clip_path, &["media_type", "data"]).map_err(Err)?;
        let media_type = required_string(fields, &clip_path, "media_type").map_err(Err)?;
        let data = required_string(fields, &clip_path, "data").map_err(Err)?;
        let problem = |p| Ok((name.clone(), p));
        let Some((_, magic)) = AUDIO_FORMATS.iter().find(|(t, _)| *t == media_type) else {
            return Err(problem(AudioProblem::MediaType));
        };
        // Decoded size is at most 3/4 of the text: refuse a huge text before decoding it.
        if data.len() / 4 * 3 > MAX_AUDIO_BYTES + 3 {
            return Err(problem(AudioProblem::TooLarge));
        }
        let bytes = BASE64
            .decode(data.as_bytes())
            .map_err(|_| problem(AudioProblem::NotBase64))?;
        if bytes.len() > MAX_AUDIO_BYTES {
            return Err(problem(AudioProblem::TooLarge));
        }
        let mpeg_frame = media_type == "audio/mpeg"
            && bytes.len() > 1
            && bytes[0] == 0xFF
            && bytes[1] & 0xE0 == 0xE0;
        let wav = media_type != "audio/wav" || bytes.get(8..12) == Some(b"WAVE".as_slice());
        if !((bytes.starts_with(magic) && wav) || mpeg_frame) {
            return Err(problem(AudioProblem::NotThatFormat));
        }
        out.insert(name.clone(), AudioClip { media_type, data });
    }
    Ok(out)
}

fn entry(definition: &Definition) -> DefinitionEntry {
    DefinitionEntry {
        url: definition.url.clone(),
        version: definition.version.clone(),
        id: definition.id.clone(),
        title: definition.title.clone(),
        hash: definition.hash().to_owned(),
    }
}

fn texts(definition: &Definition) -> impl Iterator<Item = &Text> {
    definition.items.iter().flat_map(|item| -> Vec<&Text> {
        match item {
            Item::Display { text, .. } => vec![text],
            Item::Field(field) => vec![&field.text],
            Item::Choice(choice) => std::iter::once(&choice.text)
                .chain(choice.options.iter().map(|o| &o.display))
                .collect(),
        }
    })
}

fn link_id(item: &Item) -> &str {
    item.link_id()
}

/// Parses and checks a whole pack, then registers its definitions and translations.
/// Refused packs change nothing.
pub fn import_pack(bytes: &[u8], registry: &mut Registry) -> Result<PackReport, PackError> {
    import(bytes, registry, PackOrigin::Imported)
}

/// Loads a pack that ships with the app (see [`crate::shipped::SHIPPED_LANGUAGE_PACKS`]):
/// the same checks as [`import_pack`], and a status beyond `unreviewed` must name who
/// reviewed it ([`Attribution`]). Its translations give way to an imported pack's.
pub fn load_shipped_pack(bytes: &[u8], registry: &mut Registry) -> Result<PackReport, PackError> {
    import(bytes, registry, PackOrigin::Shipped)
}

fn import(
    bytes: &[u8],
    registry: &mut Registry,
    origin: PackOrigin,
) -> Result<PackReport, PackError> {
    let document: Value = serde_json::from_slice(bytes).map_err(|e| PackError::Json {
        line: e.line(),
        column: e.column(),
        problem: e.to_string(),
    })?;
    let top = object(&document, "(document)")?;
    only_known_keys(top, "", &["pack", "definitions", "translations"])?;

    // Header.
    let header = match top.get("pack") {
        None | Some(Value::Null) => return Err(field_error("pack", FieldProblem::Missing)),
        Some(value) => object(value, "pack")?,
    };
    only_known_keys(
        header,
        "pack.",
        &["id", "version", "publisher", "licence_note"],
    )?;
    let info = PackInfo {
        id: required_string(header, "pack.", "id")?,
        version: required_string(header, "pack.", "version")?,
        publisher: required_string(header, "pack.", "publisher")?,
        licence_note: required_string(header, "pack.", "licence_note")?,
    };
    let raw_definitions = optional_array(top, "definitions")?;
    let raw_translations = optional_array(top, "translations")?;
    if raw_definitions.is_empty() && raw_translations.is_empty() {
        return Err(PackError::Empty);
    }

    // Definitions: the same loading and checks as the shipped ones, then identity checks.
    let mut added: Vec<Definition> = Vec::new();
    let mut already_present: Vec<DefinitionEntry> = Vec::new();
    for (index, raw) in raw_definitions.iter().enumerate() {
        let definition = Definition::from_value(raw.clone()).map_err(|source| {
            let text = |key: &str| raw.get(key).and_then(Value::as_str).map(str::to_owned);
            PackError::Definition {
                index,
                url: text("url"),
                version: text("version"),
                source,
            }
        })?;
        let conflict = |known: &Definition, with| PackError::Conflict {
            url: definition.url.clone(),
            version: definition.version.clone(),
            known: known.hash().to_owned(),
            offered: definition.hash().to_owned(),
            with,
        };
        if let Some(known) = registry.get(&definition.url, &definition.version) {
            if known.hash() != definition.hash() {
                return Err(conflict(known, ConflictWith::Registry));
            }
            if !already_present.iter().any(|e| e.hash == definition.hash()) {
                already_present.push(entry(&definition));
            }
            continue;
        }
        if let Some(earlier) = added
            .iter()
            .find(|d| d.url == definition.url && d.version == definition.version)
        {
            if earlier.hash() != definition.hash() {
                return Err(conflict(earlier, ConflictWith::Pack));
            }
            continue;
        }
        added.push(definition);
    }

    // Translations: against the pack's definitions or the registry's.
    let mut translations: Vec<(PackTranslation, bool)> = Vec::new();
    let mut report_translations = Vec::new();
    for (index, raw) in raw_translations.iter().enumerate() {
        let prefix = format!("translations[{index}].");
        let fields = object(raw, &format!("translations[{index}]"))?;
        only_known_keys(
            fields,
            &prefix,
            &[
                "definition_url",
                "definition_version",
                "language",
                "review_status",
                "items",
                "answers",
                "audio",
                "source_note",
                "attribution",
            ],
        )?;
        let url = required_string(fields, &prefix, "definition_url")?;
        let version = required_string(fields, &prefix, "definition_version")?;
        let language = required_string(fields, &prefix, "language")?;
        let review_status = match fields.get("review_status") {
            None | Some(Value::Null) => {
                return Err(PackError::MissingReviewStatus {
                    index,
                    url,
                    version,
                    language,
                })
            }
            Some(Value::String(s)) if s == "validated" => ReviewStatus::Validated,
            Some(Value::String(s)) if s == "reviewed" => ReviewStatus::Reviewed,
            Some(Value::String(s)) if s == "unreviewed" => ReviewStatus::Unreviewed,
            Some(other) => {
                return Err(PackError::InvalidReviewStatus {
                    index,
                    url,
                    version,
                    language,
                    value: match other {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    },
                })
            }
        };
        let source_note = match fields.get("source_note") {
            None | Some(Value::Null) => None,
            Some(_) => Some(required_string(fields, &prefix, "source_note")?),
        };
        let attribution = match fields.get("attribution") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let path = format!("{prefix}attribution");
                let a = object(value, &path)?;
                let sub = format!("{path}.");
                only_known_keys(a, &sub, &["by", "reference", "date"])?;
                Some(Attribution {
                    by: required_string(a, &sub, "by")?,
                    reference: required_string(a, &sub, "reference")?,
                    date: required_string(a, &sub, "date")?,
                })
            }
        };
        if origin == PackOrigin::Shipped
            && review_status != ReviewStatus::Unreviewed
            && attribution.is_none()
        {
            return Err(PackError::UnattributedReview {
                index,
                url,
                version,
                language,
                status: review_status,
            });
        }
        let items = string_map(fields, &prefix, "items", true)?;
        let answers = string_map(fields, &prefix, "answers", false)?;
        let audio = match fields.get("audio") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let audio = object(value, &format!("{prefix}audio"))?;
                only_known_keys(audio, &format!("{prefix}audio."), &["items", "answers"])?;
                Some(audio)
            }
        };
        let audio_error = |e: Result<(String, AudioProblem), PackError>| match e {
            Ok((key, problem)) => PackError::Audio {
                index,
                url: url.clone(),
                version: version.clone(),
                language: language.clone(),
                key,
                problem,
            },
            Err(e) => e,
        };
        let audio_items = audio_map(audio, &prefix, "items").map_err(audio_error)?;
        let audio_answers = audio_map(audio, &prefix, "answers").map_err(audio_error)?;

        let definition = added
            .iter()
            .find(|d| d.url == url && d.version == version)
            .or_else(|| registry.get(&url, &version));
        let Some(definition) = definition else {
            return Err(PackError::UnknownDefinition {
                index,
                url,
                version,
                language,
            });
        };
        if let Some(link_id) = items.keys().chain(audio_items.keys()).find(|k| {
            !definition
                .items
                .iter()
                .any(|item| link_id(item) == k.as_str())
        }) {
            return Err(PackError::UnknownLinkId {
                index,
                url,
                version,
                language,
                link_id: link_id.clone(),
            });
        }
        let codes: BTreeSet<&str> = definition
            .choice_items()
            .flat_map(|c| c.options.iter().map(|o| o.code.as_str()))
            .collect();
        if let Some(code) = answers
            .keys()
            .chain(audio_answers.keys())
            .find(|k| !codes.contains(k.as_str()))
        {
            return Err(PackError::UnknownAnswerCode {
                index,
                url,
                version,
                language,
                code: code.clone(),
            });
        }
        let clash = if definition.language == language {
            Some(TranslationClash::BaseLanguage)
        } else if texts(definition).any(|t| t.translation(&language).is_some()) {
            Some(TranslationClash::EmbeddedInDefinition)
        } else {
            None
        };
        let untranslated_items = definition
            .items
            .iter()
            .map(link_id)
            .filter(|id| !items.contains_key(*id))
            .map(str::to_owned)
            .collect();
        let translation = PackTranslation {
            definition_url: url.clone(),
            definition_version: version.clone(),
            language: language.clone(),
            review_status,
            items,
            answers,
            audio_items,
            audio_answers,
            source_note,
            attribution,
        };
        let mut present = false;
        let clash = clash.or_else(|| {
            if let Some((earlier, _)) = translations.iter().find(|(t, _)| {
                t.definition_url == url && t.definition_version == version && t.language == language
            }) {
                return (earlier != &translation).then_some(TranslationClash::DuplicateInPack);
            }
            // A shipped translation is a draft an imported one may replace; two imported ones
            // for the same definition and language clash.
            let known = match origin {
                PackOrigin::Imported => registry.imported_translation(&url, &version, &language),
                PackOrigin::Shipped => registry.translation(&url, &version, &language),
            };
            match known {
                Some(known) if known != &translation => Some(TranslationClash::DifferentRegistered),
                Some(_) => {
                    present = true;
                    None
                }
                None => None,
            }
        });
        if let Some(clash) = clash {
            return Err(PackError::TranslationConflict {
                index,
                url,
                version,
                language,
                clash,
            });
        }
        report_translations.push(TranslationEntry {
            definition_url: url,
            definition_version: version,
            language,
            review_status,
            already_present: present,
            untranslated_items,
            audio_clips: (translation.audio_items.len() + translation.audio_answers.len()) as u32,
        });
        translations.push((translation, present));
    }

    // Everything checked: register on a copy and swap it in, so nothing is half-applied.
    let mut staged = registry.clone();
    let mut added_entries = Vec::new();
    for definition in added {
        added_entries.push(entry(&definition));
        staged.register(definition).map_err(|e| match e {
            crate::registry::RegistryError::ContentMismatch {
                url,
                version,
                known,
                offered,
            } => PackError::Conflict {
                url,
                version,
                known,
                offered,
                with: ConflictWith::Registry,
            },
            crate::registry::RegistryError::InvalidShipped(source) => PackError::Definition {
                index: 0,
                url: None,
                version: None,
                source,
            },
            // `register` never loads packs.
            crate::registry::RegistryError::InvalidShippedPack { source, .. } => *source,
        })?;
    }
    for (translation, present) in translations {
        if !present {
            staged.insert_translation(translation, origin);
        }
    }
    *registry = staged;
    Ok(PackReport {
        pack: info,
        added: added_entries,
        already_present,
        translations: report_translations,
    })
}
