//! Distances on the Earth's surface.

/// Great-circle distance in kilometres between two WGS84 positions
/// (haversine, mean Earth radius 6,371 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const R: f64 = 6371.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().clamp(0.0, 1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hoan_kiem_to_ha_dong_is_about_ten_kilometres() {
        let d = distance_km(21.0262, 105.8535, 20.9720, 105.7780);
        assert!((9.5..10.5).contains(&d), "{d}");
        assert_eq!(distance_km(21.0, 105.8, 21.0, 105.8), 0.0);
    }
}
