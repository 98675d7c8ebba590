//! The conversation guide (*gespreksleidraad*) of the brede intake: its topics as data, the
//! check of one guide entry, and a client's guide state folded from the entries made in
//! their conversations.
//!
//! # Where entries live
//!
//! An entry is a field of the **conversation** it was made in: `guide/<topic id>` holds
//! `{status, reason?, values?, notes?}`. So the guide spreads over as many conversations
//! as the intake takes, each entry says where it was discussed, and no new record kind or
//! index is needed (a case's conversations are already indexed).
//!
//! # Folding
//!
//! Conversations are taken in the order they were held (`starts_at`, then id). Per topic:
//! the **status** is the latest entry's; each structured **value** is the latest non-empty
//! one, with the conversation that gave it; **notes** are kept per conversation (they are
//! never merged into one text).
//!
//! # Status rules (decided here; process.md §4.4–4.8 asks for "not asked yet" and
//! "revisit later" states)
//!
//! * `covered`: discussed enough for the PIP. `to_do`: started, to be continued (also
//!   "revisit later"). A topic without any entry is `not_started`.
//! * `not_applicable` needs a **reason for the three mandatory parts** (they are the law's
//!   minimum content; skipping one must be explained, e.g. an exemption from the duty) and
//!   not for the life domains (childcare for someone without children needs no essay).
//! * The learnability part is also covered by a **completed leerbaarheidstoets
//!   administration** (its result is recorded there, instruments.md §16); the guide links
//!   to it.
//! * **Ready for the PIP** means every mandatory part is covered or not applicable. Life
//!   domains still open are listed (missing first) but do not block: the counsellor may
//!   decide the PIP with them open and come back to them (problems often surface late,
//!   process.md §3.10).

use crate::reference::is_country;
use crate::validate::FieldError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// The field prefix of guide entries on a conversation.
pub const GUIDE_PREFIX: &str = "guide/";

/// The kind of a structured field of a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, at most this many characters.
    Text(usize),
    /// Several lines.
    LongText,
    /// A whole number within bounds.
    Integer(i64, i64),
    /// One of these codes (labels in the Fluent files: `guide-option-<code>`).
    Choice(&'static [&'static str]),
    Bool,
    /// `YYYY-MM-DD`.
    Date,
    /// A country code from the reference list.
    Country,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub id: &'static str,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicDef {
    pub id: &'static str,
    /// One of the three parts every brede intake must contain (process.md §3.2).
    pub mandatory: bool,
    pub fields: &'static [FieldDef],
}

const fn f(id: &'static str, kind: FieldKind) -> FieldDef {
    FieldDef { id, kind }
}

use FieldKind::{Bool, Choice, Country, Date, Integer, LongText, Text};

/// Education levels: the Amsterdam client system's categories (process.md §5).
const EDUCATION_LEVEL: &[&str] = &[
    "no_schooling",
    "primary",
    "secondary",
    "vocational",
    "higher",
    "unknown",
];
const LITERACY_LEVEL: &[&str] = &["literate", "limited", "none", "unknown"];
/// Dutch as in the client systems: niet / beperkt / gemiddeld / vloeiend (process.md §5).
const DUTCH_LEVEL: &[&str] = &["none", "limited", "average", "fluent"];
const CAPACITY: &[&str] = &["full", "limited", "strongly_limited", "unknown"];
const HOUSEHOLD_TYPE: &[&str] = &[
    "couple_without_children",
    "couple_with_children",
    "single_without_children",
    "single_parent",
    "unknown",
];
const REUNIFICATION: &[&str] = &["none", "wish", "applied", "granted", "arrived"];
const MONEY_MANAGER: &[&str] = &["self", "partner", "together", "other"];
const HOUSING: &[&str] = &["coa", "housed", "temporary", "other"];
const DEBTS: &[&str] = &["none", "some", "problematic", "unknown"];
const DEVICE_SKILL: &[&str] = &["none", "basic", "good"];
const DIPLOMA_EVALUATION: &[&str] = &["not_needed", "to_request", "requested", "done"];
const HOURS_AVAILABLE: &[&str] = &["not_available", "part_time", "full_time"];
const ROUTE_PREFERENCE: &[&str] = &["b1", "onderwijs", "z", "undecided"];
const CHILDCARE: &[&str] = &["not_needed", "needed", "waiting", "arranged"];
const NETWORK: &[&str] = &["none", "limited", "good"];
/// The participatieladder (process.md §10); `unknown` kept apart from step 6.
const LADDER: &[&str] = &["1", "2", "3", "4", "5", "6", "unknown"];

