// Android side of the DVC mobile core:
// - :dvccore      the generated Kotlin bindings and libdvc_ffi.so per ABI;
// - :presentation plain-Kotlin presenters, one per screen (no android.*);
// - :app          the Compose app (views, platform glue).
// Versions: gradle/libs.versions.toml.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "dvc-android"
include(":dvccore", ":presentation", ":app")
