//! The dashboard and the monitoring export against a generated team of realistic size
//! (10 counsellors × 60 cases × a year), checked with figures computed here, independently:
//! straight loops over the generated JSON fields, without the typed views, the deadline
//! rules or the percentile function of the code under test.

use crate::dashboard::{
    compute, DashboardInput, DashboardSettings, SafetyFlags, TeamRecords, WaitingStep,
};
use crate::deadlines::Terms;
use crate::monitoring::{monitoring_csv, monitoring_rows};
use crate::revision::RecordKind;
use crate::teamgen::{generate_team, GeneratedTeam, ScreeningTemplate, TeamScale};
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

fn team() -> GeneratedTeam {
    generate_team(today(), &TeamScale::default(), Some(&template()), 2026)
}

fn s<'a>(f: &'a serde_json::Map<String, Value>, k: &str) -> Option<&'a str> {
    f.get(k).and_then(Value::as_str)
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").unwrap()
}

/// The safety flags as the app computes them (here: item 9 at 1 or more raises the flag).
fn safety_of(team: &GeneratedTeam) -> Vec<SafetyFlags> {
    team.records
        .iter()
        .filter(|r| r.kind == RecordKind::Administration)
        .map(|r| {
            let item9 = r.fields["answer/item9"]["value"].as_i64().unwrap();
            SafetyFlags {
                administration_id: r.id.to_string(),
                case_id: s(&r.fields, "case_id").map(str::to_owned),
                client_id: s(&r.fields, "client_id").map(str::to_owned),
                sealed: false,
                raised: if item9 >= 1 {
                    vec!["phq9.item9".into()]
                } else {
                    vec![]
                },
                acknowledged: r
                    .fields
                    .keys()
                    .filter_map(|k| k.strip_prefix("safety_ack/").map(str::to_owned))
                    .collect(),
                started_at: s(&r.fields, "started_at").map(str::to_owned),
            }
        })
        .collect()
}

fn records(team: &GeneratedTeam) -> TeamRecords {
    let mut t = TeamRecords::default();
    for r in &team.records {
        t.add(&r.id.to_string(), r.kind, &r.fields);
    }
    t
}

fn percentile(sorted: &[u32], p: f64) -> u32 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.max(1) - 1]
}

