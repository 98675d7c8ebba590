//! What the caller hands in. The crate translates nothing: every sentence and label the client
//! reads comes in Dutch *and* in the client's language ([`Bilingual`]), supplied by the caller
//! (Fluent files, the counsellor, a reviewed translation). Names, dates and place names are
//! language-neutral and appear once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One text in Dutch and in the client's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub nl: String,
    pub client: String,
}

impl Bilingual {
    pub fn new(nl: impl Into<String>, client: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            client: client.into(),
        }
    }
}

/// Writing direction of the client's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// The script the client's language is written in: it decides which bundled font comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Latin,
    Arabic,
    Ethiopic,
}

/// The client's language as the document needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientLanguage {
    /// ISO 639 code (two or three lower-case letters): `ar`, `ti`, `fa`, `prs`, `so`, …
    /// Typst uses it for shaping, hyphenation and the PDF's language tags.
    pub code: String,
    /// ISO 3166 region (two upper-case letters) where it matters, e.g. `ER` for Eritrean
    /// Tigrinya as opposed to Ethiopian (`ET`).
    pub region: Option<String>,
    pub direction: Direction,
    pub script: Script,
    /// The language's name in Dutch and in itself ("Arabisch" / "العربية"): the column heads.
    pub name: Bilingual,
}

/// Who carries out an action of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Party {
    Client,
    Municipality,
    /// A partner organisation (VluchtelingenWerk, a language school, …), by its own name.
    Partner {
        name: String,
    },
}

/// One action under a subgoal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub party: Party,
    pub action: Bilingual,
    /// Done by this date, if one was agreed.
    pub due: Option<NaiveDate>,
}

/// A subgoal of the plan with what each party does for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subgoal {
    pub goal: Bilingual,
    pub actions: Vec<PlanAction>,
}

/// The most subgoals a plan may have (the PIP's main goal plus at most six subgoals).
pub const MAX_SUBGOALS: usize = 6;

/// Every heading and fixed sentence of the client copy, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientCopyLabels {
    /// "Persoonlijk Plan Inburgering en Participatie (PIP)".
    pub title: Bilingual,
    /// "Uw exemplaar".
    pub subtitle: Bilingual,
    pub client_name: Bilingual,
    pub municipality: Bilingual,
    pub decision_date: Bilingual,
    pub counsellor: Bilingual,
    pub route: Bilingual,
    pub map: Bilingual,
    pub pvt: Bilingual,
    pub ontzorgen: Bilingual,
    pub social_guidance: Bilingual,
    pub main_goal: Bilingual,
    pub subgoals: Bilingual,
    pub party_client: Bilingual,
    pub party_municipality: Bilingual,
    /// Put before a partner's own name ("Partner" / "شريك").
    pub party_partner: Bilingual,
    /// Put before an action's due date ("Uiterlijk").
    pub due: Bilingual,
    pub progress_reviews: Bilingual,
    pub motivation: Bilingual,
    pub objection: Bilingual,
    pub signatures: Bilingual,
    pub signature_client: Bilingual,
    pub signature_counsellor: Bilingual,
    pub signature_interpreter: Bilingual,
    /// Under a signature: "Datum".
    pub date: Bilingual,
    /// In the page footer: "Pagina".
    pub page: Bilingual,
    /// Printed in a box on the first page when the translation has not been reviewed.
    pub unreviewed_translation: Bilingual,
}

/// The route the plan sets, and what it means in plain language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteChoice {
    /// "B1-route", "Onderwijsroute", "Z-route", or a municipal variant.
    pub name: Bilingual,
    pub explanation: Bilingual,
}

