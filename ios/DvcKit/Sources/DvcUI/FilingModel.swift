import DvcCore
import Observation

/// Filing a draft: receiving office, pickup or home delivery (fee shown),
/// then filing; `filed` names the dossier whose QR to show. Offline, the
/// core keeps the filing and sends it later (the screen says so).
@MainActor @Observable
public final class FilingModel: ScreenModel<FilingScreen> {
    private let draftId: String
    /// The dossier id once filed (opens its QR screen).
    public private(set) var filed: String?

    /// The filing screen of draft `draftId`.
    public init(app: AppModel, draftId: String) {
        self.draftId = draftId
        super.init(app: app)
    }

    private func screen() async throws -> FilingScreen { try await app.core.screens().filing(language: language, draftId: draftId) }

    /// Shows the screen.
    public func open() async { await load { try await screen() } }

    /// Picks the receiving office.
    public func chooseOffice(_ officeId: String) async {
        await act {
            try app.core.screens().chooseOffice(draftId: draftId, officeId: officeId)
            return try await screen()
        }
    }

    /// Picks `pickup` or `home` (to `address`).
    public func chooseDelivery(_ deliveryId: String, address: String = "") async {
        await act {
            try app.core.screens().chooseDelivery(draftId: draftId, deliveryId: deliveryId, address: address)
            return try await screen()
        }
    }

    /// Files the dossier (uploading its pages first).
    public func file() async {
        await act {
            do {
                filed = try await app.core.dossiers().submit(draftId: draftId).id
            } catch CoreError.Offline {
                // Kept on the phone: the screen shows it queued.
            }
            return try await screen()
        }
    }
}
