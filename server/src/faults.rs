//! Injected failures for resilience tests: with the configured odds a
//! request to a staff route fails before it is handled (503), fails after
//! it was handled and committed (500: the answer is lost), or is answered
//! only after a long stall (the client times out). Off unless configured.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// The odds of each injected failure, each in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Faults {
    /// Refused before being handled.
    pub fail_before: f64,
    /// Handled and committed, then answered with an error.
    pub fail_after: f64,
    /// Handled, then answered after `stall`.
    pub stall_odds: f64,
    /// How long a stalled answer waits.
    pub stall: Duration,
    /// Also fail uploads (`/v1/uploads…`) and filing (`POST /v1/dossiers`).
    pub files: bool,
}

impl Faults {
    /// Parses `before=0.2,after=0.2,stall=0.1,stall_ms=3000[,files=1]`.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut f = Faults {
            fail_before: 0.0,
            fail_after: 0.0,
            stall_odds: 0.0,
            stall: Duration::from_secs(3),
            files: false,
        };
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("expected name=value, got {part}"))?;
            let number: f64 = value
                .parse()
                .map_err(|_| format!("{name}: not a number: {value}"))?;
            let odds = || {
                if (0.0..=1.0).contains(&number) {
                    Ok(number)
                } else {
                    Err(format!("{name}: odds must be within 0..1"))
                }
            };
            match name {
                "before" => f.fail_before = odds()?,
                "after" => f.fail_after = odds()?,
                "stall" => f.stall_odds = odds()?,
                "stall_ms" if number >= 0.0 => f.stall = Duration::from_millis(number as u64),
                "files" => f.files = number != 0.0,
                _ => return Err(format!("unknown fault {name}")),
            }
        }
        Ok(f)
    }
}

/// Middleware applying [`Settings::faults`](crate::Settings) to `/v1/staff/`
/// routes (and, with `files`, to uploads and filing).
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(f) = state.settings.faults else {
        return next.run(req).await;
    };
    let path = req.uri().path();
    let files = f.files
        && (path.starts_with("/v1/uploads")
            || (path == "/v1/dossiers" && req.method() == axum::http::Method::POST));
    if !path.starts_with("/v1/staff/") && !files {
        return next.run(req).await;
    }
    if fastrand::f64() < f.fail_before {
        return (StatusCode::SERVICE_UNAVAILABLE, "injected: refused").into_response();
    }
    let response = next.run(req).await;
    let roll = fastrand::f64();
    if roll < f.fail_after {
        return (StatusCode::INTERNAL_SERVER_ERROR, "injected: answer lost").into_response();
    }
    if roll < f.fail_after + f.stall_odds {
        tokio::time::sleep(f.stall).await;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spec_and_refuses_bad_odds() {
        let f = Faults::parse("before=0.2, after=0.1,stall=0.05,stall_ms=1500").unwrap();
        assert_eq!(f.fail_before, 0.2);
        assert_eq!(f.fail_after, 0.1);
        assert_eq!(f.stall_odds, 0.05);
        assert_eq!(f.stall, Duration::from_millis(1500));
        assert!(Faults::parse("before=2").is_err());
        assert!(Faults::parse("sideways=0.1").is_err());
        assert!(Faults::parse("before").is_err());
        assert!(Faults::parse("files=1").unwrap().files);
    }
}
