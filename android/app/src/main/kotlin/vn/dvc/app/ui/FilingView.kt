package vn.dvc.app.ui

import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import vn.dvc.presentation.FilingPresenter

/** Filing: receiving office, pickup or home delivery (fee shown), then the QR. */
@Composable
fun FilingView(p: FilingPresenter, nav: Nav) {
    val state by p.state.collectAsState()
    val filed by p.filed.collectAsState()
    LaunchedEffect(filed) { filed?.let { nav.qr(it) } }
    StateHost(state, onRetry = { p.open() }) { s ->
        var address by remember(s.address) { mutableStateOf(s.address) }
        Title(s.title)
        Text(s.procedure)
        s.blockers.forEach { NoticeRow(it) }
        Heading(s.officeTitle)
        s.officeNote?.let { Text(it) }
        Choices(s.offices) { p.chooseOffice(it) }
        Heading(s.deliveryTitle)
        Choices(s.deliveries) { p.chooseDelivery(it, address) }
        Text(s.deliveryNote)
        OutlinedTextField(address, { address = it }, label = { Text(s.addressLabel) }, modifier = Target)
        s.queued?.let { NoticeRow(it) }
        Action(s.fileLabel, enabled = s.canFile) { p.file() }
    }
}
