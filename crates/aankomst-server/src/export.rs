//! The admin's export for a sealing recipient (the GGD): see
//! [`aankomst_protocol::sealed_export`]. The server only filters by the envelopes' clear
//! audience; it opens nothing.

use crate::storage::Storage;
use aankomst_protocol::sealed_export::{SealedExport, SEALED_EXPORT_FORMAT};
use aankomst_seal::{Audience, Envelope};
use anyhow::{bail, Context};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

const PAGE: usize = 1000;

/// Every envelope of `tenant` sealed for `recipient` after sequence `after`, with the author
/// devices' keys and the tenant's signed recipient list.
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
    let keys: BTreeMap<String, String> = storage
        .devices(Some(tenant))?
        .into_iter()
        .map(|d| (d.device_id, URL_SAFE_NO_PAD.encode(d.public_key)))
        .collect();
    let wanted = Audience::Sealed {
        recipient: recipient.to_owned(),
    };
    let mut envelopes = Vec::new();
    let mut devices = BTreeMap::new();
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
            let author = envelope.author_device().to_owned();
            if let Some(key) = keys.get(&author) {
                devices.insert(author, key.clone());
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
        devices,
        envelopes,
        last_sequence: cursor,
    })
}