/// Every topic, mandatory parts first, then the life domains in the order.
pub const TOPICS: &[TopicDef] = &[
    TopicDef {
        id: "learnability",
        mandatory: true,
        fields: &[
            f("lbt_result", Text(200)),
            f("lbt_taken_on", Date),
            f("deviation_reason", LongText),
        ],
    },
    TopicDef {
        id: "education_work_origin",
        mandatory: true,
        fields: &[
            f("highest_level", Choice(EDUCATION_LEVEL)),
            f("years_of_schooling", Integer(0, 30)),
            f("diploma", Text(200)),
            f("education_country", Country),
            f("occupations", Text(500)),
            f("years_of_work", Integer(0, 60)),
            f("work_interests", LongText),
        ],
    },
    TopicDef {
        id: "personal_circumstances",
        mandatory: true,
        fields: &[
            f("physical_health", LongText),
            f("mental_health", LongText),
            f("capacity", Choice(CAPACITY)),
            f("referrals", Text(500)),
            f("other_circumstances", LongText),
        ],
    },
    TopicDef {
        id: "household",
        mandatory: false,
        fields: &[
            f("household_type", Choice(HOUSEHOLD_TYPE)),
            f("family_reunification", Choice(REUNIFICATION)),
            f("money_managed_by", Choice(MONEY_MANAGER)),
        ],
    },
    TopicDef {
        id: "housing",
        mandatory: false,
        fields: &[
            f("housing_situation", Choice(HOUSING)),
            f("rental_contract", Bool),
            f("moved_in_on", Date),
        ],
    },
    TopicDef {
        id: "money",
        mandatory: false,
        fields: &[
            f("benefit_started_on", Date),
            f("bank_account", Bool),
            f("debts", Choice(DEBTS)),
        ],
    },
    TopicDef {
        id: "health",
        mandatory: false,
        fields: &[
            f("gp_registered", Bool),
            f("health_insurance", Bool),
            f("care_received", Text(500)),
        ],
    },
    TopicDef {
        id: "language",
        mandatory: false,
        fields: &[
            f("literacy_own_script", Choice(LITERACY_LEVEL)),
            f("literacy_latin_script", Choice(LITERACY_LEVEL)),
            f("dutch_level", Choice(DUTCH_LEVEL)),
            f("english_level", Choice(DUTCH_LEVEL)),
            f("learned_other_language", Bool),
        ],
    },
    TopicDef {
        id: "digital",
        mandatory: false,
        fields: &[
            f("smartphone", Bool),
            f("laptop_experience", Choice(DEVICE_SKILL)),
            f("email_address", Bool),
            f("digid", Bool),
        ],
    },
    TopicDef {
        id: "education",
        mandatory: false,
        fields: &[
            f("wants_education", Bool),
            f("diploma_evaluation", Choice(DIPLOMA_EVALUATION)),
        ],
    },
    TopicDef {
        id: "work",
        mandatory: false,
        fields: &[
            f("working_now", Bool),
            f("volunteering", Bool),
            f("hours_available", Choice(HOURS_AVAILABLE)),
        ],
    },
    TopicDef {
        id: "ambitions",
        mandatory: false,
        fields: &[
            f("ambition", LongText),
            f("route_preference", Choice(ROUTE_PREFERENCE)),
        ],
    },
    TopicDef {
        id: "childcare",
        mandatory: false,
        fields: &[
            f("children_needing_care", Integer(0, 20)),
            f("childcare", Choice(CHILDCARE)),
            f("care_duties", Text(500)),
        ],
    },
    TopicDef {
        id: "social_network",
        mandatory: false,
        fields: &[
            f("network_in_nl", Choice(NETWORK)),
            f("contacts", Text(500)),
        ],
    },
    TopicDef {
        id: "participation",
        mandatory: false,
        fields: &[f("ladder_step", Choice(LADDER)), f("activities", Text(500))],
    },
];

