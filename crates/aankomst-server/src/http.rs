//! The HTTP layer: thin axum handlers that turn requests into [`SignedRequest`]s, run the
//! service on the blocking pool, and turn results into JSON answers or typed refusals.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use tower_http::limit::RequestBodyLimitLayer;

use crate::protocol::{parse_auth, SignedRequest};
use crate::service::Service;
use crate::ServiceError;

/// How long one request may take, from its first byte to the answer.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Builds the router.
pub fn router(service: Arc<Service>) -> Router {
    let cap = hard_cap(service.limits().max_body_bytes);
    Router::new()
        .route("/v1/health", get(|| async { "ok" }))
        .route("/v1/server", get(server_info))
        .route("/v1/enrol", post(enrol))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/recipients", get(recipients))
        .route("/v1/devices", get(tenant_devices))
        .route("/v1/trust", post(upload_trust))
        .route("/v1/grants/request", post(request_grant))
        .route("/v1/grants/pending", get(pending_grants))
        .route("/v1/grants", post(upload_grant))
        .route("/v1/grants/mine", get(my_grants))
        .route("/v1/admin/enrolment-codes", post(admin_enrolment_code))
        .route("/v1/admin/devices", get(admin_devices))
        .route("/v1/admin/devices/revoke", post(admin_revoke))
        .route("/v1/policy", get(policy))
        .route("/v1/admin/policy", post(admin_policy))
        // Bodies up to the hard cap are read in full, so an oversized one (up to twice the
        // limit and a MiB) gets the service's typed `body_too_large` on a clean connection.
        // Beyond the cap the limit layer refuses before reading (the connection is then
        // closed with the body unread); the outer mapper types its bare 413 as well.
        .layer(RequestBodyLimitLayer::new(cap))
        .layer(axum::middleware::map_response_with_state(
            service.limits().max_body_bytes,
            typed_413,
        ))
        // A client that trickles its request (or never finishes it) does not hold a worker.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .with_state(service)
}

/// tower-http answers an oversized body with a bare 413; give it the typed refusal instead.
async fn typed_413(State(max_body): State<usize>, response: Response) -> Response {
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE
        && response.headers().get(header::CONTENT_TYPE)
            != Some(&HeaderValue::from_static("application/json"))
    {
        return refusal(ServiceError::BodyTooLarge { limit: max_body }).into_response();
    }
    response
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

fn refusal(e: ServiceError) -> Response {
    if let ServiceError::Internal(inner) = &e {
        tracing::error!(error = %inner, "internal error");
    } else {
        tracing::info!(code = e.code(), "request refused");
    }
    let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = json(status, &e.to_wire());
    if let ServiceError::RateLimited { retry_after_s } = e {
        if let Ok(v) = HeaderValue::from_str(&retry_after_s.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

/// Collects what a signed request needs (method, path, headers, the body within its limit),
/// then runs `f` on the blocking pool. A GET's body is empty, which is what its signature covers.
async fn run<T, F>(service: Arc<Service>, req: Request, f: F) -> Response
where
    T: Serialize + Send + 'static,
    F: FnOnce(&Service, &SignedRequest<'_>) -> Result<T, ServiceError> + Send + 'static,
{
    let (path_and_query, method, headers) = (
        path_and_query(&req),
        req.method().clone(),
        req.headers().clone(),
    );
    let body = match read_body(&service, req.into_body()).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let result = tokio::task::spawn_blocking(move || {
        let auth = parse_auth(|name| headers.get(name).and_then(|v| v.to_str().ok()))?;
        let req = SignedRequest {
            method: method.as_str(),
            path_and_query: &path_and_query,
            auth,
            body: &body,
        };
        f(&service, &req)
    })
    .await;
    match result {
        Ok(Ok(value)) => json(StatusCode::OK, &value),
        Ok(Err(e)) => refusal(e),
        Err(_) => json(
            StatusCode::INTERNAL_SERVER_ERROR,
            &serde_json::json!({"error": {"code": "internal", "message": "internal server error"}}),
        ),
    }
}

/// The most the server reads of a body before cutting the connection.
fn hard_cap(max_body: usize) -> usize {
    max_body.saturating_mul(2).saturating_add(1 << 20)
}

async fn read_body(service: &Service, body: Body) -> Result<Bytes, Response> {
    let limit = service.limits().max_body_bytes;
    // The service refuses anything over `limit`; reading up to the cap lets it answer cleanly.
    axum::body::to_bytes(body, hard_cap(limit))
        .await
        .map_err(|_| refusal(ServiceError::BodyTooLarge { limit }))
}

fn path_and_query(req: &Request) -> String {
    req.uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| req.uri().path().to_owned())
}

async fn server_info(State(service): State<Arc<Service>>) -> Response {
    json(StatusCode::OK, &service.server_info())
}

async fn enrol(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.enrol(r)).await
}

async fn push(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.push(r)).await
}

async fn recipients(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.recipients(r)).await
}

async fn tenant_devices(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.tenant_devices(r)).await
}

async fn upload_trust(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| {
        s.upload_trust(r).map(|()| serde_json::json!({}))
    })
    .await
}

async fn request_grant(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| {
        s.request_grant(r).map(|()| serde_json::json!({}))
    })
    .await
}

async fn pending_grants(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.pending_grants(r)).await
}

async fn upload_grant(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| {
        s.upload_grant(r).map(|()| serde_json::json!({}))
    })
    .await
}

async fn my_grants(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.my_grants(r)).await
}

async fn admin_enrolment_code(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.issue_code_for_supervisor(r)).await
}

async fn admin_devices(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.managed_devices(r)).await
}

async fn admin_revoke(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.revoke_for_supervisor(r)).await
}

async fn policy(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.policy(r)).await
}

async fn admin_policy(State(service): State<Arc<Service>>, req: Request) -> Response {
    run(service, req, |s, r| s.upload_policy(r)).await
}

/// Query of `GET /v1/pull`.
#[derive(Debug, Deserialize)]
pub struct PullQuery {
    /// Cursor: the last sequence the device holds (0 for none).
    #[serde(default)]
    pub after: u64,
    /// Page size (capped by the server).
    pub limit: Option<usize>,
}

async fn pull(
    State(service): State<Arc<Service>>,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
    req: Request,
) -> Response {
    let Ok(Query(q)) = query else {
        return refusal(ServiceError::Malformed(
            "pull query must be after=<integer>&limit=<integer>".into(),
        ));
    };
    run(service, req, move |s, r| s.pull(r, q.after, q.limit)).await
}
