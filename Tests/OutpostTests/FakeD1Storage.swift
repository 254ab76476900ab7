import Outpost
import Synchronization

/// A D1 storage that records what it is asked and answers from a script.
final class FakeD1Storage: D1Storage {
    struct Call: Sendable, Equatable {
        let queries: [D1Query]
        let sessionToken: String?
    }

    private let calls = Mutex<[Call]>([])
    private let answer: @Sendable ([D1Query]) throws(D1Error) -> D1Response

    init(answer: @escaping @Sendable ([D1Query]) throws(D1Error) -> D1Response) {
        self.answer = answer
    }

    /// A storage answering every query with `columns` and `rows`, and `bookmark`.
    convenience init(columns: [String] = [], rows: [[D1Value]] = [], bookmark: String? = "0001") {
        self.init { queries throws(D1Error) in
            D1Response(
                results: queries.map { _ in D1QueryResult(columns: columns, rows: rows, meta: .fake) },
                bookmark: bookmark)
        }
    }

    var recorded: [Call] { calls.withLock { $0 } }

    func execute(_ queries: [D1Query], sessionToken: String?) async throws(D1Error) -> D1Response {
        calls.withLock { $0.append(Call(queries: queries, sessionToken: sessionToken)) }
        return try answer(queries)
    }
}

extension D1Meta {
    static let fake = D1Meta(
        servedBy: "miniflare.db", duration: 0.5, changes: 0, lastRowID: 0, changedDB: false, sizeAfter: 4096,
        rowsRead: 1, rowsWritten: 0)
}