pub fn topic(id: &str) -> Option<&'static TopicDef> {
    TOPICS.iter().find(|t| t.id == id)
}

/// The topic a conversation field name is an entry for, if it is one.
pub fn topic_of_field(field: &str) -> Option<&'static TopicDef> {
    field.strip_prefix(GUIDE_PREFIX).and_then(topic)
}

pub const ENTRY_STATUS: &[&str] = &["covered", "to_do", "not_applicable"];
const NOTES_MAX: usize = 20_000;
const REASON_MAX: usize = 2_000;

fn check_value(kind: FieldKind, value: &Value) -> Result<Value, FieldError> {
    let text = || value.as_str().ok_or(FieldError::WrongType);
    match kind {
        Text(max) => {
            if text()?.chars().count() > max {
                return Err(FieldError::TooLong);
            }
            Ok(value.clone())
        }
        LongText => {
            if text()?.chars().count() > NOTES_MAX {
                return Err(FieldError::TooLong);
            }
            Ok(value.clone())
        }
        Integer(min, max) => value
            .as_i64()
            .filter(|n| (min..=max).contains(n))
            .map(Value::from)
            .ok_or(FieldError::WrongType),
        Choice(options) => {
            if !options.contains(&text()?) {
                return Err(FieldError::NotAChoice);
            }
            Ok(value.clone())
        }
        Bool => value
            .as_bool()
            .map(Value::Bool)
            .ok_or(FieldError::WrongType),
        Date => {
            let d = chrono::NaiveDate::parse_from_str(text()?.trim(), "%Y-%m-%d")
                .map_err(|_| FieldError::DateShape)?;
            Ok(Value::String(d.format("%Y-%m-%d").to_string()))
        }
        Country => {
            if !is_country(text()?) {
                return Err(FieldError::UnknownCountry);
            }
            Ok(value.clone())
        }
    }
}

fn blank(v: &Value) -> bool {
    v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty())
}

/// Checks one guide entry for a topic and returns the form to store (empty values and
/// unknown-free). Refuses unknown parts and fields, values of the wrong kind, and a
/// mandatory part marked not applicable without a reason.
pub fn check_entry(topic: &TopicDef, value: &Value) -> Result<Value, FieldError> {
    let obj = value.as_object().ok_or(FieldError::WrongType)?;
    if obj
        .keys()
        .any(|k| !matches!(k.as_str(), "status" | "reason" | "values" | "notes"))
    {
        return Err(FieldError::UnknownField);
    }
    let status = obj
        .get("status")
        .and_then(Value::as_str)
        .ok_or(FieldError::MissingPart)?;
    if !ENTRY_STATUS.contains(&status) {
        return Err(FieldError::NotAChoice);
    }
    let mut clean = serde_json::Map::new();
    clean.insert("status".into(), Value::String(status.to_owned()));
    match obj.get("reason") {
        Some(r) if !blank(r) => {
            let r = r.as_str().ok_or(FieldError::WrongType)?;
            if r.chars().count() > REASON_MAX {
                return Err(FieldError::TooLong);
            }
            clean.insert("reason".into(), Value::String(r.to_owned()));
        }
        _ => {
            if status == "not_applicable" && topic.mandatory {
                return Err(FieldError::MissingPart);
            }
        }
    }
    if let Some(values) = obj.get("values").filter(|v| !v.is_null()) {
        let values = values.as_object().ok_or(FieldError::WrongType)?;
        let mut out = serde_json::Map::new();
        for (name, v) in values {
            let def = topic
                .fields
                .iter()
                .find(|d| d.id == name)
                .ok_or(FieldError::UnknownField)?;
            if blank(v) {
                continue;
            }
            out.insert(name.clone(), check_value(def.kind, v)?);
        }
        if !out.is_empty() {
            clean.insert("values".into(), Value::Object(out));
        }
    }
    if let Some(notes) = obj.get("notes").filter(|n| !blank(n)) {
        let n = notes.as_str().ok_or(FieldError::WrongType)?;
        if n.chars().count() > NOTES_MAX {
            return Err(FieldError::TooLong);
        }
        clean.insert("notes".into(), Value::String(n.to_owned()));
    }
    Ok(Value::Object(clean))
}

