import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends outbound subrequests for `env.fetch`. Replace it in tests with a stub.
/// JS equivalent: the global `fetch` as a Worker sees it.
public protocol Fetcher: Sendable {
    /// Sends `request` and returns the response. JS equivalent: the global `fetch`.
    func fetch(_ request: Request) async throws -> Response
}
