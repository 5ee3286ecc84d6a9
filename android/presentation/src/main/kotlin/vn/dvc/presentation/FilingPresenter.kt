package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.model.CoreException
import vn.dvc.core.model.FilingScreen

/**
 * Filing a draft: receiving office, pickup or home delivery (fee shown),
 * then filing; [filed] names the dossier whose QR to show. Offline, the
 * core keeps the filing and sends it later (the screen says so).
 */
class FilingPresenter(
    app: AppModel,
    scope: CoroutineScope,
    private val draftId: String,
) : Presenter<FilingScreen>(app, scope) {
    private val _filed = MutableStateFlow<String?>(null)

    /** The dossier id once filed (opens its QR screen). */
    val filed: StateFlow<String?> = _filed.asStateFlow()

    private suspend fun screen() = app.core.screens().filing(language, draftId)

    /** Shows the screen. */
    fun open(): Job = load { screen() }

    /** Picks the receiving office. */
    fun chooseOffice(officeId: String): Job = act {
        app.core.screens().chooseOffice(draftId, officeId)
        screen()
    }

    /** Picks `pickup` or `home` (to [address]). */
    fun chooseDelivery(deliveryId: String, address: String = ""): Job = act {
        app.core.screens().chooseDelivery(draftId, deliveryId, address)
        screen()
    }

    /** Files the dossier (uploading its pages first). */
    fun file(): Job = act {
        try {
            _filed.value = app.core.dossiers().submit(draftId).id
        } catch (e: CoreException.Offline) {
            // Kept on the phone: the screen shows it queued.
        }
        screen()
    }
}
