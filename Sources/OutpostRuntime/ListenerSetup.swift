import Glibc
import OutpostConfig
import OutpostFastCGI

/// Opens the configured listen socket under its path lock.
enum ListenerSetup {
    static func open(config: WorkerConfig, address override: SocketAddress? = nil) throws -> Listener {
        let address =
            override ?? socketAddress(config.outpost.listen ?? .unix(path: config.outpost.stateDir + "/outpost.sock"))
        var lock: SocketPathLock?
        if case .unix(let path) = address { lock = try SocketPathLock.acquire(socketPath: path) }
        var fd = try ListenSocket.open(
            address, mode: config.outpost.socketMode, group: config.outpost.socketGroup,
            backlog: Int32(config.outpost.backlog))
        if fd <= 5 {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            _ = Glibc.close(fd)
            fd = moved
        }
        return Listener(fd: fd, address: address, lock: lock?.recordingBoundSocket())
    }

    static func socketAddress(_ address: ListenAddress) -> SocketAddress {
        switch address {
        case .unix(let path): .unix(path: path)
        case .tcp(let host, let port): .tcp(host: host, port: port)
        }
    }
}
