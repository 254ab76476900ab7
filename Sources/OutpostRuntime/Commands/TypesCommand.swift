import ArgumentParser
import Foundation

/// `types [--out FILE]`: writes the typed accessors of the config's bindings and vars
/// (`BindingTypesGenerator`) to `FILE`, or prints them.
///
/// JS equivalent: `wrangler types [path]`.
struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "Generate a Swift file with a typed accessor for each binding and var of the config.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Where to write the Swift file (default: print it).")
    var out: String?

    func run() throws {
        let source = BindingTypesGenerator(config: try options.load()).source()
        guard let out else {
            print(source, terminator: "")
            return
        }
        do {
            try Data(source.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw ValidationError("cannot write \(out): \(error.localizedDescription)")
        }
        print("Generated \(out)")
    }
}
