//! A generated team for tests and benchmarks (feature `test-support`): by default 10
//! counsellors × 60 cases with a year of conversations, PIP versions, consents and PHQ-9
//! administrations, deterministic for a seed. Dates vary the way process.md §3.10 and §14
//! describe: koppelingen over the last 14 months, intakes starting within weeks, most PIPs
//! within the ten weeks, a quarter late and some stalled (overdue), routes starting weeks
//! after the PIP, progress reviews every two to three months.
//!
//! Every field passes [`crate::validate::validate_field`] (a test checks it).

use crate::revision::{Fields, RecordKind};
use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use uuid::Uuid;

/// How big a team to generate.
#[derive(Debug, Clone)]
pub struct TeamScale {
    pub counsellors: usize,
    pub cases_per_counsellor: usize,
    /// Days of history: koppelingen fall within this many days before today.
    pub history_days: i64,
}

impl Default for TeamScale {
    fn default() -> Self {
        TeamScale {
            counsellors: 10,
            cases_per_counsellor: 60,
            history_days: 420,
        }
    }
}

/// The screening instrument administrations are generated for (the PHQ-9 of the shipped
/// registry in the app's tests; the core cannot score, so the caller supplies it).
#[derive(Debug, Clone)]
pub struct ScreeningTemplate {
    pub definition_id: String,
    pub definition_url: String,
    pub definition_version: String,
    pub definition_hash: String,
    /// Concept codes of the items, in order.
    pub items: Vec<String>,
    /// The item whose answer of 1 or more raises `safety_flag`.
    pub safety_item: String,
    pub safety_flag: String,
}

/// One generated record and the counsellor (index) whose device writes it.
#[derive(Debug, Clone)]
pub struct TeamRecord {
    pub id: Uuid,
    pub kind: RecordKind,
    pub fields: Fields,
    pub counsellor: usize,
}

#[derive(Debug, Clone)]
pub struct GeneratedTeam {
    pub today: NaiveDate,
    pub counsellors: Vec<String>,
    pub records: Vec<TeamRecord>,
}

const COUNSELLORS: &[&str] = &[
    "Anouk de Vries",
    "Bram Jansen",
    "Chaima El Idrissi",
    "Daan Bakker",
    "Esra Yildiz",
    "Femke Visser",
    "Gijs Smit",
    "Hanna Meijer",
    "Ilse de Boer",
    "Jeroen Mulder",
    "Karima Bouzid",
    "Lars Dekker",
];

const GIVEN: &[&str] = &[
    "Mohammed", "Fatima", "Ahmad", "Amal", "Tesfay", "Selam", "Farid", "Zahra", "Mehmet", "Ayşe",
    "Abdi", "Hodan", "Yonas", "Rahel", "Omar", "Nour",
];
const FAMILY: &[&str] = &[
    "Al-Hassan",
    "Haddad",
    "Tesfamariam",
    "Gebremedhin",
    "Ahmadi",
    "Rahimi",
    "Yılmaz",
    "Kaya",
    "Warsame",
    "Farah",
    "Darwish",
    "Haile",
];
const COUNTRIES: &[(&str, &str)] = &[
    ("SY", "ar"),
    ("SY", "ar"),
    ("SY", "ar"),
    ("ER", "ti"),
    ("ER", "ti"),
    ("AF", "prs"),
    ("TR", "tr"),
    ("SO", "so"),
    ("YE", "ar"),
];
/// Route mix, national statushouders (process.md §14.3): B1 57 %, onderwijs 11 %, Z 32 %.
const ROUTES: &[(&str, u32)] = &[("b1", 57), ("onderwijs", 11), ("z", 32)];
const CONSENT_PAIRS: &[(&str, &str, &str)] = &[
    ("share_intake_summary", "vwn", "consent-intake-vwn"),
    (
        "exchange_information",
        "language_provider",
        "consent-exchange-language-provider",
    ),
    ("share_screening_results", "ggd", "consent-screening-ggd"),
];

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn at(d: NaiveDate, rng: &mut StdRng) -> String {
    format!(
        "{}T{:02}:{:02}:00Z",
        ymd(d),
        rng.random_range(7..15),
        [0, 15, 30, 45][rng.random_range(0..4)]
    )
}

fn fields(value: Value) -> Fields {
    match value {
        Value::Object(map) => map.into_iter().filter(|(_, v)| !v.is_null()).collect(),
        _ => Fields::new(),
    }
}

