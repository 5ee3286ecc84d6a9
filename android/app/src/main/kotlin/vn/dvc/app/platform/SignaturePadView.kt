package vn.dvc.app.platform

import android.content.Context
import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.Paint
import android.graphics.Path
import android.view.MotionEvent
import android.view.View
import java.io.File
import java.io.FileOutputStream

/**
 * A signature pad: the recipient signs with a finger; [save] writes a PNG
 * the core stores and uploads with the delivery (`DeliverInput.signatureFile`).
 * Framework APIs only.
 */
class SignaturePadView(context: Context) : View(context) {
    private val path = Path()
    private val paint = Paint(Paint.ANTI_ALIAS_FLAG).apply {
        color = Color.BLACK
        style = Paint.Style.STROKE
        strokeWidth = 6f * resources.displayMetrics.density
        strokeCap = Paint.Cap.ROUND
        strokeJoin = Paint.Join.ROUND
    }

    /** True once something was drawn. */
    var signed = false
        private set

    /** Called when the first stroke starts (the view enables its button). */
    var onSigned: (() -> Unit)? = null

    override fun onDraw(canvas: Canvas) {
        canvas.drawColor(Color.WHITE)
        canvas.drawPath(path, paint)
    }

    override fun onTouchEvent(event: MotionEvent): Boolean {
        when (event.actionMasked) {
            MotionEvent.ACTION_DOWN -> {
                path.moveTo(event.x, event.y)
                if (!signed) {
                    signed = true
                    onSigned?.invoke()
                }
            }
            MotionEvent.ACTION_MOVE -> path.lineTo(event.x, event.y)
            else -> return super.onTouchEvent(event)
        }
        invalidate()
        return true
    }

    /** Starts again. */
    fun clear() {
        path.reset()
        signed = false
        invalidate()
    }

    /** Writes the signature as a PNG into [dir]; returns its path. */
    fun save(dir: File): String {
        val bitmap = Bitmap.createBitmap(width.coerceAtLeast(1), height.coerceAtLeast(1), Bitmap.Config.ARGB_8888)
        draw(Canvas(bitmap))
        val file = File.createTempFile("signature-", ".png", dir)
        FileOutputStream(file).use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
        bitmap.recycle()
        return file.path
    }
}
