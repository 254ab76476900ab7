import CFastCGI
import Foundation

/// One-time libfcgi setup.
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
    }()

    static func initialize() { _ = once }
}
