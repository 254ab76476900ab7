import Dispatch
import Foundation
import OutpostRedis
import OutpostRuntime
import OutpostTestSupport

/// A `redis-server` for one benchmark run, in its own directory, stopped by PID: by `stop()`, and
/// also when the benchmark gets `SIGINT` or `SIGTERM` (the server is stopped, then the benchmark
/// exits with 128 + the signal), so an interrupted run leaves no server behind.
///
/// Started with `posix_spawn` and an empty signal mask, and waited for with `waitpid`: Foundation's
/// `Process` started from a concurrency thread gave the server a mask blocking `SIGTERM` (it never
/// stopped), and its `waitUntilExit` then spun forever: the run hung after its last table.
final class BenchRedisServer {
    let port: Int
    let socketPath: String
    private let child: ChildProcess
    private var signalSources: [any DispatchSourceSignal] = []
    private var stopped = false

    init(directory: String) throws {
        port = try FreePort.find()
        socketPath = directory + "/redis.sock"
        child = try ChildProcess.spawn(
            path: "/usr/bin/redis-server",
            arguments: [
                "redis-server", "--bind", "127.0.0.1", "--port", String(port), "--unixsocket", socketPath,
                "--unixsocketperm", "700", "--save", "", "--appendonly", "no", "--dir", directory,
                "--logfile", directory + "/redis.log",
            ])
        stopOnSignals()
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socketPath) {
            var status: Int32 = 0
            guard Date() < deadline, waitpid(child.pid, &status, WNOHANG) == 0 else {
                stop()
                throw BenchError("redis-server did not start (see \(directory)/redis.log)")
            }
            usleep(20_000)
        }
    }

    var unixEndpoint: RedisEndpoint { RedisEndpoint(address: .unix(path: socketPath)) }
    var tcpEndpoint: RedisEndpoint { RedisEndpoint(address: .tcp(host: "127.0.0.1", port: port)) }

    /// Stops the server (SIGTERM, then waits for it) and the signal watch.
    func stop() {
        for source in signalSources { source.cancel() }
        signalSources = []
        guard !stopped else { return }
        stopped = true
        child.send(SIGTERM)
        _ = child.wait()
    }

    /// On `SIGINT` / `SIGTERM`: stop the server, then exit as the signal would have.
    private func stopOnSignals() {
        let child = child
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                child.send(SIGTERM)
                _ = child.wait()
                exit(128 + number)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