#[test]
fn dashboard_figures_match_an_independent_count() {
    let team = team();
    let today = today();
    let safety = safety_of(&team);
    let recs = records(&team);
    let dash = compute(
        &DashboardInput {
            team: &recs,
            safety: &safety,
            devices: &[],
            terms: &Terms::default(),
            settings: &DashboardSettings::default(),
            today,
            now: Utc.from_utc_datetime(&today.and_hms_opt(12, 0, 0).unwrap()),
        },
        &|_| true,
    );

    // --- The independent count. ---
    let by_kind = |k: RecordKind| team.records.iter().filter(move |r| r.kind == k);
    let clients: HashMap<String, &serde_json::Map<String, Value>> = by_kind(RecordKind::Client)
        .map(|r| (r.id.to_string(), &r.fields))
        .collect();
    let open = |f: &serde_json::Map<String, Value>| {
        !matches!(s(f, "status"), Some("completed") | Some("closed"))
    };

    let mut caseload: BTreeMap<String, u32> = BTreeMap::new();
    let mut phases: BTreeMap<String, u32> = BTreeMap::new();
    let mut overdue: BTreeSet<(String, String)> = BTreeSet::new();
    let mut due_soon: BTreeSet<(String, String)> = BTreeSet::new();
    let mut open_total = 0;
    for c in by_kind(RecordKind::Case) {
        *phases
            .entry(s(&c.fields, "status").unwrap().to_owned())
            .or_default() += 1;
        if !open(&c.fields) {
            continue;
        }
        open_total += 1;
        *caseload
            .entry(s(&c.fields, "counsellor").unwrap().to_owned())
            .or_default() += 1;
        if c.fields.contains_key("pip_decided_on") {
            continue;
        }
        let client = clients[s(&c.fields, "client_id").unwrap()];
        let due = d(s(client, "koppeling_date").unwrap()) + chrono::Duration::days(70);
        let left = (due - today).num_days();
        let key = (c.id.to_string(), due.format("%Y-%m-%d").to_string());
        if left < 0 {
            overdue.insert(key);
        } else if left <= 14 {
            due_soon.insert(key);
        }
    }
    assert_eq!(dash.open_cases, open_total);
    assert_eq!(dash.total_cases, 600);
    let got: BTreeMap<String, u32> = dash
        .caseload
        .iter()
        .map(|r| (r.counsellor.clone(), r.open_cases))
        .collect();
    assert_eq!(got, caseload);
    assert_eq!(got.len(), 10);
    let got: BTreeMap<String, u32> = dash
        .phases
        .iter()
        .filter(|p| p.count > 0)
        .map(|p| (p.key.clone(), p.count))
        .collect();
    assert_eq!(got, phases);
    let got: BTreeSet<(String, String)> = dash
        .pip_overdue
        .iter()
        .map(|r| (r.case_id.clone(), r.due.clone()))
        .collect();
    assert_eq!(got, overdue);
    assert!(
        overdue.len() > 10,
        "the team has overdue PIPs: {}",
        overdue.len()
    );
    let got: BTreeSet<(String, String)> = dash
        .pip_due_soon
        .iter()
        .map(|r| (r.case_id.clone(), r.due.clone()))
        .collect();
    assert_eq!(got, due_soon);
    assert!(!due_soon.is_empty());
    assert_eq!(
        dash.caseload.iter().map(|r| r.pip_overdue).sum::<u32>() as usize,
        overdue.len()
    );

    // Waiting times.
    let mut first: HashMap<String, (Option<NaiveDate>, Option<NaiveDate>)> = HashMap::new();
    for c in by_kind(RecordKind::Conversation) {
        let day = d(s(&c.fields, "starts_at").unwrap());
        let e = first
            .entry(s(&c.fields, "case_id").unwrap().to_owned())
            .or_default();
        if s(&c.fields, "conversation_type") == Some("first") {
            e.0 = Some(e.0.map_or(day, |x: NaiveDate| x.min(day)));
        }
        e.1 = Some(e.1.map_or(day, |x: NaiveDate| x.min(day)));
    }
    let mut fixed: HashMap<String, Vec<(i64, NaiveDate, String)>> = HashMap::new();
    for p in by_kind(RecordKind::Plan) {
        if s(&p.fields, "status") == Some("fixed") {
            fixed
                .entry(s(&p.fields, "case_id").unwrap().to_owned())
                .or_default()
                .push((
                    p.fields["version"].as_i64().unwrap(),
                    d(s(&p.fields, "fixed_on").unwrap()),
                    s(&p.fields, "route").unwrap().to_owned(),
                ));
        }
    }
    let mut steps: BTreeMap<WaitingStep, Vec<u32>> = BTreeMap::new();
    let mut routes: BTreeMap<String, u32> = BTreeMap::new();
    for c in by_kind(RecordKind::Case) {
        let id = c.id.to_string();
        let client = clients[s(&c.fields, "client_id").unwrap()];
        let k = Some(d(s(client, "koppeling_date").unwrap()));
        let f = first.get(&id).and_then(|(a, b)| a.or(*b));
        let versions = fixed.get(&id).cloned().unwrap_or_default();
        let pip = s(&c.fields, "pip_decided_on")
            .map(d)
            .or_else(|| versions.iter().map(|v| v.1).min());
        let route = s(&c.fields, "route_started_on").map(d);
        if let Some(best) = versions.iter().max_by_key(|v| v.0) {
            *routes.entry(best.2.clone()).or_default() += 1;
        }
        for (step, a, b) in [
            (WaitingStep::KoppelingToFirstConversation, k, f),
            (WaitingStep::FirstConversationToPip, f, pip),
            (WaitingStep::PipToRoute, pip, route),
            (WaitingStep::KoppelingToPip, k, pip),
        ] {
            if let (Some(a), Some(b)) = (a, b) {
                let days = (b - a).num_days();
                assert!(days >= 0, "the generator keeps steps in order");
                steps.entry(step).or_default().push(days as u32);
            }
        }
    }
    for w in &dash.waiting {
        let mut v = steps.remove(&w.step).unwrap();
        v.sort();
        assert_eq!(w.count as usize, v.len(), "{:?}", w.step);
        assert_eq!(w.inconsistent, 0);
        let p = w.percentiles.as_ref().unwrap();
        assert_eq!(
            (p.p25, p.p50, p.p75, p.p90),
            (
                percentile(&v, 25.0),
                percentile(&v, 50.0),
                percentile(&v, 75.0),
                percentile(&v, 90.0)
            ),
            "{:?}",
            w.step
        );
        let edges = [0u32, 7, 14, 28, 42, 56, 70, 91, 182, u32::MAX];
        let expected: Vec<u32> = edges
            .windows(2)
            .map(|e| v.iter().filter(|x| **x >= e[0] && **x < e[1]).count() as u32)
            .collect();
        let got: Vec<u32> = w.buckets.iter().map(|b| b.count).collect();
        assert_eq!(got, expected, "{:?}", w.step);
    }
    let got: BTreeMap<String, u32> = dash
        .routes
        .iter()
        .map(|r| (r.key.clone(), r.count))
        .collect();
    assert_eq!(got, routes);
    assert_eq!(got.len(), 3);

    // Consents: the last decision on or before today, by date then recording moment.
    type Key = (String, String, String);
    let mut decisions: HashMap<Key, Vec<Key>> = HashMap::new();
    for r in by_kind(RecordKind::Consent) {
        decisions
            .entry((
                s(&r.fields, "client_id").unwrap().to_owned(),
                s(&r.fields, "purpose").unwrap().to_owned(),
                s(&r.fields, "recipient").unwrap().to_owned(),
            ))
            .or_default()
            .push((
                s(&r.fields, "decided_on").unwrap().to_owned(),
                s(&r.fields, "recorded_at").unwrap().to_owned(),
                s(&r.fields, "decision").unwrap().to_owned(),
            ));
    }
    let today_text = today.format("%Y-%m-%d").to_string();
    for gap in &dash.consents_missing {
        let mut missing = 0;
        for c in by_kind(RecordKind::Case).filter(|c| open(&c.fields)) {
            let key = (
                s(&c.fields, "client_id").unwrap().to_owned(),
                gap.purpose.clone(),
                gap.recipient.clone(),
            );
            let mut list = decisions.get(&key).cloned().unwrap_or_default();
            list.retain(|x| x.0 <= today_text);
            list.sort();
            if list.last().map(|x| x.2.as_str()) != Some("given") {
                missing += 1;
            }
        }
        assert_eq!(gap.missing, missing, "{} {}", gap.purpose, gap.recipient);
        assert!(missing > 0 && missing < open_total);
    }

    // Safety: item 9 answered 1 or more, no acknowledgement, case open.
    let open_cases: BTreeSet<String> = by_kind(RecordKind::Case)
        .filter(|c| open(&c.fields))
        .map(|c| c.id.to_string())
        .collect();
    let outstanding: BTreeSet<String> = by_kind(RecordKind::Administration)
        .filter(|a| a.fields["answer/item9"]["value"].as_i64().unwrap() >= 1)
        .filter(|a| !a.fields.contains_key("safety_ack/phq9.item9"))
        .filter(|a| open_cases.contains(s(&a.fields, "case_id").unwrap()))
        .map(|a| a.id.to_string())
        .collect();
    let got: BTreeSet<String> = dash
        .safety_outstanding
        .iter()
        .map(|r| r.administration_id.clone())
        .collect();
    assert_eq!(got, outstanding);
    assert!(!outstanding.is_empty());
}

