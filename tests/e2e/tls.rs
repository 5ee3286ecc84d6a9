//! The phone's TLS: its lean provider (AES-GCM only, no ChaCha20) talks
//! to an HTTPS server whose certificate chains to the roots the app ships,
//! refuses a server whose certificate it cannot trust, and cannot agree
//! with a server that offers ChaCha20 only. The server here is a minimal
//! rustls listener on loopback with a test CA (tests/data/tls, valid
//! 2020–2045, for tests only).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use dvc_core::platform::MemorySecureStore;
use dvc_core::{Core, CoreConfig, ErrorKind};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/tls/ca.pem");
const CERT: &[u8] = include_bytes!("../data/tls/server.pem");
const KEY: &[u8] = include_bytes!("../data/tls/server.key");

/// An HTTPS listener on loopback that answers every request with `[]`,
/// offering `suites` only; returns its base URL.
async fn https_server(suites: Vec<rustls::SupportedCipherSuite>) -> String {
    let mut provider = rustls::crypto::ring::default_provider();
    provider.cipher_suites = suites;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from_pem_slice(CERT).unwrap()],
            PrivateKeyDer::from_pem_slice(KEY).unwrap(),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = vec![0u8; 4096];
                let _ = tls.read(&mut buf).await;
                let body = "[]";
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    format!("https://127.0.0.1:{port}")
}

/// A phone pointed at `url` trusting the roots in `roots_path`.
fn phone(url: &str, roots_path: &str) -> Core {
    let mut config = CoreConfig::new("", url);
    config.tls_roots_path = roots_path.to_owned();
    config.request_timeout_ms = 3_000;
    Core::open_with_catalogue(
        config,
        Arc::new(MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap()
}

#[tokio::test]
async fn the_phone_speaks_aes_gcm_to_a_server_it_trusts_and_nothing_to_one_it_does_not() {
    use rustls::crypto::ring::cipher_suite as suite;
    let good = https_server(vec![
        suite::TLS13_AES_128_GCM_SHA256,
        suite::TLS13_CHACHA20_POLY1305_SHA256,
    ])
    .await;
    let offices = phone(&good, CA).offices().list().await.unwrap();
    assert!(offices.is_empty(), "the server's answer came through TLS");

    // The shipped Mozilla roots do not include the test CA.
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/data/tls-roots.pem");
    let err = phone(&good, shipped).offices().list().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Offline, "{err:?}");

    // A server offering ChaCha20-Poly1305 only: no suite in common.
    let chacha = https_server(vec![suite::TLS13_CHACHA20_POLY1305_SHA256]).await;
    let err = phone(&chacha, CA).offices().list().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Offline, "{err:?}");
}
