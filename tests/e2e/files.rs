//! Files that reach the agency: pages attached on the phone, uploaded in
//! chunks, filed with the dossier, read back by the owner and the office's
//! staff (by role), never by anyone else; the upload API's refusals; the
//! proofs of a home delivery; the retention rule.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use dvc_core::catalogue::profile::{ApplicantProfile, Channel};
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::{Core, ErrorKind};
use dvc_e2e::World;
use dvc_e2e::files::jpeg;
use serde_json::{Value, json};

/// Criminal record certificate: three documents, accepted online.
const PROCEDURE: &str = "3.000333";
const DOCUMENTS: [&str; 3] = ["request_form", "id_copy", "residence_copy"];

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    dvc_core::ids::hex(&sha2::Sha256::digest(bytes))
}

/// A draft to file online at Hoàn Kiếm.
fn online_draft(phone: &Core) -> String {
    let profile = ApplicantProfile {
        channel: Channel::Online,
        ..Default::default()
    };
    let plan = DraftPlan {
        office_id: Some("vnp-hoan-kiem".into()),
        ..Default::default()
    };
    phone
        .checklists()
        .start_draft(PROCEDURE, &profile, &[], plan)
        .unwrap()
        .id
}

/// Raw HTTP as `token`: status and JSON (or `null`).
async fn call(
    world: &World,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new().request(method, format!("{}{path}", world.server.url()));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn put_chunk(
    world: &World,
    token: &str,
    id: &str,
    offset: u64,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .put(format!(
            "{}/v1/uploads/{id}?offset={offset}",
            world.server.url()
        ))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn pages_filed_online_reach_the_office_and_only_those_allowed_see_them() {
    let world = World::start();
    let dir = tempfile::tempdir().unwrap();
    let an = world.citizen("0912345678").await;
    let draft = online_draft(&an);
    // Online filing needs a page for every document before it is ready.
    let before = an.checklists().draft(&draft).unwrap().checklist;
    assert!(!before.ready);
    assert_eq!(before.pages_missing, DOCUMENTS);
    assert!(before.items.iter().all(|i| i.attachment_required));
    let err = an.dossiers().submit(draft.clone()).await.unwrap_err();
    assert_eq!(err.field(), Some("pages"));
    let photos: Vec<Vec<u8>> = (0..4).map(|i| jpeg(300_000 + i * 1000, i as u64)).collect();
    let paths: Vec<String> = photos
        .iter()
        .enumerate()
        .map(|(i, b)| write(dir.path(), &format!("p{i}.jpg"), b))
        .collect();
    let pdf = [b"%PDF-1.7\n".as_slice(), &[7u8; 5000]].concat();
    let pdf_path = write(dir.path(), "form.pdf", &pdf);
    an.checklists()
        .attach(&draft, "request_form", std::slice::from_ref(&pdf_path))
        .unwrap();
    let id_pages = an
        .checklists()
        .attach(&draft, "id_copy", &paths[..2])
        .unwrap();
    assert_eq!(
        id_pages
            .iter()
            .map(|p| (p.page, p.sha256.clone()))
            .collect::<Vec<_>>(),
        vec![(1, sha(&photos[0])), (2, sha(&photos[1]))]
    );
    // The same file again is not a second page; a page removed renumbers.
    assert_eq!(
        an.checklists()
            .attach(&draft, "id_copy", &paths[..1])
            .unwrap()
            .len(),
        2
    );
    an.checklists()
        .attach(&draft, "residence_copy", &paths[2..])
        .unwrap();
    let left = an.checklists().detach(&draft, "residence_copy", 1).unwrap();
    assert_eq!((left.len(), left[0].page), (1, 1));
    let ready = an.checklists().draft(&draft).unwrap().checklist;
    assert!(ready.ready && ready.pages_missing.is_empty(), "{ready:?}");
    assert!(
        ready.items.iter().all(|i| i.have),
        "a page ticks its document"
    );

    let dossier = an.dossiers().submit(draft.clone()).await.unwrap();
    assert_eq!(dossier.pages.len(), 4);
    assert!(an.dossiers().pending_filings().unwrap().is_empty());
    let code = dossier.code.clone().unwrap();

    // The owner and the office's counter see every page; field staff of
    // the office see no pages (proofs only); another office and another
    // citizen get "not found"; no token, 401.
    let mine = an.files().list(code.clone()).await.unwrap();
    assert_eq!(mine.files.len(), 4);
    let counter = world.staff("counter-hk").await;
    let seen = counter.files().list(code.clone()).await.unwrap();
    assert_eq!(seen.files, mine.files);
    let out = dir.path().join("back.jpg");
    let n = counter
        .files()
        .save(
            code.clone(),
            sha(&photos[1]),
            out.to_string_lossy().into_owned(),
        )
        .await
        .unwrap();
    assert_eq!(n as usize, photos[1].len());
    assert_eq!(std::fs::read(&out).unwrap(), photos[1]);
    let field = world.staff("field-hk").await;
    assert!(
        field
            .files()
            .list(code.clone())
            .await
            .unwrap()
            .files
            .is_empty()
    );
    let err = field
        .files()
        .save(
            code.clone(),
            sha(&photos[1]),
            out.to_string_lossy().into_owned(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let other_office = world.staff("counter-cg").await;
    let err = other_office.files().list(code.clone()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let binh = world.citizen("0987654321").await;
    assert_eq!(
        binh.files().list(code.clone()).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let (status, _) = call(
        &world,
        reqwest::Method::GET,
        &format!("/v1/dossiers/{code}/files"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 401);
    // The public track says nothing of files.
    let check = dossier.track_check.clone().unwrap();
    let (status, track) = call(
        &world,
        reqwest::Method::GET,
        &format!("/v1/track/{code}?check={check}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, 200, "{track}");
    let text = track.to_string();
    assert!(
        !text.contains(&sha(&photos[0])) && !text.contains("pages"),
        "{text}"
    );
}

#[tokio::test]
async fn the_upload_api_refuses_wrong_hashes_types_offsets_sizes_and_other_accounts() {
    let world = World::start_with(|c| {
        c.settings.files.day_files = 6;
    });
    let token = world.citizen_token("0912345678").await;
    let other = world.citizen_token("0987654321").await;
    let file = jpeg(2_500_000, 9);
    let declare =
        |sha: &str, bytes: usize, kind: &str| json!({"sha256": sha, "bytes": bytes, "type": kind});
    let post = reqwest::Method::POST;
    let (s, up) = call(
        &world,
        post.clone(),
        "/v1/uploads",
        Some(&token),
        Some(declare(&sha(&file), file.len(), "jpeg")),
    )
    .await;
    assert_eq!(s, 201, "{up}");
    let id = up["id"].as_str().unwrap().to_owned();
    assert_eq!(up["received"], 0);
    // Chunks: not at `received` → wrong_offset; over 1 MiB → 413; another
    // account's upload id → 404; a wrong content type → 415.
    let (s, e) = put_chunk(&world, &token, &id, 10, file[10..20].to_vec()).await;
    assert_eq!(
        (s, e["reason"].as_str()),
        (409, Some("wrong_offset")),
        "{e}"
    );
    let (s, _) = put_chunk(&world, &token, &id, 0, file[..1_100_000].to_vec()).await;
    assert_eq!(s, 413);
    let (s, _) = put_chunk(&world, &other, &id, 0, file[..10].to_vec()).await;
    assert_eq!(s, 404);
    let (s, _) = call(
        &world,
        reqwest::Method::PUT,
        &format!("/v1/uploads/{id}?offset=0"),
        Some(&token),
        Some(json!({})),
    )
    .await;
    assert_eq!(s, 415);
    // Complete before every byte is there: refused.
    let (s, e) = call(
        &world,
        post.clone(),
        &format!("/v1/uploads/{id}/complete"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        (s, e["reason"].as_str()),
        (409, Some("wrong_offset")),
        "{e}"
    );
    // Half sent, then created again: the upload begun, where it stands.
    let (s, _) = put_chunk(&world, &token, &id, 0, file[..1_000_000].to_vec()).await;
    assert_eq!(s, 200);
    let (s, again) = call(
        &world,
        post.clone(),
        "/v1/uploads",
        Some(&token),
        Some(declare(&sha(&file), file.len(), "jpeg")),
    )
    .await;
    assert_eq!(
        (s, again["id"].as_str(), again["received"].as_i64()),
        (200, Some(id.as_str()), Some(1_000_000))
    );
    // Bytes that are not what the hash says: hash_mismatch, bytes dropped.
    let (s, _) = put_chunk(&world, &token, &id, 1_000_000, vec![0; 1_000_000]).await;
    assert_eq!(s, 200);
    let (s, _) = put_chunk(&world, &token, &id, 2_000_000, file[2_000_000..].to_vec()).await;
    assert_eq!(s, 200);
    let (s, e) = call(
        &world,
        post.clone(),
        &format!("/v1/uploads/{id}/complete"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        (s, e["reason"].as_str()),
        (409, Some("hash_mismatch")),
        "{e}"
    );
    let (_, now) = call(
        &world,
        reqwest::Method::GET,
        &format!("/v1/uploads/{id}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(now["received"], 0);
    // A PDF declared as a JPEG: wrong_file_type at completion.
    let pdf = [b"%PDF-1.4\n".as_slice(), &[1u8; 100]].concat();
    let (_, up) = call(
        &world,
        post.clone(),
        "/v1/uploads",
        Some(&token),
        Some(declare(&sha(&pdf), pdf.len(), "jpeg")),
    )
    .await;
    let pid = up["id"].as_str().unwrap().to_owned();
    put_chunk(&world, &token, &pid, 0, pdf.clone()).await;
    let (s, e) = call(
        &world,
        post.clone(),
        &format!("/v1/uploads/{pid}/complete"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        (s, e["reason"].as_str()),
        (409, Some("wrong_file_type")),
        "{e}"
    );
    // Over the per-file limit, empty, unknown type, bad hash: refused at create.
    for (body, want) in [
        (declare(&sha(b"x"), 5_000_001, "jpeg"), "file_too_large"),
        (declare(&sha(b"x"), 0, "jpeg"), "bytes"),
        (declare(&sha(b"x"), 10, "heic"), "body"),
        (declare("ABC", 10, "png"), "sha256"),
    ] {
        let (s, e) = call(
            &world,
            post.clone(),
            "/v1/uploads",
            Some(&token),
            Some(body),
        )
        .await;
        assert!(s == 409 || s == 400 || s == 422, "{s} {e}");
        assert!(e["reason"] == want || e["field"] == want, "{want}: {e}");
    }
    // The whole file sent properly completes; the same file again is
    // complete at once; another account holding the same bytes must send
    // them itself (no hash-as-key access to someone else's file).
    let (_, up) = call(
        &world,
        post.clone(),
        "/v1/uploads",
        Some(&token),
        Some(declare(&sha(&file), file.len(), "jpeg")),
    )
    .await;
    for (i, part) in file.chunks(1_000_000).enumerate() {
        let (s, _) = put_chunk(
            &world,
            &token,
            up["id"].as_str().unwrap(),
            (i * 1_000_000) as u64,
            part.to_vec(),
        )
        .await;
        assert_eq!(s, 200);
    }
    let (s, done) = call(
        &world,
        post.clone(),
        &format!("/v1/uploads/{}/complete", up["id"].as_str().unwrap()),
        Some(&token),
        None,
    )
    .await;
    assert_eq!((s, done["complete"].as_bool()), (200, Some(true)), "{done}");
    let (s, again) = call(
        &world,
        post.clone(),
        "/v1/uploads",
        Some(&token),
        Some(declare(&sha(&file), file.len(), "jpeg")),
    )
    .await;
    assert_eq!((s, again["complete"].as_bool()), (200, Some(true)));
    let (s, theirs) = call(
        &world,
        post.clone(),
        "/v1/uploads",
        Some(&other),
        Some(declare(&sha(&file), file.len(), "jpeg")),
    )
    .await;
    assert_eq!(
        (s, theirs["complete"].as_bool(), theirs["received"].as_i64()),
        (201, Some(false), Some(0))
    );
    // The day's allowance of files (6 here) runs out.
    let mut last = (0, Value::Null);
    for i in 0..6 {
        let f = jpeg(100, 100 + i);
        last = call(
            &world,
            post.clone(),
            "/v1/uploads",
            Some(&token),
            Some(declare(&sha(&f), f.len(), "jpeg")),
        )
        .await;
    }
    assert_eq!(
        (last.0, last.1["reason"].as_str()),
        (409, Some("upload_quota")),
        "{}",
        last.1
    );
    assert!(last.1["vi"].as_str().unwrap().contains("mỗi ngày"));
}

#[tokio::test]
async fn filing_refuses_pages_the_account_has_not_uploaded() {
    let world = World::start();
    let token = world.citizen_token("0912345678").await;
    let other = world.citizen_token("0987654321").await;
    // Binh uploads a file; An names it in a dossier: file_missing.
    let f = jpeg(1000, 1);
    let (_, up) = call(
        &world,
        reqwest::Method::POST,
        "/v1/uploads",
        Some(&other),
        Some(json!({"sha256": sha(&f), "bytes": f.len(), "type": "jpeg"})),
    )
    .await;
    let id = up["id"].as_str().unwrap();
    put_chunk(&world, &other, id, 0, f.clone()).await;
    call(
        &world,
        reqwest::Method::POST,
        &format!("/v1/uploads/{id}/complete"),
        Some(&other),
        None,
    )
    .await;
    let body = |pages: Value| json!({"procedure_code": PROCEDURE, "office_id": "vnp-hoan-kiem", "pages": pages});
    let page = |doc: &str, n: i32| json!({"document_id": doc, "page": n, "sha256": sha(&f), "bytes": f.len(), "type": "jpeg"});
    let (s, e) = call(
        &world,
        reqwest::Method::POST,
        "/v1/dossiers",
        Some(&token),
        Some(body(json!([page("id_copy", 1)]))),
    )
    .await;
    assert_eq!(
        (s, e["reason"].as_str()),
        (409, Some("file_missing")),
        "{e}"
    );
    // Binh's own: a page of a document the procedure lacks, a gap in the
    // numbering: refused; a proper one files.
    for pages in [json!([page("passport", 1)]), json!([page("id_copy", 2)])] {
        let (s, e) = call(
            &world,
            reqwest::Method::POST,
            "/v1/dossiers",
            Some(&other),
            Some(body(pages)),
        )
        .await;
        assert!(s == 409 || s == 400 || s == 422, "{s} {e}");
    }
    let (s, d) = call(
        &world,
        reqwest::Method::POST,
        "/v1/dossiers",
        Some(&other),
        Some(body(json!([page("id_copy", 1)]))),
    )
    .await;
    assert_eq!(s, 201, "{d}");
    assert_eq!(d["pages"][0]["sha256"], sha(&f));
    // Online with a document lacking a page: refused by the server too.
    let online = json!({"procedure_code": PROCEDURE, "office_id": "vnp-hoan-kiem",
        "profile": {"applicant": "self", "beneficiary": "none", "channel": "online", "answers": []},
        "pages": [page("id_copy", 1)]});
    let (s, e) = call(
        &world,
        reqwest::Method::POST,
        "/v1/dossiers",
        Some(&other),
        Some(online),
    )
    .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("pages")), "{e}");
}

#[tokio::test]
async fn a_submit_cut_off_mid_upload_goes_on_from_where_the_server_stands() {
    let world = World::start();
    let dir = tempfile::tempdir().unwrap();
    let an = world.citizen("0912345678").await;
    let draft = online_draft(&an);
    let big = jpeg(3_500_000, 42);
    let path = write(dir.path(), "big.jpg", &big);
    for d in DOCUMENTS {
        an.checklists()
            .attach(&draft, d, std::slice::from_ref(&path))
            .unwrap();
    }
    // Another process (the app before it was killed) sent two chunks.
    // The same account, from another session.
    let token = world.citizen_token("0912345678").await;
    let (_, up) = call(
        &world,
        reqwest::Method::POST,
        "/v1/uploads",
        Some(&token),
        Some(json!({"sha256": sha(&big), "bytes": big.len(), "type": "jpeg"})),
    )
    .await;
    let id = up["id"].as_str().unwrap().to_owned();
    put_chunk(&world, &token, &id, 0, big[..1_048_576].to_vec()).await;
    put_chunk(
        &world,
        &token,
        &id,
        1_048_576,
        big[1_048_576..2_097_152].to_vec(),
    )
    .await;
    let dossier = an.dossiers().submit(draft).await.unwrap();
    assert_eq!(dossier.pages.len(), 3);
    // Stored once, whole, under the upload begun.
    let (_, state) = call(
        &world,
        reqwest::Method::GET,
        &format!("/v1/uploads/{id}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        (state["complete"].as_bool(), state["received"].as_i64()),
        (Some(true), Some(big.len() as i64))
    );
    let blobs: i64 = world
        .server
        .state()
        .db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM blob", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(blobs, 1);
    assert_eq!(
        world
            .server
            .state()
            .blobs
            .read(&sha(&big), 0, 4_000_000)
            .unwrap(),
        big
    );
}

#[tokio::test]
async fn offline_filing_waits_in_the_queue_and_goes_when_the_network_is_back() {
    let world = World::start();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(dvc_core::platform::MemorySecureStore::default());
    let online = |url: &str| {
        world.open_phone(
            dvc_core::CoreConfig::new(data.path().to_string_lossy(), url),
            store.clone(),
        )
    };
    let an = online(world.server.url());
    let sent = an
        .account()
        .request_code("0912345678".into())
        .await
        .unwrap();
    let code = world.codes.last_code(&sent.phone).unwrap();
    an.account()
        .sign_in_citizen("0912345678".into(), code)
        .await
        .unwrap();
    let draft = online_draft(&an);
    let photo = write(dir.path(), "a.jpg", &jpeg(200_000, 3));
    for d in DOCUMENTS {
        an.checklists()
            .attach(&draft, d, std::slice::from_ref(&photo))
            .unwrap();
    }
    drop(an);
    // No signal: the filing is kept, with its pages.
    let offline = online("http://127.0.0.1:9");
    let err = offline.dossiers().submit(draft.clone()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Offline);
    let waiting = offline.dossiers().pending_filings().unwrap();
    assert_eq!(
        (waiting.len(), waiting[0].pages, waiting[0].reason.clone()),
        (1, 3, None)
    );
    drop(offline);
    // A restart later, with signal: sent once.
    let back = online(world.server.url());
    let filed = back.dossiers().send_pending().await.unwrap();
    assert_eq!(filed.len(), 1);
    assert_eq!(filed[0].pages.len(), 3);
    assert!(back.dossiers().pending_filings().unwrap().is_empty());
    assert!(back.dossiers().send_pending().await.unwrap().is_empty());
    // The phone's copies are gone once filed.
    let left = std::fs::read_dir(data.path().join("files"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "tmp")
        .flat_map(|e| std::fs::read_dir(e.path()).unwrap().flatten())
        .count();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn files_of_finished_dossiers_go_after_the_retention_period() {
    let world = World::start();
    let an = world.citizen("0912345678").await;
    let dir = tempfile::tempdir().unwrap();
    let draft = online_draft(&an);
    let f = jpeg(10_000, 5);
    let path = write(dir.path(), "a.jpg", &f);
    for d in DOCUMENTS {
        an.checklists()
            .attach(&draft, d, std::slice::from_ref(&path))
            .unwrap();
    }
    let dossier = an.dossiers().submit(draft).await.unwrap();
    let state = world.server.state();
    let settings = state.settings.files;
    let sweep = |days: i64| {
        dvc_server::files::retention::sweep(
            &state.db,
            state.blobs.as_ref(),
            &settings,
            world.now() + chrono::Duration::days(days),
        )
        .unwrap()
    };
    // Open dossiers keep their files, however old.
    assert_eq!(sweep(800).files, 0);
    an.dossiers().withdraw(dossier.id.clone()).await.unwrap();
    assert_eq!(sweep(300).files, 0, "kept within the 365 days");
    let swept = sweep(366);
    assert_eq!((swept.links, swept.files), (3, 1));
    assert!(!state.blobs.has(&sha(&f)));
    assert!(
        an.files()
            .list(dossier.id.clone())
            .await
            .unwrap()
            .files
            .is_empty()
    );
}
