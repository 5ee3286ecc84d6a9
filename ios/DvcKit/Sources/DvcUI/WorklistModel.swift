import DvcCore
import Observation

/// Today's visits in route order, the offline banner, unsent and turned-down actions.
@MainActor @Observable
public final class WorklistModel: ScreenModel<WorklistScreen> {
    override public init(app: AppModel) { super.init(app: app) }

    /// Shows the worklist (the stored copy offline).
    public func open() async { await load { try await app.core.screens().worklist(language: language) } }

    /// Fetches it again.
    public func refresh() async { await act { try await app.core.screens().worklist(language: language) } }

    /// Queues turned-down action `seq` again (after the cause was fixed).
    public func retry(_ seq: Int64) async {
        await act {
            _ = try app.core.field().retryWedged(seq: seq)
            return try await app.core.screens().worklist(language: language)
        }
    }

    /// Sets turned-down action `seq` aside, with why.
    public func setAside(_ seq: Int64, reason: String) async {
        await act {
            try app.core.field().setAside(seq: seq, reason: reason)
            return try await app.core.screens().worklist(language: language)
        }
    }
}
