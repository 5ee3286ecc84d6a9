package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import vn.dvc.core.model.HomeScreen

/** The citizen's home: search (offline), drafts, next appointment, notifications. */
class HomePresenter(app: AppModel, scope: CoroutineScope) : Presenter<HomeScreen>(app, scope) {
    /** Shows the home screen, keeping the query shown. */
    fun open(): Job = load { app.core.screens().home(language, shown?.query ?: "") }

    /** Searches the catalogue on the phone. */
    fun search(query: String): Job = act { app.core.screens().home(language, query) }

    /** The draft to open for a procedure in the results (made if none). */
    fun draftFor(procedureCode: String): String = app.core.screens().draftFor(procedureCode)
}
