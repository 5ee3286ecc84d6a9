import DvcCore
import Observation

/// Offices near the person (position from CoreLocation, if allowed).
@MainActor @Observable
public final class OfficesModel: ScreenModel<OfficesScreen> {
    override public init(app: AppModel) { super.init(app: app) }

    /// Shows the offices, nearest first when the position is known.
    public func open(latitude: Double? = nil, longitude: Double? = nil) async {
        await load { try await app.core.screens().offices(language: language, latitude: latitude, longitude: longitude) }
    }

    /// The phone's position arrived: sort by distance.
    public func located(latitude: Double, longitude: Double) async {
        await act { try await app.core.screens().offices(language: language, latitude: latitude, longitude: longitude) }
    }
}