/// A fictional BSN that passes the elfproef.
fn bsn(rng: &mut StdRng) -> String {
    loop {
        let digits: Vec<u32> = (0..8).map(|_| rng.random_range(0..10)).collect();
        if digits[0] == 0 {
            continue;
        }
        let sum: u32 = digits.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
        let check = sum % 11;
        if check <= 9 {
            return digits
                .iter()
                .chain(std::iter::once(&check))
                .map(|d| d.to_string())
                .collect();
        }
    }
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Generates the team. `today` is the date the data set is "as of".
pub fn generate_team(
    today: NaiveDate,
    scale: &TeamScale,
    screening: Option<&ScreeningTemplate>,
    seed: u64,
) -> GeneratedTeam {
    let mut rng = StdRng::seed_from_u64(seed);
    let base_ms = 1_700_000_000_000u64;
    let mut serial = 0u64;
    let mut new_id = |rng: &mut StdRng| {
        serial += 1;
        let bytes: [u8; 10] = rng.random();
        uuid::Builder::from_unix_timestamp_millis(base_ms + serial, &bytes).into_uuid()
    };
    let counsellors: Vec<String> = (0..scale.counsellors)
        .map(|i| {
            let name = COUNSELLORS[i % COUNSELLORS.len()];
            if i < COUNSELLORS.len() {
                name.to_owned()
            } else {
                format!("{name} {}", i / COUNSELLORS.len() + 1)
            }
        })
        .collect();
    let mut records = Vec::new();
    for (ci, counsellor) in counsellors.iter().enumerate() {
        let mut push = |id: Uuid, kind: RecordKind, f: Fields| {
            records.push(TeamRecord {
                id,
                kind,
                fields: f,
                counsellor: ci,
            })
        };
        for _ in 0..scale.cases_per_counsellor {
            let client_id = new_id(&mut rng);
            let case_id = new_id(&mut rng);
            let koppeling = today - Duration::days(rng.random_range(0..=scale.history_days));
            let (country, language) = *pick(&mut rng, COUNTRIES);
            let gezinsmigrant = rng.random_bool(0.2);
            let year = 2026 - rng.random_range(19..60);
            push(
                client_id,
                RecordKind::Client,
                fields(json!({
                    "document_given_names": pick(&mut rng, GIVEN),
                    "document_family_name": pick(&mut rng, FAMILY),
                    "date_of_birth": format!("{year}-{:02}-{:02}", rng.random_range(1..13), rng.random_range(1..29)),
                    "sex": if rng.random_bool(0.55) { "male" } else { "female" },
                    "country_of_origin": country,
                    "nationality": country,
                    "languages": [{"language": language, "spoken": "native", "literacy": if rng.random_bool(0.14) { "none" } else { "literate" }}],
                    "bsn": bsn(&mut rng),
                    "v_number": format!("{:010}", rng.random_range(1_000_000_000u64..9_999_999_999)),
                    "koppeling_date": ymd(koppeling),
                    "target_group": if gezinsmigrant { "gezinsmigrant" } else { "statushouder" },
                })),
            );

            // The steps, each a date that may lie after today (then it has not happened).
            let intake = koppeling + Duration::days(rng.random_range(3..35));
            let pip_offset = match rng.random_range(0..100) {
                0..=69 => Some(rng.random_range(40..=70)),
                70..=94 => Some(rng.random_range(71..=120)),
                _ => None, // stalled: overdue once the ten weeks have gone by
            };
            let pip = pip_offset
                .map(|o| koppeling + Duration::days(o))
                .filter(|d| *d <= today);
            let route_start = pip
                .map(|p| p + Duration::days(rng.random_range(7..75)))
                .filter(|d| *d <= today);
            let intake_held = intake <= today;
            let age = (today - koppeling).num_days();
            let mut status = if pip.is_some() {
                "route"
            } else if age >= 42 {
                "pip"
            } else {
                "intake"
            };
            if rng.random_bool(0.03) {
                status = "closed";
            } else if route_start.is_some_and(|r| (today - r).num_days() > 250)
                && rng.random_bool(0.3)
            {
                status = "completed";
            }
            let mut case = json!({
                "client_id": client_id.to_string(),
                "status": status,
                "counsellor": counsellor,
                "opened_on": ymd(koppeling),
                "intake_started_on": if intake_held { Value::from(ymd(intake)) } else { Value::Null },
                "pip_decided_on": pip.map(ymd),
                "route_started_on": route_start.map(ymd),
            });
            if !gezinsmigrant {
                let start = koppeling + Duration::days(rng.random_range(30..120));
                if start <= today {
                    case["ontzorgen_started_on"] = json!(ymd(start));
                    if let Some(due) = start.checked_add_months(chrono::Months::new(3)) {
                        if due + Duration::days(5) < today && rng.random_bool(0.85) {
                            case["ontzorgen_follow_up_on"] =
                                json!(ymd(due + Duration::days(rng.random_range(-5..10))));
                        }
                    }
                }
            }
            push(case_id, RecordKind::Case, fields(case));
            if !intake_held {
                continue;
            }

            // Conversations: the first, check-ins until the PIP, the PIP conversation,
            // then progress reviews and short contacts.
            let mut conversation = |rng: &mut StdRng, day: NaiveDate, kind: &str| {
                let place = *pick(rng, &["azc", "office", "office", "phone", "video"]);
                let mode = *pick(
                    rng,
                    &[
                        "professional_phone",
                        "professional_in_person",
                        "informal_family",
                        "none",
                    ],
                );
                let id = new_id(rng);
                let f = fields(json!({
                    "case_id": case_id.to_string(),
                    "starts_at": at(day, rng),
                    "place": place,
                    "conversation_type": kind,
                    "participants": [{"name": counsellor, "role": "counsellor"}],
                    "interpreter_mode": mode,
                    "interpreter_register_number": if mode.starts_with("professional") { Value::from(format!("{}", rng.random_range(10_000..99_999))) } else { Value::Null },
                    "interpreter_name": if mode == "informal_family" { Value::from("neef") } else { Value::Null },
                    "interpreter_is_minor": if mode == "informal_family" { Value::from(false) } else { Value::Null },
                    "language_used": if mode == "none" { Value::Null } else { Value::from(language) },
                    "notes": "Gesprek gevoerd volgens plan.",
                }));
                (id, f)
            };
            let (id, f) = conversation(&mut rng, intake, "first");
            push(id, RecordKind::Conversation, f);
            let until = pip.unwrap_or(today);
            let mut day = intake + Duration::days(rng.random_range(10..22));
            while day < until {
                let (id, f) = conversation(&mut rng, day, "check_in");
                push(id, RecordKind::Conversation, f);
                day += Duration::days(rng.random_range(10..22));
            }
            if let Some(p) = pip {
                let (id, f) = conversation(&mut rng, p, "pip");
                push(id, RecordKind::Conversation, f);
                let mut day = p + Duration::days(rng.random_range(20..40));
                let mut n = 0;
                while day <= today {
                    let kind = if n % 3 == 2 {
                        "progress_review"
                    } else {
                        "check_in"
                    };
                    let (id, f) = conversation(&mut rng, day, kind);
                    push(id, RecordKind::Conversation, f);
                    day += Duration::days(rng.random_range(20..40));
                    n += 1;
                }
            }

            // PIP versions.
            let route = {
                let mut roll = rng.random_range(0..100);
                ROUTES
                    .iter()
                    .find(|(_, w)| {
                        if roll < *w {
                            true
                        } else {
                            roll -= w;
                            false
                        }
                    })
                    .map_or("b1", |(r, _)| *r)
            };
            let plan = |version: i32,
                        fixed: Option<NaiveDate>,
                        route: &str,
                        previous: Option<Uuid>,
                        reason: Option<&str>| {
                let reviews: Vec<Value> = fixed
                    .map(|f| {
                        (1..=4)
                            .map(|k| json!({"on": ymd(f + Duration::days(90 * k)), "note": null}))
                            .collect()
                    })
                    .unwrap_or_default();
                fields(json!({
                    "case_id": case_id.to_string(),
                    "client_id": client_id.to_string(),
                    "version": version,
                    "status": if fixed.is_some() { "fixed" } else { "draft" },
                    "previous_id": previous.map(|p| p.to_string()),
                    "route": route,
                    "route_change_reason": reason,
                    "map": "included",
                    "main_goal": "Zelfstandig meedoen in de gemeente",
                    "motivering": "Op basis van de brede intake en de leerbaarheidstoets.",
                    "reviews": reviews,
                    "fixed_on": fixed.map(ymd),
                    "fixed_by": fixed.map(|_| counsellor.clone()),
                    "fixed_at": fixed.map(|f| format!("{}T10:00:00Z", ymd(f))),
                    "explained_language": language,
                }))
            };
            if let Some(p) = pip {
                let v1 = new_id(&mut rng);
                let f = plan(1, Some(p), route, None, None);
                push(v1, RecordKind::Plan, f);
                let later = p + Duration::days(rng.random_range(60..220));
                if later <= today && rng.random_bool(0.15) {
                    let (new_route, reason) = if route == "b1" && rng.random_bool(0.4) {
                        ("z", Some("Leerbaarheid lager dan verwacht."))
                    } else {
                        (route, None)
                    };
                    let f = plan(2, Some(later), new_route, Some(v1), reason);
                    push(new_id(&mut rng), RecordKind::Plan, f);
                } else if rng.random_bool(0.08) {
                    let f = plan(2, None, route, Some(v1), None);
                    push(new_id(&mut rng), RecordKind::Plan, f);
                }
            } else if age > 45 {
                let f = plan(1, None, route, None, None);
                push(new_id(&mut rng), RecordKind::Plan, f);
            }

            // Consents.
            for (purpose, recipient, text) in CONSENT_PAIRS {
                let roll = rng.random_range(0..100);
                if roll >= 75 {
                    continue; // never asked
                }
                let decided = (intake + Duration::days(rng.random_range(0..14))).min(today);
                let decision = if roll < 65 { "given" } else { "refused" };
                let record = |on: NaiveDate, decision: &str, rng: &mut StdRng| {
                    fields(json!({
                        "client_id": client_id.to_string(),
                        "text_id": text,
                        "text_version": 1,
                        "purpose": purpose,
                        "recipient": recipient,
                        "decision": decision,
                        "decided_on": ymd(on),
                        "language_shown": language,
                        "interpreter_mode": "professional_phone",
                        "comprehension_answer": 0,
                        "comprehension_correct": decision == "given",
                        "recorded_by": counsellor,
                        "recorded_at": at(on, rng),
                    }))
                };
                let f = record(decided, decision, &mut rng);
                push(new_id(&mut rng), RecordKind::Consent, f);
                let withdrawn = decided + Duration::days(rng.random_range(20..200));
                if decision == "given" && withdrawn <= today && rng.random_bool(0.06) {
                    let f = record(withdrawn, "withdrawn", &mut rng);
                    push(new_id(&mut rng), RecordKind::Consent, f);
                }
            }

            // A PHQ-9 for some, a week after the first conversation.
            if let Some(t) = screening {
                let day = intake + Duration::days(7);
                if day <= today && rng.random_bool(0.4) {
                    let started = at(day, &mut rng);
                    let mut f = fields(json!({
                        "case_id": case_id.to_string(),
                        "client_id": client_id.to_string(),
                        "definition_id": t.definition_id,
                        "definition_url": t.definition_url,
                        "definition_version": t.definition_version,
                        "definition_hash": t.definition_hash,
                        "mode": "read_aloud",
                        "language": language,
                        "interpreter_mode": "professional_phone",
                        "interpreter_language": language,
                        "status": "completed",
                        "started_at": started,
                        "completed_at": started,
                    }));
                    let raised = rng.random_bool(0.08);
                    for item in &t.items {
                        let value = if *item == t.safety_item {
                            if raised {
                                rng.random_range(1..4)
                            } else {
                                0
                            }
                        } else {
                            rng.random_range(0..4)
                        };
                        f.insert(
                            format!("{}{item}", crate::validate::ANSWER_PREFIX),
                            json!({"value": value, "language": language, "mode": "read_aloud", "entered_by": "counsellor", "at": started}),
                        );
                    }
                    if raised && rng.random_bool(0.6) {
                        f.insert(
                            format!("{}{}", crate::validate::SAFETY_ACK_PREFIX, t.safety_flag),
                            json!({"by": counsellor, "at": started, "note": null}),
                        );
                    }
                    push(new_id(&mut rng), RecordKind::Administration, f);
                }
            }
        }
    }
    GeneratedTeam {
        today,
        counsellors,
        records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate_field;

    fn template() -> ScreeningTemplate {
        ScreeningTemplate {
            definition_id: "phq9".into(),
            definition_url: "http://example.org/phq9".into(),
            definition_version: "1.0.0".into(),
            definition_hash: "0".repeat(64),
            items: (1..=9).map(|i| format!("item{i}")).collect(),
            safety_item: "item9".into(),
            safety_flag: "phq9.item9".into(),
        }
    }

    #[test]
    fn every_generated_field_passes_validation() {
        let team = generate_team(
            NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(),
            &TeamScale {
                counsellors: 2,
                cases_per_counsellor: 40,
                history_days: 420,
            },
            Some(&template()),
            3,
        );
        for r in &team.records {
            for (name, value) in &r.fields {
                if name.starts_with(crate::validate::ANSWER_PREFIX)
                    || name.starts_with(crate::validate::SAFETY_ACK_PREFIX)
                {
                    continue; // checked against the definition by the app
                }
                assert!(
                    validate_field(r.kind, name, value).is_ok(),
                    "{:?}.{name} = {value}",
                    r.kind
                );
            }
        }
    }

    #[test]
    fn deterministic_and_the_right_size() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let a = generate_team(today, &TeamScale::default(), None, 9);
        let b = generate_team(today, &TeamScale::default(), None, 9);
        assert_eq!(a.records.len(), b.records.len());
        assert!(a
            .records
            .iter()
            .zip(&b.records)
            .all(|(x, y)| x.id == y.id && x.fields == y.fields));
        let cases = a
            .records
            .iter()
            .filter(|r| r.kind == RecordKind::Case)
            .count();
        assert_eq!(cases, 600);
        let conversations = a
            .records
            .iter()
            .filter(|r| r.kind == RecordKind::Conversation)
            .count();
        assert!(conversations > 5_000, "{conversations}");
    }
}
