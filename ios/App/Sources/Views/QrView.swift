import DvcUI
import SwiftUI
import UIKit

/// The signed QR full-screen, brightness raised while it is shown.
struct QrView: View {
    @State var model: QrModel
    @State private var brightness: CGFloat?

    var body: some View {
        StateHost(state: model.state, retry: model.open) { s in
            Text(s.title).font(.title).accessibilityAddTraits(.isHeader)
            Text(s.dossierCode).font(.title2.monospaced())
            if let image = UIImage(data: s.png) {
                Image(uiImage: image).interpolation(.none).resizable().scaledToFit()
                    .accessibilityLabel(s.imageLabel)
            }
            Text(s.caption)
            if let check = s.trackCheck { Text(check) }
        }
        .task { await model.open() }
        .onChange(of: model.state.screen?.fullBrightness) { _, full in
            if full == true, brightness == nil {
                brightness = UIScreen.main.brightness
                UIScreen.main.brightness = 1
            }
        }
        .onDisappear { if let b = brightness { UIScreen.main.brightness = b } }
    }
}
