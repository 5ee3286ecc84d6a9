import DvcCore
import Observation

/// A dossier's timeline, opened by code or by an app link.
@MainActor @Observable
public final class TrackModel: ScreenModel<TrackScreen> {
    private var key: String?

    override public init(app: AppModel) { super.init(app: app) }

    /// Shows dossier `key` (a code, `CODE#CHECK`, or an item number).
    public func open(_ key: String) async {
        self.key = key
        await load { try await app.core.screens().track(language: language, key: key) }
    }

    /// Opens an app link (`dvc://dossier/<code>`); false when it is not one.
    public func openLink(_ url: String) async -> Bool {
        guard case let .dossier(key)? = app.core.screens().route(url: url) else { return false }
        await open(key)
        return true
    }

    /// Fetches the timeline again.
    public func refresh() async {
        guard let key else { return }
        await act { try await app.core.screens().track(language: language, key: key) }
    }
}
