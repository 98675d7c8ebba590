//! The audit trail as the app writes it: every read, write and export of a client's data is
//! in the client's trail, the chain verifies, and another client's trail stays apart.

mod common;

use aankomst_app::ipc::*;
use aankomst_app::screening_ipc::*;
use aankomst_core::audit::AuditAction;
use common::*;
use serde_json::json;
use std::path::PathBuf;

#[test]
fn reads_writes_and_exports_of_a_file_are_in_its_trail_and_the_chain_verifies() {
    let (dir, svc, host, _) = with_profile();
    let client = new_client(&svc, json!({"preferred_name": "Selam"}));
    let other = new_client(&svc, json!({"preferred_name": "Yonas"}));
    let case_id = client.cases[0].id.clone();
    let conversation = svc
        .create_conversation(CreateConversationRequest {
            case_id: case_id.clone(),
        })
        .unwrap();
    svc.get_client(&client.id).unwrap();
    svc.get_conversation(&conversation.id).unwrap();
    svc.case_timeline(&case_id).unwrap();
    let view = svc
        .start_administration(StartAdministrationRequest {
            conversation_id: conversation.id.clone(),
            // Not a clinical screening: the default policy seals those for the GGD.
            definition_id: "who5".into(),
            mode: "read_aloud".into(),
            language: "nl".into(),
        })
        .unwrap();
    for item in view.items.iter().filter(|i| !i.options.is_empty()) {
        svc.answer_item(AnswerRequest {
            administration_id: view.id.clone(),
            link_id: item.link_id.clone(),
            value: Some(1),
            text: None,
            state: None,
            clear: false,
        })
        .unwrap();
    }
    svc.set_administration_status(&view.id, "completed")
        .unwrap();
    // An export is a share: refused (and not audited as an export) without consent.
    assert_eq!(
        svc.export_administration(&view.id, "ggd").unwrap_err().key,
        "consent_missing"
    );
    svc.record_consent(aankomst_app::consent_ipc::RecordConsentRequest {
        client_id: client.id.clone(),
        text_id: "screening-results-ggd".into(),
        text_version: 1,
        decision: "given".into(),
        decided_on: chrono::Utc::now().format("%Y-%m-%d").to_string(),
        language_shown: "nl".into(),
        conversation_id: None,
        interpreter_mode: None,
        interpreter_name: None,
        interpreter_language: None,
        comprehension_answer: Some(1),
    })
    .unwrap();
    // The export goes to the folder the host names as Downloads, readable by this user only,
    // and a second export never overwrites the first.
    assert_eq!(
        svc.export_administration_file(&view.id, "ggd")
            .unwrap_err()
            .key,
        "export_failed",
        "a host without a Downloads folder"
    );
    let downloads = dir.path().join("Downloads");
    *host.downloads.lock().unwrap() = Some(downloads.clone());
    let first = PathBuf::from(svc.export_administration_file(&view.id, "ggd").unwrap());
    let second = PathBuf::from(svc.export_administration_file(&view.id, "ggd").unwrap());
    assert_eq!(first.parent().unwrap(), downloads);
    assert_ne!(first, second);
    let fhir: serde_json::Value = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    assert_eq!(fhir["resourceType"], "Bundle");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&second).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    svc.get_client(&other.id).unwrap();

    let trail = svc.client_audit(&client.id).unwrap();
    let has = |action: AuditAction, kind: &str| {
        trail
            .iter()
            .any(|e| e.action == action && e.object.starts_with(kind))
    };
    assert!(has(AuditAction::Write, "client:"), "{trail:#?}");
    assert!(has(AuditAction::Write, "case:"));
    assert!(has(AuditAction::Write, "conversation:"));
    assert!(has(AuditAction::Write, "administration:"));
    assert!(has(AuditAction::Read, "client:"));
    assert!(has(AuditAction::Read, "conversation:"));
    assert!(has(AuditAction::Read, "case:"));
    assert!(has(AuditAction::Export, "administration:"));
    assert!(trail.windows(2).all(|w| w[0].seq < w[1].seq));
    assert!(trail
        .iter()
        .all(|e| !e.object.contains(&other.id) && e.user == trail[0].user));
    // Names never enter the trail: it names records by id.
    let raw = serde_json::to_string(&trail).unwrap();
    assert!(!raw.contains("Selam"));

    let other_trail = svc.client_audit(&other.id).unwrap();
    assert!(other_trail
        .iter()
        .any(|e| e.action == AuditAction::Read && e.object == format!("client:{}", other.id)));

    let status = svc.verify_audit_chain().unwrap();
    assert_eq!(status.broken, None);
    assert!(status.last_seq as usize >= trail.len() + other_trail.len());
}

#[test]
fn an_audit_export_to_a_typed_folder_needs_an_absolute_existing_one() {
    let (dir, svc, host, _) = with_profile();
    let req = aankomst_app::audit::AuditSearchRequest::default();
    let before = svc.verify_audit_chain().unwrap().last_seq;
    for typed in ["relative/folder", "/no/such/folder/here"] {
        assert_eq!(
            svc.export_audit_csv_file(req.clone(), Some(typed.into()))
                .unwrap_err()
                .key,
            "export_directory_invalid"
        );
    }
    // Refused before anything was exported or recorded.
    assert_eq!(svc.verify_audit_chain().unwrap().last_seq, before);
    assert!(host.dialogs.lock().unwrap().is_empty());
    let _ = dir;
}
