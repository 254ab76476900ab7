import Foundation
import Outpost

/// Linux.Do's token and user-info endpoints, faked: code `good` yields a token, the token a profile.
struct FakeLinuxDo: Fetcher {
    func fetch(_ request: Request) async throws -> Response {
        switch request.path {
        case "/oauth2/token":
            let form = try await request.text()
            guard form.contains("code=good"), form.contains("grant_type=authorization_code") else {
                return .json(["error": "invalid_grant"], status: 400)
            }
            return .json(["access_token": "token-1", "token_type": "bearer"])
        case "/api/user":
            guard request.headers["authorization"] == "Bearer token-1" else { return .json([:], status: 401) }
            return .json([
                "id": 4242, "username": "linuxer", "email": "l@example.com", "avatar_url": "https://a.example/x.png",
                "trust_level": 3,
            ])
        default:
            return .text("not found", status: 404)
        }
    }
}
