//! Review of a PIP version: a counsellor submits it, a supervisor's device approves it
//! (signing the content with its device key) or returns it with a comment, an approved
//! version changes only through a new version. The rules are `aankomst_core::review`;
//! this module reads and writes the versions and does the signing and checking.

use crate::error::AppError;
use crate::plan::{plan_view, rule_error};
use crate::plan_ipc::*;
use crate::service::{linked_id, parse_id, AppService, Session};
use aankomst_core::deadlines::{pip_due, CaseDates, Terms};
use aankomst_core::plan::{Plan, COPIED_FIELDS};
use aankomst_core::records::{view, Case, Client};
use aankomst_core::review::{
    approval_message, approval_still_matches, check_approve, check_return, check_revise,
    check_submit, digest_hex, Approval, ReviewEvent,
};
use aankomst_core::{Fields, RecordKind};
use aankomst_seal::{DeviceKey, DevicePublicKey};
use aankomst_store::Store;
use aankomst_sync::{Role, SyncEngine};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

/// What signs an approval: a supervisor's device key. In the app it is the sync engine's
/// enrolled key; tests use a real Ed25519 [`DeviceKey`].
pub(crate) trait ApprovalSigner {
    fn device_id(&self) -> &str;
    fn sign(&self, message: &[u8]) -> [u8; 64];
}

impl ApprovalSigner for SyncEngine {
    fn device_id(&self) -> &str {
        SyncEngine::device_id(self)
    }
    fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.sign_statement(message)
    }
}

impl ApprovalSigner for DeviceKey {
    fn device_id(&self) -> &str {
        DeviceKey::device_id(self)
    }
    fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.sign_statement(message)
    }
}

/// Where the signer's public key and role come from: the device directory built from
/// certificates and signed role changes that chain to the pinned root (never the server's word,
/// DESIGN §4.11).
pub(crate) trait DeviceDirectory {
    fn public_key(&self, device_id: &str) -> Option<DevicePublicKey>;
    /// `None` when the directory does not know the device's role.
    fn is_supervisor(&self, device_id: &str) -> Option<bool>;
}

