//! Fictional but realistic records for the demo profile and for benchmarks: names,
//! countries, languages and interpreter practice typical of the source reports
//! (Syria, Eritrea, Afghanistan, Turkey, Yemen, Somalia, Iraq, Iran; households with
//! partners, children and *nareizigers*). Deterministic for a given seed.

use crate::revision::{Fields, RecordKind};
use chrono::{Duration, NaiveDate, NaiveTime};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use uuid::Uuid;

pub struct DemoRecord {
    pub id: Uuid,
    pub kind: RecordKind,
    pub fields: Fields,
}

pub struct DemoScale {
    /// Number of clients to create (household members included).
    pub clients: usize,
    /// Conversations recorded per case.
    pub conversations_per_case: usize,
}

struct Origin {
    country: &'static str,
    languages: &'static [&'static str],
    male: &'static [&'static str],
    female: &'static [&'static str],
    family: &'static [&'static str],
    weight: u32,
}

const ORIGINS: &[Origin] = &[
    Origin {
        country: "SY",
        languages: &["ar", "ar", "ar", "kmr"],
        male: &[
            "Mohammed", "Ahmad", "Khaled", "Omar", "Yusuf", "Hassan", "Ibrahim", "Samer", "Bashar",
            "Rami",
        ],
        female: &[
            "Fatima", "Amal", "Rania", "Nour", "Lina", "Hiba", "Maryam", "Huda", "Reem", "Dima",
        ],
        family: &[
            "Al-Hassan",
            "Haddad",
            "Khalil",
            "Darwish",
            "Al-Ahmad",
            "Suleiman",
            "Mansour",
            "Najjar",
            "Al-Khatib",
            "Hamdan",
        ],
        weight: 50,
    },
    Origin {
        country: "ER",
        languages: &["ti", "ti", "ti", "tig"],
        male: &[
            "Tesfay", "Yonas", "Filmon", "Dawit", "Samuel", "Merhawi", "Biniam", "Kidane",
        ],
        female: &[
            "Selam", "Helen", "Senait", "Mebrat", "Luwam", "Rahel", "Saba", "Yordanos",
        ],
        family: &[
            "Tesfamariam",
            "Gebremedhin",
            "Haile",
            "Berhane",
            "Woldu",
            "Tekle",
            "Ghebreyesus",
            "Andemariam",
        ],
        weight: 15,
    },
    Origin {
        country: "AF",
        languages: &["prs", "prs", "ps"],
        male: &[
            "Farid",
            "Hamid",
            "Jawad",
            "Mustafa",
            "Zabihullah",
            "Ahmad Shah",
        ],
        female: &[
            "Mariam", "Zahra", "Fereshta", "Shabnam", "Parwana", "Nasima",
        ],
        family: &["Ahmadi", "Rahimi", "Hashimi", "Noori", "Karimi", "Sultani"],
        weight: 10,
    },
    Origin {
        country: "TR",
        languages: &["tr", "tr", "kmr"],
        male: &["Mehmet", "Hüseyin", "Emre", "Murat", "Serkan"],
        female: &["Ayşe", "Elif", "Zeynep", "Hatice", "Gül"],
        family: &["Yılmaz", "Öztürk", "Kaya", "Demir", "Şahin"],
        weight: 8,
    },
    Origin {
        country: "YE",
        languages: &["ar"],
        male: &["Abdullah", "Nabil", "Fadi", "Tariq"],
        female: &["Sara", "Amina", "Asma", "Khadija"],
        family: &["Al-Saqqaf", "Ba-Wazir", "Al-Hadrami", "Al-Aulaqi"],
        weight: 5,
    },
    Origin {
        country: "SO",
        languages: &["so"],
        male: &["Abdi", "Mohamed", "Abdirahman", "Yusuf"],
        female: &["Hodan", "Ayaan", "Fadumo", "Ifrah"],
        family: &["Warsame", "Farah", "Hassan", "Omar"],
        weight: 5,
    },
    Origin {
        country: "IQ",
        languages: &["ar", "ckb"],
        male: &["Ali", "Karwan", "Haider", "Sardar"],
        female: &["Shilan", "Zainab", "Hana", "Rozhin"],
        family: &["Mahmoud", "Rashid", "Aziz", "Qadir"],
        weight: 4,
    },
    Origin {
        country: "IR",
        languages: &["fa"],
        male: &["Reza", "Babak", "Dariush"],
        female: &["Shirin", "Leila", "Nasrin"],
        family: &["Hosseini", "Rezaei", "Moradi"],
        weight: 3,
    },
];

