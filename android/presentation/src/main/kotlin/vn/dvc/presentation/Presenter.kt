package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import vn.dvc.core.kit.text
import vn.dvc.core.model.CoreException
import vn.dvc.core.model.Language

/**
 * One screen's presenter: a [StateFlow] of [UiState] and functions for the
 * person's actions. It maps actions to core calls and core results to
 * state; the rules and the texts are the core's. Actions return their
 * [Job] (the views ignore it; tests join it).
 */
abstract class Presenter<S>(protected val app: AppModel, private val scope: CoroutineScope) {
    private val _state = MutableStateFlow<UiState<S>>(UiState.Loading(app.common().loading))

    /** What the screen shows now. */
    val state: StateFlow<UiState<S>> = _state.asStateFlow()

    /** The language the screen is in. */
    protected val language: Language get() = app.language.value

    /** The screen shown now, if any. */
    protected val shown: S? get() = (_state.value as? UiState.Ready<S>)?.screen

    /** Builds the screen with [build]; an error replaces it with [UiState.Failed]. */
    protected fun load(build: suspend () -> S): Job = scope.launch {
        _state.value = try {
            UiState.Ready(build())
        } catch (e: CoreException) {
            val common = app.common()
            UiState.Failed(common.errorTitle, e.text(language.name.lowercase()), common.retry)
        }
    }

    /**
     * Runs an action and shows the screen [act] returns; an error keeps the
     * screen and shows why (or fails the screen when none is shown yet).
     */
    protected fun act(act: suspend () -> S): Job = scope.launch {
        val before = shown
        if (before != null) _state.value = UiState.Ready(before, busy = true)
        _state.value = try {
            UiState.Ready(act())
        } catch (e: CoreException) {
            val message = e.text(language.name.lowercase())
            if (before != null) {
                UiState.Ready(before, error = message)
            } else {
                val common = app.common()
                UiState.Failed(common.errorTitle, message, common.retry)
            }
        }
    }
}
