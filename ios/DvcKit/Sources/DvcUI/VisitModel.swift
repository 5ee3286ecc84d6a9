import DvcCore
import Observation

/// One visit: scan (the citizen's QR or the item's barcode, checked on the
/// phone), then record the pickup or delivery, or a failed attempt; all
/// offline, sent at the next sync.
@MainActor @Observable
public final class VisitModel: ScreenModel<VisitScreen> {
    private let visitId: String
    private var scanned: String?
    /// What recording gave (nil before).
    public private(set) var recorded: ActionReceipt?

    /// The model of visit `visitId`.
    public init(app: AppModel, visitId: String) {
        self.visitId = visitId
        super.init(app: app)
    }

    private func screen() throws -> VisitScreen {
        try app.core.screens().visit(language: language, visitId: visitId, scanned: scanned)
    }

    /// Shows the visit.
    public func open() async { await load { try screen() } }

    /// The camera read `text` (a QR payload or a barcode).
    public func scanned(_ text: String) async {
        await act {
            scanned = text
            return try screen()
        }
    }

    /// Records the pickup with what the form holds.
    public func recordPickup(
        documents: [String], sealedBag: String, feeReceipt: String?, photoFiles: [String],
        latitude: Double?, longitude: Double?
    ) async {
        await act {
            recorded = try app.core.field().pickup(input: PickupInput(
                visitId: visitId, qr: scanned, documents: documents, sealedBag: sealedBag, feeReceipt: feeReceipt,
                photoFiles: photoFiles, latitude: latitude, longitude: longitude))
            return try screen()
        }
    }

    /// Records the delivery with what the form holds.
    public func recordDelivery(
        recipientName: String, relationId: String, identityChecked: Bool, signatureFile: String,
        photoFiles: [String], feeReceipt: String?, latitude: Double?, longitude: Double?
    ) async {
        await act {
            let item = shown?.delivery?.s10Scanned ?? scanned ?? ""
            recorded = try app.core.field().deliver(input: DeliverInput(
                visitId: visitId, s10: item, recipientName: recipientName, relation: relationId,
                identityChecked: identityChecked, signatureFile: signatureFile, photoFiles: photoFiles,
                feeReceipt: feeReceipt, latitude: latitude, longitude: longitude))
            return try screen()
        }
    }

    /// Records a failed attempt with the reason's choice id.
    public func fail(reasonId: String, note: String, latitude: Double?, longitude: Double?) async {
        await act {
            recorded = try app.core.screens().failVisit(
                visitId: visitId, reasonId: reasonId, note: note, latitude: latitude, longitude: longitude)
            return try screen()
        }
    }
}
