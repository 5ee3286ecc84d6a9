import DvcCore

/// What a screen shows: waiting, the core's screen record, or an error
/// with nothing to show. Every text inside comes from the core.
public enum UiState<S> {
    /// Waiting for the first screen.
    case loading(text: String)
    /// The screen; `busy` while an action runs, `error` when the last
    /// action failed (the screen stays as it was).
    case ready(screen: S, busy: Bool, error: String?)
    /// The screen could not be built: `message`, and a `retry` button.
    case failed(title: String, message: String, retry: String)

    /// The screen shown, if any.
    public var screen: S? {
        if case let .ready(screen, _, _) = self { return screen }
        return nil
    }

    /// The case's name and its values in order (the tests' dumps).
    public var parts: (String, [(String, Any?)]) {
        switch self {
        case let .loading(text): return ("loading", [("text", text)])
        case let .ready(screen, busy, error): return ("ready", [("screen", screen), ("busy", busy), ("error", error)])
        case let .failed(title, message, retry):
            return ("failed", [("title", title), ("message", message), ("retry", retry)])
        }
    }
}
