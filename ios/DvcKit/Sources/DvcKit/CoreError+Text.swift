import DvcCore
import Foundation

// uniffi already makes CoreError a LocalizedError; these add the texts a
// person reads, in Vietnamese and English.
extension CoreError {
    /// The Vietnamese and English texts of the error.
    public var texts: (vi: String, en: String) {
        switch self {
        case let .Offline(vi, en), let .Unauthorised(vi, en), let .NotFound(vi, en),
             let .Conflict(_, _, vi, en), let .Server(vi, en, _), let .InvalidData(_, vi, en),
             let .Storage(vi, en, _), let .Internal(vi, en, _):
            return (vi, en)
        }
    }

    /// The text for `language` (`vi` or anything else for English).
    public func text(language: String) -> String {
        language.hasPrefix("vi") ? texts.vi : texts.en
    }

    /// The text in the device's preferred language (Vietnamese first).
    public var localizedText: String {
        text(language: Locale.preferredLanguages.first ?? "vi")
    }
}
