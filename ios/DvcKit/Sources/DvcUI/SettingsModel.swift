import DvcCore
import Observation

/// Settings: language, text size, sign-out.
@MainActor @Observable
public final class SettingsModel: ScreenModel<SettingsScreen> {
    /// True once signed out (the app returns to sign-in).
    public private(set) var signedOut = false

    override public init(app: AppModel) { super.init(app: app) }

    /// Shows the screen.
    public func open() async { await load { try app.core.screens().settings(language: language) } }

    /// Picks a language by its choice id; every screen follows.
    public func chooseLanguage(_ id: String) async {
        await act {
            _ = try app.core.screens().chooseLanguage(id: id)
            try app.settingsChanged()
            return try app.core.screens().settings(language: language)
        }
    }

    /// Picks a text size by its choice id.
    public func chooseTextSize(_ id: String) async {
        await act {
            try app.core.screens().chooseTextSize(id: id)
            try app.settingsChanged()
            return try app.core.screens().settings(language: language)
        }
    }

    /// Signs out; drafts are deleted only when `discardDrafts`.
    public func signOut(discardDrafts: Bool) async {
        await act {
            try await app.core.account().signOut(discardDrafts: discardDrafts)
            signedOut = true
            return try app.core.screens().settings(language: language)
        }
    }
}
