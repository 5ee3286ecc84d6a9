package vn.dvc.app.ui

import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import vn.dvc.presentation.SettingsPresenter

/**
 * Settings: language, text size, sign-out. When the core warns what
 * signing out would remove, the person confirms that warning first.
 */
@Composable
fun SettingsView(p: SettingsPresenter, cancel: String) {
    val state by p.state.collectAsState()
    var confirming by remember { mutableStateOf(false) }
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        Heading(s.languageTitle)
        Choices(s.languages) { p.chooseLanguage(it) }
        Heading(s.textSizeTitle)
        Choices(s.textSizes) { p.chooseTextSize(it) }
        s.account?.let { Text(it) }
        s.signOutWarning?.let { NoticeRow(it) }
        Action(s.signOutLabel) { if (s.signOutWarning != null) confirming = true else p.signOut(discardDrafts = false) }
        Text(s.version)
        val warning = s.signOutWarning
        if (confirming && warning != null) {
            AlertDialog(
                onDismissRequest = { confirming = false },
                text = { Text(warning.text) },
                confirmButton = { TextButton(onClick = { confirming = false; p.signOut(discardDrafts = true) }) { Text(s.signOutLabel) } },
                dismissButton = { TextButton(onClick = { confirming = false }) { Text(cancel) } },
            )
        }
    }
}
