package vn.dvc.app.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Checkbox
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import vn.dvc.presentation.ProcedurePresenter

/**
 * A procedure as a draft: facts, questions, the checklist with ticks and
 * pages (the camera writes a file, [takePhoto] hands its path back), the
 * missing list and the clerk's summary.
 */
@Composable
fun ProcedureView(p: ProcedurePresenter, nav: Nav, takePhoto: (onTaken: (String) -> Unit) -> Unit, yes: String, no: String) {
    val state by p.state.collectAsState()
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        Facts(s.facts)
        s.documentsUnknown?.let { Text(it) }
        Heading(s.questionsTitle)
        s.questions.forEach { q ->
            Text(q.text)
            Row {
                TextButton(onClick = { p.answer(q.id, true) }) { Text(yes) }
                TextButton(onClick = { p.answer(q.id, false) }) { Text(no) }
                Text(q.answerText)
            }
        }
        s.caseQuestion?.let { Heading(it) }
        Choices(s.cases) { p.chooseCase(it) }
        Heading(s.documentsTitle)
        s.documents.forEach { d ->
            Row(Target.semantics { contentDescription = d.tickLabel }) {
                Checkbox(checked = d.have, onCheckedChange = { p.tick(d.id, it) })
                Text("${d.name}\n${d.counts}")
            }
            d.reason?.let { Text(it) }
            d.note?.let { Text(it) }
            d.pages.forEach { pg -> TextButton(onClick = { p.detach(d.id, pg.page) }) { Text(pg.text) } }
            d.pageNeeded?.let { Text(it) }
            SecondaryAction(s.addPageLabel) { takePhoto { path -> p.attach(d.id, listOf(path)) } }
        }
        LinearProgressIndicator(progress = { s.progressPercent / 100f }, modifier = Modifier.semantics { contentDescription = s.progress })
        Text(s.progress)
        if (s.missing.isNotEmpty()) {
            Heading(s.missingTitle)
            s.missing.forEach { Text("• $it") }
        }
        s.warnings.forEach { NoticeRow(it) }
        Text(s.readyText)
        Heading(s.summaryTitle)
        Text(s.summary)
        SecondaryAction(s.bookLabel) { nav.offices() }
        Action(s.fileLabel, enabled = s.ready) { nav.filing(s.draftId) }
    }
}
