//! The PIP's documents, built from what the app stores, without IO: the client's bilingual
//! copy ([`client_copy`]) and the Dutch intake summary for the file ([`intake_summary`]).
//! `aankomst_documents` typesets them; the commands in `documents_cmd` gather the records,
//! write the PDF where the user chose and audit it.
//!
//! Every fixed sentence the client reads comes from `locales/client/<lang>/client-copy.ftl`
//! (Fluent, compiled in), with its review status. Free text the counsellor typed (goals,
//! actions, motivering) is Dutch; the plan has no translation field for it, so its column in
//! the client's language says, in that language, that the interpreter (or the counsellor)
//! explained the Dutch text beside it. The Dutch names of topics, recipients, deadlines and
//! languages in the intake summary come from the counsellor's `locales/nl/aankomst.ftl`.

use aankomst_core::guide::{GuideState, TopicStatus as GuideStatus};
use aankomst_core::plan::Plan;
use aankomst_core::records::{Client, ConsentRecord};
use aankomst_documents::{
    Bilingual, ClientCopy, ClientCopyLabels, ClientLanguage, ConsentEntry, ConsentStatus,
    DeadlineEntry, Direction, IntakeSummary, IntakeTopic, Interpreting, Party, PlanAction,
    RouteChoice, ScreeningEntry, Script, Signature, Signatures, Subgoal, TopicStatus,
};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::NaiveDate;
use fluent_bundle::{FluentBundle, FluentResource};

/// The client-copy texts of every client language, compiled in.
const COPY_SOURCES: &[(&str, &str)] = &[
    (
        "nl",
        include_str!("../../../locales/client/nl/client-copy.ftl"),
    ),
    (
        "en",
        include_str!("../../../locales/client/en/client-copy.ftl"),
    ),
    (
        "ar",
        include_str!("../../../locales/client/ar/client-copy.ftl"),
    ),
    (
        "ti",
        include_str!("../../../locales/client/ti/client-copy.ftl"),
    ),
    (
        "prs",
        include_str!("../../../locales/client/prs/client-copy.ftl"),
    ),
    (
        "fa",
        include_str!("../../../locales/client/fa/client-copy.ftl"),
    ),
    (
        "so",
        include_str!("../../../locales/client/so/client-copy.ftl"),
    ),
    (
        "tr",
        include_str!("../../../locales/client/tr/client-copy.ftl"),
    ),
    (
        "uk",
        include_str!("../../../locales/client/uk/client-copy.ftl"),
    ),
    (
        "fr",
        include_str!("../../../locales/client/fr/client-copy.ftl"),
    ),
];

/// The counsellor's Dutch texts: topic, recipient, deadline and language names.
const COUNSELLOR_NL: &str = include_str!("../../../locales/nl/aankomst.ftl");

/// The review statuses a message may carry; the first is the Dutch source's.
pub const REVIEW_STATUSES: &[&str] = &["source", "validated", "reviewed", "unreviewed"];

/// The languages a client copy can be made in.
pub fn copy_languages() -> Vec<&'static str> {
    COPY_SOURCES.iter().map(|(l, _)| *l).collect()
}

fn source_of(lang: &str) -> Option<&'static str> {
    COPY_SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, s)| *s)
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    let id: unic_langid::LanguageIdentifier =
        lang.parse().unwrap_or_else(|_| unic_langid::langid!("nl"));
    let mut bundle = FluentBundle::new(vec![id]);
    // Only fixed sentences, no variables: no bidi isolation marks needed.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

fn format(bundle: &FluentBundle<FluentResource>, id: &str) -> Option<String> {
    let message = bundle.get_message(id)?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(message.value()?, None, &mut errors)
            .into_owned(),
    )
}

fn review(bundle: &FluentBundle<FluentResource>, id: &str) -> Option<String> {
    let message = bundle.get_message(id)?;
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(message.get_attribute("review")?.value(), None, &mut errors)
        .trim()
        .to_owned();
    REVIEW_STATUSES.contains(&text.as_str()).then_some(text)
}

