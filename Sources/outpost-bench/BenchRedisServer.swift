import Dispatch
import Foundation
import OutpostRedis
import OutpostTestSupport

/// A `redis-server` for one benchmark run, in its own directory, stopped by PID: by `stop()`, and
/// also when the benchmark gets `SIGINT` or `SIGTERM` (the server is stopped, then the benchmark
/// exits with 128 + the signal), so an interrupted run leaves no server behind.
final class BenchRedisServer {
    let process = Process()
    let port: Int
    let socketPath: String
    private var signalSources: [any DispatchSourceSignal] = []

    init(directory: String) throws {
        port = try FreePort.find()
        socketPath = directory + "/redis.sock"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = [
            "--bind", "127.0.0.1", "--port", String(port), "--unixsocket", socketPath, "--unixsocketperm", "700",
            "--save", "", "--appendonly", "no", "--dir", directory, "--logfile", directory + "/redis.log",
        ]
        try process.run()
        stopOnSignals()
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socketPath) {
            guard Date() < deadline, process.isRunning else {
                stop()
                throw BenchError("redis-server did not start (see \(directory)/redis.log)")
            }
            usleep(20_000)
        }
    }

    var unixEndpoint: RedisEndpoint { RedisEndpoint(address: .unix(path: socketPath)) }
    var tcpEndpoint: RedisEndpoint { RedisEndpoint(address: .tcp(host: "127.0.0.1", port: port)) }

    /// Stops the server (SIGTERM, then waits) and the signal watch.
    func stop() {
        for source in signalSources { source.cancel() }
        signalSources = []
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// On `SIGINT` / `SIGTERM`: stop the server, then exit as the signal would have.
    private func stopOnSignals() {
        let pid = process.processIdentifier
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                kill(pid, SIGTERM)
                var status: Int32 = 0
                _ = waitpid(pid, &status, 0)
                exit(128 + number)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
