import PencilKit
import SwiftUI

/// The recipient signs with a finger (PencilKit); the PNG's path goes to
/// the core with the delivery (`DeliverInput.signatureFile`).
struct SignaturePad: View {
    /// The button's text (the visit screen's `signatureLabel`).
    let label: String
    let signed: (String) -> Void
    @State private var canvas = PKCanvasView()

    var body: some View {
        VStack {
            CanvasView(canvas: canvas).frame(minHeight: 240).background(Color.white)
            Button(label) {
                let image = canvas.drawing.image(from: canvas.bounds, scale: 2)
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("signature-\(UUID().uuidString).png")
                if let png = image.pngData(), (try? png.write(to: url)) != nil { signed(url.path) }
            }
            .frame(minHeight: 44)
            .disabled(canvas.drawing.strokes.isEmpty)
        }
    }
}

private struct CanvasView: UIViewRepresentable {
    let canvas: PKCanvasView
    func makeUIView(context: Context) -> PKCanvasView {
        canvas.drawingPolicy = .anyInput
        canvas.tool = PKInkingTool(.pen, color: .black, width: 4)
        return canvas
    }
    func updateUIView(_ view: PKCanvasView, context: Context) {}
}