impl DeviceDirectory for SyncEngine {
    fn public_key(&self, device_id: &str) -> Option<DevicePublicKey> {
        self.device_public_key(device_id)
    }
    fn is_supervisor(&self, device_id: &str) -> Option<bool> {
        self.device_role(device_id).map(|r| r == Role::Supervisor)
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// This session's device as a signer, if it is a supervisor's.
fn supervisor_signer(s: &Session) -> Option<&dyn ApprovalSigner> {
    s.sync
        .as_ref()
        .filter(|e| e.role() == Role::Supervisor)
        .map(|e| e as &dyn ApprovalSigner)
}

pub(crate) fn is_supervisor(s: &Session) -> bool {
    supervisor_signer(s).is_some()
}

/// Whether the vaststelling needs the supervisor's approval: on a device in a team.
pub(crate) fn review_required(s: &Session) -> bool {
    s.sync.is_some()
}

/// Checks a version's approval: the content still the approved content, the signature the
/// signer's, the signer a supervisor's device.
pub(crate) fn check_approval(
    plan_id: &str,
    fields: &Fields,
    approval: &Approval,
    directory: Option<&dyn DeviceDirectory>,
) -> ApprovalState {
    let (message, matches) = approval_still_matches(plan_id, fields, approval);
    if !matches {
        return ApprovalState::Changed;
    }
    let Some(key) = directory.and_then(|d| d.public_key(&approval.device_id)) else {
        return ApprovalState::UnknownSigner;
    };
    let signature = URL_SAFE_NO_PAD
        .decode(approval.signature.trim_end_matches('='))
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok());
    let Some(signature) = signature else {
        return ApprovalState::Invalid;
    };
    if key.verify_statement(&message, &signature).is_err() {
        return ApprovalState::Invalid;
    }
    match directory.and_then(|d| d.is_supervisor(&approval.device_id)) {
        Some(false) => ApprovalState::NotSupervisor,
        _ => ApprovalState::Valid,
    }
}

pub(crate) fn approval_view(s: &Session, plan_id: Uuid, plan: &Plan) -> Option<ApprovalView> {
    let approval = plan.approval.as_ref()?;
    let fields = s
        .store
        .get_kind(RecordKind::Plan, plan_id)
        .ok()?
        .state
        .fields;
    let directory = s.sync.as_ref().map(|e| e as &dyn DeviceDirectory);
    Some(ApprovalView {
        by: approval.by.clone(),
        at: approval.at.clone(),
        device_id: approval.device_id.clone(),
        state: check_approval(&plan_id.to_string(), &fields, approval, directory),
    })
}

fn load(store: &Store, id: Uuid) -> Result<(Fields, Plan), AppError> {
    let fields = store.get_kind(RecordKind::Plan, id)?.state.fields;
    let plan = view(&fields);
    Ok((fields, plan))
}

fn event(action: &str, by: &str, device: &str, at: &str, comment: Option<&str>) -> ReviewEvent {
    ReviewEvent {
        action: action.into(),
        by: by.into(),
        device: Some(device.into()),
        at: at.into(),
        comment: comment.map(str::to_owned),
    }
}

fn with_event(plan: &Plan, e: ReviewEvent) -> Result<Value, AppError> {
    let mut log = plan.review_log.clone();
    log.push(e);
    serde_json::to_value(log).map_err(|_| AppError::new("internal"))
}

/// Approves version `id` as the supervisor `by`, signing with `signer` (`None`: this device
/// is not a supervisor's, refused).
pub(crate) fn approve_with(
    store: &mut Store,
    by: &str,
    signer: Option<&dyn ApprovalSigner>,
    id: Uuid,
) -> Result<(), AppError> {
    let (fields, plan) = load(store, id)?;
    check_approve(&plan, signer.is_some()).map_err(rule_error)?;
    let signer = signer.ok_or_else(|| AppError::new("internal"))?;
    let at = now();
    let message = approval_message(&id.to_string(), &fields, by, signer.device_id(), &at);
    let approval = Approval {
        by: by.into(),
        device_id: signer.device_id().into(),
        at: at.clone(),
        digest: digest_hex(&message),
        signature: URL_SAFE_NO_PAD.encode(signer.sign(&message)),
    };
    let mut out = Fields::new();
    out.insert("status".into(), json!("approved"));
    out.insert(
        "approval".into(),
        serde_json::to_value(&approval).map_err(|_| AppError::new("internal"))?,
    );
    out.insert(
        "review_log".into(),
        with_event(&plan, event("approved", by, signer.device_id(), &at, None))?,
    );
    store.write(RecordKind::Plan, id, out)?;
    Ok(())
}

/// Returns version `id` to the counsellor with `comment` (`supervisor`: whether this device
/// is a supervisor's).
pub(crate) fn return_with(
    store: &mut Store,
    by: &str,
    supervisor: bool,
    id: Uuid,
    comment: &str,
) -> Result<(), AppError> {
    let (_, plan) = load(store, id)?;
    check_return(&plan, supervisor, comment).map_err(rule_error)?;
    let device = store.identity().device.clone();
    let mut out = Fields::new();
    out.insert("status".into(), json!("returned"));
    out.insert(
        "review_log".into(),
        with_event(
            &plan,
            event("returned", by, &device, &now(), Some(comment.trim())),
        )?,
    );
    store.write(RecordKind::Plan, id, out)?;
    Ok(())
}

/// The deadline terms: the active municipal policy's (the default's if it cannot be read).
fn terms(s: &Session) -> Terms {
    crate::policy::terms_of(&s.store).unwrap_or_default()
}

impl AppService {
    /// Submits a draft (or a returned version) for the supervisor's review. It must be
    /// complete enough to be fixed; from now on it is not edited in place.
    pub fn submit_plan_for_review(&self, plan_id: &str) -> Result<PlanView, AppError> {
        let id = parse_id(plan_id)?;
        self.with_session(|s| {
            let (_, plan) = load(&s.store, id)?;
            check_submit(&plan).map_err(rule_error)?;
            let device = s.store.identity().device.clone();
            let mut out = Fields::new();
            out.insert("status".into(), json!("in_review"));
            out.insert(
                "review_log".into(),
                with_event(
                    &plan,
                    event("submitted", &s.meta.name, &device, &now(), None),
                )?,
            );
            s.store.write(RecordKind::Plan, id, out)?;
            plan_view(s, id)
        })
    }

