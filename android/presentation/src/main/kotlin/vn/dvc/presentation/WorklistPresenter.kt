package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import vn.dvc.core.model.WorklistScreen

/** Today's visits in route order, the offline banner, unsent and turned-down actions. */
class WorklistPresenter(app: AppModel, scope: CoroutineScope) : Presenter<WorklistScreen>(app, scope) {
    /** Shows the worklist (the stored copy offline). */
    fun open(): Job = load { app.core.screens().worklist(language) }

    /** Fetches it again. */
    fun refresh(): Job = act { app.core.screens().worklist(language) }

    /** Queues turned-down action [seq] again (after the cause was fixed). */
    fun retry(seq: Long): Job = act {
        app.core.field().retryWedged(seq)
        app.core.screens().worklist(language)
    }

    /** Sets turned-down action [seq] aside, with why. */
    fun setAside(seq: Long, reason: String): Job = act {
        app.core.field().setAside(seq, reason)
        app.core.screens().worklist(language)
    }
}
