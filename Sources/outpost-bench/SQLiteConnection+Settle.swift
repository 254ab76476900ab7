import OutpostSQLite

extension SQLiteConnection {
    /// Checkpoints the WAL into the database file and syncs it to disk, so that no measurement runs
    /// while the kernel writes back the dirty pages of a fresh population.
    func settle() throws {
        try execute("PRAGMA synchronous=FULL")
        try execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
