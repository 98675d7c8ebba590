//! The command layer on Tauri's mock runtime: the argument names and JSON shapes the UI
//! sends reach the right command bodies, and errors come back as `AppError` objects.

use aankomst_app::{AppService, Host, LockReason, ServiceConfig};
use aankomst_store::{KdfParams, MemoryKeychain};
use serde_json::{json, Value};
use std::sync::Arc;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

struct NoHost;
impl Host for NoHost {
    fn locked(&self, _: LockReason) {}
}

fn invoke(
    webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    // Linux and macOS serve the app from tauri://localhost (Windows from http://tauri.localhost).
    let origin = if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    };
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn commands_take_the_ui_arguments_and_return_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServiceConfig::new(dir.path().to_path_buf(), Arc::new(MemoryKeychain::new()));
    config.kdf = || KdfParams::with_cost(1024, 1, 1);
    let service = Arc::new(AppService::new(config, Arc::new(NoHost)));
    let app = mock_builder()
        .manage(service)
        .invoke_handler(aankomst_lib::commands::handler())
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();

    let status = invoke(&webview, "app_status", json!({})).unwrap();
    assert_eq!(status["instance"], "ok");
    assert_eq!(status["session"], Value::Null);

    let locked = invoke(&webview, "list_cases", json!({"req": {"text": ""}})).unwrap_err();
    assert_eq!(locked["key"], "locked");

    let strength = invoke(
        &webview,
        "assess_passphrase",
        json!({"passphrase": "abc", "name": "X"}),
    )
    .unwrap();
    assert_eq!(strength["acceptable"], false);

    let session = invoke(
        &webview,
        "create_profile",
        json!({"req": {"name": "Fatima", "passphrase": "tulp fiets regen lantaarn", "demo": false}}),
    )
    .unwrap();
    assert_eq!(session["profile"]["name"], "Fatima");
    assert_eq!(session["auto_lock_minutes"], 5);

    let client = invoke(
        &webview,
        "create_client",
        json!({"req": {"fields": {"document_given_names": "Selam"}}}),
    )
    .unwrap();
    let id = client["id"].as_str().unwrap().to_owned();
    let refused = invoke(
        &webview,
        "save_field",
        json!({"req": {"record_id": id, "field": "bsn", "value": "123"}}),
    )
    .unwrap_err();
    assert_eq!(
        refused,
        json!({"key": "field", "args": {"error": "bsn_invalid"}, "field": "bsn"})
    );
    let again = invoke(&webview, "get_client", json!({"id": id})).unwrap();
    assert_eq!(again["display_name"], "Selam");
    let case_id = again["cases"][0]["id"].as_str().unwrap().to_owned();
    let timeline = invoke(&webview, "case_timeline", json!({"case_id": case_id})).unwrap();
    assert!(timeline.as_array().unwrap().len() >= 2);
    let deadlines = invoke(&webview, "case_deadlines", json!({"case_id": case_id})).unwrap();
    assert_eq!(deadlines[0]["kind"], "pip");
    assert_eq!(deadlines[0]["missing"], "koppeling_date");
    let list = invoke(&webview, "list_deadlines", json!({"filter": "attention"})).unwrap();
    assert_eq!(list["overdue"], 0);
    let terms = invoke(&webview, "get_deadline_terms", json!({})).unwrap();
    assert_eq!(terms["pip_weeks"], 10);
    let mut bad = terms.clone();
    bad["pip_weeks"] = json!(0);
    assert_eq!(
        invoke(&webview, "save_deadline_terms", json!({"req": bad})).unwrap_err()["key"],
        "deadline_terms_invalid"
    );
    invoke(&webview, "save_deadline_terms", json!({"req": terms})).unwrap();

    // The intake guide, money and the household view, with the argument shapes of api.ts.
    let topics = invoke(&webview, "guide_topics", json!({})).unwrap();
    assert_eq!(topics.as_array().unwrap().len(), 15);
    let conversation = invoke(
        &webview,
        "create_conversation",
        json!({"req": {"case_id": case_id}}),
    )
    .unwrap();
    let conversation_id = conversation["id"].as_str().unwrap().to_owned();
    let guide = invoke(
        &webview,
        "save_guide_entry",
        json!({"req": {"conversation_id": conversation_id, "topic": "housing", "entry": {"status": "covered"}}}),
    )
    .unwrap();
    assert_eq!(guide["entries"][0]["topic"], "housing");
    let guide = invoke(
        &webview,
        "get_conversation_guide",
        json!({"conversation_id": conversation_id}),
    )
    .unwrap();
    assert_eq!(guide["state"]["ready_for_pip"], false);
    let overview = invoke(&webview, "client_guide", json!({"client_id": id})).unwrap();
    assert_eq!(overview["state"]["mandatory_missing"], 3);
    let money = invoke(
        &webview,
        "save_fixed_cost",
        json!({"req": {"case_id": case_id, "kind": "rent", "amount": "612,50"}}),
    )
    .unwrap();
    assert_eq!(money["costs"][0]["cost"]["amount_cents"], 61250);
    let refused = invoke(
        &webview,
        "save_income",
        json!({"req": {"case_id": case_id, "benefit": "veel", "other": ""}}),
    )
    .unwrap_err();
    assert_eq!(
        refused,
        json!({"key": "field", "args": {"error": "amount_shape"}, "field": "benefit"})
    );
    invoke(
        &webview,
        "save_allowance",
        json!({"req": {"case_id": case_id, "kind": "zorgtoeslag", "applied_on": "2026-03-02", "monthly": "123"}}),
    )
    .unwrap();
    let money = invoke(&webview, "client_money", json!({"client_id": id})).unwrap();
    assert_eq!(money["allowances"][0]["allowance"]["monthly_cents"], 12300);
    let households = invoke(&webview, "household_overview", json!({"client_id": id})).unwrap();
    assert_eq!(households, json!([]));
    assert_eq!(
        invoke(
            &webview,
            "set_member_arrival",
            json!({"req": {"household_id": id, "client_id": id, "expected_on": "", "arrived_on": ""}})
        )
        .unwrap_err()["key"],
        "wrong_kind"
    );

    // The documents' commands take the UI's argument names (a client is not a plan).
    assert_eq!(
        invoke(&webview, "document_options", json!({"plan_id": id})).unwrap_err()["key"],
        "wrong_kind"
    );
    let doc = json!({"req": {"plan_id": id, "kind": "client_copy", "language": "ar", "municipality": "X"}});
    assert_eq!(
        invoke(&webview, "preview_plan_document", doc).unwrap_err()["key"],
        "wrong_kind"
    );
    assert_eq!(
        invoke(&webview, "record_plan_print", json!({"plan_id": id})).unwrap_err()["key"],
        "wrong_kind"
    );

    invoke(&webview, "lock", json!({})).unwrap();
    assert_eq!(
        invoke(&webview, "get_client", json!({"id": id})).unwrap_err()["key"],
        "locked"
    );

    // Every command of the one list answers through the handler (locked, or its arguments
    // refused): none is missing from `generate_handler!`. An unknown name is refused as such.
    for spec in aankomst_app::commands::specs() {
        let answer = invoke(&webview, spec.name, json!({}));
        if let Err(Value::String(text)) = &answer {
            assert!(
                !text.contains("not found"),
                "{} is not in the handler: {text}",
                spec.name
            );
        }
    }
    let unknown = invoke(&webview, "no_such_command", json!({})).unwrap_err();
    assert!(
        unknown.as_str().is_some_and(|t| t.contains("not found")),
        "{unknown}"
    );
}
