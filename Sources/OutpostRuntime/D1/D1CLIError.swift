import Outpost
import OutpostSQLite

/// A `d1` command failure, worded as wrangler words it. The command line prints it as
/// `Error: <description>` on stderr, or with `--json` as wrangler's JSON error on stdout.
package struct D1CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// wrangler's message, word for word (some of wrangler's own messages begin with `Error: `).
    package let message: String
    /// Whether `--json` prints the message as a bare JSON string (wrangler's `createFatalError`) rather
    /// than as `{"error": {"text": …}}`.
    package let jsonAsString: Bool

    /// An error with wrangler's `message`.
    package init(_ message: String, jsonAsString: Bool = false) {
        self.message = message
        self.jsonAsString = jsonAsString
    }

    /// The error a `d1` command reports for `error`: a D1 failure as wrangler reports it (the cause,
    /// without the `D1_ERROR: ` prefix), a splitter error with its message, others unchanged.
    package static func reporting(_ error: any Error) -> any Error {
        switch error {
        case let error as D1Error: D1CLIError(error.cause)
        case let error as SQLSplitter.SeveralTransactionsError: D1CLIError(error.description)
        default: error
        }
    }

    /// The message as printed after the command line's own `Error: `.
    package var description: String {
        message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
    }

    /// wrangler's `--json` form of the error, indented by two spaces.
    package var json: String {
        if jsonAsString { return JSONValue.string(message).serialized }
        return JSONValue.object(JSONObject([("error", .object(JSONObject([("text", .string(message))])))]))
            .prettyPrinted
    }
}
