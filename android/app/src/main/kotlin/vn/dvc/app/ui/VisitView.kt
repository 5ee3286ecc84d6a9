package vn.dvc.app.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Checkbox
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import vn.dvc.presentation.VisitPresenter

/** What the visit screen needs from the phone: camera, signature pad, position. */
class VisitGlue(
    val scan: (onRead: (String) -> Unit) -> Unit,
    val photo: (onTaken: (String) -> Unit) -> Unit,
    val sign: (onSigned: (String) -> Unit) -> Unit,
    val position: () -> Pair<Double, Double>?,
)

/** One visit: scan, then record the pickup or delivery, or a failed attempt. */
@Composable
fun VisitView(p: VisitPresenter, glue: VisitGlue) {
    val state by p.state.collectAsState()
    var bag by remember { mutableStateOf("") }
    var receipt by remember { mutableStateOf("") }
    var recipient by remember { mutableStateOf("") }
    var relation by remember { mutableStateOf("self") }
    var identity by remember { mutableStateOf(false) }
    var signature by remember { mutableStateOf<String?>(null) }
    var reason by remember { mutableStateOf<String?>(null) }
    var note by remember { mutableStateOf("") }
    val photos = remember { mutableStateListOf<String>() }
    val collected = remember { mutableStateListOf<String>() }
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        Facts(s.facts)
        Text(s.state)
        s.pickup?.let { f ->
            // The papers the citizen said they hold start ticked.
            LaunchedEffect(f.documents) {
                collected.clear()
                collected.addAll(f.documents.filter { it.selected }.map { it.id })
            }
            SecondaryAction(f.scanLabel) { glue.scan { p.scanned(it) } }
            f.scan?.let { NoticeRow(it) }
            if (f.documents.isNotEmpty()) Heading(f.documentsTitle)
            f.documents.forEach { d ->
                Row(Target) {
                    Checkbox(checked = d.id in collected, onCheckedChange = { if (it) collected.add(d.id) else collected.remove(d.id) })
                    Text(d.label)
                }
            }
            OutlinedTextField(bag, { bag = it }, label = { Text(f.bagLabel) }, modifier = Target)
            Text(f.fee)
            f.receiptLabel?.let { OutlinedTextField(receipt, { receipt = it }, label = { Text(it) }, modifier = Target) }
            SecondaryAction(f.photoLabel) { glue.photo { photos.add(it) } }
            Action(f.recordLabel) {
                val at = glue.position()
                p.recordPickup(collected.toList(), bag, receipt.ifBlank { null }, photos.toList(), at?.first, at?.second)
            }
        }
        s.delivery?.let { f ->
            Text(f.s10Expected)
            SecondaryAction(f.scanLabel) { glue.scan { p.scanned(it) } }
            f.scan?.let { NoticeRow(it) }
            OutlinedTextField(recipient, { recipient = it }, label = { Text(f.recipientLabel) }, modifier = Target)
            Heading(f.relationTitle)
            Choices(f.relations.map { it.copy(selected = it.id == relation) }) { relation = it }
            Row(Target) {
                Checkbox(checked = identity, onCheckedChange = { identity = it })
                Text(f.identityLabel)
            }
            SecondaryAction(f.signatureLabel) { glue.sign { signature = it } }
            SecondaryAction(f.photoLabel) { glue.photo { photos.add(it) } }
            Text(f.fee)
            Action(f.recordLabel, enabled = signature != null) {
                val at = glue.position()
                p.recordDelivery(recipient, relation, identity, signature!!, photos.toList(), null, at?.first, at?.second)
            }
        }
        Heading(s.failTitle)
        Choices(s.failReasons.map { it.copy(selected = it.id == reason) }) { reason = it }
        OutlinedTextField(note, { note = it }, label = { Text(s.noteLabel) }, modifier = Target)
        SecondaryAction(s.failLabel) {
            val at = glue.position()
            reason?.let { p.fail(it, note, at?.first, at?.second) }
        }
        Text(s.positionNote)
    }
}
