import Foundation

/// Parses an ISO-8601 UTC instant, e.g. `2026-01-31T23:59:00Z`.
func utc(_ text: String) -> Date {
    // swift-format-ignore: NeverUseForceTry
    try! Date(text, strategy: .iso8601)
}

/// An ISO-8601 UTC rendering of `date`, for readable expectations.
func iso(_ date: Date?) -> String {
    date.map { $0.formatted(.iso8601) } ?? "nil"
}
