/// dqlite's message types and the codes the client relies on (dqlite 1.11 `protocol.h`).
enum DqliteWire {
    /// The protocol version sent first on every connection.
    static let protocolVersion: UInt64 = 1
    /// The word after a page of rows when more pages follow.
    static let rowsPart: UInt64 = 0xEEEE_EEEE_EEEE_EEEE
    /// The word after the last page of rows.
    static let rowsDone: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
    /// The largest message body the client accepts (a dump of a large database included).
    static let maxBodyBytes = 1 << 31

    /// Request types.
    enum Request: UInt8 {
        case leader = 0
        case client = 1
        case open = 3
        case execSQL = 8
        case querySQL = 9
        case add = 12
        case assign = 13
        case remove = 14
        case dump = 15
        case cluster = 16
    }

    /// Response types.
    enum Response: UInt8 {
        case failure = 0
        case server = 1
        case welcome = 2
        case servers = 3
        case db = 4
        case result = 6
        case rows = 7
        case empty = 8
        case files = 9
    }

    /// Value type codes in parameter and row tuples.
    enum ValueType: UInt8 {
        case integer = 1
        case float = 2
        case text = 3
        case blob = 4
        case null = 5
        case unixTime = 9
        case iso8601 = 10
        case boolean = 11
    }

    /// `SQLITE_IOERR_NOT_LEADER`: the node asked is not the leader (nothing was run).
    static let notLeader: UInt64 = 10 | (40 << 8)
    /// `SQLITE_IOERR_LEADERSHIP_LOST`: leadership was lost while a write was being replicated.
    static let leadershipLost: UInt64 = 10 | (41 << 8)
    /// `SQLITE_BUSY`: another connection holds the write lock, or a checkpoint runs (nothing was run).
    static let busy: UInt64 = 5
}
