//! Wire types of the sync protocol and request authentication: they live in the
//! `aankomst-protocol` crate (shared with the client, which must not pull this server's HTTP
//! stack); this module re-exports them and maps header errors to the service's refusals.

pub use aankomst_protocol::*;

/// Parses the authentication headers; `get` returns a header's value if present.
pub fn parse_auth<'h>(
    get: impl Fn(&str) -> Option<&'h str>,
) -> Result<RequestAuth, crate::ServiceError> {
    aankomst_protocol::parse_auth(get).map_err(|e| match e {
        AuthHeaderError::Unauthenticated(name) => crate::ServiceError::Unauthenticated(name),
        AuthHeaderError::Malformed(text) => crate::ServiceError::Malformed(text),
    })
}