const AZC: &[&str] = &[
    "azc Ter Apel",
    "azc Budel-Cranendonck",
    "azc Zeist",
    "azc Gilze en Rijen",
    "azc Almere",
    "azc Arnhem",
    "azc Amsterdam De Hoogte",
    "azc Leeuwarden",
];

const NOTES_FIRST: &[&str] = &[
    "Kennismaking in het azc. Rechten en plichten van de inburgering uitgelegd met tolk. Cliënt heeft vragen over de huisvesting en de gezinshereniging.",
    "Eerste gesprek. Cliënt werkte als elektricien en wil snel aan het werk. Heeft geen diploma's bij zich. Taalstart aangemeld.",
    "Startgesprek: achtergrond, woonsituatie en wensen doorgenomen. Cliënt heeft zes jaar school gevolgd en leest het Latijnse schrift een beetje.",
    "Kennismakingsgesprek. Cliënt wil graag verpleegkundige worden, zoals in het land van herkomst. Onderwijsroute besproken als mogelijkheid.",
];
const NOTES_CHECK_IN: &[&str] = &[
    "Tussentijds contact over de Taalstart. Gaat goed, wel moeite met de reistijd vanaf het azc.",
    "Korte check-in via de telefoon. Toeslagen nog niet ontvangen; inkomensconsulent gevraagd om voorschot.",
    "Check-in: cliënt slaapt slecht en maakt zich zorgen om familie. Gevraagd of ze later met de GGD wil praten.",
];
const NOTES_PIP: &[&str] = &[
    "PIP-gesprek. De drie leerroutes getekend en uitgelegd. Samen gekozen voor de B1-route met vrijwilligerswerk.",
    "PIP-gesprek: leerbaarheidstoets en eindrapportage Taalstart besproken. Advies Z-route, cliënt is het ermee eens.",
];
const NOTES_REVIEW: &[&str] = &[
    "Voortgangsgesprek. 180 uur les gevolgd, aanwezigheid goed. MAP-stage bij een fietsenmaker loopt.",
    "Voortgangsgesprek. Cliënt mist lessen door zorg voor de kinderen; kinderopvang besproken.",
];

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn origin(rng: &mut StdRng) -> &'static Origin {
    let total: u32 = ORIGINS.iter().map(|o| o.weight).sum();
    let mut n = rng.random_range(0..total);
    for o in ORIGINS {
        if n < o.weight {
            return o;
        }
        n -= o.weight;
    }
    &ORIGINS[0]
}

/// A fictional BSN that passes the elfproef.
fn fictional_bsn(rng: &mut StdRng) -> String {
    loop {
        let digits: Vec<u32> = (0..8)
            .map(|i| rng.random_range(if i == 0 { 1 } else { 0 }..10))
            .collect();
        let sum: u32 = digits
            .iter()
            .enumerate()
            .map(|(i, d)| (9 - i as u32) * d)
            .sum();
        let check = sum % 11;
        if check < 10 {
            return digits
                .iter()
                .chain(std::iter::once(&check))
                .map(|d| d.to_string())
                .collect();
        }
    }
}

fn fields(value: Value) -> Fields {
    match value {
        Value::Object(map) => map.into_iter().filter(|(_, v)| !v.is_null()).collect(),
        _ => Fields::new(),
    }
}