/// The message ids of a client-copy file, in order.
pub fn message_ids(lang: &str) -> Vec<String> {
    let Some(source) = source_of(lang) else {
        return Vec::new();
    };
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// How far the client-copy texts of a language were checked by a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReview {
    /// The least checked status among the language's messages (`source` for Dutch).
    pub weakest: String,
    /// Messages that are `unreviewed` (or carry no valid status).
    pub unreviewed: u32,
    pub total: u32,
}

impl CopyReview {
    /// Whether a person checked every text (the copy then prints no warning).
    pub fn reviewed(&self) -> bool {
        self.unreviewed == 0
    }
}

/// The review state of a language's client-copy texts; `None` for a language without a file.
pub fn copy_review(lang: &str) -> Option<CopyReview> {
    let bundle = bundle(lang, source_of(lang)?);
    let ids = message_ids(lang);
    let statuses: Vec<String> = ids
        .iter()
        .map(|id| review(&bundle, id).unwrap_or_else(|| "unreviewed".into()))
        .collect();
    let weakest = REVIEW_STATUSES
        .iter()
        .rev()
        .find(|s| statuses.iter().any(|t| t == *s))
        .map(|s| (*s).to_owned())
        .unwrap_or_else(|| "unreviewed".into());
    Some(CopyReview {
        weakest,
        unreviewed: statuses.iter().filter(|s| *s == "unreviewed").count() as u32,
        total: ids.len() as u32,
    })
}

/// Why a document could not be built from the records (before typesetting).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("no client-copy texts in language {0}")]
    LanguageUnsupported(String),
    #[error("text missing in the client-copy file: {0}")]
    MessageMissing(String),
    #[error("the plan is not fixed")]
    NotFixed,
    #[error("required text missing: {0}")]
    Missing(&'static str),
}

/// Dutch and client-language texts of the copy.
pub struct CopyTexts {
    pub lang: String,
    nl: FluentBundle<FluentResource>,
    client: FluentBundle<FluentResource>,
    counsellor_nl: FluentBundle<FluentResource>,
}

impl CopyTexts {
    pub fn new(lang: &str) -> Result<Self, BuildError> {
        let source =
            source_of(lang).ok_or_else(|| BuildError::LanguageUnsupported(lang.to_owned()))?;
        Ok(Self {
            lang: lang.to_owned(),
            nl: bundle(
                "nl",
                source_of("nl").expect("the Dutch source is compiled in"),
            ),
            client: bundle(lang, source),
            counsellor_nl: bundle("nl", COUNSELLOR_NL),
        })
    }

    /// One fixed text in Dutch and in the client's language. A message missing from the
    /// client's file is an error, never a silent Dutch stand-in.
    pub fn text(&self, id: &str) -> Result<Bilingual, BuildError> {
        let missing = || BuildError::MessageMissing(id.to_owned());
        Ok(Bilingual::new(
            format(&self.nl, id).ok_or_else(missing)?,
            format(&self.client, id).ok_or_else(missing)?,
        ))
    }

    /// A counsellor-facing Dutch name (`language-ar`, `guide-topic-work`, …), or `fallback`.
    pub fn dutch(&self, id: &str, fallback: &str) -> String {
        format(&self.counsellor_nl, id).unwrap_or_else(|| fallback.to_owned())
    }

    fn labels(&self) -> Result<ClientCopyLabels, BuildError> {
        let t = |id: &str| self.text(id);
        Ok(ClientCopyLabels {
            title: t("copy-title")?,
            subtitle: t("copy-subtitle")?,
            client_name: t("copy-client-name")?,
            municipality: t("copy-municipality")?,
            decision_date: t("copy-decision-date")?,
            counsellor: t("copy-counsellor")?,
            route: t("copy-route")?,
            map: t("copy-map")?,
            pvt: t("copy-pvt")?,
            ontzorgen: t("copy-ontzorgen")?,
            social_guidance: t("copy-social-guidance")?,
            main_goal: t("copy-main-goal")?,
            subgoals: t("copy-subgoals")?,
            party_client: t("copy-party-client")?,
            party_municipality: t("copy-party-municipality")?,
            party_partner: t("copy-party-partner")?,
            due: t("copy-due")?,
            progress_reviews: t("copy-progress-reviews")?,
            motivation: t("copy-motivation")?,
            objection: t("copy-objection")?,
            signatures: t("copy-signatures")?,
            signature_client: t("copy-signature-client")?,
            signature_counsellor: t("copy-signature-counsellor")?,
            signature_interpreter: t("copy-signature-interpreter")?,
            date: t("copy-date")?,
            page: t("copy-page")?,
            unreviewed_translation: t("copy-unreviewed-translation")?,
        })
    }

