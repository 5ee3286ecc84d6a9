package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.model.ActionReceipt
import vn.dvc.core.model.DeliverInput
import vn.dvc.core.model.PickupInput
import vn.dvc.core.model.VisitScreen

/**
 * One visit: scan (the citizen's QR or the item's barcode, checked on the
 * phone), then record the pickup or delivery, or a failed attempt; all
 * offline, sent at the next sync.
 */
class VisitPresenter(
    app: AppModel,
    scope: CoroutineScope,
    private val visitId: String,
) : Presenter<VisitScreen>(app, scope) {
    private var scanned: String? = null
    private val _recorded = MutableStateFlow<ActionReceipt?>(null)

    /** What recording gave (null before). */
    val recorded: StateFlow<ActionReceipt?> = _recorded.asStateFlow()

    private fun screen() = app.core.screens().visit(language, visitId, scanned)

    /** Shows the visit. */
    fun open(): Job = load { screen() }

    /** The camera read [text] (a QR payload or a barcode). */
    fun scanned(text: String): Job = act {
        scanned = text
        screen()
    }

    /** Records the pickup with what the form holds. */
    fun recordPickup(
        documents: List<String>,
        sealedBag: String,
        feeReceipt: String?,
        photoFiles: List<String>,
        latitude: Double?,
        longitude: Double?,
    ): Job = act {
        _recorded.value = app.core.field().pickup(
            PickupInput(
                visitId = visitId, qr = scanned, documents = documents, sealedBag = sealedBag,
                feeReceipt = feeReceipt, photoFiles = photoFiles, latitude = latitude, longitude = longitude,
            ),
        )
        screen()
    }

    /** Records the delivery with what the form holds. */
    fun recordDelivery(
        recipientName: String,
        relationId: String,
        identityChecked: Boolean,
        signatureFile: String,
        photoFiles: List<String>,
        feeReceipt: String?,
        latitude: Double?,
        longitude: Double?,
    ): Job = act {
        val item = shown?.delivery?.s10Scanned ?: scanned ?: ""
        _recorded.value = app.core.field().deliver(
            DeliverInput(
                visitId = visitId, s10 = item, recipientName = recipientName, relation = relationId,
                identityChecked = identityChecked, signatureFile = signatureFile, photoFiles = photoFiles,
                feeReceipt = feeReceipt, latitude = latitude, longitude = longitude,
            ),
        )
        screen()
    }

    /** Records a failed attempt with the reason's choice id. */
    fun fail(reasonId: String, note: String, latitude: Double?, longitude: Double?): Job = act {
        _recorded.value = app.core.screens().failVisit(visitId, reasonId, note, latitude, longitude)
        screen()
    }
}
