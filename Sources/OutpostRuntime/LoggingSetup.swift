import Foundation
import Logging
import Synchronization

/// Configures swift-log once per process: lines to stderr, level from `OUTPOST_LOG_LEVEL` (default info).
enum LoggingSetup {
    private static let done = Mutex(false)

    static func bootstrap() {
        let first = done.withLock { current -> Bool in
            defer { current = true }
            return !current
        }
        guard first else { return }
        let level =
            ProcessInfo.processInfo.environment["OUTPOST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static func logger(_ label: String) -> Logger {
        bootstrap()
        return Logger(label: label)
    }
}
