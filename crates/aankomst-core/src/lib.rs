//! Aankomst's domain: the records a counsellor keeps (clients, households, cases,
//! conversations), the rules that validate them, and the revision model every change
//! goes through. No IO, no SQL, no Tauri: everything here is a pure function of its input.

pub mod audit;
pub mod authority;
pub mod canonical;
pub mod consent;
pub mod dashboard;
pub mod deadlines;
pub mod demo;
pub mod guide;
pub mod handover;
pub mod hlc;
pub mod identifiers;
pub mod merge;
pub mod money;
pub mod monitoring;
pub mod partial_date;
pub mod passphrase;
pub mod plan;
pub mod policy;
pub mod records;
pub mod reference;
pub mod review;
pub mod revision;
pub mod sealing;
pub mod search;
#[cfg(test)]
mod team_figures_tests;
#[cfg(any(test, feature = "test-support"))]
pub mod teamgen;
pub mod trajectory;
pub mod validate;

pub use hlc::{Hlc, HlcClock};
pub use partial_date::PartialDate;
pub use records::{Case, Client, Conversation, Household};
pub use revision::{Fields, RecordKind, Revision};
