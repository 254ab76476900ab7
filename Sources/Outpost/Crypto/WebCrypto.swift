import Crypto
import Foundation
import _CryptoExtras

/// The subset of the Web Crypto API a worker needs: random values, UUIDs, SHA-256, HMAC and PBKDF2.
///
/// JS equivalent: the global `crypto` object (`crypto.randomUUID()`, `crypto.getRandomValues()`,
/// `crypto.subtle.digest`, `crypto.subtle.sign("HMAC", …)`, `crypto.subtle.deriveBits({name: "PBKDF2"}, …)`).
/// Backed by swift-crypto (BoringSSL on Linux).
public enum WebCrypto {
    /// A random version-4 UUID, lower case. JS equivalent: `crypto.randomUUID()`.
    public static func randomUUID() -> String {
        UUID().uuidString.lowercased()
    }

    /// `count` cryptographically secure random bytes. JS equivalent: `crypto.getRandomValues(new Uint8Array(count))`.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The SHA-256 digest of `data`. JS equivalent: `crypto.subtle.digest("SHA-256", data)`.
    public static func sha256(_ data: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: data))
    }

    /// The HMAC-SHA256 of `data` under `key`. JS equivalent: `crypto.subtle.sign("HMAC", key, data)`
    /// with a key imported as `{name: "HMAC", hash: "SHA-256"}`.
    public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }

    /// PBKDF2 with HMAC-SHA256: `length` bytes derived from `password` and `salt` over `iterations` rounds.
    ///
    /// JS equivalent: `crypto.subtle.deriveBits({name: "PBKDF2", hash: "SHA-256", salt, iterations}, key, length * 8)`.
    /// Any iteration count ≥ 1 is accepted (tests use few); production hashes should use ≥ 600,000.
    public static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: password, salt: salt, using: .sha256, outputByteCount: length,
            unsafeUncheckedRounds: max(1, iterations))
        return key.withUnsafeBytes { Array($0) }
    }

    /// Compares two byte strings in time that depends only on their lengths.
    /// JS equivalent: `crypto.subtle.timingSafeEqual(a, b)` (a Cloudflare Workers extension).
    public static func timingSafeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// Lower-case hexadecimal text of `bytes`.
    /// JS equivalent: `[...bytes].map(b => b.toString(16).padStart(2, "0")).join("")`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[index * 2] = digits[Int(byte >> 4)]
                buffer[index * 2 + 1] = digits[Int(byte & 0x0f)]
            }
            return bytes.count * 2
        }
    }
}