/// The client's own copy of the PIP, bilingual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientCopy {
    pub language: ClientLanguage,
    pub labels: ClientCopyLabels,
    /// Whether a person reviewed the translation. When false the document says so, visibly.
    pub translation_reviewed: bool,
    pub client_name: String,
    pub municipality: String,
    pub counsellor_name: String,
    /// The date of the decision (beschikking); also the PDF's creation date, so the same input
    /// always gives the same bytes.
    pub decision_date: NaiveDate,
    /// A plain-language opening: what this document is.
    pub introduction: Bilingual,
    pub route: RouteChoice,
    /// Module Arbeidsmarkt en Participatie: what was agreed, or the exemption.
    pub map: Bilingual,
    /// Participatieverklaringstraject.
    pub pvt: Bilingual,
    /// Financial unburdening; absent where it does not apply (e.g. family migrants).
    pub ontzorgen: Option<Bilingual>,
    /// Maatschappelijke begeleiding; absent where it does not apply.
    pub social_guidance: Option<Bilingual>,
    pub main_goal: Bilingual,
    /// At most [`MAX_SUBGOALS`].
    pub subgoals: Vec<Subgoal>,
    /// A sentence on what the reviews are for, then the planned dates.
    pub progress_reviews_intro: Bilingual,
    pub progress_reviews: Vec<NaiveDate>,
    /// Why this plan: paragraphs that refer to the intake findings (learnability result, work
    /// experience, health and capacity as far as the client agreed to have them mentioned).
    pub motivation: Vec<Bilingual>,
    /// The objection clause: the PIP is a decision (beschikking) open to objection (bezwaar).
    pub objection_notice: Bilingual,
    pub signatures: Signatures,
}

/// A signature drawn on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub name: String,
    pub date: NaiveDate,
    /// The drawing as PNG. Absent: the document leaves a line to sign on paper.
    #[serde(with = "base64_png", default)]
    pub image_png: Option<Vec<u8>>,
}

/// Whether an interpreter took part, and their attestation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Interpreting {
    Interpreter {
        name: String,
        /// The language interpreted, e.g. "Tigrinya" / "ትግርኛ".
        language: Bilingual,
        /// "Ik heb dit plan mondeling vertaald en de cliënt heeft gezegd het te begrijpen."
        attestation: Bilingual,
        /// The interpreter's signature, if they signed on screen too.
        signature: Option<Signature>,
    },
    /// "Er was geen tolk bij dit gesprek."
    NoInterpreter { statement: Bilingual },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatures {
    pub client: Signature,
    pub counsellor: Signature,
    pub interpreting: Interpreting,
}

/// Where an intake topic stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicStatus {
    Discussed,
    PartlyDiscussed,
    NotAskedYet,
    /// The client did not want to talk about it (yet).
    Declined,
    /// The topic does not apply to this client (the reason is in the notes).
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeTopic {
    /// "Wonen", "Gezondheid", "Werkervaring", …
    pub title: String,
    pub status: TopicStatus,
    pub notes: String,
}

/// What a screening gave, as far as the file may know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScreeningOutcome {
    Result {
        summary: String,
    },
    /// Sealed for another party (the K10 for the GGD): the file records only that it was done.
    /// There is no field for the result, so a sealed result cannot end up in the summary.
    Sealed {
        recipient: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningEntry {
    /// "Leerbaarheidstoets (DUO)", "Financiële zelfredzaamheid", …
    pub instrument: String,
    pub administered_on: NaiveDate,
    pub outcome: ScreeningOutcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    Given,
    Refused,
    Withdrawn,
    NotAskedYet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEntry {
    pub recipient: String,
    pub purpose: String,
    pub status: ConsentStatus,
    pub recorded_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineEntry {
    pub what: String,
    pub due: NaiveDate,
    pub done: bool,
}

/// The intake summary for the case file, in Dutch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeSummary {
    pub client_name: String,
    /// The file's own reference (V-nummer, dossiernummer), if any.
    pub client_reference: Option<String>,
    pub municipality: String,
    pub counsellor_name: String,
    /// The date the summary is made; also the PDF's creation date.
    pub document_date: NaiveDate,
    pub topics: Vec<IntakeTopic>,
    pub screenings: Vec<ScreeningEntry>,
    pub consents: Vec<ConsentEntry>,
    pub deadlines: Vec<DeadlineEntry>,
}

/// PNG bytes as base64 in JSON (the UI's signature pad hands over a canvas export).
mod base64_png {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(png: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match png {
            Some(bytes) => s.serialize_some(&STANDARD.encode(bytes)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| {
                STANDARD
                    .decode(text.trim())
                    .map_err(|_| serde::de::Error::custom("signature image is not valid base64"))
            })
            .transpose()
    }
}
