package vn.dvc.presentation

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import vn.dvc.core.DvcCore
import vn.dvc.core.model.CommonTexts
import vn.dvc.core.model.Language
import vn.dvc.core.model.StartScreen

/**
 * What every presenter shares: the core, the language and text scale the
 * person chose (the phone's own before any choice), and where the app
 * starts. One per app process.
 */
class AppModel(val core: DvcCore, systemLanguageTag: String) {
    private val _language = MutableStateFlow(core.screens().language(systemLanguageTag))
    private val _textScale = MutableStateFlow(core.screens().textScale())

    /** The language of every text. */
    val language: StateFlow<Language> = _language.asStateFlow()

    /** The factor to multiply the system's text scale by. */
    val textScale: StateFlow<Float> = _textScale.asStateFlow()

    /** The texts every screen shares, in the current language. */
    fun common(): CommonTexts = core.screens().common(language.value)

    /** The first screen for whoever is signed in now. */
    fun start(): StartScreen = core.screens().start()

    /** Reads the settings again after they changed. */
    internal fun settingsChanged() {
        _language.value = core.screens().language("")
        _textScale.value = core.screens().textScale()
    }
}
