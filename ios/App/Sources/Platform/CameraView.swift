import SwiftUI
import UIKit

/// The system camera for pages and photos: the JPEG is written to a
/// temporary file and its path goes to the core, which checks and stores it.
struct CameraView: UIViewControllerRepresentable {
    let taken: (String) -> Void

    func makeUIViewController(context: Context) -> UIImagePickerController {
        let picker = UIImagePickerController()
        picker.sourceType = UIImagePickerController.isSourceTypeAvailable(.camera) ? .camera : .photoLibrary
        picker.delegate = context.coordinator
        return picker
    }

    func updateUIViewController(_ controller: UIImagePickerController, context: Context) {}

    func makeCoordinator() -> Coordinator { Coordinator(taken: taken) }

    final class Coordinator: NSObject, UIImagePickerControllerDelegate, UINavigationControllerDelegate {
        let taken: (String) -> Void
        init(taken: @escaping (String) -> Void) { self.taken = taken }

        func imagePickerController(_ picker: UIImagePickerController, didFinishPickingMediaWithInfo info: [UIImagePickerController.InfoKey: Any]) {
            picker.dismiss(animated: true)
            guard let image = info[.originalImage] as? UIImage, let jpeg = image.jpegData(compressionQuality: 0.8) else { return }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString).jpg")
            if (try? jpeg.write(to: url)) != nil { taken(url.path) }
        }
    }
}
