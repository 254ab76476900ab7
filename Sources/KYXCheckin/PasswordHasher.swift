import Outpost

/// Admin password hashes: PBKDF2-HMAC-SHA256, stored as `pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`.
/// JS equivalent: `crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", … })`.
public struct PasswordHasher: Sendable {
    /// The production iteration count (OWASP 2023 for PBKDF2-SHA256).
    /// JS equivalent: none.
    public static let defaultIterations = 600_000

    /// Rounds for new hashes.
    /// JS equivalent: the `iterations` of the PBKDF2 parameters.
    public let iterations: Int

    /// A hasher that makes new hashes with `iterations` rounds.
    /// JS equivalent: none.
    public init(iterations: Int = PasswordHasher.defaultIterations) {
        self.iterations = iterations
    }

    /// A new salted hash of `password`.
    /// JS equivalent: `crypto.subtle.deriveBits` with a fresh `crypto.getRandomValues` salt.
    public func hash(_ password: String) throws -> String {
        let salt = WebCrypto.randomBytes(16)
        let derived = try WebCrypto.pbkdf2SHA256(
            password: Array(password.utf8), salt: salt, iterations: iterations, length: 32)
        return "pbkdf2_sha256$\(iterations)$\(WebCrypto.hex(salt))$\(WebCrypto.hex(derived))"
    }

    /// Whether `password` matches `stored` (constant-time comparison of the derived keys).
    /// JS equivalent: `crypto.subtle.deriveBits` and `crypto.subtle.timingSafeEqual`.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2_sha256", let rounds = Int(parts[1]), rounds > 0,
            let salt = bytes(hex: parts[2]), let expected = bytes(hex: parts[3]),
            let derived = try? WebCrypto.pbkdf2SHA256(
                password: Array(password.utf8), salt: salt, iterations: rounds, length: expected.count)
        else { return false }
        return WebCrypto.timingSafeEqual(derived, expected)
    }

    /// A well-formed hash that no password matches, for spending the same work on unknown usernames.
    static func decoy(iterations: Int) -> String {
        "pbkdf2_sha256$\(max(1, iterations))$\(String(repeating: "00", count: 16))$\(String(repeating: "00", count: 32))"
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let characters = Array(hex.utf8)
        guard characters.count % 2 == 0, !characters.isEmpty else { return nil }
        var result: [UInt8] = []
        var index = 0
        while index < characters.count {
            guard let byte = UInt8(String(decoding: characters[index..<index + 2], as: UTF8.self), radix: 16)
            else { return nil }
            result.append(byte)
            index += 2
        }
        return result
    }
}
