//! The catalogue on the phone: works offline from the bundled copy, takes a
//! newer version from the server (ETag, 304), refuses a bad one and keeps
//! its own; drafts and ticks survive a restart.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::sync::Arc;

use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::platform::MemorySecureStore;
use dvc_core::{Core, CoreConfig, ErrorKind};
use dvc_e2e::World;

/// The bundled catalogue with a new version number.
fn newer_catalogue() -> String {
    let mut v: serde_json::Value = serde_json::from_str(dvc_core::catalogue::BUNDLED_JSON).unwrap();
    v["version"] = "9999.1.1".into();
    v.to_string()
}

/// A one-route server answering every request with `status` and `body`.
fn fixed_server(status: &'static str, body: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(20) {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let reply = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nETag: \"bad\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(reply.as_bytes());
        }
    });
    url
}

#[test]
fn the_bundled_catalogue_works_offline_on_first_start() {
    let core = Core::open_with_catalogue(
        CoreConfig::new("", "http://127.0.0.1:9"),
        Arc::new(MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap();
    let hits = core.catalogue().search("khai sinh", 3).unwrap();
    assert_eq!(hits[0].code, "1.001193");
    assert!(!core.catalogue().version().unwrap().is_empty());
}

#[test]
fn the_catalogue_file_the_app_ships_is_used_and_a_missing_one_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalogue.json");
    std::fs::write(&file, newer_catalogue()).unwrap();
    let open = |path: &std::path::Path| {
        Core::open_with_catalogue(
            CoreConfig {
                catalogue_path: path.to_string_lossy().into_owned(),
                ..CoreConfig::new("", "http://127.0.0.1:9")
            },
            Arc::new(MemorySecureStore::default()),
            dvc_core::catalogue::BUNDLED_JSON,
        )
        .unwrap()
    };
    let core = open(&file);
    assert_eq!(core.catalogue().version().unwrap(), "9999.1.1");
    assert_eq!(
        core.catalogue().search("khai sinh", 1).unwrap()[0].code,
        "1.001193"
    );
    let gone = open(&dir.path().join("missing.json"));
    let err = gone.catalogue().version().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
    assert!(err.support().unwrap().contains("missing.json"), "{err:?}");
    assert!(
        !err.en().contains("missing.json"),
        "the path is for support: {}",
        err.en()
    );
}

#[tokio::test]
async fn a_newer_catalogue_is_installed_once_and_then_not_modified() {
    let world = World::start_with(|c| c.catalogue_json = Some(newer_catalogue()));
    let dir = tempfile::tempdir().unwrap();
    let config = CoreConfig::new(dir.path().to_string_lossy(), world.server.url());
    let core = Core::open_with_catalogue(
        config.clone(),
        Arc::new(MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap();
    let first = core.catalogue().refresh().await.unwrap();
    assert_eq!((first.version.as_str(), first.changed), ("9999.1.1", true));
    assert_eq!(core.catalogue().version().unwrap(), "9999.1.1");
    let again = core.catalogue().refresh().await.unwrap();
    assert!(!again.changed, "the ETag made the server answer 304");
    drop(core);
    // The installed version survives a restart, offline.
    let offline = CoreConfig::new(dir.path().to_string_lossy(), "http://127.0.0.1:9");
    let core = Core::open_with_catalogue(
        offline,
        Arc::new(MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap();
    assert_eq!(core.catalogue().version().unwrap(), "9999.1.1");
}

#[tokio::test]
async fn a_malformed_or_unknown_catalogue_is_refused_and_the_old_one_kept() {
    for body in [
        r#"{"format": 1, "version": "x", "#,
        r#"{"format": 7, "version": "x", "note": "", "procedures": []}"#,
    ] {
        let url = fixed_server("200 OK", body);
        let core = Core::open_with_catalogue(
            CoreConfig::new("", url),
            Arc::new(MemorySecureStore::default()),
            dvc_core::catalogue::BUNDLED_JSON,
        )
        .unwrap();
        let before = core.catalogue().version().unwrap();
        let err = core.catalogue().refresh().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        assert_eq!(err.field(), Some("catalogue"));
        assert_eq!(core.catalogue().version().unwrap(), before);
        assert_eq!(
            core.catalogue().search("ket hon", 1).unwrap()[0].code,
            "1.000894"
        );
    }
}

#[test]
fn drafts_and_ticks_survive_a_restart_and_several_drafts_coexist() {
    let dir = tempfile::tempdir().unwrap();
    let config = CoreConfig::new(dir.path().to_string_lossy(), "http://127.0.0.1:9");
    let (birth, marriage, first_doc) = {
        let core = Core::open_with_catalogue(
            config.clone(),
            Arc::new(MemorySecureStore::default()),
            dvc_core::catalogue::BUNDLED_JSON,
        )
        .unwrap();
        let birth = core
            .checklists()
            .create_draft("1.001193", &ApplicantProfile::default())
            .unwrap();
        let marriage = core
            .checklists()
            .create_draft("1.000894", &ApplicantProfile::default())
            .unwrap();
        let first_doc = birth.checklist.items[0].id.clone();
        let ticked = core.checklists().tick(&birth.id, &first_doc, true).unwrap();
        assert!(ticked.checklist.items[0].have);
        (birth.id, marriage.id, first_doc)
    };
    let core = Core::open_with_catalogue(
        config,
        Arc::new(MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap();
    let drafts = core.checklists().drafts().unwrap();
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[0].id, birth, "most recently changed first");
    let again = core.checklists().draft(&birth).unwrap();
    assert!(
        again
            .checklist
            .items
            .iter()
            .any(|i| i.id == first_doc && i.have)
    );
    assert!(!again.checklist.missing.contains(&first_doc));
    let err = core
        .checklists()
        .tick(&marriage, "no_such_document", true)
        .unwrap_err();
    assert_eq!(err.field(), Some("document_id"));
    core.checklists().delete_draft(&marriage).unwrap();
    assert_eq!(core.checklists().drafts().unwrap().len(), 1);
    assert_eq!(
        core.checklists().draft(&marriage).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn an_unknown_procedure_code_is_not_found() {
    let core = Core::open_with_catalogue(
        CoreConfig::new("", "http://127.0.0.1:9"),
        Arc::new(MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap();
    let err = core
        .checklists()
        .preview("9.999999", &ApplicantProfile::default(), &[])
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.en().contains("9.999999"));
}
