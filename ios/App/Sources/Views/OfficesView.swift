import DvcUI
import SwiftUI

/// Offices near me: distance (with location), hours, open now, map link.
struct OfficesView: View {
    @State var model: OfficesModel
    let draftId: String?
    let go: (Place) -> Void
    @State private var locator = Locator()

    var body: some View {
        StateHost(state: model.state, retry: { await model.open() }) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            Text(s.orderNote)
            ActionButton(label: s.locateLabel) {
                locator.request { lat, lon in Task { await model.located(latitude: lat, longitude: lon) } }
            }
            ForEach(s.offices, id: \.id) { o in
                Heading(text: o.name)
                Text([o.address, o.distance, o.openNow].compactMap { $0 }.joined(separator: " · "))
                ForEach(o.hours, id: \.self) { Text($0).font(.footnote) }
                if let sample = o.sampleNote { Text(sample).font(.footnote) }
                ActionButton(label: o.name) { go(.slots(office: o.id, draft: draftId, rescheduling: nil)) }
                Link("🗺 \(o.name)", destination: URL(string: o.mapUrl)!).frame(minHeight: 44)
            }
        }
        .task { await model.open() }
    }
}
