import DvcUI
import SwiftUI

/// Today's visits in route order, the offline banner, unsent and turned-down actions.
struct WorklistView: View {
    @State var model: WorklistModel
    let go: (Place) -> Void

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            if let offline = s.offline { NoticeRow(notice: offline) }
            if let unsent = s.unsent { NoticeRow(notice: unsent) }
            Text(s.route)
            if let empty = s.empty { Text(empty) }
            ForEach(s.visits, id: \.id) { v in
                Button { go(.visit(v.id)) } label: {
                    VStack(alignment: .leading) {
                        Text(v.title).font(.headline)
                        Text(v.who)
                        Text("\(v.address) · \(v.window)").font(.footnote)
                        Text(v.state).font(.footnote)
                    }.frame(maxWidth: .infinity, minHeight: 44, alignment: .leading)
                }
            }
            if !s.wedged.isEmpty { Heading(text: s.wedgedTitle) }
            ForEach(s.wedged, id: \.seq) { w in
                Text(w.title).font(.footnote)
                Text(w.reason)
                ActionButton(label: s.retryLabel) { Task { await model.retry(w.seq) } }
                ActionButton(label: s.setAsideLabel) { Task { await model.setAside(w.seq, reason: w.reason) } }
            }
            ActionButton(label: s.syncLabel) { go(.sync) }
        }
        .task { await model.open() }
    }
}
