import DvcUI
import SwiftUI

/// Home: search (offline), drafts, next appointment, notifications, navigation.
struct HomeView: View {
    @State var model: HomeModel
    let go: (Place) -> Void
    @State private var query = ""

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.largeTitle).accessibilityAddTraits(.isHeader)
            TextField(s.searchLabel, text: $query, prompt: Text(s.searchHint))
                .onChange(of: query) { _, q in Task { await model.search(q) } }
            if let note = s.resultsNote { Text(note) }
            ForEach(s.results, id: \.code) { r in
                Button { if let draft = try? model.draft(for: r.code) { go(.procedure(draft)) } } label: {
                    VStack(alignment: .leading) { Text(r.name); Text(r.detail).font(.footnote) }
                        .frame(maxWidth: .infinity, minHeight: 44, alignment: .leading)
                }
            }
            Heading(text: s.draftsTitle)
            if s.drafts.isEmpty { Text(s.draftsEmpty) }
            ForEach(s.drafts, id: \.id) { d in
                Button { go(.procedure(d.id)) } label: { Text("\(d.name) · \(d.progress)").frame(minHeight: 44) }
            }
            Heading(text: s.appointmentTitle)
            Text(s.nextAppointment.map { "\($0.when) · \($0.office)" } ?? s.appointmentEmpty)
            Heading(text: s.notificationsTitle)
            ForEach(s.notifications, id: \.id) { n in
                Link(destination: URL(string: n.deepLink)!) { VStack(alignment: .leading) { Text(n.title); Text(n.body).font(.footnote) } }
            }
            ActionButton(label: s.officesLabel) { go(.offices(nil)) }
            ActionButton(label: s.appointmentsLabel) { go(.appointments) }
            ActionButton(label: s.trackLabel) { go(.track(nil)) }
            ActionButton(label: s.settingsLabel) { go(.settings) }
        }
        .task { await model.open() }
    }
}
