package vn.dvc.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import vn.dvc.core.model.Choice
import vn.dvc.core.model.Fact
import vn.dvc.core.model.Notice
import vn.dvc.core.model.Tone
import vn.dvc.presentation.UiState

/** Touch targets of at least 48 dp everywhere. */
val Target = Modifier.heightIn(min = 48.dp).fillMaxWidth()

/** Draws [state]: a spinner with its text, the error with a retry, or [content]. */
@Composable
fun <S> StateHost(state: UiState<S>, onRetry: () -> Unit, content: @Composable (S) -> Unit) {
    when (state) {
        is UiState.Loading -> Column(Modifier.padding(16.dp)) {
            CircularProgressIndicator()
            Text(state.text)
        }
        is UiState.Failed -> Column(Modifier.padding(16.dp)) {
            Text(state.title, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
            NoticeRow(Notice(Tone.ERROR, state.message))
            Button(onClick = onRetry, modifier = Target) { Text(state.retry) }
        }
        is UiState.Ready -> Column(Modifier.verticalScroll(rememberScrollState()).padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            state.error?.let { NoticeRow(Notice(Tone.ERROR, it)) }
            if (state.busy) CircularProgressIndicator()
            content(state.screen)
        }
    }
}

/** A screen's title. */
@Composable
fun Title(text: String) =
    Text(text, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })

/** A section heading. */
@Composable
fun Heading(text: String) =
    Text(text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 8.dp).semantics { heading() })

/** A notice: its tone as a symbol and a colour, and its text (complete on its own). */
@Composable
fun NoticeRow(notice: Notice) {
    val (symbol, color) = when (notice.tone) {
        Tone.INFO -> "ⓘ" to MaterialTheme.colorScheme.secondaryContainer
        Tone.SUCCESS -> "✔" to MaterialTheme.colorScheme.primaryContainer
        Tone.WARNING -> "⚠" to MaterialTheme.colorScheme.tertiaryContainer
        Tone.ERROR -> "✖" to MaterialTheme.colorScheme.errorContainer
    }
    Surface(color = color, modifier = Modifier.fillMaxWidth()) {
        Row(Modifier.padding(12.dp), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(symbol)
            Text(notice.text)
        }
    }
}

/** Labelled facts, one per line. */
@Composable
fun Facts(facts: List<Fact>) = facts.forEach { Text("${it.label}: ${it.value}") }

/** One choice of several (radio buttons, each a 48 dp row). */
@Composable
fun Choices(choices: List<Choice>, onPick: (String) -> Unit) = choices.forEach { c ->
    Row(Target.selectable(selected = c.selected, onClick = { onPick(c.id) }, role = Role.RadioButton)) {
        RadioButton(selected = c.selected, onClick = null)
        Text(c.label, modifier = Modifier.padding(start = 8.dp))
    }
}

/** The main action of a screen. */
@Composable
fun Action(label: String, enabled: Boolean = true, onClick: () -> Unit) =
    Button(onClick = onClick, enabled = enabled, modifier = Target) { Text(label) }

/** A secondary action. */
@Composable
fun SecondaryAction(label: String, onClick: () -> Unit) =
    OutlinedButton(onClick = onClick, modifier = Target) { Text(label) }
