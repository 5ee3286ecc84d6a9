import SwiftUI
import VisionKit

/// QR codes and S10 barcodes with VisionKit's DataScanner: the first code
/// read goes to the core as text (which verifies a QR offline and checks
/// an item number).
struct ScannerView: UIViewControllerRepresentable {
    let read: (String) -> Void

    func makeUIViewController(context: Context) -> DataScannerViewController {
        let scanner = DataScannerViewController(
            recognizedDataTypes: [.barcode(symbologies: [.qr, .code128, .code39])],
            qualityLevel: .balanced, isHighlightingEnabled: true)
        scanner.delegate = context.coordinator
        try? scanner.startScanning()
        return scanner
    }

    func updateUIViewController(_ controller: DataScannerViewController, context: Context) {}

    func makeCoordinator() -> Coordinator { Coordinator(read: read) }

    final class Coordinator: NSObject, DataScannerViewControllerDelegate {
        let read: (String) -> Void
        private var done = false
        init(read: @escaping (String) -> Void) { self.read = read }

        func dataScanner(_ scanner: DataScannerViewController, didAdd items: [RecognizedItem], allItems: [RecognizedItem]) {
            guard !done else { return }
            for case let .barcode(code) in items {
                if let text = code.payloadStringValue {
                    done = true
                    scanner.stopScanning()
                    read(text)
                    return
                }
            }
        }
    }
}
