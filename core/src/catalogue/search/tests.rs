//! Search over the real catalogue with the project's query set
//! (core/data/search-queries.json), and over the small test catalogue.

use super::*;
use crate::catalogue::validate::parse_catalogue;

#[derive(serde::Deserialize)]
struct Case {
    query: String,
    expect: Option<String>,
}

fn real() -> SearchIndex {
    SearchIndex::build(&parse_catalogue(crate::catalogue::BUNDLED_JSON).unwrap())
}

fn mini() -> SearchIndex {
    SearchIndex::build(
        &parse_catalogue(include_str!("../../../testdata/mini-catalogue.json")).unwrap(),
    )
}

fn cases() -> Vec<Case> {
    serde_json::from_str(include_str!("../../../data/search-queries.json")).unwrap()
}

fn top(index: &SearchIndex, q: &str) -> Option<SearchHit> {
    index.search(q, 1).into_iter().next()
}

/// Top-1, top-3 and out-of-catalogue figures of a query set, with misses.
struct Report {
    top1: f64,
    top3: f64,
    outside_weak: f64,
    inside: usize,
    outside: usize,
    text: String,
}

fn evaluate(index: &SearchIndex, cases: &[Case]) -> Report {
    let (mut top1, mut top3, mut inside, mut outside, mut outside_ok) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for c in cases {
        let hits = index.search(&c.query, 3);
        match &c.expect {
            Some(code) => {
                inside += 1;
                let at = hits.iter().position(|h| &h.code == code);
                top1 += usize::from(at == Some(0));
                top3 += usize::from(at.is_some());
                if at != Some(0) {
                    misses.push(format!(
                        "{:?} → {:?} (want {code} at {at:?})",
                        c.query,
                        hits.iter().map(|h| (&h.code, h.score)).collect::<Vec<_>>()
                    ));
                }
            }
            None => {
                outside += 1;
                if hits.first().is_none_or(|h| h.match_kind == MatchKind::Weak) {
                    outside_ok += 1;
                } else {
                    misses.push(format!("out of catalogue {:?} → {:?}", c.query, hits[0]));
                }
            }
        }
    }
    let pct = |a: usize, b: usize| a as f64 * 100.0 / b.max(1) as f64;
    let (top1, top3, outside_weak) = (
        pct(top1, inside),
        pct(top3, inside),
        pct(outside_ok, outside),
    );
    let text = format!(
        "top-1 {top1:.1}% top-3 {top3:.1}% of {inside}; out of catalogue empty or weak {outside_weak:.1}% of {outside}\n{}",
        misses.join("\n")
    );
    if std::env::var_os("DVC_SEARCH_REPORT").is_some() {
        println!("{text}");
    }
    Report {
        top1,
        top3,
        outside_weak,
        inside,
        outside,
        text,
    }
}

#[test]
fn the_query_set_over_the_real_catalogue_meets_the_accuracy_goals() {
    let r = evaluate(&real(), &cases());
    assert!(r.inside >= 300 && r.outside >= 40, "{}", r.text);
    // The goals: top-1 90 %, top-3 97 %, no confident answer out of the
    // catalogue (this set was used for tuning; see the held-out one).
    assert!(r.top1 >= 90.0, "{}", r.text);
    assert!(r.top3 >= 97.0, "{}", r.text);
    assert!(r.outside_weak >= 100.0, "{}", r.text);
}

/// A second set written apart from the tuning (core/data/search-heldout.json):
/// never used to choose keywords, synonyms or weights.
#[test]
fn the_held_out_query_set_holds_its_measured_accuracy() {
    let cases: Vec<Case> =
        serde_json::from_str(include_str!("../../../data/search-heldout.json")).unwrap();
    let r = evaluate(&real(), &cases);
    assert!(r.inside >= 120 && r.outside >= 20, "{}", r.text);
    assert!(
        r.top1 >= HELD_OUT_TOP1 && r.top3 >= HELD_OUT_TOP3,
        "{}",
        r.text
    );
    assert!(r.outside_weak >= 90.0, "{}", r.text);
}

/// Measured on the held-out set when it was added.
const HELD_OUT_TOP1: f64 = 77.0;
const HELD_OUT_TOP3: f64 = 88.0;

#[test]
fn the_general_case_comes_before_its_variants() {
    let index = real();
    assert_eq!(top(&index, "đăng ký khai sinh").unwrap().code, "1.001193");
    assert_eq!(
        top(&index, "dang ky khai sinh luu dong").unwrap().code,
        "1.003583"
    );
    assert_eq!(top(&index, "dang ky ket hon").unwrap().code, "1.000894");
}

#[test]
fn old_words_and_abbreviations_find_todays_procedures() {
    let index = real();
    for (q, code) in [
        ("nhap ho khau", "1.004222"),
        ("lam cmnd", "1.014061"),
        ("doi gplx", "3.000347"),
        ("lltp", "3.000333"),
        ("giay chung tu", "1.000656"),
        ("xac nhan doc than", "1.004873"),
    ] {
        assert_eq!(top(&index, q).map(|h| h.code), Some(code.to_owned()), "{q}");
    }
}

#[test]
fn nonsense_and_empty_queries_find_nothing_confidently() {
    let index = real();
    assert!(index.search("", 5).is_empty());
    assert!(index.search("   ", 5).is_empty());
    for q in ["asdfgh qwerty", "zzzz", "gia vang hom nay"] {
        assert!(
            index
                .search(q, 5)
                .iter()
                .all(|h| h.match_kind == MatchKind::Weak),
            "{q}"
        );
    }
}

#[test]
fn scores_are_within_zero_and_one_and_good_means_at_least_the_threshold() {
    let index = real();
    for c in cases().iter().take(120) {
        for h in index.search(&c.query, 5) {
            assert!((0.0..=1.0).contains(&h.score), "{h:?}");
            assert_eq!(h.match_kind == MatchKind::Good, h.score >= GOOD, "{h:?}");
        }
    }
}

#[test]
fn filters_keep_the_target_group_and_the_field() {
    let index = real();
    let business = SearchFilter {
        group: Some("business".to_owned()),
        field: None,
    };
    let hits = index.search_with("dang ky", &business, 20);
    assert!(!hits.is_empty());
    let data = parse_catalogue(crate::catalogue::BUNDLED_JSON).unwrap();
    for h in &hits {
        let p = data.procedures.iter().find(|p| p.code == h.code).unwrap();
        assert!(
            p.groups.contains(&crate::catalogue::model::Group::Business),
            "{h:?}"
        );
    }
    let civil = SearchFilter {
        group: None,
        field: Some("ho tich".to_owned()),
    };
    for h in index.search_with("cap ban sao", &civil, 10) {
        let p = data.procedures.iter().find(|p| p.code == h.code).unwrap();
        assert!(p.fields.iter().any(|f| f == "Hộ tịch"), "{h:?}");
    }
}

#[test]
fn the_word_being_typed_matches_as_a_prefix_and_a_code_finds_itself() {
    let index = mini();
    assert_eq!(top(&index, "khai si").unwrap().code, "1.001193");
    assert_eq!(top(&index, "1.000894").unwrap().score, 1.0);
}

#[test]
fn one_typo_is_forgiven() {
    let index = mini();
    assert_eq!(top(&index, "dang ky khia sinh").unwrap().code, "1.001193");
}
