import DvcCore
import Foundation

extension CoreError: LocalizedError {
    /// The Vietnamese and English texts of the error.
    public var texts: (vi: String, en: String) {
        switch self {
        case let .Offline(vi, en), let .Unauthorised(vi, en), let .NotFound(vi, en),
             let .Conflict(vi, en), let .Server(vi, en), let .InvalidData(_, vi, en),
             let .Storage(vi, en), let .Internal(vi, en):
            return (vi, en)
        }
    }

    /// The text for `language` (`vi` or anything else for English).
    public func text(language: String) -> String {
        language.hasPrefix("vi") ? texts.vi : texts.en
    }

    /// Shown by `localizedDescription`: Vietnamese when the device is.
    public var errorDescription: String? {
        text(language: Locale.preferredLanguages.first ?? "vi")
    }
}