// ---- the definitions as the UI sees them ------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GuideFieldSpec {
    pub id: String,
    /// `text`, `long_text`, `integer`, `choice`, `bool`, `date` or `country`.
    pub kind: String,
    pub options: Vec<String>,
    pub min: Option<i32>,
    pub max: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GuideTopicSpec {
    pub id: String,
    pub mandatory: bool,
    pub fields: Vec<GuideFieldSpec>,
}

pub fn topic_specs() -> Vec<GuideTopicSpec> {
    TOPICS
        .iter()
        .map(|t| GuideTopicSpec {
            id: t.id.to_owned(),
            mandatory: t.mandatory,
            fields: t
                .fields
                .iter()
                .map(|d| {
                    let (kind, options, min, max) = match d.kind {
                        Text(_) => ("text", vec![], None, None),
                        LongText => ("long_text", vec![], None, None),
                        Integer(a, b) => ("integer", vec![], Some(a as i32), Some(b as i32)),
                        Choice(o) => (
                            "choice",
                            o.iter().map(|s| (*s).to_owned()).collect(),
                            None,
                            None,
                        ),
                        Bool => ("bool", vec![], None, None),
                        Date => ("date", vec![], None, None),
                        Country => ("country", vec![], None, None),
                    };
                    GuideFieldSpec {
                        id: d.id.to_owned(),
                        kind: kind.to_owned(),
                        options,
                        min,
                        max,
                    }
                })
                .collect(),
        })
        .collect()
}

// ---- a client's guide state ---------------------------------------------------------------

/// A stored entry as read back (already checked when written).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct GuideEntry {
    pub status: String,
    pub reason: Option<String>,
    #[ts(type = "Record<string, unknown>")]
    pub values: serde_json::Map<String, Value>,
    pub notes: Option<String>,
}

/// The guide entries of one conversation, by topic id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConversationEntries {
    pub conversation_id: String,
    /// RFC 3339 UTC; conversations are folded in this order.
    pub starts_at: Option<String>,
    pub entries: Vec<(String, GuideEntry)>,
}

