//! The check in front of every request: Host, Origin, then the token, which
//! says who is asking ([`Who`]) and so what they may reach.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::join_code;
use crate::secret::same;
use crate::who::Who;
use crate::AppState;

/// The cookie's name carries the port: cookies ignore ports, and two servers
/// on one host must not overwrite each other's token.
fn cookie_name(s: &AppState) -> String {
    format!("waymark_token_{}", s.addr.port())
}

pub(crate) async fn guard(
    State(s): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    let host_ok = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| host_allowed(&s, h));
    if !host_ok {
        return StatusCode::FORBIDDEN.into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let ok = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(|h| host_allowed(&s, h));
        if !ok {
            return StatusCode::FORBIDDEN.into_response();
        }
    }
    let from_query = query_token(req.uri().query());
    let given = from_query
        .clone()
        .or_else(|| bearer_token(headers))
        .or_else(|| cookie_token(headers, &cookie_name(&s)));
    if given.is_none() && join_code::handles(&s, req.method(), req.uri().path()) {
        return join_code::answer(&s, req).await;
    }
    let Some(who) = given.and_then(|t| identify(&s, &t)) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    if !may_reach(&s, &who, req.uri().path()) {
        return StatusCode::FORBIDDEN.into_response();
    }
    req.extensions_mut().insert(who);
    let mut res = next.run(req).await;
    if from_query.is_some() {
        // A page opened with `?token=` loads its scripts and styles without
        // it: the cookie carries the token for them (and only to this origin).
        let cookie = format!(
            "{}={}; HttpOnly; SameSite=Strict; Path=/",
            cookie_name(&s),
            from_query.unwrap_or_default()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

fn identify(s: &AppState, token: &str) -> Option<Who> {
    if same(token.as_bytes(), s.token.as_bytes()) {
        Some(Who::Host)
    } else if same(token.as_bytes(), s.workshop.join_token.as_bytes()) {
        Some(Who::Joiner)
    } else {
        s.workshop.by_token(token).map(Who::Participant)
    }
}

/// The facilitator reaches everything. Anyone with the join link loads the
/// page and joins. A participant reads the workshop's maps, sends updates
/// (checked against their role where they are applied) and votes; creating,
/// restoring and versioning maps stay with the facilitator.
fn may_reach(s: &AppState, who: &Who, path: &str) -> bool {
    let api = path.starts_with("/api/") || path.starts_with("/ws/");
    match who {
        Who::Host => true,
        Who::Joiner => !api || path == "/api/workshop" || path == "/api/workshop/join",
        Who::Participant(_) => {
            if !api || matches!(path, "/api/workshop" | "/api/workshop/vote") {
                return true;
            }
            let command = path.strip_prefix("/api/rpc/");
            if command.is_some_and(|c| crate::rpc_routes::PARTICIPANT_COMMANDS.contains(&c)) {
                return true;
            }
            let map_route = path
                .strip_prefix("/ws/")
                .map(|id| (id, ""))
                .or_else(|| path.strip_prefix("/api/maps/")?.split_once('/'));
            match map_route {
                Some((id, rest)) => {
                    matches!(rest, "" | "state" | "update") && s.workshop.map_allowed(id)
                }
                None => false,
            }
        }
    }
}

fn query_token(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .map(str::to_string)
}

fn bearer_token(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
}

fn cookie_token(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix(name)?.strip_prefix('='))
        .map(str::to_string)
}

/// `host` (`name:port` as in a Host header or an Origin) names this server:
/// its port, and a loopback name, the bound address, any IP address when
/// bound to all interfaces, or one of the configured extra hosts.
pub(crate) fn host_allowed(s: &AppState, host: &str) -> bool {
    let host = host.trim_end_matches('/');
    if s.config
        .extra_hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(host))
    {
        return true;
    }
    let Some((name, port)) = host.rsplit_once(':') else {
        return false;
    };
    if port.parse::<u16>().ok() != Some(s.addr.port()) {
        return false;
    }
    if s.config
        .extra_hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
    {
        return true;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = name.trim_start_matches('[').trim_end_matches(']');
    match ip.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == s.addr.ip() || s.addr.ip().is_unspecified(),
        Err(_) => false,
    }
}
