package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import vn.dvc.core.model.Route
import vn.dvc.core.model.TrackScreen

/** A dossier's timeline, opened by code or by an app link. */
class TrackPresenter(app: AppModel, scope: CoroutineScope) : Presenter<TrackScreen>(app, scope) {
    private var key: String? = null

    /** Shows dossier [key] (a code, `CODE#CHECK`, or an item number). */
    fun open(key: String): Job {
        this.key = key
        return load { app.core.screens().track(language, key) }
    }

    /** Opens an app link (`dvc://dossier/<code>`); null when it is not one. */
    fun openLink(url: String): Job? {
        val route = app.core.screens().route(url) as? Route.Dossier ?: return null
        return open(route.key)
    }

    /** Fetches the timeline again. */
    fun refresh(): Job = act { app.core.screens().track(language, key ?: error("open a dossier first")) }
}