    fn language(&self) -> Result<ClientLanguage, BuildError> {
        let (direction, script, region) = match self.lang.as_str() {
            "ar" | "fa" | "prs" => (Direction::Rtl, Script::Arabic, None),
            "ti" => (Direction::Ltr, Script::Ethiopic, Some("ER".to_owned())),
            _ => (Direction::Ltr, Script::Latin, None),
        };
        let own = format(&self.client, "copy-language-name")
            .ok_or_else(|| BuildError::MessageMissing("copy-language-name".into()))?;
        Ok(ClientLanguage {
            code: self.lang.clone(),
            region,
            direction,
            script,
            name: Bilingual::new(
                self.dutch(&format!("language-{}", self.lang), &self.lang),
                own,
            ),
        })
    }
}

/// Who the plan's people are, beyond the plan itself.
pub struct CopyContext<'a> {
    pub client: &'a Client,
    pub municipality: &'a str,
    /// The counsellor's name when they have not signed on screen (the profile's name).
    pub counsellor_name: &'a str,
    /// The municipality's name for a route of its own (`code` → label).
    pub custom_route_label: Option<&'a str>,
}

fn date_of(text: &str) -> Option<NaiveDate> {
    let day = text.get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn png(base64: &str) -> Option<Vec<u8>> {
    let text = base64.trim();
    let text = text.strip_prefix("data:image/png;base64,").unwrap_or(text);
    STANDARD.decode(text).ok().filter(|b| !b.is_empty())
}

/// The client's bilingual copy of a fixed PIP version in `texts.lang`.
pub fn client_copy(
    plan: &Plan,
    ctx: &CopyContext<'_>,
    texts: &CopyTexts,
) -> Result<(ClientCopy, CopyReview), BuildError> {
    if !plan.is_fixed() {
        return Err(BuildError::NotFixed);
    }
    let decision_date = plan.fixed_date().ok_or(BuildError::NotFixed)?;
    let review = copy_review(&texts.lang)
        .ok_or_else(|| BuildError::LanguageUnsupported(texts.lang.clone()))?;
    let t = |id: &str| texts.text(id);
    let interpreted = plan
        .interpreter_attestation
        .as_ref()
        .is_some_and(|a| !a.name.trim().is_empty());
    let free_note = t(if interpreted {
        "copy-free-text-interpreter"
    } else {
        "copy-free-text-counsellor"
    })?;
    // Typed Dutch text: shown as entered, with the note in the client's column.
    let free = |nl: &str| Bilingual::new(nl.trim(), free_note.client.clone());
    // A fixed sentence, followed by the counsellor's own note when there is one.
    let with_note = |fixed: Bilingual, note: &Option<String>| match note.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => Bilingual::new(
            format!("{} {n}", fixed.nl),
            format!("{} {}", fixed.client, free_note.client),
        ),
        _ => fixed,
    };

    let route_code = plan
        .route
        .as_deref()
        .filter(|r| !r.trim().is_empty())
        .ok_or(BuildError::Missing("route"))?;
    let route = match route_code {
        "b1" | "onderwijs" | "z" => RouteChoice {
            name: t(&format!("copy-route-{route_code}"))?,
            explanation: t(&format!("copy-route-{route_code}-explanation"))?,
        },
        other => {
            // A municipality's own route: its name is the same in both columns.
            let name = ctx.custom_route_label.unwrap_or(other).to_owned();
            RouteChoice {
                name: Bilingual::new(name.clone(), name),
                explanation: t("copy-route-other-explanation")?,
            }
        }
    };
    let map = with_note(
        t(if plan.map.as_deref() == Some("exempt") {
            "copy-map-exempt"
        } else {
            "copy-map-included"
        })?,
        &plan.map_note,
    );
    let pvt = with_note(t("copy-pvt-text")?, &plan.pvt_note);
    let ontzorgen = match plan.ontzorgen.as_deref() {
        Some("yes") => Some(with_note(t("copy-ontzorgen-yes")?, &plan.ontzorgen_note)),
        Some("no") => Some(with_note(t("copy-ontzorgen-no")?, &plan.ontzorgen_note)),
        _ => None,
    };
    let social_guidance = match plan.social_guidance.as_deref() {
        Some("yes") => {
            let mut text = t("copy-social-guidance-yes")?;
            if let Some(by) = plan.social_guidance_by.as_deref().map(str::trim) {
                if !by.is_empty() {
                    // An organisation's name: the same in both languages.
                    text.nl = format!("{} ({by})", text.nl);
                    text.client = format!("{} ({by})", text.client);
                }
            }
            Some(text)
        }
        _ => None,
    };
    let main_goal = free(
        plan.main_goal
            .as_deref()
            .filter(|g| !g.trim().is_empty())
            .ok_or(BuildError::Missing("main_goal"))?,
    );
    let subgoals = plan
        .subgoals
        .iter()
        .filter(|g| !g.goal.trim().is_empty())
        .map(|g| Subgoal {
            goal: free(&g.goal),
            actions: g
                .actions
                .iter()
                .filter(|a| !a.action.trim().is_empty())
                .map(|a| PlanAction {
                    party: match a.party.as_str() {
                        "municipality" => Party::Municipality,
                        "partner" => Party::Partner {
                            name: a
                                .partner_name
                                .clone()
                                .filter(|n| !n.trim().is_empty())
                                .unwrap_or_else(|| "—".into()),
                        },
                        _ => Party::Client,
                    },
                    action: free(&a.action),
                    due: a.due_on.as_deref().and_then(date_of),
                })
                .collect(),
        })
        .collect();
    let motivation: Vec<Bilingual> = plan
        .motivering
        .as_deref()
        .unwrap_or_default()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(free)
        .collect();
    if motivation.is_empty() {
        return Err(BuildError::Missing("motivering"));
    }

    let client_name = ctx.client.display_name();
    let signature = |s: &Option<aankomst_core::plan::Signature>, fallback: &str| match s {
        Some(s) => Signature {
            name: if s.name.trim().is_empty() {
                fallback.to_owned()
            } else {
                s.name.trim().to_owned()
            },
            date: date_of(&s.signed_at).unwrap_or(decision_date),
            image_png: png(&s.png),
        },
        // Not signed on screen: the copy leaves a line to sign on paper.
        None => Signature {
            name: fallback.to_owned(),
            date: decision_date,
            image_png: None,
        },
    };
    let interpreting = match &plan.interpreter_attestation {
        Some(a) if interpreted => {
            let lang = a.language.trim();
            let own =
                source_of(lang).and_then(|src| format(&bundle(lang, src), "copy-language-name"));
            let dutch = texts.dutch(&format!("language-{lang}"), lang);
            Interpreting::Interpreter {
                name: a.name.trim().to_owned(),
                language: Bilingual::new(dutch.clone(), own.unwrap_or(dutch)),
                attestation: t("copy-attestation")?,
                signature: None,
            }
        }
        _ => Interpreting::NoInterpreter {
            statement: t("copy-no-interpreter")?,
        },
    };
    let copy = ClientCopy {
        language: texts.language()?,
        labels: texts.labels()?,
        translation_reviewed: review.reviewed(),
        client_name: client_name.clone(),
        municipality: ctx.municipality.trim().to_owned(),
        counsellor_name: plan
            .signature_counsellor
            .as_ref()
            .map(|s| s.name.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| ctx.counsellor_name.to_owned()),
        decision_date,
        introduction: t("copy-introduction")?,
        route,
        map,
        pvt,
        ontzorgen,
        social_guidance,
        main_goal,
        subgoals,
        progress_reviews_intro: t("copy-reviews-intro")?,
        progress_reviews: plan.review_dates(),
        motivation,
        objection_notice: t("copy-objection-notice")?,
        signatures: Signatures {
            client: signature(&plan.signature_client, &client_name),
            counsellor: signature(&plan.signature_counsellor, ctx.counsellor_name),
            interpreting,
        },
    };
    Ok((copy, review))
}

