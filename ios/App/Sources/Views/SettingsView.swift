import DvcUI
import SwiftUI

/// Settings: language, text size, sign-out. When the core warns what
/// signing out would remove, the person confirms that warning first.
struct SettingsView: View {
    @State var model: SettingsModel
    let cancel: String
    let signedOut: () -> Void
    @State private var confirming = false

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            Heading(text: s.languageTitle)
            ChoiceList(choices: s.languages) { id in Task { await model.chooseLanguage(id) } }
            Heading(text: s.textSizeTitle)
            ChoiceList(choices: s.textSizes) { id in Task { await model.chooseTextSize(id) } }
            if let account = s.account { Text(account) }
            if let warning = s.signOutWarning { NoticeRow(notice: warning) }
            ActionButton(label: s.signOutLabel) {
                if s.signOutWarning != nil { confirming = true } else { Task { await model.signOut(discardDrafts: false) } }
            }
            Text(s.version).font(.footnote)
                .confirmationDialog(s.signOutWarning?.text ?? "", isPresented: $confirming, titleVisibility: .visible) {
                    Button(s.signOutLabel, role: .destructive) { Task { await model.signOut(discardDrafts: true) } }
                    Button(cancel, role: .cancel) {}
                }
        }
        .task { await model.open() }
        .onChange(of: model.signedOut) { _, out in if out { signedOut() } }
    }
}
