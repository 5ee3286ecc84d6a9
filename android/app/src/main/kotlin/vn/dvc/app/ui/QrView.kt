package vn.dvc.app.ui

import android.graphics.BitmapFactory
import androidx.compose.foundation.Image
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.FilterQuality
import androidx.compose.ui.graphics.asImageBitmap
import vn.dvc.presentation.QrPresenter

/** The signed QR full-screen, brightness raised while shown ([brightness]). */
@Composable
fun QrView(p: QrPresenter, brightness: (Boolean) -> Unit) {
    val state by p.state.collectAsState()
    StateHost(state, onRetry = { p.open() }) { s ->
        DisposableEffect(s.fullBrightness) {
            brightness(s.fullBrightness)
            onDispose { brightness(false) }
        }
        Title(s.title)
        Text(s.dossierCode, style = MaterialTheme.typography.headlineMedium)
        val bitmap = BitmapFactory.decodeByteArray(s.png, 0, s.png.size).asImageBitmap()
        Image(bitmap, contentDescription = s.imageLabel, filterQuality = FilterQuality.None, modifier = Modifier.fillMaxWidth())
        Text(s.caption)
        s.trackCheck?.let { Text(it) }
    }
}