    /// On a supervisor's device: approves a version in review, signing its content.
    pub fn approve_plan(&self, plan_id: &str) -> Result<PlanView, AppError> {
        let id = parse_id(plan_id)?;
        self.with_session(|s| {
            let Session {
                store, sync, meta, ..
            } = s;
            let signer = sync
                .as_ref()
                .filter(|e| e.role() == Role::Supervisor)
                .map(|e| e as &dyn ApprovalSigner);
            approve_with(store, &meta.name, signer, id)?;
            plan_view(s, id)
        })
    }

    /// On a supervisor's device: returns a version in review with a comment.
    pub fn return_plan(&self, req: ReturnPlanRequest) -> Result<PlanView, AppError> {
        let id = parse_id(&req.plan_id)?;
        self.with_session(|s| {
            let supervisor = is_supervisor(s);
            let name = s.meta.name.clone();
            return_with(&mut s.store, &name, supervisor, id, &req.comment)?;
            plan_view(s, id)
        })
    }

    /// A new version of an approved one (which is then `superseded`): the only way to
    /// change an approved PIP. The new draft copies its content and goes to review again.
    pub fn revise_plan(&self, plan_id: &str) -> Result<PlanView, AppError> {
        let id = parse_id(plan_id)?;
        self.with_session(|s| {
            let (fields, plan) = load(&s.store, id)?;
            check_revise(&plan).map_err(rule_error)?;
            let case_id = linked_id(plan.case_id.as_deref())?;
            let versions = s.store.plans_of_case(case_id)?;
            let mut new = Fields::new();
            new.insert("case_id".into(), json!(case_id.to_string()));
            new.insert("client_id".into(), json!(plan.client_id));
            new.insert("status".into(), json!("draft"));
            new.insert("version".into(), json!(versions.len() + 1));
            new.insert("previous_id".into(), json!(id.to_string()));
            for name in COPIED_FIELDS {
                if let Some(v) = fields.get(*name) {
                    new.insert((*name).into(), v.clone());
                }
            }
            let mut old = Fields::new();
            old.insert("status".into(), json!("superseded"));
            let new_id = Uuid::now_v7();
            s.store.write_batch(vec![
                (RecordKind::Plan, id, old),
                (RecordKind::Plan, new_id, new),
            ])?;
            plan_view(s, new_id)
        })
    }

