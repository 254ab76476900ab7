import ArgumentParser
import Foundation
import Glibc
import Logging
import Outpost
import OutpostConfig
import OutpostFastCGI
import Synchronization

/// Ties nginx's life to the worker's: whichever stops first stops the other.
struct DevSession: Sendable {
    let nginx: ChildProcess
    let logger: Logger

    func run(
        url: String, supervise: (@escaping @Sendable () -> Void, @escaping @Sendable (Supervisor) -> Void) -> Int32
    ) -> Int32 {
        let nginx = self.nginx
        let logger = self.logger
        let supervisor = Mutex<Supervisor?>(nil)
        let nginxExited = Atomic<Bool>(false)
        Thread.detachNewThread {
            let status = nginx.wait()
            nginxExited.store(true, ordering: .releasing)
            if let running = supervisor.withLock({ $0 }) {
                if WaitStatus.exitCode(status) != 0 {
                    logger.error(
                        "nginx stopped (\(WaitStatus.describe(status))); see the messages above. Stopping the worker.")
                }
                running.stop()
            }
        }
        let code = supervise({ nginx.send(SIGQUIT) }) { running in
            supervisor.withLock { $0 = running }
            if nginxExited.load(ordering: .acquiring) { running.stop() }
            FileHandle.standardOutput.write(Data("Outpost dev server ready on \(url) (Ctrl-C to stop)\n".utf8))
        }
        nginx.send(SIGQUIT)
        return code
    }
}
