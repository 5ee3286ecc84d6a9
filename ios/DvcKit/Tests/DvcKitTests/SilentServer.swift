#if canImport(Glibc)
import Glibc
private let streamSocket = Int32(SOCK_STREAM.rawValue)
#else
import Darwin
private let streamSocket = SOCK_STREAM
#endif

/// A loopback port that takes connections (the kernel's backlog) and never
/// answers: a call to it waits until it is cancelled or times out.
final class SilentServer {
    let port: UInt16
    private let fd: Int32

    struct Failed: Error {}

    init() throws {
        let sock = socket(AF_INET, streamSocket, 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, len) }
        }
        guard sock >= 0, bound == 0, listen(sock, 8) == 0 else { close(sock); throw Failed() }
        var out = sockaddr_in()
        let named = withUnsafeMutablePointer(to: &out) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) }
        }
        guard named == 0 else { close(sock); throw Failed() }
        fd = sock
        port = UInt16(bigEndian: out.sin_port)
    }

    deinit { close(fd) }
}
