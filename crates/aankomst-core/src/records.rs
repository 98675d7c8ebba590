//! Typed views of the four record kinds, read from their materialised fields, and the
//! rules that look across fields (display names, the minor-interpreter warning).

use crate::partial_date::PartialDate;
use crate::revision::Fields;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LanguageSkill {
    pub language: String,
    pub spoken: Option<String>,
    pub literacy: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Client {
    pub document_given_names: Option<String>,
    pub document_family_name: Option<String>,
    pub preferred_name: Option<String>,
    pub other_spellings: Option<String>,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<PartialDate>,
    pub sex: Option<String>,
    pub country_of_origin: Option<String>,
    pub nationality: Option<String>,
    pub languages: Vec<LanguageSkill>,
    pub latin_script_literacy: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub bsn: Option<String>,
    pub v_number: Option<String>,
    pub koppeling_date: Option<String>,
    pub azc_location: Option<String>,
    pub target_group: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct HouseholdMember {
    pub client_id: String,
    pub role: String,
    pub nareiziger: Option<bool>,
    pub arrived_on: Option<String>,
    /// A nareiziger's expected arrival, while family reunification is under way. Optional
    /// on the wire: members written before it existed have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub expected_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Household {
    pub label: Option<String>,
    pub members: Vec<HouseholdMember>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Case {
    pub client_id: Option<String>,
    pub status: Option<String>,
    pub counsellor: Option<String>,
    pub opened_on: Option<String>,
    pub intake_started_on: Option<String>,
    pub pip_decided_on: Option<String>,
    pub route_started_on: Option<String>,
    pub term_ends_on: Option<String>,
    /// Ontzorgen (process.md §3.6): when it started, when the month-3 follow-up was held
    /// and when the month-5 decision on continuing was taken.
    pub ontzorgen_started_on: Option<String>,
    pub ontzorgen_follow_up_on: Option<String>,
    pub ontzorgen_decided_on: Option<String>,
    /// The month-5 decision (`trajectory::ONTZORGEN_OUTCOME`) and, when it continues, the
    /// new end.
    pub ontzorgen_outcome: Option<String>,
    pub ontzorgen_extended_to: Option<String>,
    /// Extensions of the inburgeringstermijn, oldest first; the last one sets the end.
    pub term_extensions: Vec<crate::trajectory::TermExtension>,
    /// A vrijstelling or ontheffing of the duty.
    pub duty_decision: Option<crate::trajectory::DutyDecision>,
    /// Z-route: the day the mandatory final conversation (*eindgesprek*) was held.
    pub z_final_conversation_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Participant {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Conversation {
    pub case_id: Option<String>,
    pub starts_at: Option<String>,
    pub place: Option<String>,
    pub conversation_type: Option<String>,
    pub participants: Vec<Participant>,
    pub interpreter_mode: Option<String>,
    pub interpreter_name: Option<String>,
    pub interpreter_register_number: Option<String>,
    pub interpreter_is_minor: Option<bool>,
    pub language_used: Option<String>,
    pub notes: Option<String>,
    /// For a progress review: the planned review (`YYYY-MM-DD`) the counsellor linked it to;
    /// none to fulfil the nearest one.
    pub review_for: Option<String>,
}

/// An administration of a screening instrument: which definition (pinned by hash), how it
/// is given, and its status. Answers and acknowledgements are per-question fields, read with
/// [`administration_answers`] and [`safety_acknowledgements`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Administration {
    pub case_id: Option<String>,
    pub conversation_id: Option<String>,
    pub client_id: Option<String>,
    pub definition_id: Option<String>,
    pub definition_url: Option<String>,
    pub definition_version: Option<String>,
    pub definition_hash: Option<String>,
    pub mode: Option<String>,
    pub language: Option<String>,
    pub interpreter_mode: Option<String>,
    pub interpreter_language: Option<String>,
    pub status: Option<String>,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
    pub sealed_for: Option<String>,
}

impl Administration {
    pub fn is_sealed(&self) -> bool {
        self.sealed_for.is_some()
    }

    pub fn is_completed(&self) -> bool {
        self.status.as_deref() == Some("completed")
    }
}

/// One stored answer: a value, a text, or why there is neither (`declined`, `dont_know`),
/// with the language and mode it was given in, how far the question's text was checked in
/// that language (`text_status`, see `validate::TEXT_STATUS`), who entered it and when.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct StoredAnswer {
    pub value: Option<i32>,
    pub text: Option<String>,
    pub state: Option<String>,
    pub language: Option<String>,
    pub text_status: Option<String>,
    pub mode: String,
    pub entered_by: String,
    pub at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SafetyAcknowledgement {
    pub by: String,
    pub at: String,
    pub note: Option<String>,
}

fn prefixed<T: for<'de> Deserialize<'de>>(
    fields: &Fields,
    prefix: &str,
) -> std::collections::BTreeMap<String, T> {
    fields
        .iter()
        .filter_map(|(name, value)| {
            let code = name.strip_prefix(prefix)?;
            let parsed = serde_json::from_value(value.clone()).ok()?;
            Some((code.to_owned(), parsed))
        })
        .collect()
}

/// The current answers of an administration, by concept code. A question without an
/// entry was not asked.
pub fn administration_answers(fields: &Fields) -> std::collections::BTreeMap<String, StoredAnswer> {
    prefixed(fields, crate::validate::ANSWER_PREFIX)
}

/// The safety protocols acknowledged in an administration, by flag id.
pub fn safety_acknowledgements(
    fields: &Fields,
) -> std::collections::BTreeMap<String, SafetyAcknowledgement> {
    prefixed(fields, crate::validate::SAFETY_ACK_PREFIX)
}

/// Reads a typed view from materialised fields. Fields that no longer parse (written
/// by a newer version, say) fall back to their defaults rather than hiding the record.
pub fn view<T: for<'de> Deserialize<'de> + Default>(fields: &Fields) -> T {
    serde_json::from_value(serde_json::Value::Object(fields.clone())).unwrap_or_else(|_| {
        let mut out = serde_json::Map::new();
        for (k, v) in fields {
            let mut single = serde_json::Map::new();
            single.insert(k.clone(), v.clone());
            if serde_json::from_value::<T>(serde_json::Value::Object(single)).is_ok() {
                out.insert(k.clone(), v.clone());
            }
        }
        serde_json::from_value(serde_json::Value::Object(out)).unwrap_or_default()
    })
}

impl Client {
    /// The name to show: the preferred name if there is one, else the names as in the
    /// documents. Empty when nothing has been entered yet.
    pub fn display_name(&self) -> String {
        if let Some(p) = self
            .preferred_name
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            return p.to_owned();
        }
        self.document_name()
    }

    /// The names as in the identity documents.
    pub fn document_name(&self) -> String {
        let given = self.document_given_names.as_deref().unwrap_or("").trim();
        let family = self.document_family_name.as_deref().unwrap_or("").trim();
        format!("{given} {family}").trim().to_owned()
    }

    /// Minimum age on a date, if the date of birth is known.
    pub fn minimum_age_on(&self, on: NaiveDate) -> Option<u32> {
        self.date_of_birth.and_then(|d| d.minimum_age_on(on))
    }
}

/// Things a counsellor should see while recording a conversation. They do not block
/// saving: the conversation happened, and the record must say how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConversationWarning {
    /// A child is interpreting: not acceptable for a brede intake (process.md §8).
    MinorInterpreting,
    /// A professional interpreter without a name or register number cannot be traced.
    ProfessionalInterpreterUnidentified,
    /// An interpreter was present but the language is not recorded.
    LanguageMissing,
}

impl Conversation {
    pub fn interpreter_is_informal(&self) -> bool {
        self.interpreter_mode
            .as_deref()
            .is_some_and(|m| m.starts_with("informal_"))
    }

    pub fn interpreter_is_professional(&self) -> bool {
        self.interpreter_mode
            .as_deref()
            .is_some_and(|m| m.starts_with("professional_"))
    }

    pub fn warnings(&self) -> Vec<ConversationWarning> {
        let mut out = Vec::new();
        let has_interpreter = self.interpreter_is_informal() || self.interpreter_is_professional();
        if self.interpreter_is_informal() && self.interpreter_is_minor == Some(true) {
            out.push(ConversationWarning::MinorInterpreting);
        }
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        if self.interpreter_is_professional()
            && blank(&self.interpreter_name)
            && blank(&self.interpreter_register_number)
        {
            out.push(ConversationWarning::ProfessionalInterpreterUnidentified);
        }
        if has_interpreter && blank(&self.language_used) {
            out.push(ConversationWarning::LanguageMissing);
        }
        out
    }
}

/// One consent decision (see [`crate::consent`]): which text was shown, in which language,
/// with which interpreter, the comprehension answer, and the decision with its date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConsentRecord {
    pub client_id: Option<String>,
    pub text_id: Option<String>,
    pub text_version: Option<i32>,
    pub purpose: Option<String>,
    pub recipient: Option<String>,
    pub decision: Option<String>,
    pub decided_on: Option<String>,
    pub language_shown: Option<String>,
    pub conversation_id: Option<String>,
    pub interpreter_mode: Option<String>,
    pub interpreter_name: Option<String>,
    pub interpreter_language: Option<String>,
    pub comprehension_answer: Option<i32>,
    pub comprehension_correct: Option<bool>,
    pub recorded_by: Option<String>,
    pub recorded_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn display_name_prefers_the_preferred_name() {
        let mut c = Client {
            document_given_names: Some("Mohammed Amin".into()),
            document_family_name: Some("Al-Hassan".into()),
            ..Default::default()
        };
        assert_eq!(c.display_name(), "Mohammed Amin Al-Hassan");
        c.preferred_name = Some("Amin".into());
        assert_eq!(c.display_name(), "Amin");
    }

    #[test]
    fn minor_interpreter_warns_only_when_informal() {
        let mut c = Conversation {
            interpreter_mode: Some("informal_family".into()),
            interpreter_is_minor: Some(true),
            language_used: Some("ar".into()),
            ..Default::default()
        };
        assert_eq!(c.warnings(), vec![ConversationWarning::MinorInterpreting]);
        c.interpreter_mode = Some("professional_phone".into());
        c.interpreter_register_number = Some("12345".into());
        assert!(c.warnings().is_empty());
        c.interpreter_register_number = None;
        c.language_used = None;
        assert_eq!(
            c.warnings(),
            vec![
                ConversationWarning::ProfessionalInterpreterUnidentified,
                ConversationWarning::LanguageMissing
            ]
        );
    }

    #[test]
    fn a_field_that_no_longer_parses_does_not_hide_the_rest() {
        let fields = json!({"preferred_name": "Selam", "date_of_birth": "not a date"});
        let c: Client = view(fields.as_object().unwrap());
        assert_eq!(c.preferred_name.as_deref(), Some("Selam"));
        assert_eq!(c.date_of_birth, None);
    }
}
