//! The schema, as migrations that are never edited once shipped: a new need is a new
//! migration appended to the list.

use rusqlite_migration::{Migrations, M};

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            r#"
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;

        -- Every change ever made, in the order this device learnt of it.
        CREATE TABLE revisions (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            rev_id        TEXT NOT NULL UNIQUE,
            record_id     TEXT NOT NULL,
            kind          TEXT NOT NULL,
            parents       TEXT NOT NULL,
            author_user   TEXT NOT NULL,
            author_device TEXT NOT NULL,
            hlc           TEXT NOT NULL,
            fields        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX revisions_by_record ON revisions (record_id, seq);
        CREATE INDEX revisions_by_hlc ON revisions (hlc);

        -- The current state of each record, computed from its revisions.
        CREATE TABLE records (
            record_id TEXT PRIMARY KEY,
            kind      TEXT NOT NULL,
            state     TEXT NOT NULL,
            created   TEXT NOT NULL,
            updated   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX records_by_kind ON records (kind, updated);

        -- Read-side indexes, rebuilt from a record's state on each write.
        -- Everything the case list shows, so a search never decodes a record's state.
        CREATE TABLE client_index (
            client_id      TEXT PRIMARY KEY,
            names          TEXT NOT NULL,
            display_name   TEXT NOT NULL,
            document_name  TEXT NOT NULL,
            v_number       TEXT NOT NULL,
            bsn            TEXT NOT NULL,
            dob            TEXT NOT NULL,
            country        TEXT NOT NULL,
            location       TEXT NOT NULL,
            location_label TEXT NOT NULL
        ) STRICT;

        CREATE TABLE case_index (
            case_id    TEXT PRIMARY KEY,
            client_id  TEXT NOT NULL,
            status     TEXT NOT NULL,
            counsellor TEXT NOT NULL,
            opened_on  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX case_index_by_client ON case_index (client_id);

        CREATE TABLE conversation_index (
            conversation_id TEXT PRIMARY KEY,
            case_id         TEXT NOT NULL,
            starts_at       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX conversation_index_by_case ON conversation_index (case_id, starts_at);

        CREATE TABLE household_members (
            household_id TEXT NOT NULL,
            client_id    TEXT NOT NULL,
            PRIMARY KEY (household_id, client_id)
        ) STRICT;
        CREATE INDEX household_members_by_client ON household_members (client_id);

        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        "#,
        ),
        M::up(
            r#"
        -- Screening administrations, by conversation and by client (for charts over time).
        CREATE TABLE administration_index (
            administration_id TEXT PRIMARY KEY,
            conversation_id   TEXT NOT NULL,
            case_id           TEXT NOT NULL,
            client_id         TEXT NOT NULL,
            definition_id     TEXT NOT NULL,
            status            TEXT NOT NULL,
            sealed            INTEGER NOT NULL,
            started_at        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX administration_index_by_conversation ON administration_index (conversation_id, started_at);
        CREATE INDEX administration_index_by_client ON administration_index (client_id, definition_id, started_at);

        -- Instrument packs a licensed municipality supplied, as imported (re-read at unlock).
        CREATE TABLE instrument_packs (
            pack_id     TEXT PRIMARY KEY,
            imported_at TEXT NOT NULL,
            content     BLOB NOT NULL
        ) STRICT;
        "#,
        ),
        M::up(
            r#"
        -- The audit trail (NEN 7513): this device's hash chain, append-only. The entry is the
        -- chain's JSON; seq, client and time are copied out only to search it.
        CREATE TABLE audit_log (
            seq       INTEGER PRIMARY KEY,
            client_id TEXT,
            at        TEXT NOT NULL,
            entry     TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_log_by_client ON audit_log (client_id, seq);
        "#,
        ),
        M::up(
            r#"
        -- Sync (aankomst-sync): the envelope sealed for each of this device's own revisions,
        -- kept and resent as is until the server's signed receipt is stored beside it (and
        -- kept after: a sealed envelope this device cannot open stays with its receipt).
        CREATE TABLE sync_envelopes (
            rev_id          TEXT PRIMARY KEY,
            envelope_id     TEXT NOT NULL UNIQUE,
            record_kind     TEXT NOT NULL,
            audience        TEXT NOT NULL,
            envelope        BLOB NOT NULL,
            sealed_at_ms    INTEGER NOT NULL,
            receipt         BLOB,
            server_sequence INTEGER
        ) STRICT;
        CREATE INDEX sync_envelopes_unreceipted ON sync_envelopes (sealed_at_ms) WHERE receipt IS NULL;

        -- What went and what came, envelope by envelope, with the receipt's sequence.
        CREATE TABLE sync_ledger (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            at_ms           INTEGER NOT NULL,
            direction       TEXT NOT NULL,
            outcome         TEXT NOT NULL,
            envelope_id     TEXT NOT NULL,
            rev_id          TEXT,
            record_kind     TEXT NOT NULL,
            server_sequence INTEGER NOT NULL,
            bytes           INTEGER NOT NULL,
            UNIQUE (direction, envelope_id)
        ) STRICT;

        -- Enrolment, keys, pins, the pull cursor, the last check-in (values are JSON).
        CREATE TABLE sync_state (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        "#,
        ),
        M::up(
            r#"
        -- Consent decisions by client and PIP versions by case.
        CREATE TABLE consent_index (
            consent_id  TEXT PRIMARY KEY,
            client_id   TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX consent_index_by_client ON consent_index (client_id, recorded_at);

        CREATE TABLE plan_index (
            plan_id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            version INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX plan_index_by_case ON plan_index (case_id, version);
        "#,
        ),
        M::up(
            r#"
        -- Other devices' audit trails, as pulled (team envelopes whose content matched their
        -- chain links), for a supervisor's "who looked at this file?". Append-only: one row per
        -- device and sequence number, never updated. The entry is the chain's JSON; the other
        -- columns are copied out only to search it.
        CREATE TABLE audit_remote (
            device    TEXT NOT NULL,
            seq       INTEGER NOT NULL,
            hash      TEXT NOT NULL,
            client_id TEXT,
            at        TEXT NOT NULL,
            entry     TEXT NOT NULL,
            PRIMARY KEY (device, seq)
        ) STRICT;
        CREATE INDEX audit_remote_by_client ON audit_remote (client_id);

        -- Per device: the highest sequence number ever stored (a removed tail is a break) and
        -- how many pulled entries claimed a stored place with different content (a fork).
        CREATE TABLE audit_remote_heads (
            device    TEXT PRIMARY KEY,
            last_seq  INTEGER NOT NULL,
            conflicts INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        "#,
        ),
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
