//! Two counsellor laptops and a supervisor edit the same clients offline, in random
//! interleavings, and sync in random orders through the real server. They end in identical
//! state, and every concurrent same-field edit is shown as a conflict — checked against a model
//! of who knew which edit when (the merge rule of `aankomst_core::merge`: a field's frontier).

mod common;

use std::collections::BTreeSet;

use aankomst_core::RecordKind;
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const FIELDS: [&str; 3] = ["preferred_name", "phone", "azc_location"];

#[derive(Clone, Debug)]
enum Op {
    Edit {
        device: usize,
        record: usize,
        field: usize,
    },
    Sync {
        device: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..3usize, 0..FIELDS.len()).prop_map(|(device, record, field)| Op::Edit { device, record, field }),
        2 => (0..3usize).prop_map(|device| Op::Sync { device }),
    ]
}

/// One edit in the model: which field of which record, its value, and every edit of that
/// record its device held when it was made (its ancestry).
struct Edit {
    record: usize,
    field: usize,
    value: String,
    ancestors: BTreeSet<usize>,
}

#[test]
fn devices_editing_offline_converge_and_surface_every_concurrent_same_field_edit() {
    for storage in backends() {
        let world = World::start(&storage, "");
        let devices = vec![
            world.supervisor("supervisor-1"),
            world.device("laptop-1", "counsellor"),
            world.device("laptop-2", "counsellor"),
        ];
        for (i, id) in [(1, "laptop-1"), (2, "laptop-2")] {
            let fingerprint = devices[i].engine.as_ref().unwrap().fingerprint();
            devices[0]
                .engine
                .as_ref()
                .unwrap()
                .grant_team_key(id, &fingerprint)
                .unwrap();
        }
        // The runner takes an `Fn`; the devices and the case count live across cases.
        let devices = std::cell::RefCell::new(devices);
        let case_no = std::cell::Cell::new(0u32);
        let mut runner = TestRunner::new(Config {
            cases: if storage == "sqlite" { 10 } else { 4 },
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&prop::collection::vec(op(), 1..18), |ops| {
                case_no.set(case_no.get() + 1);
                run_case(&mut devices.borrow_mut(), case_no.get(), &ops);
                Ok(())
            })
            .unwrap();
        world.assert_server_holds_no_plaintext();
    }
}

fn run_case(devices: &mut [Device], case_no: u32, ops: &[Op]) {
    // Fresh clients for this case, created by the supervisor and known to everyone.
    let records: Vec<uuid::Uuid> = (0..3).map(|n| devices[0].write_client(n)).collect();
    for d in devices.iter_mut() {
        d.sync().unwrap();
    }
    // Model: edits so far; what each device holds; what the server holds.
    let mut edits: Vec<Edit> = Vec::new();
    let mut known: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); devices.len()];
    let mut server: BTreeSet<usize> = BTreeSet::new();
    for (i, op) in ops.iter().enumerate() {
        match *op {
            Op::Edit {
                device,
                record,
                field,
            } => {
                let value = format!("c{case_no}-op{i}-d{device}");
                let mut f = aankomst_core::Fields::new();
                f.insert(FIELDS[field].into(), serde_json::json!(value));
                devices[device]
                    .store
                    .write(RecordKind::Client, records[record], f)
                    .unwrap();
                let ancestors = known[device]
                    .iter()
                    .copied()
                    .filter(|e| edits[*e].record == record)
                    .collect();
                edits.push(Edit {
                    record,
                    field,
                    value,
                    ancestors,
                });
                known[device].insert(edits.len() - 1);
            }
            Op::Sync { device } => {
                devices[device].sync().unwrap();
                server.extend(known[device].iter().copied());
                known[device] = server.clone();
            }
        }
    }
    // Everyone syncs until all hold everything.
    for _ in 0..2 {
        for d in devices.iter_mut() {
            d.sync().unwrap();
        }
    }
    let first = state_of(&devices[0].store);
    for d in &devices[1..] {
        assert_eq!(
            state_of(&d.store),
            first,
            "devices differ after case {case_no}"
        );
    }
    // The conflicts the model predicts: per record and field, the edits no other edit of that
    // field descends from.
    for (r, id) in records.iter().enumerate() {
        let state = devices[0].store.get(*id).unwrap().unwrap().state;
        for (f, name) in FIELDS.iter().enumerate() {
            let of_field: Vec<usize> = (0..edits.len())
                .filter(|e| edits[*e].record == r && edits[*e].field == f)
                .collect();
            let frontier: BTreeSet<&str> = of_field
                .iter()
                .filter(|e| !of_field.iter().any(|o| edits[*o].ancestors.contains(e)))
                .map(|e| edits[*e].value.as_str())
                .collect();
            let shown: BTreeSet<&str> = state
                .conflicts
                .get(*name)
                .map(|versions| versions.iter().filter_map(|v| v.value.as_str()).collect())
                .unwrap_or_default();
            if frontier.len() > 1 {
                assert_eq!(shown, frontier, "case {case_no}: record {r} field {name}");
            } else {
                assert!(
                    shown.is_empty(),
                    "case {case_no}: a conflict without concurrent edits"
                );
                let value = state.fields.get(*name).and_then(|v| v.as_str());
                assert_eq!(value, frontier.iter().next().copied());
            }
        }
    }
}
