package vn.dvc.app.ui

import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.foundation.text.KeyboardOptions
import vn.dvc.presentation.SignInPresenter

/** Sign-in: phone and one-time code; staff sign in below. */
@Composable
fun SignInView(p: SignInPresenter) {
    val state by p.state.collectAsState()
    var phone by remember { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    var user by remember { mutableStateOf("") }
    var password by remember { mutableStateOf("") }
    StateHost(state, onRetry = { p.open() }) { s ->
        Title(s.title)
        Text(s.intro)
        OutlinedTextField(phone, { phone = it }, label = { Text(s.phoneLabel) }, placeholder = { Text(s.phoneHint) },
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Phone), modifier = Target)
        Action(s.sendCodeLabel) { p.requestCode(phone) }
        s.codeSent?.let { Text(it) }
        OutlinedTextField(code, { code = it }, label = { Text(s.codeLabel) },
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.NumberPassword), modifier = Target)
        Action(s.signInLabel) { p.signIn(phone, code) }
        Heading(s.staffLabel)
        OutlinedTextField(user, { user = it }, label = { Text(s.usernameLabel) }, modifier = Target)
        OutlinedTextField(password, { password = it }, label = { Text(s.passwordLabel) },
            visualTransformation = PasswordVisualTransformation(), modifier = Target)
        SecondaryAction(s.signInLabel) { p.signInStaff(user, password) }
    }
}
