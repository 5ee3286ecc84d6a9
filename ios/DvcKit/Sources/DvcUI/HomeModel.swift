import DvcCore
import Observation

/// The citizen's home: search (offline), drafts, next appointment, notifications.
@MainActor @Observable
public final class HomeModel: ScreenModel<HomeScreen> {
    override public init(app: AppModel) { super.init(app: app) }

    /// Shows the home screen, keeping the query shown.
    public func open() async {
        let query = shown?.query ?? ""
        await load { try app.core.screens().home(language: language, query: query) }
    }

    /// Searches the catalogue on the phone.
    public func search(_ query: String) async { await act { try app.core.screens().home(language: language, query: query) } }

    /// The draft to open for a procedure in the results (made if none).
    public func draft(for procedureCode: String) throws -> String {
        try app.core.screens().draftFor(procedureCode: procedureCode)
    }
}
