import DvcUI
import SwiftUI

/// A dossier's timeline: status, dates, the late warning, events newest first.
struct TrackView: View {
    @State var model: TrackModel
    let key: String?
    let prompt: String
    @State private var typed = ""

    var body: some View {
        VStack {
            if key == nil {
                TextField(prompt, text: $typed).onSubmit { Task { await model.open(typed) } }
            }
            StateHost(state: model.state, retry: model.refresh) { s in
                Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
                Text(s.procedure)
                Text(s.status).font(.headline)
                if let stale = s.stale { NoticeRow(notice: stale) }
                if let late = s.late { NoticeRow(notice: late) }
                FactList(facts: s.facts)
                Heading(text: s.eventsTitle)
                ForEach(Array(s.events.enumerated()), id: \.offset) { _, e in
                    VStack(alignment: .leading) { Text(e.when).font(.footnote); Text(e.text) }
                }
                ActionButton(label: s.refreshLabel) { Task { await model.refresh() } }
            }
        }
        .task { if let key { await model.open(key) } }
    }
}
