import Outpost

/// Session cookie tokens and the ids stored for them: the cookie carries 32 random bytes as hex,
/// D1 and KV only the token's SHA-256, so neither store holds a value that authenticates.
enum SessionToken {
    /// A new random token (64 lower-case hex digits).
    static func random() -> String { WebCrypto.hex(WebCrypto.randomBytes(32)) }

    /// The id stored in D1 and KV for `token`: its SHA-256 as hex.
    static func storedID(of token: String) -> String { WebCrypto.hex(WebCrypto.sha256(Array(token.utf8))) }

    /// Whether `token` has a token's shape (anything else cannot be a session and costs no lookup).
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
