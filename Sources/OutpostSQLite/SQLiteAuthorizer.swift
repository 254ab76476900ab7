import CSQLite

/// An authorizer consulted while SQLite compiles each statement (`sqlite3_set_authorizer`).
///
/// Not thread-safe by itself: it runs on the thread that uses its connection.
package protocol SQLiteAuthorizer: AnyObject {
    /// Decides one action: `SQLITE_OK`, `SQLITE_DENY` or `SQLITE_IGNORE`. The arguments are
    /// `sqlite3_set_authorizer`'s: the action code, two detail strings, the database and the trigger or view.
    func authorize(action: Int32, _ first: String?, _ second: String?, database: String?, trigger: String?) -> Int32
}

/// Holds an authorizer for a connection; its address is the C callback's user-data pointer.
final class SQLiteAuthorizerBox {
    let authorizer: any SQLiteAuthorizer
    init(_ authorizer: any SQLiteAuthorizer) { self.authorizer = authorizer }
}

extension SQLiteConnection {
    /// Installs `authorizer` (or removes it with `nil`); the connection keeps it alive.
    package func setAuthorizer(_ authorizer: (any SQLiteAuthorizer)?) {
        guard let authorizer else {
            sqlite3_set_authorizer(handle, nil, nil)
            authorizerBox = nil
            return
        }
        let box = SQLiteAuthorizerBox(authorizer)
        authorizerBox = box
        let callback:
            @convention(c) (
                UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
                UnsafePointer<CChar>?
            ) -> Int32 = { context, action, first, second, database, trigger in
                guard let context else { return SQLITE_DENY }
                let box = Unmanaged<SQLiteAuthorizerBox>.fromOpaque(context).takeUnretainedValue()
                return box.authorizer.authorize(
                    action: action, first.map { String(cString: $0) }, second.map { String(cString: $0) },
                    database: database.map { String(cString: $0) }, trigger: trigger.map { String(cString: $0) })
            }
        sqlite3_set_authorizer(handle, callback, Unmanaged.passUnretained(box).toOpaque())
    }

    /// The installed authorizer, if any.
    package var authorizer: (any SQLiteAuthorizer)? { authorizerBox?.authorizer }
}
