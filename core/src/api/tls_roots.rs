//! The root certificates an `https` server is checked against. The mobile
//! library holds none (they would cost 70 KB of its 5 MiB): the apps ship
//! `tls-roots.pem` beside it and name it in `CoreConfig::tls_roots_path`;
//! the CLI passes the project's copy.

use crate::error::{CoreError, CoreResult};

/// Mozilla's list of trusted roots as Debian packages it
/// (`ca-certificates` 20230311+deb12u1), in `core/data/tls-roots.pem`.
/// Rust hosts only (see [`crate::Core::open_with_catalogue`]).
pub const BUNDLED_TLS_ROOTS: &[u8] = include_bytes!("../../data/tls-roots.pem");

/// The certificates of a PEM bundle; none given, unreadable or empty is a
/// clear error (an `https` server cannot be trusted without them).
pub(super) fn parse(pem: Option<&[u8]>) -> CoreResult<Vec<reqwest::Certificate>> {
    let missing = || {
        CoreError::invalid(
            "tls_roots_path",
            "Ứng dụng thiếu tệp chứng thư gốc (tls-roots.pem) nên không thể kết nối an toàn tới máy chủ.",
            "The app did not ship its root certificates file (tls-roots.pem), so it cannot connect to the server securely.",
        )
    };
    let roots =
        reqwest::Certificate::from_pem_bundle(pem.ok_or_else(missing)?).map_err(|_| missing())?;
    if roots.is_empty() {
        return Err(missing());
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::api::{ApiClient, RetryPolicy};

    fn client(roots: Option<&[u8]>) -> CoreResult<ApiClient> {
        ApiClient::new(
            "https://dvc.example.vn",
            Duration::from_secs(1),
            RetryPolicy::none(),
            roots,
        )
    }

    #[test]
    fn an_https_server_needs_the_shipped_roots() {
        assert!(parse(Some(BUNDLED_TLS_ROOTS)).unwrap().len() > 100);
        assert!(client(Some(BUNDLED_TLS_ROOTS)).is_ok());
        for roots in [None, Some(&b""[..]), Some(&b"not a certificate"[..])] {
            let err = client(roots).err().unwrap();
            assert_eq!(err.field(), Some("tls_roots_path"));
            assert!(err.en().contains("tls-roots.pem"), "{}", err.en());
        }
    }

    #[test]
    fn a_plain_http_server_on_loopback_needs_none() {
        assert!(
            ApiClient::new(
                "http://127.0.0.1:9",
                Duration::from_secs(1),
                RetryPolicy::none(),
                None
            )
            .is_ok()
        );
    }
}
