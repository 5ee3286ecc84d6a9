//! Lộ trình: ordering a day's home visits into a short route from a start
//! point (usually the post office). The route is an open path — it starts
//! at the start point and ends at the last visit, without returning.
//!
//! Built by nearest-neighbour construction, then improved by 2-opt (reverse
//! a stretch of the route whenever that makes it shorter by more than
//! [`EPSILON_KM`]). Distances are great-circle (haversine) kilometres, not
//! road distances. The result is a good route, not always the shortest one.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, CoreResult};
use crate::office::distance_km;

/// A 2-opt move is taken only if it shortens the route by more than this
/// (1 mm), so rounding noise cannot make the improvement loop cycle.
pub const EPSILON_KM: f64 = 1e-6;

/// At most this many full 2-opt passes over the route; each pass that
/// finds no improving move ends the search earlier.
pub const MAX_PASSES: usize = 1_000;

/// A home visit to place on the route: its id and where it is (WGS84).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Stop {
    /// The visit's id, echoed in [`RoutePlan::order`].
    pub id: String,
    /// Latitude in degrees, in [-90, 90].
    pub latitude: f64,
    /// Longitude in degrees, in [-180, 180].
    pub longitude: f64,
}

/// A planned route and how long it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RoutePlan {
    /// Stop ids in visiting order.
    pub order: Vec<String>,
    /// Length of the planned route from the start point, in kilometres.
    pub length_km: f64,
    /// Length when visiting the stops in the order given, in kilometres.
    pub unordered_km: f64,
}

/// Orders `stops` into a short open route from `start` (latitude,
/// longitude): nearest-neighbour construction, then 2-opt improvement.
///
/// Refuses a non-finite or out-of-range coordinate, naming the stop.
pub fn plan_route(start: (f64, f64), stops: &[Stop]) -> CoreResult<RoutePlan> {
    let distances = Distances::new(start, stops)?;
    let mut path = distances.nearest_neighbour();
    two_opt(&mut path, &distances);
    Ok(distances.plan(&path, stops))
}

/// The nearest-neighbour route alone, without 2-opt: the baseline
/// [`plan_route`] improves on (cheaper, usually somewhat longer).
pub fn nearest_neighbour_route(start: (f64, f64), stops: &[Stop]) -> CoreResult<RoutePlan> {
    let distances = Distances::new(start, stops)?;
    let path = distances.nearest_neighbour();
    Ok(distances.plan(&path, stops))
}

/// Checks one position; `vi` and `en` name it in the error ("the start
/// point", or the stop).
fn check_position(latitude: f64, longitude: f64, vi: &str, en: &str) -> CoreResult<()> {
    if !latitude.is_finite() || !(-90.0..=90.0).contains(&latitude) {
        return Err(CoreError::invalid(
            "latitude",
            format!("Vĩ độ của {vi} không hợp lệ ({latitude}); phải nằm trong [-90, 90]."),
            format!("The latitude of {en} is invalid ({latitude}); it must be in [-90, 90]."),
        ));
    }
    if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
        return Err(CoreError::invalid(
            "longitude",
            format!("Kinh độ của {vi} không hợp lệ ({longitude}); phải nằm trong [-180, 180]."),
            format!("The longitude of {en} is invalid ({longitude}); it must be in [-180, 180]."),
        ));
    }
    Ok(())
}

/// All pairwise distances between the start point (node 0) and the stops
/// (node `i + 1` is `stops[i]`).
struct Distances {
    nodes: usize,
    km: Vec<f64>,
}

impl Distances {
    fn new(start: (f64, f64), stops: &[Stop]) -> CoreResult<Self> {
        check_position(start.0, start.1, "điểm xuất phát", "the start point")?;
        for stop in stops {
            check_position(
                stop.latitude,
                stop.longitude,
                &format!("điểm hẹn «{}»", stop.id),
                &format!("stop \"{}\"", stop.id),
            )?;
        }
        let points: Vec<(f64, f64)> = std::iter::once(start)
            .chain(stops.iter().map(|s| (s.latitude, s.longitude)))
            .collect();
        let nodes = points.len();
        let mut km = vec![0.0; nodes * nodes];
        for (a, &(lat_a, lon_a)) in points.iter().enumerate() {
            for (b, &(lat_b, lon_b)) in points.iter().enumerate().skip(a + 1) {
                let d = distance_km(lat_a, lon_a, lat_b, lon_b);
                km[a * nodes + b] = d;
                km[b * nodes + a] = d;
            }
        }
        Ok(Self { nodes, km })
    }

    fn get(&self, a: usize, b: usize) -> f64 {
        self.km[a * self.nodes + b]
    }

    /// Length of a path of nodes, in kilometres.
    fn length(&self, path: &[usize]) -> f64 {
        path.windows(2).map(|w| self.get(w[0], w[1])).sum()
    }