    /// On a supervisor's device: the versions waiting for review, oldest submission first.
    pub fn plans_in_review(&self) -> Result<Vec<ReviewRow>, AppError> {
        self.with_session(|s| {
            if !is_supervisor(s) {
                return Err(rule_error(
                    aankomst_core::plan::PlanRuleError::NotSupervisor,
                ));
            }
            let mut found: Vec<(Uuid, Plan)> = Vec::new();
            s.store.for_each_of_kind(RecordKind::Plan, |id, state| {
                if state.fields.get("status").and_then(Value::as_str) == Some("in_review") {
                    found.push((id, view(&state.fields)));
                }
            })?;
            let terms = terms(s);
            let mut rows = Vec::with_capacity(found.len());
            for (id, plan) in found {
                let Some(case_id) = plan.case_id.as_deref().and_then(|c| parse_id(c).ok()) else {
                    continue;
                };
                let Some(case) = s.store.get(case_id)? else {
                    continue;
                };
                let case: Case = view(&case.state.fields);
                let client: Client = match case.client_id.as_deref().map(parse_id) {
                    Some(Ok(c)) => s
                        .store
                        .get(c)?
                        .map(|r| view(&r.state.fields))
                        .unwrap_or_default(),
                    _ => Client::default(),
                };
                let submitted = plan
                    .review_log
                    .iter()
                    .rev()
                    .find(|e| e.action == "submitted");
                let (due, _) = pip_due(&CaseDates::from_records(&client, &case), &terms);
                rows.push(ReviewRow {
                    plan_id: id.to_string(),
                    case_id: case_id.to_string(),
                    version: plan.version.unwrap_or_default().max(0) as u32,
                    client_name: client.display_name(),
                    counsellor: submitted.map(|e| e.by.clone()).or(case.counsellor.clone()),
                    submitted_at: submitted.map(|e| e.at.clone()),
                    pip_due: due.map(|d| d.format("%Y-%m-%d").to_string()),
                });
            }
            rows.sort_by(|a, b| a.submitted_at.cmp(&b.submitted_at));
            Ok(rows)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory holding real public keys (no stand-in for the crypto).
    struct Keys(Vec<(DevicePublicKey, bool)>);

    impl DeviceDirectory for Keys {
        fn public_key(&self, device_id: &str) -> Option<DevicePublicKey> {
            self.0
                .iter()
                .find(|(k, _)| k.device_id() == device_id)
                .map(|(k, _)| k.clone())
        }
        fn is_supervisor(&self, device_id: &str) -> Option<bool> {
            self.0
                .iter()
                .find(|(k, _)| k.device_id() == device_id)
                .map(|(_, s)| *s)
        }
    }

    fn fields() -> Fields {
        let Value::Object(map) = json!({
            "case_id": "0190f2a4-0000-7000-8000-000000000001",
            "client_id": "0190f2a4-0000-7000-8000-000000000002",
            "version": 1,
            "status": "approved",
            "route": "b1",
            "main_goal": "Werk in de zorg",
            "motivering": "Leerbaarheidstoets: gemiddeld",
            "reviews": [{"on": "2026-09-01"}],
        }) else {
            unreachable!()
        };
        map
    }

    fn signed(key: &DeviceKey, f: &Fields) -> Approval {
        let at = "2026-06-01T10:00:00Z";
        let m = approval_message("p1", f, "Marieke", key.device_id(), at);
        Approval {
            by: "Marieke".into(),
            device_id: key.device_id().into(),
            at: at.into(),
            digest: digest_hex(&m),
            signature: URL_SAFE_NO_PAD.encode(ApprovalSigner::sign(key, &m)),
        }
    }

    #[test]
    fn a_real_signature_verifies_and_fails_after_tampering() {
        let mut rng = aankomst_seal::system_rng();
        let supervisor = DeviceKey::generate("dev-supervisor", &mut rng).unwrap();
        let counsellor = DeviceKey::generate("dev-counsellor", &mut rng).unwrap();
        let dir = Keys(vec![
            (supervisor.public(), true),
            (counsellor.public(), false),
        ]);
        let f = fields();
        let approval = signed(&supervisor, &f);
        assert_eq!(
            check_approval("p1", &f, &approval, Some(&dir)),
            ApprovalState::Valid
        );
        // A field changed after the approval (arriving by sync, say).
        let mut changed = f.clone();
        changed.insert("main_goal".into(), json!("Werk in de techniek"));
        assert_eq!(
            check_approval("p1", &changed, &approval, Some(&dir)),
            ApprovalState::Changed
        );
        // The recorded digest rewritten to match the edit: the signature gives it away.
        let mut forged = approval.clone();
        forged.digest = digest_hex(&approval_message(
            "p1",
            &changed,
            "Marieke",
            "dev-supervisor",
            &approval.at,
        ));
        assert_eq!(
            check_approval("p1", &changed, &forged, Some(&dir)),
            ApprovalState::Invalid
        );
        // One bit of the signature flipped.
        let mut bytes = URL_SAFE_NO_PAD.decode(&approval.signature).unwrap();
        bytes[10] ^= 1;
        let mut flipped = approval.clone();
        flipped.signature = URL_SAFE_NO_PAD.encode(&bytes);
        assert_eq!(
            check_approval("p1", &f, &flipped, Some(&dir)),
            ApprovalState::Invalid
        );
        // Signed by another key than the named device's.
        let mut other = signed(&counsellor, &f);
        other.device_id = "dev-supervisor".into();
        other.digest = approval.digest.clone();
        assert_eq!(
            check_approval("p1", &f, &other, Some(&dir)),
            ApprovalState::Invalid
        );
        // A counsellor's device signed it itself: a valid signature, not a supervisor's.
        let own = signed(&counsellor, &f);
        assert_eq!(
            check_approval("p1", &f, &own, Some(&dir)),
            ApprovalState::NotSupervisor
        );
        // No directory (a device never enrolled), or a device it does not know.
        assert_eq!(
            check_approval("p1", &f, &approval, None),
            ApprovalState::UnknownSigner
        );
        assert_eq!(
            check_approval("p1", &f, &approval, Some(&Keys(vec![]))),
            ApprovalState::UnknownSigner
        );
    }

    // ---- The commands against a real encrypted store, on a device that is not enrolled
    // (a counsellor's). The supervisor's part runs through `approve_with` / `return_with`
    // with a real Ed25519 device key, as `approve_plan` does with the enrolled one.

    use crate::ipc::{CreateClientRequest, CreateProfileRequest};
    use crate::{AppService, Host, LockReason, ServiceConfig};
    use aankomst_core::audit::AuditAction;
    use std::sync::Arc;

    struct NoHost;
    impl Host for NoHost {
        fn locked(&self, _: LockReason) {}
    }

    fn service() -> (tempfile::TempDir, AppService) {
        let dir = tempfile::tempdir().unwrap();
        let mut config = ServiceConfig::new(
            dir.path().to_path_buf(),
            Arc::new(aankomst_store::MemoryKeychain::new()),
        );
        config.kdf = || aankomst_store::KdfParams::with_cost(1024, 1, 1);
        let svc = AppService::new(config, Arc::new(NoHost));
        svc.create_profile(CreateProfileRequest {
            name: "Fatima de Vries".into(),
            passphrase: "tulp fiets regen lantaarn".into(),
            demo: false,
        })
        .unwrap();
        (dir, svc)
    }

    fn save(svc: &AppService, id: &str, field: &str, value: Value) -> Result<PlanView, AppError> {
        svc.save_plan_field(SavePlanFieldRequest {
            plan_id: id.into(),
            field: field.into(),
            value,
        })
    }

    /// A complete draft: (client id, plan id).
    fn complete_draft(svc: &AppService) -> (String, String) {
        let client = svc
            .create_client(CreateClientRequest {
                fields: json!({"preferred_name": "Selam"}),
            })
            .unwrap();
        let draft = svc.open_plan_draft(&client.cases[0].id).unwrap();
        svc.set_plan_route(SetPlanRouteRequest {
            plan_id: draft.id.clone(),
            route: "b1".into(),
            reason: None,
        })
        .unwrap();
        save(svc, &draft.id, "main_goal", json!("Werk in de zorg")).unwrap();
        save(
            svc,
            &draft.id,
            "motivering",
            json!("Leerbaarheidstoets: gemiddeld"),
        )
        .unwrap();
        save(svc, &draft.id, "reviews", json!([{"on": "2026-12-01"}])).unwrap();
        (client.id, draft.id)
    }

    fn stored(svc: &AppService, id: &str) -> Fields {
        let id = parse_id(id).unwrap();
        svc.with_session(|s| Ok(s.store.get_kind(RecordKind::Plan, id)?.state.fields))
            .unwrap()
    }

    fn plan_writes(svc: &AppService, client: &str, plan: &str) -> usize {
        svc.client_audit(client)
            .unwrap()
            .iter()
            .filter(|e| e.action == AuditAction::Write && e.object == format!("plan:{plan}"))
            .count()
    }

    fn rule(e: AppError) -> String {
        assert_eq!(e.key, "plan_rule", "{e:?}");
        e.args["rule"].clone()
    }

    #[test]
    fn review_through_the_commands_submit_return_edit_approve_refuse_fix_revise() {
        let (_dir, svc) = service();
        let (client, id) = complete_draft(&svc);
        let uid = parse_id(&id).unwrap();
        let supervisor =
            DeviceKey::generate("dev-supervisor", &mut aankomst_seal::system_rng()).unwrap();

        // A device that is not enrolled is a counsellor's: it neither approves nor returns.
        let before = stored(&svc, &id);
        assert_eq!(rule(svc.approve_plan(&id).unwrap_err()), "not_supervisor");
        assert_eq!(
            rule(
                svc.return_plan(ReturnPlanRequest {
                    plan_id: id.clone(),
                    comment: "x".into()
                })
                .unwrap_err()
            ),
            "not_supervisor"
        );
        assert_eq!(rule(svc.plans_in_review().unwrap_err()), "not_supervisor");
        // A supervisor cannot approve a draft nobody submitted.
        assert_eq!(
            rule(
                svc.with_session(|s| approve_with(&mut s.store, "Marieke", Some(&supervisor), uid))
                    .unwrap_err()
            ),
            "not_in_review"
        );
        assert_eq!(stored(&svc, &id), before);

        // Submitted: no edits in place.
        let v = svc.submit_plan_for_review(&id).unwrap();
        assert_eq!(v.plan.status.as_deref(), Some("in_review"));
        assert!(!v.editable && !v.review.can_submit && !v.review.can_review);
        assert_eq!(v.plan.review_log[0].action, "submitted");
        assert_eq!(v.plan.review_log[0].by, "Fatima de Vries");
        let before = stored(&svc, &id);
        assert_eq!(
            rule(save(&svc, &id, "main_goal", json!("Anders")).unwrap_err()),
            "in_review"
        );
        assert_eq!(stored(&svc, &id), before);

        // Returned with a comment: editable again, the comment kept.
        let writes = plan_writes(&svc, &client, &id);
        assert_eq!(
            rule(
                svc.with_session(|s| return_with(&mut s.store, "Marieke", true, uid, "  "))
                    .unwrap_err()
            ),
            "comment_missing"
        );
        svc.with_session(|s| return_with(&mut s.store, "Marieke", true, uid, "Meer subdoelen"))
            .unwrap();
        assert_eq!(
            plan_writes(&svc, &client, &id),
            writes + 1,
            "the return is audited"
        );
        let v = svc.get_plan(&id).unwrap();
        assert_eq!(v.plan.status.as_deref(), Some("returned"));
        assert!(v.editable && v.review.can_submit);
        let returned = &v.plan.review_log[1];
        assert_eq!(
            (
                returned.action.as_str(),
                returned.by.as_str(),
                returned.comment.as_deref()
            ),
            ("returned", "Marieke", Some("Meer subdoelen"))
        );
        save(
            &svc,
            &id,
            "subgoals",
            json!([{"goal": "Taal", "actions": []}]),
        )
        .unwrap();

        // Submitted again and approved with the supervisor's key.
        svc.submit_plan_for_review(&id).unwrap();
        let writes = plan_writes(&svc, &client, &id);
        svc.with_session(|s| approve_with(&mut s.store, "Marieke", Some(&supervisor), uid))
            .unwrap();
        assert_eq!(
            plan_writes(&svc, &client, &id),
            writes + 1,
            "the approval is audited"
        );
        let v = svc.get_plan(&id).unwrap();
        assert_eq!(v.plan.status.as_deref(), Some("approved"));
        assert_eq!(v.plan.review_log.len(), 4);
        assert!(!v.editable && v.review.can_revise && v.review.can_fix);
        let approval = v.plan.approval.clone().unwrap();
        assert_eq!(approval.device_id, "dev-supervisor");
        // This device is not enrolled: it has no directory to check the signer against.
        assert_eq!(
            v.review.approval.as_ref().map(|a| a.state),
            Some(ApprovalState::UnknownSigner)
        );
        let dir = Keys(vec![(supervisor.public(), true)]);
        assert_eq!(
            check_approval(&id, &stored(&svc, &id), &approval, Some(&dir)),
            ApprovalState::Valid
        );

        // An approved version refuses every edit in place, and nothing changes.
        let before = stored(&svc, &id);
        assert_eq!(
            rule(save(&svc, &id, "main_goal", json!("Anders")).unwrap_err()),
            "approved"
        );
        assert_eq!(
            rule(
                svc.set_plan_route(SetPlanRouteRequest {
                    plan_id: id.clone(),
                    route: "z".into(),
                    reason: Some("x".into()),
                })
                .unwrap_err()
            ),
            "approved"
        );
        assert_eq!(
            rule(svc.submit_plan_for_review(&id).unwrap_err()),
            "not_submittable"
        );
        assert_eq!(stored(&svc, &id), before);

        // A change that arrives anyway (by sync from a device that edited the field): the
        // approval no longer matches, and the vaststelling is refused.
        svc.with_session(|s| {
            let mut f = Fields::new();
            f.insert("main_goal".into(), json!("Werk in de techniek"));
            s.store.write(RecordKind::Plan, uid, f)?;
            Ok(())
        })
        .unwrap();
        let v = svc.get_plan(&id).unwrap();
        assert_eq!(
            v.review.approval.map(|a| a.state),
            Some(ApprovalState::Changed)
        );
        assert_eq!(
            check_approval(&id, &stored(&svc, &id), &approval, Some(&dir)),
            ApprovalState::Changed
        );
        let today = crate::service::today().format("%Y-%m-%d").to_string();
        assert_eq!(
            rule(
                svc.fix_plan(FixPlanRequest {
                    plan_id: id.clone(),
                    fixed_on: today.clone(),
                })
                .unwrap_err()
            ),
            "approval_changed"
        );

        // The change is made properly: a new version of the approved one.
        let new = svc.revise_plan(&id).unwrap();
        assert_ne!(new.id, id);
        assert_eq!(new.plan.version, Some(2));
        assert_eq!(new.plan.previous_id.as_deref(), Some(id.as_str()));
        assert_eq!(new.plan.status.as_deref(), Some("draft"));
        assert!(new.plan.approval.is_none() && new.plan.review_log.is_empty());
        assert_eq!(new.plan.main_goal.as_deref(), Some("Werk in de techniek"));
        assert!(new.editable);
        let old = svc.get_plan(&id).unwrap();
        assert_eq!(old.plan.status.as_deref(), Some("superseded"));
        assert!(
            old.plan.approval.is_some(),
            "the approval stays in the history"
        );
        assert_eq!(
            rule(save(&svc, &id, "main_goal", json!("x")).unwrap_err()),
            "superseded"
        );
        assert_eq!(rule(svc.revise_plan(&id).unwrap_err()), "not_approved");
        let case_id = new.case_id.clone();
        assert_eq!(svc.open_plan_draft(&case_id).unwrap().id, new.id);

        // Approved again, untouched: fixed (this device works alone, so a draft could be
        // too; the approved version is fixed with its approval still valid).
        let nid = parse_id(&new.id).unwrap();
        svc.submit_plan_for_review(&new.id).unwrap();
        svc.with_session(|s| approve_with(&mut s.store, "Marieke", Some(&supervisor), nid))
            .unwrap();
        let fixed = svc
            .fix_plan(FixPlanRequest {
                plan_id: new.id.clone(),
                fixed_on: today,
            })
            .unwrap();
        assert_eq!(fixed.plan.status.as_deref(), Some("fixed"));
        let approval = fixed.plan.approval.clone().unwrap();
        assert_eq!(
            check_approval(&new.id, &stored(&svc, &new.id), &approval, Some(&dir)),
            ApprovalState::Valid,
            "fixing does not touch what was approved"
        );
    }
}
