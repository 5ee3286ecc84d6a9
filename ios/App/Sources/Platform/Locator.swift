import CoreLocation

/// The phone's position when the person allows it (offices by distance;
/// where a field action happened). A coarse, recent fix is enough.
@MainActor
final class Locator: NSObject, CLLocationManagerDelegate {
    private let manager = CLLocationManager()
    private var waiting: ((Double, Double) -> Void)?

    override init() {
        super.init()
        manager.delegate = self
        manager.desiredAccuracy = kCLLocationAccuracyHundredMeters
    }

    /// The last position known, if any.
    var lastKnown: (Double, Double)? {
        manager.location.map { ($0.coordinate.latitude, $0.coordinate.longitude) }
    }

    /// Asks for permission if needed, then one position.
    func request(_ done: @escaping (Double, Double) -> Void) {
        waiting = done
        manager.requestWhenInUseAuthorization()
        manager.requestLocation()
    }

    nonisolated func locationManager(_ manager: CLLocationManager, didUpdateLocations locations: [CLLocation]) {
        guard let l = locations.last else { return }
        Task { @MainActor in
            waiting?(l.coordinate.latitude, l.coordinate.longitude)
            waiting = nil
        }
    }

    nonisolated func locationManager(_ manager: CLLocationManager, didFailWithError error: Error) {}
}