    /// From the start, always go to the nearest unvisited stop (ties: the
    /// stop listed first). The path begins with node 0.
    fn nearest_neighbour(&self) -> Vec<usize> {
        let mut path = Vec::with_capacity(self.nodes);
        let mut visited = vec![false; self.nodes];
        let mut here = 0;
        path.push(here);
        visited[here] = true;
        for _ in 1..self.nodes {
            // `min_by` keeps the first of equal minima.
            let nearest = (1..self.nodes)
                .filter(|&node| !visited[node])
                .min_by(|&a, &b| self.get(here, a).total_cmp(&self.get(here, b)));
            let Some(next) = nearest else { break };
            visited[next] = true;
            path.push(next);
            here = next;
        }
        path
    }

    /// The plan for `path` (which begins with node 0).
    fn plan(&self, path: &[usize], stops: &[Stop]) -> RoutePlan {
        let given: Vec<usize> = (0..self.nodes).collect();
        RoutePlan {
            order: path
                .iter()
                .skip(1)
                .filter_map(|&node| stops.get(node - 1).map(|s| s.id.clone()))
                .collect(),
            length_km: self.length(path),
            unordered_km: self.length(&given),
        }
    }
}

/// 2-opt on an open path whose first node (the start) stays fixed:
/// reversing `path[i..=j]` replaces the edges `(i-1, i)` and `(j, j+1)`
/// (the latter absent when `j` is last) with `(i-1, j)` and `(i, j+1)`.
/// Takes every move that saves more than [`EPSILON_KM`]; stops after a pass
/// without one, or after [`MAX_PASSES`].
fn two_opt(path: &mut [usize], d: &Distances) {
    let last = path.len().saturating_sub(1);
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for i in 1..last {
            for j in i + 1..=last {
                let (before, first, end) = (path[i - 1], path[i], path[j]);
                let mut delta = d.get(before, end) - d.get(before, first);
                if j < last {
                    let after = path[j + 1];
                    delta += d.get(first, after) - d.get(end, after);
                }
                if delta < -EPSILON_KM {
                    path[i..=j].reverse();
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const POST_OFFICE: (f64, f64) = (21.0262, 105.8535);

    fn stop(id: &str, latitude: f64, longitude: f64) -> Stop {
        Stop {
            id: id.to_owned(),
            latitude,
            longitude,
        }
    }

    /// Length of visiting `order` from `start`, straight from the haversine
    /// helper (independent of the distance table).
    fn recomputed_km(start: (f64, f64), stops: &[Stop], order: &[String]) -> f64 {
        let mut here = start;
        let mut total = 0.0;
        for id in order {
            let s = stops.iter().find(|s| &s.id == id).unwrap();
            total += distance_km(here.0, here.1, s.latitude, s.longitude);
            here = (s.latitude, s.longitude);
        }
        total
    }

    #[test]
    fn no_stops_make_an_empty_route() {
        let plan = plan_route(POST_OFFICE, &[]).unwrap();
        assert!(plan.order.is_empty());
        assert_eq!(plan.length_km, 0.0);
        assert_eq!(plan.unordered_km, 0.0);
    }

    #[test]
    fn one_stop_is_visited_directly() {
        let stops = [stop("a", 21.0300, 105.8500)];
        let plan = plan_route(POST_OFFICE, &stops).unwrap();
        assert_eq!(plan.order, ["a"]);
        let direct = distance_km(POST_OFFICE.0, POST_OFFICE.1, 21.0300, 105.8500);
        assert_eq!(plan.length_km, direct);
        assert_eq!(plan.unordered_km, direct);
    }

    #[test]
    fn two_stops_start_with_the_nearer() {
        let stops = [
            stop("far", 21.0600, 105.8535),
            stop("near", 21.0300, 105.8535),
        ];
        let plan = plan_route(POST_OFFICE, &stops).unwrap();
        assert_eq!(plan.order, ["near", "far"]);
        assert!(plan.length_km < plan.unordered_km);
    }

    #[test]
    fn stops_at_the_same_place_are_all_kept() {
        let stops = [
            stop("a", 21.0300, 105.8500),
            stop("b", 21.0300, 105.8500),
            stop("c", 21.0262, 105.8535),
            stop("d", 21.0300, 105.8500),
        ];
        let plan = plan_route(POST_OFFICE, &stops).unwrap();
        assert_eq!(plan.order, ["c", "a", "b", "d"]);
        let direct = distance_km(POST_OFFICE.0, POST_OFFICE.1, 21.0300, 105.8500);
        assert!((plan.length_km - direct).abs() < 1e-12);
    }

    #[test]
    fn zig_zag_list_is_straightened_into_a_shorter_route() {
        // Visits along one street east of the post office, listed far,
        // near, far, near...
        let stops: Vec<Stop> = [5, 1, 4, 2, 3]
            .iter()
            .map(|&k| stop(&format!("s{k}"), 21.0262, 105.8535 + 0.005 * f64::from(k)))
            .collect();
        let plan = plan_route(POST_OFFICE, &stops).unwrap();
        assert_eq!(plan.order, ["s1", "s2", "s3", "s4", "s5"]);
        assert!(plan.length_km < plan.unordered_km - 1.0, "{plan:?}");
    }

    #[test]
    fn two_opt_uncrosses_a_crossing_route() {
        // Start S, then P1 north, P2 east, P3 north-east: S-P1-P2-P3
        // crosses itself; S-P1-P3-P2 does not.
        let (lat, lon) = POST_OFFICE;
        let stops = [
            stop("p1", lat + 0.01, lon),
            stop("p2", lat, lon + 0.01),
            stop("p3", lat + 0.01, lon + 0.01),
        ];
        let d = Distances::new(POST_OFFICE, &stops).unwrap();
        let mut path = vec![0, 1, 2, 3];
        let crossing = d.length(&path);
        two_opt(&mut path, &d);
        assert!(d.length(&path) < crossing);
        // On 3 stops it reaches the shortest of the 6 orders (an uncrossed
        // one: S-P2-P3-P1, as a degree of longitude is the shorter side).
        let best = [
            [1, 2, 3],
            [1, 3, 2],
            [2, 1, 3],
            [2, 3, 1],
            [3, 1, 2],
            [3, 2, 1],
        ]
        .iter()
        .map(|o| d.length(&[0, o[0], o[1], o[2]]))
        .fold(f64::INFINITY, f64::min);
        assert_eq!(d.length(&path), best);
        assert_eq!(path, [0, 2, 3, 1]);
    }

    #[test]
    fn bad_coordinates_are_refused_with_the_field_named() {
        let ok = stop("ok", 21.03, 105.85);
        let cases = [
            (POST_OFFICE, stop("x", f64::NAN, 105.85), "latitude"),
            (POST_OFFICE, stop("x", 90.5, 105.85), "latitude"),
            (POST_OFFICE, stop("x", 21.03, f64::INFINITY), "longitude"),
            (POST_OFFICE, stop("x", 21.03, -180.01), "longitude"),
            ((f64::NAN, 105.85), ok.clone(), "latitude"),
            ((21.0, 181.0), ok.clone(), "longitude"),
        ];
        for (start, bad, field) in cases {
            let err = plan_route(start, &[ok.clone(), bad.clone()]).unwrap_err();
            assert_eq!(err.field(), Some(field), "{start:?} {bad:?}");
            assert!(!err.vi().is_empty() && !err.en().is_empty());
        }
        // The limits themselves are valid positions.
        assert!(plan_route((90.0, 180.0), &[stop("pole", -90.0, -180.0)]).is_ok());
    }

    #[test]
    fn plan_is_never_longer_than_nearest_neighbour_on_scattered_visits() {
        let mut rng = fastrand::Rng::with_seed(2026);
        for _ in 0..50 {
            let stops: Vec<Stop> = (0..30)
                .map(|i| {
                    stop(
                        &format!("v{i}"),
                        POST_OFFICE.0 + (rng.f64() - 0.5) * 0.09,
                        POST_OFFICE.1 + (rng.f64() - 0.5) * 0.096,
                    )
                })
                .collect();
            let plan = plan_route(POST_OFFICE, &stops).unwrap();
            let nn = nearest_neighbour_route(POST_OFFICE, &stops).unwrap();
            assert!(plan.length_km <= nn.length_km, "{plan:?} vs {nn:?}");
            assert_eq!(plan.unordered_km, nn.unordered_km);
        }
    }

    fn stops_strategy() -> impl Strategy<Value = Vec<Stop>> {
        // Positions within ~5 km of the post office, a few repeated.
        prop::collection::vec((-0.045f64..0.045, -0.048f64..0.048, 0u8..4), 0..25).prop_map(|raw| {
            raw.iter()
                .enumerate()
                .map(|(i, &(dlat, dlon, dup))| {
                    // Every fourth-ish stop shares the previous position.
                    let (dlat, dlon) = if dup == 0 && i > 0 {
                        (raw[i - 1].0, raw[i - 1].1)
                    } else {
                        (dlat, dlon)
                    };
                    stop(&format!("v{i}"), POST_OFFICE.0 + dlat, POST_OFFICE.1 + dlon)
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn plan_visits_every_stop_once_and_reports_its_true_length(stops in stops_strategy()) {
            let plan = plan_route(POST_OFFICE, &stops).unwrap();
            let mut got = plan.order.clone();
            got.sort();
            let mut want: Vec<String> = stops.iter().map(|s| s.id.clone()).collect();
            want.sort();
            prop_assert_eq!(got, want);

            let nn = nearest_neighbour_route(POST_OFFICE, &stops).unwrap();
            prop_assert!(plan.length_km <= nn.length_km + 1e-9);

            let recomputed = recomputed_km(POST_OFFICE, &stops, &plan.order);
            prop_assert!((plan.length_km - recomputed).abs() <= 1e-9);
            let given: Vec<String> = stops.iter().map(|s| s.id.clone()).collect();
            let unordered = recomputed_km(POST_OFFICE, &stops, &given);
            prop_assert!((plan.unordered_km - unordered).abs() <= 1e-9);
        }
    }
}