/// The guide entries stored on a conversation's fields, by topic (unknown topics and
/// entries that no longer parse are left out rather than hiding the rest).
pub fn entries_of(fields: &crate::revision::Fields) -> Vec<(String, GuideEntry)> {
    fields
        .iter()
        .filter_map(|(name, value)| {
            let topic = topic_of_field(name)?;
            let entry = serde_json::from_value(value.clone()).ok()?;
            Some((topic.id.to_owned(), entry))
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TopicStatus {
    NotStarted,
    ToDo,
    Covered,
    NotApplicable,
}

impl TopicStatus {
    fn parse(s: &str) -> Self {
        match s {
            "covered" => TopicStatus::Covered,
            "not_applicable" => TopicStatus::NotApplicable,
            _ => TopicStatus::ToDo,
        }
    }

    /// Covered or not applicable: nothing more to do for the PIP.
    pub fn is_done(self) -> bool {
        matches!(self, TopicStatus::Covered | TopicStatus::NotApplicable)
    }
}

/// Where something was said: the conversation and when it was held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Discussed {
    pub conversation_id: String,
    pub starts_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GuideValue {
    pub field: String,
    #[ts(type = "unknown")]
    pub value: Value,
    pub conversation_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GuideNote {
    pub conversation_id: String,
    pub starts_at: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TopicState {
    pub topic: String,
    pub mandatory: bool,
    pub status: TopicStatus,
    /// Why a topic is not applicable (required for a mandatory part).
    pub reason: Option<String>,
    pub values: Vec<GuideValue>,
    pub notes: Vec<GuideNote>,
    /// Every conversation with an entry for this topic, in the order they were held.
    pub discussed_in: Vec<Discussed>,
    /// The completed leerbaarheidstoets administration that covers the learnability part.
    pub administration_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GuideState {
    /// Every topic: first the ones still missing (mandatory before life domains), then the
    /// done ones; within each group in the guide's order.
    pub topics: Vec<TopicState>,
    /// Every mandatory part is covered or not applicable.
    pub ready_for_pip: bool,
    pub mandatory_missing: u32,
    pub missing: u32,
    pub done: u32,
    pub total: u32,
    /// Conversations with at least one guide entry.
    pub conversations: u32,
}

/// Folds the entries of a client's conversations into the guide state. `lbt_administration`
/// is a completed leerbaarheidstoets administration, if there is one.
pub fn guide_state(
    mut conversations: Vec<ConversationEntries>,
    lbt_administration: Option<String>,
) -> GuideState {
    conversations.sort_by(|a, b| {
        // A conversation without a time sorts last: it is the one being entered now.
        let key = |c: &ConversationEntries| (c.starts_at.is_none(), c.starts_at.clone());
        key(a)
            .cmp(&key(b))
            .then_with(|| a.conversation_id.cmp(&b.conversation_id))
    });
    let mut states: Vec<TopicState> = TOPICS
        .iter()
        .map(|t| TopicState {
            topic: t.id.to_owned(),
            mandatory: t.mandatory,
            status: TopicStatus::NotStarted,
            reason: None,
            values: Vec::new(),
            notes: Vec::new(),
            discussed_in: Vec::new(),
            administration_id: None,
        })
        .collect();
    let mut with_entries = 0u32;
    for c in &conversations {
        if !c.entries.is_empty() {
            with_entries += 1;
        }
        for (topic_id, entry) in &c.entries {
            let Some(state) = states.iter_mut().find(|s| &s.topic == topic_id) else {
                continue;
            };
            state.status = TopicStatus::parse(&entry.status);
            state.reason = entry.reason.clone();
            for (field, value) in &entry.values {
                if blank(value) {
                    continue;
                }
                state.values.retain(|v| &v.field != field);
                state.values.push(GuideValue {
                    field: field.clone(),
                    value: value.clone(),
                    conversation_id: c.conversation_id.clone(),
                });
            }
            if let Some(text) = entry.notes.as_ref().filter(|n| !n.trim().is_empty()) {
                state.notes.push(GuideNote {
                    conversation_id: c.conversation_id.clone(),
                    starts_at: c.starts_at.clone(),
                    text: text.clone(),
                });
            }
            state.discussed_in.push(Discussed {
                conversation_id: c.conversation_id.clone(),
                starts_at: c.starts_at.clone(),
            });
        }
    }
    for state in &mut states {
        // Values in the topic's field order, whatever order they were entered in.
        let def = topic(&state.topic).expect("states are built from TOPICS");
        state
            .values
            .sort_by_key(|v| def.fields.iter().position(|d| d.id == v.field));
        if state.topic == "learnability" {
            if let Some(id) = &lbt_administration {
                state.status = TopicStatus::Covered;
                state.reason = None;
                state.administration_id = Some(id.clone());
            }
        }
    }
    let group = |s: &TopicState| match (s.status.is_done(), s.mandatory) {
        (false, true) => 0,
        (false, false) => 1,
        (true, _) => 2,
    };
    // A stable sort keeps the guide's order within each group.
    states.sort_by_key(group);
    let mandatory_missing = states
        .iter()
        .filter(|s| s.mandatory && !s.status.is_done())
        .count() as u32;
    let missing = states.iter().filter(|s| !s.status.is_done()).count() as u32;
    GuideState {
        ready_for_pip: mandatory_missing == 0,
        mandatory_missing,
        missing,
        done: TOPICS.len() as u32 - missing,
        total: TOPICS.len() as u32,
        conversations: with_entries,
        topics: states,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(v: Value) -> GuideEntry {
        serde_json::from_value(check_entry(topic(topic_id(&v)).unwrap(), &v["e"]).unwrap()).unwrap()
    }

    fn topic_id(v: &Value) -> &str {
        v["t"].as_str().unwrap()
    }

    fn conv(id: &str, at: &str, entries: Vec<Value>) -> ConversationEntries {
        ConversationEntries {
            conversation_id: id.into(),
            starts_at: Some(at.into()),
            entries: entries
                .into_iter()
                .map(|v| (topic_id(&v).to_owned(), entry(v)))
                .collect(),
        }
    }

    #[test]
    fn three_mandatory_parts_and_twelve_life_domains() {
        let mandatory: Vec<_> = TOPICS
            .iter()
            .filter(|t| t.mandatory)
            .map(|t| t.id)
            .collect();
        assert_eq!(
            mandatory,
            [
                "learnability",
                "education_work_origin",
                "personal_circumstances"
            ]
        );
        assert_eq!(TOPICS.iter().filter(|t| !t.mandatory).count(), 12);
        // Ids are unique, and field ids unique within a topic.
        for (i, t) in TOPICS.iter().enumerate() {
            assert!(TOPICS[..i].iter().all(|o| o.id != t.id));
            for (j, d) in t.fields.iter().enumerate() {
                assert!(t.fields[..j].iter().all(|o| o.id != d.id), "{}", d.id);
            }
        }
        assert_eq!(topic_specs().len(), 15);
    }

    #[test]
    fn an_entry_is_checked_against_its_topic() {
        let edu = topic("education_work_origin").unwrap();
        let ok = json!({"status": "to_do", "values": {"highest_level": "secondary", "years_of_schooling": 9, "education_country": "SY", "diploma": ""}, "notes": "Diploma thuis in Aleppo"});
        let stored = check_entry(edu, &ok).unwrap();
        // Empty values are dropped, not stored.
        assert_eq!(stored["values"].as_object().unwrap().len(), 3);
        let bad = |v: Value| check_entry(edu, &v).unwrap_err();
        assert_eq!(
            bad(json!({"status": "to_do", "values": {"years_of_schooling": 31}})),
            FieldError::WrongType
        );
        assert_eq!(
            bad(json!({"status": "to_do", "values": {"highest_level": "phd"}})),
            FieldError::NotAChoice
        );
        assert_eq!(
            bad(json!({"status": "to_do", "values": {"shoe_size": 42}})),
            FieldError::UnknownField
        );
        assert_eq!(
            bad(json!({"status": "to_do", "values": {"education_country": "ZZ"}})),
            FieldError::UnknownCountry
        );
        assert_eq!(bad(json!({"status": "done"})), FieldError::NotAChoice);
        assert_eq!(bad(json!({"notes": "x"})), FieldError::MissingPart);
        assert_eq!(
            bad(json!({"status": "to_do", "score": 1})),
            FieldError::UnknownField
        );
    }

    #[test]
    fn not_applicable_needs_a_reason_only_for_mandatory_parts() {
        let health = topic("personal_circumstances").unwrap();
        assert_eq!(
            check_entry(health, &json!({"status": "not_applicable", "reason": "  "})),
            Err(FieldError::MissingPart)
        );
        assert!(check_entry(
            health,
            &json!({"status": "not_applicable", "reason": "Ontheffing inburgeringsplicht"})
        )
        .is_ok());
        let childcare = topic("childcare").unwrap();
        assert!(check_entry(childcare, &json!({"status": "not_applicable"})).is_ok());
    }

    #[test]
    fn nothing_recorded_means_not_ready_and_mandatory_parts_listed_first() {
        let state = guide_state(vec![], None);
        assert!(!state.ready_for_pip);
        assert_eq!(state.mandatory_missing, 3);
        assert_eq!(state.missing, 15);
        assert_eq!(state.done, 0);
        let first: Vec<_> = state
            .topics
            .iter()
            .take(4)
            .map(|t| t.topic.as_str())
            .collect();
        assert_eq!(
            first,
            [
                "learnability",
                "education_work_origin",
                "personal_circumstances",
                "household"
            ]
        );
        assert!(state
            .topics
            .iter()
            .all(|t| t.status == TopicStatus::NotStarted));
    }

    #[test]
    fn the_guide_spreads_over_conversations_and_the_latest_wins_per_value() {
        let first = conv(
            "c1",
            "2026-03-02T09:00:00Z",
            vec![
                json!({"t": "education_work_origin", "e": {"status": "to_do", "values": {"highest_level": "secondary", "occupations": "kapper"}, "notes": "Begonnen"}}),
                json!({"t": "language", "e": {"status": "covered", "values": {"dutch_level": "none"}}}),
            ],
        );
        let second = conv(
            "c2",
            "2026-03-16T09:00:00Z",
            vec![
                json!({"t": "education_work_origin", "e": {"status": "covered", "values": {"years_of_work": 12}, "notes": "Aangevuld"}}),
                json!({"t": "personal_circumstances", "e": {"status": "to_do", "values": {"capacity": "limited"}}}),
            ],
        );
        let third = conv(
            "c3",
            "2026-03-30T09:00:00Z",
            vec![
                json!({"t": "personal_circumstances", "e": {"status": "covered"}}),
                json!({"t": "education_work_origin", "e": {"status": "covered", "values": {"highest_level": "vocational"}}}),
            ],
        );
        // Given out of order: folded in the order the conversations were held.
        let state = guide_state(vec![third, first, second], None);
        let edu = state
            .topics
            .iter()
            .find(|t| t.topic == "education_work_origin")
            .unwrap();
        assert_eq!(edu.status, TopicStatus::Covered);
        let values: Vec<_> = edu
            .values
            .iter()
            .map(|v| {
                (
                    v.field.as_str(),
                    v.value.clone(),
                    v.conversation_id.as_str(),
                )
            })
            .collect();
        assert_eq!(
            values,
            [
                ("highest_level", json!("vocational"), "c3"),
                ("occupations", json!("kapper"), "c1"),
                ("years_of_work", json!(12), "c2"),
            ]
        );
        assert_eq!(
            edu.notes
                .iter()
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>(),
            ["Begonnen", "Aangevuld"]
        );
        assert_eq!(
            edu.discussed_in
                .iter()
                .map(|d| d.conversation_id.as_str())
                .collect::<Vec<_>>(),
            ["c1", "c2", "c3"]
        );
        assert_eq!(state.conversations, 3);
        // The learnability part is still missing: not ready, and it is listed first.
        assert!(!state.ready_for_pip);
        assert_eq!(state.mandatory_missing, 1);
        assert_eq!(state.topics[0].topic, "learnability");
        assert_eq!(state.topics[0].status, TopicStatus::NotStarted);
        // Covered topics come after every missing one.
        let first_done = state
            .topics
            .iter()
            .position(|t| t.status.is_done())
            .unwrap();
        assert!(state.topics[first_done..]
            .iter()
            .all(|t| t.status.is_done()));
        assert_eq!(state.done, 3);
    }

    #[test]
    fn a_completed_learnability_test_covers_the_mandatory_part() {
        let c = conv(
            "c1",
            "2026-03-02T09:00:00Z",
            vec![
                json!({"t": "education_work_origin", "e": {"status": "covered"}}),
                json!({"t": "personal_circumstances", "e": {"status": "not_applicable", "reason": "Ontheffing"}}),
            ],
        );
        let state = guide_state(vec![c.clone()], Some("lbt-1".into()));
        assert!(state.ready_for_pip);
        assert_eq!(state.mandatory_missing, 0);
        let lbt = state
            .topics
            .iter()
            .find(|t| t.topic == "learnability")
            .unwrap();
        assert_eq!(lbt.status, TopicStatus::Covered);
        assert_eq!(lbt.administration_id.as_deref(), Some("lbt-1"));
        // Without it, one mandatory part is missing; the life domains never block.
        let state = guide_state(vec![c], None);
        assert!(!state.ready_for_pip);
        assert_eq!(state.missing, 13);
    }

    #[test]
    fn a_later_to_do_reopens_a_covered_topic() {
        let a = conv(
            "a",
            "2026-03-02T09:00:00Z",
            vec![json!({"t": "housing", "e": {"status": "covered"}})],
        );
        let b = conv(
            "b",
            "2026-04-02T09:00:00Z",
            vec![
                json!({"t": "housing", "e": {"status": "to_do", "notes": "Conflict met huisgenoot"}}),
            ],
        );
        let state = guide_state(vec![a, b], None);
        let housing = state.topics.iter().find(|t| t.topic == "housing").unwrap();
        assert_eq!(housing.status, TopicStatus::ToDo);
    }

    #[test]
    fn stored_entries_are_read_from_conversation_fields() {
        let mut fields = crate::revision::Fields::new();
        fields.insert("notes".into(), json!("gewone notities"));
        fields.insert(
            "guide/housing".into(),
            json!({"status": "covered", "values": {"rental_contract": true}}),
        );
        fields.insert("guide/nonsense".into(), json!({"status": "covered"}));
        let entries = entries_of(&fields);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].0, "housing");
        assert_eq!(entries[0].1.values["rental_contract"], json!(true));
    }
}
