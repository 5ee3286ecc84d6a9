package vn.dvc.core.kit

import vn.dvc.core.model.CoreException

/** The text a person reads for this error, in Vietnamese (`vi`) or English. */
fun CoreException.text(language: String): String {
    val (vi, en) = when (this) {
        is CoreException.Offline -> vi to en
        is CoreException.Unauthorised -> vi to en
        is CoreException.NotFound -> vi to en
        is CoreException.Conflict -> vi to en
        is CoreException.Server -> vi to en
        is CoreException.InvalidData -> vi to en
        is CoreException.Storage -> vi to en
        is CoreException.Internal -> vi to en
    }
    return if (language.startsWith("vi")) vi else en
}
