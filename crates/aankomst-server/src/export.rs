//! The admin's export for a sealing recipient (the GGD): see
//! [`aankomst_protocol::sealed_export`]. The server only filters by the envelopes' clear
//! audience; it opens nothing.

use crate::storage::{Storage, TrustKind};
use aankomst_protocol::sealed_export::{SealedExport, SEALED_EXPORT_FORMAT};
use aankomst_seal::{Audience, Envelope};
use anyhow::{bail, Context};
use serde_json::value::RawValue;

const PAGE: usize = 1000;

/// Every envelope of `tenant` sealed for `recipient` after sequence `after`, with the tenant's
/// certificates and statements (the reader takes author keys from them, never from the
/// server's device table) and its signed recipient list.
pub fn export_sealed(
    storage: &dyn Storage,
    tenant: &str,
    recipient: &str,
    after: u64,
) -> anyhow::Result<SealedExport> {
    let row = storage
        .tenant(tenant)?
        .with_context(|| format!("no tenant {tenant}"))?;
    let Some(list) = row.recipient_list_json else {
        bail!("tenant {tenant} has no recipient list");
    };
    let mut certificates = Vec::new();
    let mut statements = Vec::new();
    for (kind, json) in storage.trust_documents(tenant)? {
        let raw = RawValue::from_string(json)?;
        match kind {
            TrustKind::Certificate => certificates.push(raw),
            TrustKind::Statement => statements.push(raw),
        }
    }
    let wanted = Audience::Sealed {
        recipient: recipient.to_owned(),
    };
    let mut envelopes = Vec::new();
    let mut cursor = after;
    loop {
        let page = storage.pull(tenant, cursor, PAGE)?;
        let Some(&(last, _)) = page.last() else { break };
        for (_, body) in page {
            let envelope =
                Envelope::from_json(&body).context("a stored envelope does not parse")?;
            if envelope.audience() != &wanted {
                continue;
            }
            envelopes.push(RawValue::from_string(String::from_utf8(body)?)?);
        }
        cursor = last;
    }
    Ok(SealedExport {
        format: SEALED_EXPORT_FORMAT.to_owned(),
        tenant: tenant.to_owned(),
        recipient: recipient.to_owned(),
        recipient_list: RawValue::from_string(list)?,
        certificates,
        statements,
        envelopes,
        last_sequence: cursor,
    })
}