#[test]
fn a_counsellor_sees_only_their_own_cases() {
    let team = team();
    let recs = records(&team);
    let me = team.counsellors[3].clone();
    let dash = compute(
        &DashboardInput {
            team: &recs,
            safety: &[],
            devices: &[],
            terms: &Terms::default(),
            settings: &DashboardSettings::default(),
            today: today(),
            now: Utc::now(),
        },
        &|c| c.counsellor.as_deref() == Some(me.as_str()),
    );
    assert_eq!(dash.caseload.len(), 1);
    assert_eq!(dash.caseload[0].counsellor, me);
    assert_eq!(dash.total_cases, 60);
    assert!(dash.pip_overdue.iter().all(|r| r.counsellor == me));
}

#[test]
fn monitoring_csv_has_no_small_cell_and_no_identifier() {
    let mut team = team();
    // Distinctive markers in every identifying field.
    let mut markers = Vec::new();
    let mut n = 0;
    for r in team
        .records
        .iter_mut()
        .filter(|r| r.kind == RecordKind::Client)
    {
        n += 1;
        let given = format!("Qzgiven{n:04}x");
        let family = format!("Qzfamily{n:04}x");
        r.fields
            .insert("document_given_names".into(), given.clone().into());
        r.fields
            .insert("document_family_name".into(), family.clone().into());
        r.fields
            .insert("preferred_name".into(), format!("Qzpref{n:04}x").into());
        markers.push(given);
        markers.push(family);
        markers.push(format!("Qzpref{n:04}x"));
        for k in ["bsn", "v_number", "date_of_birth"] {
            markers.push(r.fields[k].as_str().unwrap().to_owned());
        }
        markers.push(r.id.to_string());
    }
    markers.extend(team.counsellors.iter().cloned());
    let recs = records(&team);
    let rows = monitoring_rows(&recs, &Terms::default(), today());
    let bytes = monitoring_csv(&rows).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    for m in &markers {
        assert!(
            !bytes.windows(m.len()).any(|w| w == m.as_bytes()),
            "identifier in the CSV"
        );
    }
    // No day-precise date at all.
    let date = |w: &[u8]| {
        w.len() == 10
            && w[4] == b'-'
            && w[7] == b'-'
            && w.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    assert!(!bytes.windows(10).any(date), "a date in the CSV");

    // Every count is empty or at least 5.
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut counted = 0;
    let mut grid: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
    for rec in reader.records() {
        let rec = rec.unwrap();
        let (table, period, measure, value) = (&rec[0], &rec[1], &rec[3], &rec[4]);
        let is_count = !(measure.starts_with('p') && measure != "pip") && measure != "pct_on_time";
        if is_count && !value.is_empty() {
            let v: u32 = value.parse().unwrap();
            assert!(v >= 5, "{table} {period} {measure} = {v}");
            counted += 1;
        }
        grid.entry((table.to_owned(), period.to_owned()))
            .or_default()
            .insert(measure.to_owned(), value.to_owned());
    }
    assert!(counted > 20);
    // Secondary suppression: in each outcomes row, never exactly one empty among the
    // phases and the total.
    let mut suppressed_somewhere = false;
    for ((table, _), cells) in &grid {
        if table != "outcomes" {
            continue;
        }
        let empty = cells.values().filter(|v| v.is_empty()).count();
        assert_ne!(empty, 1, "{cells:?}");
        suppressed_somewhere |= empty > 0;
    }
    assert!(suppressed_somewhere, "the team has small cells to suppress");
    // And in each outcomes column.
    let phases: BTreeSet<String> = grid
        .iter()
        .filter(|((t, _), _)| t == "outcomes")
        .flat_map(|(_, c)| c.keys().cloned())
        .collect();
    for phase in phases {
        let empty = grid
            .iter()
            .filter(|((t, _), _)| t == "outcomes")
            .filter(|(_, c)| c.get(&phase).is_some_and(String::is_empty))
            .count();
        assert_ne!(empty, 1, "column {phase}");
    }
}

/// Writes the generated team's dashboard as the app would return it, for the UI's screenshot
/// script (`ui/scripts/screenshots.mjs dashboard`):
/// `AANKOMST_DASHBOARD_FIXTURE=ui/scripts/team-dashboard.json cargo test -p aankomst-core --lib dump_dashboard -- --ignored`
#[test]
#[ignore]
fn dump_dashboard() {
    let Ok(path) = std::env::var("AANKOMST_DASHBOARD_FIXTURE") else {
        return;
    };
    let team = team();
    let recs = records(&team);
    let safety = safety_of(&team);
    let now = Utc.from_utc_datetime(&today().and_hms_opt(12, 0, 0).unwrap());
    let devices: Vec<crate::dashboard::DeviceCheckIn> = (0..10)
        .map(|i| crate::dashboard::DeviceCheckIn {
            device_id: format!("0192{i:04x}-laptop-{i}"),
            role: "counsellor".into(),
            status: "active".into(),
            last_check_in: Some(now - chrono::Duration::hours(3 + 17 * i * i)),
        })
        .collect();
    let dash = compute(
        &DashboardInput {
            team: &recs,
            safety: &safety,
            devices: &devices,
            terms: &Terms::default(),
            settings: &DashboardSettings::default(),
            today: today(),
            now,
        },
        &|_| true,
    );
    let view = serde_json::json!({
        "role": "supervisor", "team": true, "own_name": "Marieke Teammanager", "dashboard": dash,
    });
    std::fs::write(path, serde_json::to_string(&view).unwrap()).unwrap();
}
