//! Handover of cases between counsellors: one case from its screen, or (on a supervisor's
//! device) every open case of a counsellor. Each handover is one revision of the case (see
//! `aankomst_core::handover`), so it syncs to the new counsellor's device like any other
//! change and the history stays with the case.

use crate::error::AppError;
use crate::handover_ipc::*;
use crate::ipc::ClientView;
use crate::service::{linked_id, parse_id, AppService, Session};
use aankomst_core::handover::{handover_fields, is_open_case_of, same_counsellor, HandoverError};
use aankomst_core::records::{view, Case};
use aankomst_core::RecordKind;
use chrono::Utc;

fn handover_error(e: HandoverError) -> AppError {
    match e {
        HandoverError::NoCounsellor => AppError::new("handover_no_counsellor"),
        HandoverError::TooLong => AppError::new("handover_too_long"),
        HandoverError::SameCounsellor => AppError::new("handover_same_counsellor"),
    }
}

fn is_supervisor(s: &Session) -> bool {
    s.sync
        .as_ref()
        .is_some_and(|e| e.role() == aankomst_sync::Role::Supervisor)
}

impl AppService {
    /// Hands a case over to another counsellor with a note; the client's view after it.
    pub fn handover_case(&self, req: HandoverCaseRequest) -> Result<ClientView, AppError> {
        let case_id = parse_id(&req.case_id)?;
        self.with_session(|s| {
            let record = s.store.get_kind(RecordKind::Case, case_id)?;
            let case: Case = view(&record.state.fields);
            let fields = handover_fields(&case, &req.to, &req.note, &s.meta.name, Utc::now())
                .map_err(handover_error)?;
            s.store.write(RecordKind::Case, case_id, fields)?;
            let client_id = linked_id(case.client_id.as_deref())?;
            crate::service::client_view(s, client_id)
        })
    }

    /// On a supervisor's device: hands every case of `from` that is not closed over to `to`,
    /// each with the same note, each as its own revision.
    pub fn handover_all(&self, req: HandoverAllRequest) -> Result<HandoverAllResult, AppError> {
        if req.from.trim().is_empty() {
            return Err(AppError::new("handover_no_counsellor"));
        }
        self.with_session(|s| {
            if !is_supervisor(s) {
                return Err(AppError::new("handover_supervisor_only"));
            }
            if same_counsellor(&req.from, &req.to) {
                return Err(AppError::new("handover_same_counsellor"));
            }
            let mut cases = Vec::new();
            s.store.for_each_of_kind(RecordKind::Case, |id, state| {
                let case: Case = view(&state.fields);
                if is_open_case_of(&case, &req.from) {
                    cases.push((id, case));
                }
            })?;
            let now = Utc::now();
            // Every revision is checked before the first is written.
            let writes = cases
                .iter()
                .map(|(id, case)| {
                    handover_fields(case, &req.to, &req.note, &s.meta.name, now)
                        .map(|f| (*id, f))
                        .map_err(handover_error)
                })
                .collect::<Result<Vec<_>, _>>()?;
            for (id, fields) in writes {
                s.store.write(RecordKind::Case, id, fields)?;
            }
            Ok(HandoverAllResult {
                handed_over: cases.len() as u32,
            })
        })
    }

    /// The counsellors the handover form offers: every name cases on this device are assigned
    /// to, and this profile's own, with their open cases.
    pub fn counsellors(&self) -> Result<Vec<CounsellorOption>, AppError> {
        self.with_session(|s| {
            let mut out: Vec<CounsellorOption> = Vec::new();
            let me = s.meta.name.trim().to_owned();
            if !me.is_empty() {
                out.push(CounsellorOption {
                    name: me.clone(),
                    open_cases: 0,
                    me: true,
                });
            }
            s.store.for_each_of_kind(RecordKind::Case, |_, state| {
                let case: Case = view(&state.fields);
                let Some(name) = case
                    .counsellor
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                else {
                    return;
                };
                let open = u32::from(case.status.as_deref() != Some("closed"));
                match out.iter_mut().find(|o| same_counsellor(&o.name, name)) {
                    Some(o) => o.open_cases += open,
                    None => out.push(CounsellorOption {
                        name: name.to_owned(),
                        open_cases: open,
                        me: false,
                    }),
                }
            })?;
            out.sort_by_key(|o| o.name.to_lowercase());
            Ok(out)
        })
    }
}
