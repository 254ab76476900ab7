import Foundation
package import OutpostConfig

/// Swift's answer to `wrangler types`: the source of an `Env` extension with one typed accessor per
/// binding of a config (`env.KV`, `env.DB`, `env.ASSETS`) and one per `[vars]` entry on `env.vars`
/// (`env.vars.TIMEZONE_OFFSET_MINUTES`), each documented with where the config declares it, so a
/// misspelt name is a compile error. The text depends only on the config, never on the machine.
///
/// JS equivalent: `wrangler types` writing `worker-configuration.d.ts` (`interface Env { KV: KVNamespace; … }`).
package struct BindingTypesGenerator: Sendable {
    /// The line that marks a generated file, followed by `config=<file name>` and `env=<name>` when set.
    package static let marker = "// outpost-types:"

    private let config: WorkerConfig

    /// A generator for `config` (as loaded, with its `--env` applied).
    package init(config: WorkerConfig) {
        self.config = config
    }

    /// The config file's name, as the generated file records it.
    private var configName: String { URL(fileURLWithPath: config.file).lastPathComponent }

    /// The generated Swift file.
    package func source() -> String {
        var lines = [
            "// Generated from \(configName) by the worker's `types` command; do not edit.",
            "// After changing the config, run `types --out <this file>` again (`check` warns when it is stale).",
            Self.marker + " config=\(configName)" + (config.environment.map { " env=\($0)" } ?? ""),
            "",
            "import Outpost",
            "",
            "extension Env {",
        ]
        lines += bindingAccessors().joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        lines.append("}")
        let vars = varAccessors()
        if !vars.isEmpty {
            lines += ["", "extension [String: JSONValue] {"]
            lines += vars.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init)
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var section: String { config.environment.map { "env.\($0)." } ?? "" }

    private func bindingAccessors() -> [String] {
        var accessors: [String] = []
        for kv in config.kvNamespaces {
            var extras = kv.id.map { ["id = \"\($0)\""] } ?? []
            if kv.backend != "sqlite" { extras.append("backend = \"\(kv.backend)\"") }
            let source = "`[[\(section)kv_namespaces]]` binding = \"\(kv.binding)\"" + Self.parenthesized(extras)
            accessors.append(
                accessor(
                    kv.binding, type: "KVNamespace", call: "kv",
                    doc: "The KV namespace of \(source) in \(configName)."))
        }
        for d1 in config.d1Databases {
            let source =
                "`[[\(section)d1_databases]]` binding = \"\(d1.binding)\""
                + Self.parenthesized(d1.databaseName.map { ["database_name = \"\($0)\""] } ?? [])
            accessors.append(
                accessor(
                    d1.binding, type: "D1Database", call: "d1",
                    doc: "The D1 database of \(source) in \(configName)."))
        }
        if let binding = config.assets?.binding {
            accessors.append(
                accessor(
                    binding, type: "any Fetcher", call: "assets",
                    doc: "The static assets of `[\(section)assets]` binding = \"\(binding)\" in \(configName)."))
        }
        return accessors
    }

    private func accessor(_ name: String, type: String, call: String, doc: String) -> String {
        guard let identifier = Self.identifier(name, reserved: Self.envMembers) else {
            return
                "    // \(Self.quoted(name)): not a Swift identifier (or an Env member); use `\(call)(\(Self.quoted(name)))`."
        }
        return """
                /// \(doc)
                /// JS equivalent: `env.\(name)`.
                var \(identifier): \(type) {
                    get throws(BindingError) { try \(call)(\(Self.quoted(name))) }
                }
            """
    }

    private func varAccessors() -> [String] {
        config.vars.keys.sorted().map { name in
            let value = config.vars[name]!
            guard let identifier = Self.identifier(name, reserved: Self.dictionaryMembers) else {
                return "    // \(Self.quoted(name)): not a Swift identifier; use `vars[\(Self.quoted(name))]`."
            }
            let written = Self.shown(value)
            let declared = "`\(name) = \(written)` in `[\(section)vars]` of \(configName)"
            if value.stringValue != nil {
                return """
                        /// \(declared);
                        /// a secret of the same name wins in `env[\(Self.quoted(name))]`.
                        /// JS equivalent: `env.\(name)`.
                        var \(identifier): String? { self[\(Self.quoted(name))]?.stringValue }
                    """
            }
            return """
                    /// \(declared) (JSON).
                    /// JS equivalent: `env.\(name)`.
                    var \(identifier): JSONValue? { self[\(Self.quoted(name))] }
                """
        }
    }

    /// The files under `config`'s directory's `Sources` that this generator made from `config`'s file
    /// and no longer match it, each with the text they should have (paths relative to that directory).
    package static func staleFiles(for config: WorkerConfig) -> [(path: String, expected: String)] {
        let root = URL(fileURLWithPath: config.directory)
        let configName = URL(fileURLWithPath: config.file).lastPathComponent
        var stale: [(path: String, expected: String)] = []
        for path in swiftFiles(under: root.appendingPathComponent("Sources").path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                let header = text.split(separator: "\n").prefix(4).first(where: { $0.hasPrefix(marker) })
            else { continue }
            let fields = Dictionary(
                header.dropFirst(marker.count).split(separator: " ").compactMap { field -> (String, String)? in
                    let parts = field.split(separator: "=", maxSplits: 1)
                    return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                }, uniquingKeysWith: { first, _ in first })
            guard fields["config"] == configName else { continue }
            let environment = fields["env"]
            let source: WorkerConfig
            if environment == config.environment {
                source = config
            } else if let loaded = try? ConfigLoader.load(
                explicitPath: config.file, environment: environment, workingDirectory: config.directory)
            {
                source = loaded
            } else {
                continue
            }
            let expected = BindingTypesGenerator(config: source).source()
            if expected != text {
                stale.append((String(path.dropFirst(root.path.count + 1)), expected))
            }
        }
        return stale
    }

    private static func swiftFiles(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".swift") { files.append(directory + "/" + relative) }
        }
        return files.sorted()
    }

    /// `name` as a Swift identifier (backquoted when it is a keyword), or `nil` when it cannot be one
    /// or would collide with a member in `reserved`.
    private static func identifier(_ name: String, reserved: Set<String>) -> String? {
        guard let first = name.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first),
            name.unicodeScalars.allSatisfy({ $0 == "_" || CharacterSet.alphanumerics.contains($0) && $0.isASCII }),
            !reserved.contains(name)
        else { return nil }
        return keywords.contains(name) ? "`\(name)`" : name
    }

    /// ` (a, b)` for `["a", "b"]`, nothing for none.
    private static func parenthesized(_ parts: [String]) -> String {
        parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A var's value as a doc comment shows it: short strings quoted, others by their type.
    private static func shown(_ value: VarValue) -> String {
        switch value {
        case .string(let text) where text.count <= 60 && !text.contains("\n") && !text.contains("`"):
            return quoted(text)
        case .string: return "\"…\""
        case .number: return "a number"
        case .bool: return "a Boolean"
        case .array: return "an array"
        case .object: return "a table"
        }
    }

    private static let envMembers: Set<String> = [
        "vars", "secrets", "configFile", "bindingNames", "bindingKind", "binding", "fetch", "adding", "kv", "d1",
        "assets",
    ]
    private static let dictionaryMembers: Set<String> = [
        "count", "keys", "values", "isEmpty", "first", "capacity", "startIndex", "endIndex", "indices",
        "description", "debugDescription", "customMirror", "lazy", "underestimatedCount", "hashValue",
    ]
    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "func", "import", "init", "inout", "let",
        "operator", "protocol", "static", "struct", "subscript", "typealias", "var", "break", "case", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "switch",
        "where", "while", "as", "catch", "false", "is", "nil", "rethrows", "super", "self", "Self", "throw",
        "throws", "true", "try", "Any", "internal", "private", "public", "fileprivate", "package",
    ]
}
