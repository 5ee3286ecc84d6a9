package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.model.CoreEvent
import vn.dvc.core.model.SyncScreen

/** Sending the field actions: what waits, progress, what arrived, what was turned down. */
class SyncPresenter(app: AppModel, scope: CoroutineScope) : Presenter<SyncScreen>(app, scope) {
    private val _progress = MutableStateFlow<String?>(null)

    /** The progress line while a sync runs (null otherwise). */
    val progress: StateFlow<String?> = _progress.asStateFlow()

    /** Shows what waits (offline). */
    fun open(): Job = load { app.core.screens().syncStatus(language) }

    /** The core's events: progress of a running sync. */
    fun onEvent(event: CoreEvent) {
        if (event is CoreEvent.SyncProgress) {
            _progress.value = app.core.screens().syncProgress(language, event.sent, event.acknowledged)
        }
    }

    /** Syncs now. */
    fun sync(): Job = act {
        try {
            app.core.screens().sync(language)
        } finally {
            _progress.value = null
        }
    }
}
