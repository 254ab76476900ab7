import ArgumentParser

/// `--local`, `--remote` and `--preview`, accepted where wrangler accepts them (see `D1Target`).
struct D1TargetOptions: ParsableArguments {
    @Flag(help: "Use the local database, the one the server uses (the default; Outpost has no other).")
    var local = false
    @Flag(help: "Refused: Outpost has no remote D1 databases.") var remote = false
    @Flag(help: "Refused: Outpost has no preview D1 databases (needs --remote in wrangler).") var preview = false

    /// The target, with whether `--persist-to` was given.
    func target(_ options: ConfigOptions) -> D1Target {
        D1Target(local: local, remote: remote, preview: preview, persistTo: options.persistTo != nil)
    }
}
