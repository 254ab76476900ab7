import CFastCGI
import Foundation

/// One-time libfcgi setup and the signal that wakes idle accept threads.
enum FastCGILibrary {
    private static let once: Void = {
        // libfcgi installs its own SIGTERM/SIGUSR1 handlers; the runtime handles signals itself, so
        // whatever was there before FCGX_Init is put back.
        var term = sigaction()
        var usr1 = sigaction()
        sigaction(SIGTERM, nil, &term)
        sigaction(SIGUSR1, nil, &usr1)
        FCGX_Init()
        sigaction(SIGTERM, &term, nil)
        sigaction(SIGUSR1, &usr1, nil)
        signal(SIGPIPE, SIG_IGN)
        // SIGUSR2 interrupts a blocked accept()/read() (no SA_RESTART) so stop() can wake idle threads.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGUSR2, &action, nil)
    }()

    static func initialize() { _ = once }

    /// Lets SIGUSR2 reach the calling thread. A thread inherits its creator's signal mask, and threads
    /// of Swift's cooperative pool block nearly every signal: an accept thread started from there would
    /// never be woken by `stop()`.
    static func unblockWakeSignal() {
        var wake = sigset_t()
        sigemptyset(&wake)
        sigaddset(&wake, SIGUSR2)
        pthread_sigmask(SIG_UNBLOCK, &wake, nil)
    }
}
