import DvcCore
import Observation

/// Sending the field actions: what waits, progress, what arrived, what was turned down.
@MainActor @Observable
public final class SyncModel: ScreenModel<SyncScreen> {
    /// The progress line while a sync runs (nil otherwise).
    public private(set) var progress: String?

    override public init(app: AppModel) { super.init(app: app) }

    /// Shows what waits (offline).
    public func open() async { await load { try app.core.screens().syncStatus(language: language) } }

    /// The core's events: progress of a running sync.
    public func on(_ event: CoreEvent) {
        if case let .syncProgress(sent, acknowledged) = event {
            progress = app.core.screens().syncProgress(language: language, sent: sent, acknowledged: acknowledged)
        }
    }

    /// Syncs now.
    public func sync() async {
        defer { progress = nil }
        await act { try await app.core.screens().sync(language: language) }
    }
}
