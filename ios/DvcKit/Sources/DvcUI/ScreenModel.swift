import DvcCore
import DvcKit
import Observation

/// One screen's model: its `state` and functions for the person's actions.
/// It maps actions to core calls and core results to state; the rules and
/// the texts are the core's.
@MainActor @Observable
public class ScreenModel<S> {
    /// What the screen shows now.
    public internal(set) var state: UiState<S>
    /// The shared app model.
    public let app: AppModel

    init(app: AppModel) {
        self.app = app
        state = .loading(text: app.common().loading)
    }

    /// The language the screen is in.
    var language: Language { app.language }

    /// The screen shown now, if any.
    var shown: S? { state.screen }

    /// The error's text in the screen's language.
    func text(of error: Error) -> String {
        if let e = error as? CoreError { return e.text(language: language == .vi ? "vi" : "en") }
        return String(describing: error)
    }

    /// Builds the screen; an error replaces it with `.failed`.
    func load(_ build: () async throws -> S) async {
        do {
            state = .ready(screen: try await build(), busy: false, error: nil)
        } catch {
            let common = app.common()
            state = .failed(title: common.errorTitle, message: text(of: error), retry: common.retry)
        }
    }

    /// Runs an action and shows the screen it returns; an error keeps the
    /// screen and shows why (or fails the screen when none is shown yet).
    func act(_ run: () async throws -> S) async {
        let before = shown
        if let before { state = .ready(screen: before, busy: true, error: nil) }
        do {
            state = .ready(screen: try await run(), busy: false, error: nil)
        } catch {
            if let before {
                state = .ready(screen: before, busy: false, error: text(of: error))
            } else {
                let common = app.common()
                state = .failed(title: common.errorTitle, message: text(of: error), retry: common.retry)
            }
        }
    }
}
