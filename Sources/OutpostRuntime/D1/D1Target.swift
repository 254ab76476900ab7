/// Which database a `d1` command acts on, from `--local`, `--remote`, `--preview` and `--persist-to`,
/// checked as wrangler checks them.
///
/// Outpost's databases are always the ones its own backends hold (the server uses the same files or
/// cluster), so `--local` is accepted and is the default, and `--remote` / `--preview` are refused:
/// there is no Cloudflare account behind them.
package struct D1Target: Sendable, Equatable {
    /// `--local`.
    package var local = false
    /// `--remote`.
    package var remote = false
    /// `--preview`.
    package var preview = false
    /// Whether `--persist-to` was given.
    package var persistTo = false

    /// The flags as given.
    package init(local: Bool = false, remote: Bool = false, preview: Bool = false, persistTo: Bool = false) {
        self.local = local
        self.remote = remote
        self.preview = preview
        self.persistTo = persistTo
    }

    /// Outpost's sentence for `--remote` (and `--preview --remote`).
    package static let remoteRefusal =
        "Outpost has no remote D1 databases: its d1 commands always act on the database its own backend "
        + "holds (the one the server uses). Run the command without --remote (and without --preview)."

    /// wrangler's checks of `executeSql`, in wrangler's order.
    package func validate() throws(D1CLIError) {
        if local && remote {
            throw D1CLIError("Error: can't use --local and --remote at the same time")
        }
        if preview && !remote {
            throw D1CLIError(
                "Cannot use --preview without --remote. The --preview flag targets a preview D1 database, which "
                    + "requires the --remote flag. Remove --preview or add --remote.")
        }
        if persistTo && !local {
            throw D1CLIError(
                "Cannot use --persist-to without --local. The --persist-to flag specifies a local persistence "
                    + "directory, which requires the --local flag. Remove --persist-to or add --local.")
        }
    }

    /// Outpost's refusal of a remote target, where wrangler would go to Cloudflare's API.
    package func requireLocal() throws(D1CLIError) {
        if remote || preview { throw D1CLIError(Self.remoteRefusal) }
    }
}
