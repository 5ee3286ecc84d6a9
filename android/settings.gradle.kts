// Android side of the DVC mobile core: one library module packaging the
// generated Kotlin bindings and libdvc_ffi.so for each ABI.
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
include(":dvccore")
