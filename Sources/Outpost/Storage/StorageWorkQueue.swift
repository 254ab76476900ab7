import Foundation

/// The FIFO queue and threads behind a `StorageExecutor`: up to `maxThreads` threads, started when
/// work arrives and no thread is idle, each marked as allowed to block; they exit after `shutdown()`
/// once the queue is empty.
final class StorageWorkQueue: @unchecked Sendable {
    /// One unit of work: a closure from `StorageExecutor.hop`, or a job of a task preferring the executor.
    enum Item {
        case closure(@Sendable () -> Void)
        case job(UnownedJob, UnownedTaskExecutor)
    }

    private let name: String
    private let maxThreads: Int
    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var threads = 0
    private var idle = 0
    private var stopping = false

    init(name: String, maxThreads: Int) {
        self.name = name
        self.maxThreads = maxThreads
    }

    func submit(_ item: Item) {
        condition.lock()
        items.append(item)
        let spawn = idle == 0 && threads < maxThreads
        if spawn { threads += 1 }
        condition.signal()
        condition.unlock()
        if spawn { start(index: threads) }
    }

    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func start(index: Int) {
        let thread = Thread { [self] in
            StorageExecutor.allowBlockingOnCurrentThread()
            while let item = next() {
                switch item {
                case .closure(let body): body()
                case .job(let job, let executor): job.runSynchronously(on: executor)
                }
            }
        }
        thread.name = maxThreads == 1 ? name : "\(name) \(index)"
        thread.start()
    }

    /// The oldest item, waiting for one; `nil` once stopping with nothing left.
    private func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count {
            if stopping {
                threads -= 1
                return nil
            }
            idle += 1
            condition.wait()
            idle -= 1
        }
        let item = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        return item
    }
}
