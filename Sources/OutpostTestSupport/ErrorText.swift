import Outpost

/// The text a ported Worker would see for an error: Cloudflare's message for a `KVError`,
/// `TypeError: …` for a `TypeError`, the description otherwise.
public enum ErrorText {
    /// The message of the error `body` throws, or `nil` when it succeeds.
    public static func of(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as KVError {
            return error.message
        } catch let error as TypeError {
            return "TypeError: \(error.message)"
        } catch {
            return "\(error)"
        }
    }
}
