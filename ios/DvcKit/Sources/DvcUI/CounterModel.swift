import DvcCore
import Observation

/// The counter's check of a citizen's QR: genuine or not, and the dossier.
@MainActor @Observable
public final class CounterModel: ScreenModel<CounterScreen> {
    /// True until the first scan (the view shows the camera).
    public private(set) var waiting = true

    override public init(app: AppModel) { super.init(app: app) }

    /// The camera read `payload`.
    public func scanned(_ payload: String) async {
        waiting = false
        await load { await app.core.screens().counterScan(language: language, payload: payload) }
    }
}