/// One screening as the file may know it: a sealed one only by its recipient.
pub struct ScreeningFact {
    pub instrument: String,
    pub on: NaiveDate,
    /// `Some(recipient)` for an administration sealed for another party: no result, ever.
    pub sealed_for: Option<String>,
    /// `completed`, `in_progress`, … (for an unsealed one).
    pub status: Option<String>,
}

/// What the intake summary is made of.
pub struct SummaryFacts<'a> {
    pub client: &'a Client,
    pub municipality: &'a str,
    pub counsellor_name: &'a str,
    pub today: NaiveDate,
    pub guide: &'a GuideState,
    pub screenings: Vec<ScreeningFact>,
    pub consents: Vec<ConsentRecord>,
    /// (deadline kind code, due, done)
    pub deadlines: Vec<(String, NaiveDate, bool)>,
}

fn status_nl(status: Option<&str>) -> &'static str {
    match status {
        Some("completed") => "Afgerond",
        Some("in_progress") => "Bezig",
        Some("paused") => "Gepauzeerd",
        Some("abandoned") => "Gestopt",
        _ => "Gestart",
    }
}

/// The Dutch intake summary for the case file. A sealed screening (the K10 for the GGD)
/// appears only as "done, sealed for …": the facts carry no result for it.
pub fn intake_summary(facts: &SummaryFacts<'_>, texts: &CopyTexts) -> IntakeSummary {
    let topics = facts
        .guide
        .topics
        .iter()
        .map(|t| {
            let status = match t.status {
                GuideStatus::Covered => TopicStatus::Discussed,
                GuideStatus::NotApplicable => TopicStatus::NotApplicable,
                GuideStatus::ToDo if !t.discussed_in.is_empty() => TopicStatus::PartlyDiscussed,
                _ => TopicStatus::NotAskedYet,
            };
            let mut notes: Vec<String> = Vec::new();
            if let Some(reason) = t.reason.as_deref().filter(|r| !r.trim().is_empty()) {
                notes.push(reason.trim().to_owned());
            }
            notes.extend(
                t.notes
                    .iter()
                    .map(|n| n.text.trim().to_owned())
                    .filter(|n| !n.is_empty()),
            );
            IntakeTopic {
                title: texts.dutch(&format!("guide-topic-{}", t.topic), &t.topic),
                status,
                notes: notes.join("\n"),
            }
        })
        .collect();
    let screenings = facts
        .screenings
        .iter()
        .map(|s| ScreeningEntry {
            instrument: s.instrument.clone(),
            administered_on: s.on,
            outcome: match &s.sealed_for {
                Some(recipient) => aankomst_documents::ScreeningOutcome::Sealed {
                    recipient: texts.dutch(
                        &format!("consent-recipient-{recipient}"),
                        &recipient.to_uppercase(),
                    ),
                },
                None => aankomst_documents::ScreeningOutcome::Result {
                    summary: status_nl(s.status.as_deref()).to_owned(),
                },
            },
        })
        .collect();
    let consents = facts
        .consents
        .iter()
        .map(|c| {
            let recipient = c.recipient.clone().unwrap_or_default();
            let purpose = c.purpose.clone().unwrap_or_default();
            ConsentEntry {
                recipient: texts.dutch(&format!("consent-recipient-{recipient}"), &recipient),
                purpose: texts.dutch(&format!("consent-purpose-{purpose}"), &purpose),
                status: match c.decision.as_deref() {
                    Some("given") => ConsentStatus::Given,
                    Some("refused") => ConsentStatus::Refused,
                    Some("withdrawn") => ConsentStatus::Withdrawn,
                    _ => ConsentStatus::NotAskedYet,
                },
                recorded_on: c.decided_on.as_deref().and_then(date_of),
            }
        })
        .collect();
    let deadlines = facts
        .deadlines
        .iter()
        .map(|(kind, due, done)| DeadlineEntry {
            what: texts.dutch(&format!("deadline-kind-{kind}"), kind),
            due: *due,
            done: *done,
        })
        .collect();
    IntakeSummary {
        client_name: facts.client.display_name(),
        client_reference: facts
            .client
            .v_number
            .clone()
            .filter(|v| !v.trim().is_empty())
            .map(|v| format!("V-nummer {}", v.trim())),
        municipality: facts.municipality.trim().to_owned(),
        counsellor_name: facts.counsellor_name.to_owned(),
        document_date: facts.today,
        topics,
        screenings,
        consents,
        deadlines,
    }
}
