// The app: Compose views (one file per screen) over :presentation, and the
// platform glue (reminders, camera and scanning, signature pad, location,
// deep links, brightness). Before building, run scripts/android-build.sh
// from the repository root (the library per ABI, the bindings, the assets).
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "vn.dvc.app"
    compileSdk = 35
    defaultConfig {
        applicationId = "vn.dvc.app"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        // The server the app talks to; override with -PdvcServerUrl=…
        val server = (project.findProperty("dvcServerUrl") as String?) ?: "https://dvc.example.vn"
        buildConfigField("String", "SERVER_URL", "\"$server\"")
    }
    buildFeatures {
        compose = true
        buildConfig = true
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
    sourceSets["main"].java.srcDirs("src/main/kotlin")
}

dependencies {
    implementation(project(":presentation"))
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.material3)
    implementation(libs.activity.compose)
    implementation(libs.lifecycle.runtime.compose)
    implementation(libs.core.ktx)
    implementation(libs.coroutines.android)
    implementation(libs.camerax.camera2)
    implementation(libs.camerax.lifecycle)
    implementation(libs.camerax.view)
    implementation(libs.mlkit.barcode)
}
