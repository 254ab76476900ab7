import Foundation

/// Connection facts the edge attaches to a request. JS equivalent: `request.cf`
/// (the subset nginx can pass: protocol, TLS, RTT, and a configured colo).
public struct CFProperties: Sendable, Equatable {
    /// `HTTP/1.1`, `HTTP/2`, … JS equivalent: `request.cf.httpProtocol`.
    public var httpProtocol: String
    /// `TLSv1.3` and so on, or `nil` over plain HTTP. JS equivalent: `request.cf.tlsVersion`.
    public var tlsVersion: String?
    /// The TLS cipher, or `nil`. JS equivalent: `request.cf.tlsCipher`.
    public var tlsCipher: String?
    /// The client's TCP round-trip time in ms, when nginx passes `$tcpinfo_rtt`. JS: `request.cf.clientTcpRtt`.
    /// JS equivalent: `request.cf.clientTcpRtt`.
    public var clientTcpRtt: Int?
    /// The configured location name. JS equivalent: `request.cf.colo`.
    public var colo: String
    /// The client's address as seen by nginx.
    /// JS equivalent: `request.headers.get("CF-Connecting-IP")`.
    public var clientAddress: String?

    /// Properties with the given values.
    /// JS equivalent: none (Cloudflare fills `request.cf`).
    public init(
        httpProtocol: String = "HTTP/1.1",
        tlsVersion: String? = nil,
        tlsCipher: String? = nil,
        clientTcpRtt: Int? = nil,
        colo: String = "LOCAL",
        clientAddress: String? = nil
    ) {
        self.httpProtocol = httpProtocol
        self.tlsVersion = tlsVersion
        self.tlsCipher = tlsCipher
        self.clientTcpRtt = clientTcpRtt
        self.colo = colo
        self.clientAddress = clientAddress
    }

    /// The properties as the JSON object a JS Worker sees.
    /// JS equivalent: `request.cf` as a plain object.
    public var json: JSONValue {
        var object: JSONObject = ["httpProtocol": .string(httpProtocol), "colo": .string(colo)]
        if let tlsVersion { object["tlsVersion"] = .string(tlsVersion) }
        if let tlsCipher { object["tlsCipher"] = .string(tlsCipher) }
        if let clientTcpRtt { object["clientTcpRtt"] = .number(Double(clientTcpRtt)) }
        return .object(object)
    }
}
