//! Procedure search on the real catalogue (every national procedure and
//! Hanoi's own): our index against SQLite FTS5 (`unicode61
//! remove_diacritics 2`) on the same data and the same in-catalogue queries
//! (core/data/search-queries.json), timing both and printing the top-1
//! accuracy of both.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use dvc_core::catalogue::model::CatalogueData;
use dvc_core::catalogue::search::SearchIndex;
use dvc_core::catalogue::validate::parse_catalogue;
use rusqlite::Connection;
use serde::Deserialize;

#[derive(Deserialize)]
struct Query {
    query: String,
    expect: Option<String>,
}

/// The queries with an expected procedure.
fn queries() -> Vec<Query> {
    let all: Vec<Query> =
        serde_json::from_str(include_str!("../data/search-queries.json")).unwrap();
    all.into_iter().filter(|q| q.expect.is_some()).collect()
}

fn catalogue() -> CatalogueData {
    parse_catalogue(dvc_core::catalogue::BUNDLED_JSON).unwrap()
}

struct Fts {
    conn: Connection,
}

impl Fts {
    fn build(data: &CatalogueData) -> Self {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE p USING fts5(code UNINDEXED, name_vi, name_en, keywords, docs,
             tokenize = 'unicode61 remove_diacritics 2');",
        )
        .unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        for p in &data.procedures {
            let docs: Vec<String> = p
                .documents
                .iter()
                .map(|d| format!("{} {}", d.name_vi, d.name_en))
                .collect();
            tx.execute(
                "INSERT INTO p VALUES (?1, ?2, ?3, ?4, ?5)",
                (
                    &p.code,
                    &p.name_vi,
                    p.name_en.as_deref().unwrap_or(""),
                    p.keywords.join(" ; "),
                    docs.join(" ; "),
                ),
            )
            .unwrap();
        }
        tx.commit().unwrap();
        Self { conn }
    }

    /// Each word of the query as a prefix term, OR-ed, ranked by bm25 with
    /// column weights like ours (name_vi 3, name_en 2, keywords 2.5, docs 0.6).
    fn search(&self, query: &str, limit: usize) -> Vec<String> {
        let terms: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{}\"*", w.replace('"', "")))
            .collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT code FROM p WHERE p MATCH ?1 ORDER BY bm25(p, 0.0, 3.0, 2.0, 2.5, 0.6) LIMIT ?2")
            .unwrap();
        stmt.query_map((terms.join(" OR "), limit as i64), |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

fn median_micros(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Accuracy and per-query median latency of both, printed once.
fn report(index: &SearchIndex, fts: &Fts, qs: &[Query]) {
    let mut ours_ok = 0;
    let mut fts_ok = 0;
    let mut ours_t = Vec::new();
    let mut fts_t = Vec::new();
    let mut misses = Vec::new();
    let mut slowest: Vec<(f64, &str)> = Vec::new();
    for q in qs {
        let mut t = Vec::new();
        let mut top = String::new();
        for _ in 0..51 {
            let start = Instant::now();
            let hits = index.search(&q.query, 10);
            t.push(start.elapsed().as_secs_f64() * 1e6);
            top = hits.first().map(|h| h.code.clone()).unwrap_or_default();
        }
        let m = median_micros(t);
        slowest.push((m, q.query.as_str()));
        ours_t.push(m);
        if Some(&top) == q.expect.as_ref() {
            ours_ok += 1;
        } else {
            misses.push(format!("{:?} → {top:?} (want {:?})", q.query, q.expect));
        }
        let mut t = Vec::new();
        let mut top = String::new();
        for _ in 0..51 {
            let start = Instant::now();
            let hits = fts.search(&q.query, 10);
            t.push(start.elapsed().as_secs_f64() * 1e6);
            top = hits.first().cloned().unwrap_or_default();
        }
        fts_t.push(median_micros(t));
        if Some(&top) == q.expect.as_ref() {
            fts_ok += 1;
        }
    }
    let n = qs.len() as f64;
    println!(
        "\n== procedure search: {} procedures, {} queries",
        index.len(),
        qs.len()
    );
    println!(
        "ours: top-1 accuracy {:.1}% ({ours_ok}/{}), median query {:.1} µs",
        100.0 * ours_ok as f64 / n,
        qs.len(),
        median_micros(ours_t)
    );
    println!(
        "FTS5: top-1 accuracy {:.1}% ({fts_ok}/{}), median query {:.1} µs",
        100.0 * fts_ok as f64 / n,
        qs.len(),
        median_micros(fts_t)
    );
    for m in misses {
        println!("  our miss: {m}");
    }
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mean: f64 = slowest.iter().map(|s| s.0).sum::<f64>() / n;
    println!("ours: mean query {mean:.1} µs; slowest:");
    for (t, q) in slowest.iter().take(5) {
        println!("  {t:>8.1} µs  {q:?}");
    }
    println!();
}

fn bench(c: &mut Criterion) {
    let data = catalogue();
    let index = SearchIndex::build(&data);
    let fts = Fts::build(&data);
    let qs = queries();
    report(&index, &fts, &qs);
    let mut group = c.benchmark_group("search_all_queries");
    group.bench_function("ours", |b| {
        b.iter(|| {
            for q in &qs {
                std::hint::black_box(index.search(&q.query, 10));
            }
        })
    });
    group.bench_function("fts5", |b| {
        b.iter(|| {
            for q in &qs {
                std::hint::black_box(fts.search(&q.query, 10));
            }
        })
    });
    group.finish();
    c.bench_function("search_index_build", |b| {
        b.iter(|| SearchIndex::build(&data))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
