// Swift 6.0's libswiftObservation on Linux references a runtime function
// its libswiftCore does not export (swiftlang/swift#75670, fixed in 6.2);
// this defines it so @Observable models link in the Linux tests. Never
// built for iOS.
#if os(Linux)
@_cdecl("_ZN5swift9threading5fatalEPKcz")
func _swiftThreadingFatal() -> Never { fatalError("swift::threading::fatal") }
#endif
