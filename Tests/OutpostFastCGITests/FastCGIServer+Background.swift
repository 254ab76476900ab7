import Foundation
import OutpostFastCGI

extension FastCGIServer {
    /// Runs the server on a thread of its own; the semaphore is signalled once `run()` has returned.
    func runInBackground() -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            self.run()
            finished.signal()
        }
        return finished
    }
}
