//! Supervisor sync and dashboard benchmark (issue 6; figures go to `docs/benchmarks.md`):
//! a generated team of 10 counsellors × 60 cases × a year (conversations, PIP versions,
//! consents, PHQ-9 administrations) is written by ten counsellor devices (real encrypted
//! stores) and pushed through the real server (release binary, SQLite, loopback TLS). Then,
//! several times, a fresh supervisor device is enrolled and timed from Sync to a computed
//! dashboard: the pull of the whole team, then reading every record from its store, scoring
//! the administrations for safety flags and computing the figures
//! (`aankomst_app::team_dashboard_of_store`). Baselines in the same run: the dashboard
//! computed from the generated records in memory (no store, no sync), and the supervisor's
//! dashboard from its store again without the pull.
//!
//! The chart drawing in the window is not in these figures: the Dashboard screen sets
//! performance marks (`dashboard-requested` → `dashboard-drawn`) and `data-drawn-ms`.
//!
//! ```sh
//! cargo bench -p aankomst-sync --bench team_dashboard              # prints the section
//! cargo bench -p aankomst-sync --bench team_dashboard -- --write docs/benchmarks.md
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use aankomst_core::dashboard::{compute, DashboardInput, DashboardSettings, TeamRecords};
use aankomst_core::deadlines::Terms;
use aankomst_core::teamgen::{generate_team, ScreeningTemplate, TeamScale};
use aankomst_instruments::Registry;
use chrono::{NaiveDate, TimeZone, Utc};
use common::*;

