import Outpost

extension TestApp {
    /// The id D1 and KV store for the session in `cookie` (`session=<token>` or `admin_session=<token>`):
    /// the SHA-256 of the token as hex.
    static func storedSessionID(_ cookie: String) -> String {
        let token = cookie.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
        return WebCrypto.hex(WebCrypto.sha256(Array(token.utf8)))
    }
}
