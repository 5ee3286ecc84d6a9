//! `uniffi-bindgen`: generates Kotlin and Swift from the built library
//! (library mode). A separate binary so the generator never ships in apps.

fn main() {
    uniffi::uniffi_bindgen_main()
}
