//! The API document and the server agree: every route served is documented,
//! and every documented route is served.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use dvc_e2e::World;
use dvc_server::routes::{NO_ROUTE_HEADER, served};

fn documented() -> BTreeSet<(String, String)> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json"))
            .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut routes = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                routes.insert((method.clone(), path.clone()));
            }
        }
    }
    routes
}

#[test]
fn every_served_route_is_documented_and_every_documented_route_is_served() {
    let served: BTreeSet<(String, String)> = served()
        .into_iter()
        .map(|(m, p)| (m.to_owned(), p.to_owned()))
        .collect();
    let documented = documented();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served but not in docs/openapi.json: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "in docs/openapi.json but not served: {unserved:?}"
    );
}

#[tokio::test]
async fn the_router_really_answers_every_documented_route() {
    let world = World::start();
    let http = reqwest::Client::new();
    for (method, path) in documented() {
        let path = path
            .replace("{id}", "some-id")
            .replace("{sha256}", &"0".repeat(64));
        let url = format!("{}{}", world.server.url(), path);
        let req = match method.as_str() {
            "get" => http.get(&url),
            "post" => http.post(&url).json(&serde_json::json!({})),
            "put" => http.put(&url).body(vec![1u8]),
            other => panic!("unexpected method {other}"),
        };
        let resp = req.send().await.unwrap();
        assert!(
            resp.headers().get(NO_ROUTE_HEADER).is_none(),
            "{method} {path} fell through to no route"
        );
        assert_ne!(resp.status(), 405, "{method} {path} not allowed");
    }
    // And the fallback really marks unknown routes.
    let resp = http
        .get(format!("{}/v1/nothing-here", world.server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert!(resp.headers().get(NO_ROUTE_HEADER).is_some());
}
