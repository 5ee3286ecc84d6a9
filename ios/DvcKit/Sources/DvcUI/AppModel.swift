import DvcCore
import Observation

/// What every screen model shares: the core, the language and text scale
/// the person chose (the phone's own before any choice), and where the app
/// starts. One per app process.
@MainActor @Observable
public final class AppModel {
    /// The core.
    public let core: DvcCore
    /// The language of every text.
    public private(set) var language: Language
    /// The factor to multiply the system's text scale by.
    public private(set) var textScale: Float

    /// The model over `core`, in the phone's language `systemLanguageTag`
    /// until the person chooses one.
    public init(core: DvcCore, systemLanguageTag: String) throws {
        self.core = core
        language = try core.screens().language(systemTag: systemLanguageTag)
        textScale = try core.screens().textScale()
    }

    /// The texts every screen shares, in the current language.
    public func common() -> CommonTexts { core.screens().common(language: language) }

    /// The first screen for whoever is signed in now.
    public func start() throws -> StartScreen { try core.screens().start() }

    /// Reads the settings again after they changed.
    func settingsChanged() throws {
        language = try core.screens().language(systemTag: "")
        textScale = try core.screens().textScale()
    }
}
