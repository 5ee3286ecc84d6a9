import DvcCore
import Observation

/// A filed dossier's signed QR, full-screen (works offline).
@MainActor @Observable
public final class QrModel: ScreenModel<QrScreen> {
    private let dossierId: String

    /// The QR of dossier `dossierId`.
    public init(app: AppModel, dossierId: String) {
        self.dossierId = dossierId
        super.init(app: app)
    }

    /// Shows the code.
    public func open() async { await load { try app.core.screens().dossierQr(language: language, dossierId: dossierId) } }
}
