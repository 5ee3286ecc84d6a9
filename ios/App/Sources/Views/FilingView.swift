import DvcUI
import SwiftUI

/// Filing: receiving office, pickup or home delivery (fee shown), then the QR.
struct FilingView: View {
    @State var model: FilingModel
    let go: (Place) -> Void
    @State private var address = ""

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            Text(s.procedure)
            ForEach(s.blockers, id: \.text) { NoticeRow(notice: $0) }
            Heading(text: s.officeTitle)
            if let note = s.officeNote { Text(note) }
            ChoiceList(choices: s.offices) { id in Task { await model.chooseOffice(id) } }
            Heading(text: s.deliveryTitle)
            ChoiceList(choices: s.deliveries) { id in Task { await model.chooseDelivery(id, address: address) } }
            Text(s.deliveryNote)
            TextField(s.addressLabel, text: $address).textContentType(.fullStreetAddress).onAppear { address = s.address }
            if let queued = s.queued { NoticeRow(notice: queued) }
            ActionButton(label: s.fileLabel, enabled: s.canFile) { Task { await model.file() } }
        }
        .task { await model.open() }
        .onChange(of: model.filed) { _, filed in if let filed { go(.qr(filed)) } }
    }
}