/// Builds households of clients with cases and conversations, as revisions' fields.
/// `new_id` supplies record ids (UUIDv7 in the app; anything unique in tests).
pub fn generate(
    today: NaiveDate,
    counsellor: &str,
    scale: &DemoScale,
    seed: u64,
    mut new_id: impl FnMut() -> Uuid,
) -> Vec<DemoRecord> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::new();
    let mut clients = 0;
    while clients < scale.clients {
        let o = origin(&mut rng);
        let family = *pick(&mut rng, o.family);
        let language = *pick(&mut rng, o.languages);
        let koppeling = today - Duration::days(rng.random_range(5..700));
        let location = *pick(&mut rng, AZC);
        let housed = (today - koppeling).num_days() > 120;
        let size = match rng.random_range(0..10) {
            0..=3 => 1,
            4 => 2,
            _ => rng.random_range(3..6),
        }
        .min(scale.clients - clients);
        let first_is_male = rng.random_bool(0.58);
        let mut members = Vec::new();
        for m in 0..size {
            let (role, adult, male) = match m {
                0 => ("head", true, first_is_male),
                1 => ("partner", true, !first_is_male),
                _ => ("child", false, rng.random_bool(0.5)),
            };
            let id = new_id();
            let given = *pick(&mut rng, if male { o.male } else { o.female });
            let year = if adult {
                today.year_ce().1 as i32 - rng.random_range(19..58)
            } else {
                today.year_ce().1 as i32 - rng.random_range(1..17)
            };
            let dob = match rng.random_range(0..10) {
                0..=2 => format!("{year}"),
                3 => format!("{year}-{:02}", rng.random_range(1..13)),
                _ => format!(
                    "{year}-{:02}-{:02}",
                    rng.random_range(1..13),
                    rng.random_range(1..29)
                ),
            };
            // A partner who came later through family reunification is a nareiziger.
            let nareiziger = role == "partner" && rng.random_bool(0.3);
            let literacy = *pick(&mut rng, &["literate", "literate", "limited", "none"]);
            let latin = if literacy == "none" {
                "none"
            } else {
                *pick(&mut rng, &["literate", "limited", "limited", "none"])
            };
            let mut languages =
                vec![json!({"language": language, "spoken": "native", "literacy": literacy})];
            if rng.random_bool(0.3) {
                languages.push(json!({"language": "en", "spoken": "basic", "literacy": "limited"}));
            }
            out.push(DemoRecord {
                id,
                kind: RecordKind::Client,
                fields: fields(json!({
                    "document_given_names": given,
                    "document_family_name": family,
                    "preferred_name": if rng.random_bool(0.2) { Value::from(given.split(' ').next().unwrap_or(given)) } else { Value::Null },
                    "date_of_birth": dob,
                    "sex": if male { "male" } else { "female" },
                    "country_of_origin": o.country,
                    "nationality": if o.country == "SY" && rng.random_bool(0.05) { "stateless" } else { o.country },
                    "languages": languages,
                    "latin_script_literacy": if adult { Value::from(latin) } else { Value::Null },
                    "phone": if adult { Value::from(format!("06{:08}", rng.random_range(0..100_000_000u32))) } else { Value::Null },
                    "bsn": if housed || rng.random_bool(0.4) { Value::from(fictional_bsn(&mut rng)) } else { Value::Null },
                    "v_number": format!("{:010}", rng.random_range(1_000_000_000u64..9_999_999_999)),
                    "koppeling_date": koppeling.format("%Y-%m-%d").to_string(),
                    "azc_location": if housed { Value::Null } else { Value::from(location) },
                    "address": if housed { Value::from(format!("{} {}", pick(&mut rng, &["Vlinderstraat", "Kastanjelaan", "Molenweg", "Dorpsstraat", "Zonnebloemstraat"]), rng.random_range(1..120))) } else { Value::Null },
                    "target_group": if nareiziger { "nareiziger" } else { "statushouder" },
                })),
            });
            members.push((id, role, adult, nareiziger));
            clients += 1;
        }
        if members.len() > 1 {
            let mut all = vec![json!({"client_id": members[0].0.to_string(), "role": "referent"})];
            all.extend(
                members[1..].iter().map(|(id, role, _, nar)| json!({"client_id": id.to_string(), "role": role, "nareiziger": nar})),
            );
            out.push(DemoRecord {
                id: new_id(),
                kind: RecordKind::Household,
                fields: fields(json!({"label": format!("Gezin {family}"), "members": all})),
            });
        }
        for (client_id, _, adult, _) in &members {
            if !adult {
                continue;
            }
            let case_id = new_id();
            let age_days = (today - koppeling).num_days();
            let status = match age_days {
                0..=70 => "intake",
                71..=100 => "pip",
                101..=1000 => "route",
                _ => "completed",
            };
            // Deadlines worth seeing (no extra random draws, so the rest of the data set is
            // unchanged): every third case past the ten weeks still waits for its PIP, and
            // housed clients are unburdened from day 120 with the month-3 follow-up and the
            // month-5 decision recorded once they are a week past.
            let ymd = |d: NaiveDate| Value::from(d.format("%Y-%m-%d").to_string());
            let pip_late = status == "pip" && age_days % 3 == 0;
            let mut case_fields = json!({
                "client_id": client_id.to_string(),
                "status": status,
                "counsellor": counsellor,
                "opened_on": koppeling.format("%Y-%m-%d").to_string(),
                "intake_started_on": (koppeling + Duration::days(7)).format("%Y-%m-%d").to_string(),
                "pip_decided_on": if age_days > 70 && !pip_late { ymd(koppeling + Duration::days(68)) } else { Value::Null },
            });
            if housed {
                let start = koppeling + Duration::days(120);
                case_fields["ontzorgen_started_on"] = ymd(start);
                for (field, months) in [("ontzorgen_follow_up_on", 3), ("ontzorgen_decided_on", 5)]
                {
                    if let Some(due) = start.checked_add_months(chrono::Months::new(months)) {
                        if due + Duration::days(7) < today {
                            case_fields[field] = ymd(due - Duration::days(2));
                        }
                    }
                }
            }
            out.push(DemoRecord {
                id: case_id,
                kind: RecordKind::Case,
                fields: fields(case_fields),
            });
            let span = age_days.max(1);
            for n in 0..scale.conversations_per_case {
                let day = koppeling
                    + Duration::days(
                        7 + (span * n as i64) / (scale.conversations_per_case as i64).max(1),
                    );
                if day > today {
                    break;
                }
                let (kind, notes) = match n {
                    0 => ("first", *pick(&mut rng, NOTES_FIRST)),
                    _ if status != "intake" && n == 2 => ("pip", *pick(&mut rng, NOTES_PIP)),
                    _ if n > 2 => ("progress_review", *pick(&mut rng, NOTES_REVIEW)),
                    _ => ("check_in", *pick(&mut rng, NOTES_CHECK_IN)),
                };
                let mode = *pick(
                    &mut rng,
                    &[
                        "professional_phone",
                        "professional_phone",
                        "professional_in_person",
                        "professional_video",
                        "informal_family",
                        "informal_key_person",
                        "none",
                    ],
                );
                let minor = mode == "informal_family" && rng.random_bool(0.25);
                let time = NaiveTime::from_hms_opt(
                    rng.random_range(8..16),
                    *pick(&mut rng, &[0, 15, 30, 45]),
                    0,
                )
                .unwrap_or_default();
                let place = if kind == "check_in" {
                    "phone"
                } else if housed {
                    "office"
                } else {
                    "azc"
                };
                out.push(DemoRecord {
                    id: new_id(),
                    kind: RecordKind::Conversation,
                    fields: fields(json!({
                        "case_id": case_id.to_string(),
                        "starts_at": format!("{}T{}Z", day.format("%Y-%m-%d"), time.format("%H:%M:%S")),
                        "place": place,
                        "conversation_type": kind,
                        "participants": [{"name": counsellor, "role": "counsellor"}],
                        "interpreter_mode": mode,
                        "interpreter_name": if mode.starts_with("informal") { Value::from(if minor { "zoon (15 jaar)" } else { "neef" }) } else { Value::Null },
                        "interpreter_register_number": if mode.starts_with("professional") { Value::from(format!("{}", rng.random_range(10_000..99_999))) } else { Value::Null },
                        "interpreter_is_minor": if mode.starts_with("informal") { Value::from(minor) } else { Value::Null },
                        "language_used": if mode == "none" { Value::Null } else { Value::from(language) },
                        "notes": notes,
                    })),
                });
            }
        }
    }
    out
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revision::RecordKind;
    use crate::validate::validate_field;

    fn build(clients: usize, conversations: usize) -> Vec<DemoRecord> {
        let mut n = 0u128;
        generate(
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            "Demo Begeleider",
            &DemoScale {
                clients,
                conversations_per_case: conversations,
            },
            7,
            || {
                n += 1;
                Uuid::from_u128(n)
            },
        )
    }

    #[test]
    fn every_generated_field_passes_validation() {
        for r in build(60, 4) {
            for (name, value) in &r.fields {
                assert!(
                    validate_field(r.kind, name, value).is_ok(),
                    "{:?}.{name} = {value}",
                    r.kind
                );
            }
        }
    }

    #[test]
    fn the_scale_is_respected_and_households_exist() {
        let recs = build(200, 3);
        let count = |k| recs.iter().filter(|r| r.kind == k).count();
        assert_eq!(count(RecordKind::Client), 200);
        assert!(count(RecordKind::Household) > 10);
        assert!(count(RecordKind::Conversation) > 100);
    }

    #[test]
    fn deterministic_for_a_seed() {
        let a: Vec<_> = build(20, 2).into_iter().map(|r| r.fields).collect();
        let b: Vec<_> = build(20, 2).into_iter().map(|r| r.fields).collect();
        assert_eq!(a, b);
    }
}
