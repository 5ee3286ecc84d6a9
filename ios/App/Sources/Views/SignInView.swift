import DvcCore
import DvcUI
import SwiftUI

/// Sign-in: phone and one-time code; staff sign in below.
struct SignInView: View {
    @State var model: SignInModel
    let signedIn: (StartScreen) -> Void
    @State private var phone = "", code = "", user = "", password = ""

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.largeTitle).accessibilityAddTraits(.isHeader)
            Text(s.intro)
            TextField(s.phoneLabel, text: $phone, prompt: Text(s.phoneHint)).keyboardType(.phonePad).textContentType(.telephoneNumber)
            ActionButton(label: s.sendCodeLabel) { Task { await model.requestCode(phone) } }
            if let sent = s.codeSent { Text(sent) }
            TextField(s.codeLabel, text: $code).keyboardType(.numberPad).textContentType(.oneTimeCode)
            ActionButton(label: s.signInLabel) { Task { await model.signIn(phone: phone, code: code) } }
            Heading(text: s.staffLabel)
            TextField(s.usernameLabel, text: $user).textContentType(.username)
            SecureField(s.passwordLabel, text: $password)
            ActionButton(label: s.signInLabel) { Task { await model.signInStaff(username: user, password: password) } }
        }
        .task { await model.open() }
        .onChange(of: model.next) { _, next in if let next { signedIn(next) } }
    }
}
