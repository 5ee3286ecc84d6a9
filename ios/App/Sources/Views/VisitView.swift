import DvcUI
import SwiftUI

/// One visit: scan, then record the pickup or delivery, or a failed attempt.
struct VisitView: View {
    @State var model: VisitModel
    @State private var bag = "", receipt = "", recipient = "", relation = "self", note = ""
    @State private var identity = false
    @State private var signature: String?
    @State private var reason: String?
    @State private var photos: [String] = []
    @State private var collected: Set<String> = []
    @State private var scanning = false, signing = false, photographing = false
    @State private var locator = Locator()

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            FactList(facts: s.facts)
            Text(s.state)
            if let f = s.pickup {
                ActionButton(label: f.scanLabel) { scanning = true }
                if let scan = f.scan { NoticeRow(notice: scan) }
                if !f.documents.isEmpty { Heading(text: f.documentsTitle) }
                ForEach(f.documents, id: \.id) { d in
                    Toggle(d.label, isOn: Binding(get: { collected.contains(d.id) },
                                                  set: { if $0 { collected.insert(d.id) } else { collected.remove(d.id) } }))
                }
                .onAppear { collected = Set(f.documents.filter(\.selected).map(\.id)) }
                TextField(f.bagLabel, text: $bag)
                Text(f.fee)
                if let label = f.receiptLabel { TextField(label, text: $receipt) }
                ActionButton(label: f.photoLabel) { photographing = true }
                ActionButton(label: f.recordLabel) {
                    let at = locator.lastKnown
                    Task { await model.recordPickup(documents: Array(collected), sealedBag: bag, feeReceipt: receipt.isEmpty ? nil : receipt,
                                                    photoFiles: photos, latitude: at?.0, longitude: at?.1) }
                }
            }
            if let f = s.delivery {
                Text(f.s10Expected).font(.headline.monospaced())
                ActionButton(label: f.scanLabel) { scanning = true }
                if let scan = f.scan { NoticeRow(notice: scan) }
                TextField(f.recipientLabel, text: $recipient).textContentType(.name)
                Heading(text: f.relationTitle)
                ChoiceList(choices: f.relations.map { Choice(id: $0.id, label: $0.label, selected: $0.id == relation) }) { relation = $0 }
                Toggle(f.identityLabel, isOn: $identity)
                ActionButton(label: f.signatureLabel) { signing = true }
                ActionButton(label: f.photoLabel) { photographing = true }
                Text(f.fee)
                ActionButton(label: f.recordLabel, enabled: signature != nil) {
                    let at = locator.lastKnown
                    Task { await model.recordDelivery(recipientName: recipient, relationId: relation, identityChecked: identity,
                                                      signatureFile: signature ?? "", photoFiles: photos, feeReceipt: nil,
                                                      latitude: at?.0, longitude: at?.1) }
                }
            }
            Heading(text: s.failTitle)
            ChoiceList(choices: s.failReasons.map { Choice(id: $0.id, label: $0.label, selected: $0.id == reason) }) { reason = $0 }
            TextField(s.noteLabel, text: $note)
            ActionButton(label: s.failLabel, enabled: reason != nil) {
                let at = locator.lastKnown
                Task { await model.fail(reasonId: reason ?? "", note: note, latitude: at?.0, longitude: at?.1) }
            }
            Text(s.positionNote).font(.footnote)
        }
        .task { await model.open() }
        .sheet(isPresented: $scanning) { ScannerView { text in scanning = false; Task { await model.scanned(text) } } }
        .sheet(isPresented: $signing) { SignaturePad(label: model.state.screen?.delivery?.signatureLabel ?? "") { path in signing = false; signature = path } }
        .sheet(isPresented: $photographing) { CameraView { path in photographing = false; photos.append(path) } }
    }
}
