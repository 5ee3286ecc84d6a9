package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.model.SettingsScreen

/** Settings: language, text size, sign-out. */
class SettingsPresenter(app: AppModel, scope: CoroutineScope) : Presenter<SettingsScreen>(app, scope) {
    private val _signedOut = MutableStateFlow(false)

    /** True once signed out (the app returns to sign-in). */
    val signedOut: StateFlow<Boolean> = _signedOut.asStateFlow()

    /** Shows the screen. */
    fun open(): Job = load { app.core.screens().settings(language) }

    /** Picks a language by its choice id; every screen follows. */
    fun chooseLanguage(id: String): Job = act {
        app.core.screens().chooseLanguage(id)
        app.settingsChanged()
        app.core.screens().settings(language)
    }

    /** Picks a text size by its choice id. */
    fun chooseTextSize(id: String): Job = act {
        app.core.screens().chooseTextSize(id)
        app.settingsChanged()
        app.core.screens().settings(language)
    }

    /** Signs out; drafts are deleted only when [discardDrafts]. */
    fun signOut(discardDrafts: Boolean): Job = act {
        app.core.account().signOut(discardDrafts)
        _signedOut.value = true
        app.core.screens().settings(language)
    }
}
