package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import vn.dvc.core.model.ProcedureScreen

/** One procedure as a draft: facts, questions, checklist, pages, summary. */
class ProcedurePresenter(
    app: AppModel,
    scope: CoroutineScope,
    private val draftId: String,
) : Presenter<ProcedureScreen>(app, scope) {
    private fun screen() = app.core.screens().procedure(language, draftId)

    /** Shows the screen. */
    fun open(): Job = load { screen() }

    /** Ticks (or unticks) a document. */
    fun tick(documentId: String, have: Boolean): Job = act {
        app.core.checklists().tick(draftId, documentId, have)
        screen()
    }

    /** Answers a question. */
    fun answer(questionId: String, yes: Boolean): Job = act {
        app.core.screens().answer(draftId, questionId, yes)
        screen()
    }

    /** Picks the case (a choice id of the screen). */
    fun chooseCase(caseId: String): Job = act {
        app.core.screens().chooseCase(draftId, caseId)
        screen()
    }

    /** Attaches photos or scans (files the camera or picker wrote) to a document. */
    fun attach(documentId: String, paths: List<String>): Job = act {
        app.core.checklists().attach(draftId, documentId, paths)
        screen()
    }

    /** Removes page [page] of a document. */
    fun detach(documentId: String, page: Int): Job = act {
        app.core.checklists().detach(draftId, documentId, page)
        screen()
    }
}
