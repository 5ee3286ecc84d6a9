package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.model.CounterScreen

/** The counter's check of a citizen's QR: genuine or not, and the dossier. */
class CounterPresenter(app: AppModel, scope: CoroutineScope) : Presenter<CounterScreen>(app, scope) {
    private val _waiting = MutableStateFlow(true)

    /** True until the first scan (the view shows the camera). */
    val waiting: StateFlow<Boolean> = _waiting.asStateFlow()

    /** The camera read [payload]. */
    fun scanned(payload: String): Job = load {
        _waiting.value = false
        app.core.screens().counterScan(language, payload)
    }
}
