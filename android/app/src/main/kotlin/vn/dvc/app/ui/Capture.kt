package vn.dvc.app.ui

import android.Manifest
import android.content.pm.PackageManager
import android.net.Uri
import android.view.ViewGroup
import androidx.activity.ComponentActivity
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.camera.core.CameraSelector
import androidx.camera.core.ImageAnalysis
import androidx.camera.lifecycle.ProcessCameraProvider
import androidx.camera.view.PreviewView
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.core.content.ContextCompat
import androidx.core.content.FileProvider
import com.google.mlkit.vision.barcode.BarcodeScanning
import com.google.mlkit.vision.common.InputImage
import java.io.File
import vn.dvc.app.platform.SignaturePadView

/**
 * The camera for pages and photos: the system camera writes a JPEG into the
 * app's cache (TakePicture), and its path goes to the core, which checks
 * and stores it.
 */
@Composable
fun photoTaker(activity: ComponentActivity): (onTaken: (String) -> Unit) -> Unit {
    // The photo being taken and where its path goes, kept across recompositions.
    val pending = remember { arrayOfNulls<Pair<File, (String) -> Unit>>(1) }
    val launcher = rememberLauncherForActivityResult(ActivityResultContracts.TakePicture()) { ok ->
        pending[0]?.let { (file, done) -> if (ok) done(file.path) }
        pending[0] = null
    }
    return remember {
        { done ->
            val file = File.createTempFile("page-", ".jpg", activity.cacheDir)
            pending[0] = file to done
            launcher.launch(FileProvider.getUriForFile(activity, "${activity.packageName}.files", file) as Uri)
        }
    }
}

/**
 * QR codes and S10 barcodes with CameraX and ML Kit: the first code read
 * goes to the core as text (which verifies a QR offline and checks an item
 * number); the camera permission is asked first.
 */
@Composable
fun scanner(activity: ComponentActivity): (onRead: (String) -> Unit) -> Unit {
    val permission = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) {}
    return remember {
        { done ->
            if (ContextCompat.checkSelfPermission(activity, Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
                permission.launch(Manifest.permission.CAMERA)
            } else {
                val preview = PreviewView(activity)
                activity.addContentView(preview, ViewGroup.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.MATCH_PARENT))
                val future = ProcessCameraProvider.getInstance(activity)
                future.addListener({
                    val camera = future.get()
                    val reader = BarcodeScanning.getClient()
                    val analysis = ImageAnalysis.Builder().build()
                    analysis.setAnalyzer(ContextCompat.getMainExecutor(activity)) { proxy ->
                        val image = proxy.image
                        if (image == null) { proxy.close(); return@setAnalyzer }
                        reader.process(InputImage.fromMediaImage(image, proxy.imageInfo.rotationDegrees))
                            .addOnSuccessListener { codes ->
                                codes.firstNotNullOfOrNull { it.rawValue }?.let {
                                    camera.unbindAll()
                                    (preview.parent as? ViewGroup)?.removeView(preview)
                                    done(it)
                                }
                            }
                            .addOnCompleteListener { proxy.close() }
                    }
                    val shown = androidx.camera.core.Preview.Builder().build().also { it.setSurfaceProvider(preview.surfaceProvider) }
                    camera.bindToLifecycle(activity, CameraSelector.DEFAULT_BACK_CAMERA, shown, analysis)
                }, ContextCompat.getMainExecutor(activity))
            }
        }
    }
}

/** The signature pad in a dialog; its PNG's path goes to the core with the delivery. */
@Composable
fun signaturePad(activity: ComponentActivity): (onSigned: (String) -> Unit) -> Unit = remember {
    { done ->
        val pad = SignaturePadView(activity)
        android.app.AlertDialog.Builder(activity)
            .setView(pad)
            .setPositiveButton(android.R.string.ok) { _, _ -> if (pad.signed) done(pad.save(activity.cacheDir)) }
            .setNegativeButton(android.R.string.cancel, null)
            .show()
    }
}
