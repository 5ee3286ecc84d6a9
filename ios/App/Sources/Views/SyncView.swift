import DvcUI
import SwiftUI

/// Sync: what waits, progress, what arrived, what was turned down and why.
struct SyncView: View {
    @State var model: SyncModel

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            Text(s.waiting)
            if let progress = model.progress { Text(progress) }
            if let result = s.result { NoticeRow(notice: result) }
            FactList(facts: s.facts)
            if !s.wedged.isEmpty { Heading(text: s.wedgedTitle) }
            ForEach(s.wedged, id: \.seq) { Text("\($0.title)\n\($0.reason)") }
            ActionButton(label: s.syncLabel) { Task { await model.sync() } }
        }
        .task { await model.open() }
    }
}