const RUNS: usize = 5;
const MARKER: &str = "## Supervisor: sync and team dashboard";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let write_to = {
        let args: Vec<String> = std::env::args().collect();
        args.iter()
            .position(|a| a == "--write")
            .and_then(|i| args.get(i + 1).cloned())
    };
    let registry = Registry::with_shipped().unwrap();
    let phq9 = registry
        .iter()
        .find(|d| d.id == "phq9")
        .expect("the PHQ-9 is shipped");
    let template = ScreeningTemplate {
        definition_id: phq9.id.clone(),
        definition_url: phq9.url.clone(),
        definition_version: phq9.version.clone(),
        definition_hash: phq9.hash().to_owned(),
        items: phq9.choice_items().map(|i| i.link_id.clone()).collect(),
        safety_item: "44260-8".into(),
        safety_flag: "phq9.item9".into(),
    };
    let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let now = Utc.from_utc_datetime(&today.and_hms_opt(12, 0, 0).unwrap());
    let scale = TeamScale::default();
    let team = generate_team(today, &scale, Some(&template), 2026);
    let revisions = team.records.len();
    let count = |k| team.records.iter().filter(|r| r.kind == k).count();
    use aankomst_core::RecordKind as K;
    let detail = format!(
        "{} clients and cases, {} conversations, {} PIP versions, {} consent decisions, {} PHQ-9 administrations",
        count(K::Case),
        count(K::Conversation),
        count(K::Plan),
        count(K::Consent),
        count(K::Administration)
    );

    let world = World::start("sqlite", "max_pull_page = 1000\n");
    let first = world.supervisor("supervisor-0");
    let mut laptops: Vec<Device> = (0..scale.counsellors)
        .map(|i| world.device(&format!("laptop-{i}"), "counsellor"))
        .collect();
    for (i, laptop) in laptops.iter_mut().enumerate() {
        first
            .engine
            .as_ref()
            .unwrap()
            .grant_team_key(
                &format!("laptop-{i}"),
                &laptop.engine.as_ref().unwrap().fingerprint(),
            )
            .unwrap();
        laptop.sync().unwrap();
    }
    let seeded = Instant::now();
    for (i, laptop) in laptops.iter_mut().enumerate() {
        laptop
            .store
            .write_batch(
                team.records
                    .iter()
                    .filter(|r| r.counsellor == i)
                    .map(|r| (r.kind, r.id, r.fields.clone())),
            )
            .unwrap();
        let report = laptop.sync().unwrap();
        assert!(report.pushed > 0);
    }
    let seed_time = seeded.elapsed();
    eprintln!("seeded and pushed {revisions} revisions in {seed_time:?}");

    // In memory: the generated records straight into the computation.
    let mut in_memory = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut recs = TeamRecords::default();
        for r in &team.records {
            recs.add(&r.id.to_string(), r.kind, &r.fields);
        }
        let d = compute(
            &DashboardInput {
                team: &recs,
                safety: &[],
                devices: &[],
                terms: &Terms::default(),
                settings: &DashboardSettings::default(),
                today,
                now,
            },
            &|_| true,
        );
        in_memory.push(started.elapsed());
        assert_eq!(d.total_cases, 600);
    }

    let (mut pulls, mut dashboards, mut totals, mut again) = (vec![], vec![], vec![], vec![]);
    let mut last = None;
    for run in 0..RUNS {
        let mut sup = world.supervisor(&format!("supervisor-run-{run}"));
        let started = Instant::now();
        let report = sup.sync().unwrap();
        let pulled = started.elapsed();
        let d = aankomst_app::team_dashboard_of_store(&sup.store, &registry, today, now).unwrap();
        let total = started.elapsed();
        assert!(report.pulled as usize >= revisions, "{}", report.pulled);
        assert_eq!(d.total_cases, 600);
        assert_eq!(d.caseload.len(), 10);
        let started = Instant::now();
        aankomst_app::team_dashboard_of_store(&sup.store, &registry, today, now).unwrap();
        again.push(started.elapsed());
        pulls.push(pulled);
        dashboards.push(total - pulled);
        totals.push(total);
        eprintln!("run {run}: pull {pulled:?}, dashboard {:?}", total - pulled);
        last = Some(d);
    }
    let d = last.unwrap();
    let (pull, dash, total, mem, from_store) = (
        median(pulls),
        median(dashboards),
        median(totals),
        median(in_memory),
        median(again),
    );
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    let report = format!(
        "{MARKER} (10 counsellors × 60 cases × a year)

Command: `cargo bench -p aankomst-sync --bench team_dashboard -- --write docs/benchmarks.md`  
Machine: 2 cores; server: release binary, SQLite, loopback TLS. The team ({detail}; {revisions} revisions, plus the devices' audit envelopes) was written by ten counsellor devices and pushed in {seed:.1} s. Each run enrols a fresh supervisor device and times Sync → dashboard computed; median of {RUNS} runs.
Dashboard as computed: {open} open cases, {overdue} PIPs overdue, {soon} due within two weeks, {safety} safety protocols outstanding, {devices} devices.

| measure | result | target |
|---|---|---|
| supervisor Sync (pull of the whole team) + dashboard from its store | {total} (pull {pull}, dashboard {dash}) | < 5 s (chart drawing not included) |
| baseline: dashboard from the same store, no pull | {from_store} | — |
| baseline: dashboard from the generated records in memory (no store, no scoring, no sync) | {mem} | — |
| ratio Sync + dashboard / dashboard from the store | {r1:.1} | — |
| ratio dashboard from the store / in memory | {r2:.1} | — |

The drawing of the charts in the window is not in these figures (WebDriver is not involved);
the Dashboard screen marks `dashboard-requested` and `dashboard-drawn` (Performance API) and
shows the difference in `data-drawn-ms`.
",
        seed = seed_time.as_secs_f64(),
        open = d.open_cases,
        overdue = d.pip_overdue.len(),
        soon = d.pip_due_soon.len(),
        safety = d.safety_outstanding.len(),
        devices = d.devices.len(),
        total = ms(total),
        pull = ms(pull),
        dash = ms(dash),
        from_store = ms(from_store),
        mem = ms(mem),
        r1 = ratio(total, from_store),
        r2 = ratio(from_store, mem),
    );
    println!("{report}");
    if let Some(path) = write_to {
        // `cargo bench` runs in the package's folder: a relative path is the workspace's.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path);
        aankomst_app::benchmarks::replace_section(&path, MARKER, &report).unwrap();
    }
}
