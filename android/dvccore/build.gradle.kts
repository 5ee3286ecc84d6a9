// The library module an Android app depends on. Before assembling, run
// `scripts/android-build.sh` from the repository root: it cross-builds
// libdvc_ffi.so for each ABI into src/main/jniLibs and generates the Kotlin
// bindings into src/main/java (both are build outputs, not committed).
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "vn.dvc.core"
    compileSdk = 35
    defaultConfig {
        // The generated Kotlin uses java.time (Instant): API 26, chosen over
        // core-library desugaring (one less build step for every app).
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
    sourceSets["main"].java.srcDirs("src/main/java", "src/main/kotlin")
    packaging { jniLibs.useLegacyPackaging = false }
}

dependencies {
    implementation("net.java.dev.jna:jna:5.14.0@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.8.0")
    testImplementation("junit:junit:4.13.2")
    testImplementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.8.0")
}
