package vn.dvc.presentation

/**
 * What a screen shows: waiting, the core's screen record, or an error with
 * nothing to show. Every text inside comes from the core.
 */
sealed interface UiState<out S> {
    /** Waiting for the first screen. */
    data class Loading(val text: String) : UiState<Nothing>

    /**
     * The screen; [busy] while an action runs, [error] when the last
     * action failed (the screen stays as it was).
     */
    data class Ready<S>(val screen: S, val busy: Boolean = false, val error: String? = null) : UiState<S>

    /** The screen could not be built: [message], and a [retry] button. */
    data class Failed(val title: String, val message: String, val retry: String) : UiState<Nothing>
}
