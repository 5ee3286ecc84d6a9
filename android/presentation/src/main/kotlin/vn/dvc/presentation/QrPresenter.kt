package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import vn.dvc.core.model.QrScreen

/** A filed dossier's signed QR, full-screen (works offline). */
class QrPresenter(app: AppModel, scope: CoroutineScope, private val dossierId: String) :
    Presenter<QrScreen>(app, scope) {
    /** Shows the code. */
    fun open(): Job = load { app.core.screens().dossierQr(language, dossierId) }
}
