package vn.dvc.presentation

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.model.OtpSent
import vn.dvc.core.model.SignInScreen
import vn.dvc.core.model.StartScreen

/** Sign-in: a citizen's phone and one-time code, or staff credentials. */
class SignInPresenter(app: AppModel, scope: CoroutineScope) : Presenter<SignInScreen>(app, scope) {
    private var sent: OtpSent? = null
    private val _next = MutableStateFlow<StartScreen?>(null)

    /** Where to go once signed in (null before). */
    val next: StateFlow<StartScreen?> = _next.asStateFlow()

    /** Shows the screen. */
    fun open(): Job = load { app.core.screens().signIn(language, sent) }

    /** Sends a one-time code to [phone]. */
    fun requestCode(phone: String): Job = act {
        sent = app.core.account().requestCode(phone)
        app.core.screens().signIn(language, sent)
    }

    /** Signs the citizen in with [code]. */
    fun signIn(phone: String, code: String): Job = act {
        app.core.account().signInCitizen(phone, code)
        _next.value = app.start()
        app.core.screens().signIn(language, sent)
    }

    /** Signs staff in; the server says which app they get. */
    fun signInStaff(username: String, password: String): Job = act {
        app.core.account().signInStaff(username, password)
        _next.value = app.start()
        app.core.screens().signIn(language, sent)
    }
}
