import ArgumentParser
import Foundation
import Outpost
import OutpostConfig

/// `kv`: wrangler's `kv namespace|key|bulk` commands on the local KV files the server uses.
struct KVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kv", abstract: "Read and write the local KV namespaces (the server's files).",
        subcommands: [KVNamespaceCommand.self, KVKeyCommand.self, KVBulkCommand.self])
}

/// `kv namespace …`.
struct KVNamespaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namespace", abstract: "KV namespaces of the config.", subcommands: [List.self])

    /// `kv namespace list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the configured KV namespaces with their ids and files (JSON).")

        @OptionGroup var options: ConfigOptions

        func run() throws {
            print(KVTool(config: try options.load()).namespaceList().prettyPrinted)
        }
    }
}

/// `kv key …`.
struct KVKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Single keys of a KV namespace.",
        subcommands: [Put.self, Get.self, Delete.self, List.self])

    /// `kv key put KEY [VALUE] --binding NAME [--path FILE] [--metadata JSON] [--ttl N] [--expiration N]`.
    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "put", abstract: "Write a value to a key.")

        @Argument(help: "The key.") var key: String
        @Argument(help: "The value (or use --path).") var value: String?
        @OptionGroup var target: KVTargetOptions
        @Option(help: "Read the value from this file.") var path: String?
        @Option(help: "Metadata as JSON.") var metadata: String?
        @Option(help: "Seconds until the key expires (at least 60).") var ttl: Int?
        @Option(help: "When the key expires, in seconds since the UNIX epoch.") var expiration: Int?
        @OptionGroup var options: ConfigOptions

        func validate() throws {
            guard (value == nil) != (path == nil) else {
                throw ValidationError("give exactly one of VALUE and --path")
            }
        }

        func run() async throws {
            let bytes: [UInt8]
            if let path {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("cannot read \(path)")
                }
                bytes = Array(data)
            } else {
                bytes = Array((value ?? "").utf8)
            }
            let tool = KVTool(config: try options.load())
            let message = try await tool.put(
                key, value: bytes, binding: try target.binding(in: tool), metadata: metadata, ttl: ttl,
                expiration: expiration)
            print(message)
        }
    }

    /// `kv key get KEY --binding NAME [--text]`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Print a key's value (raw bytes unless --text).")

        @Argument(help: "The key.") var key: String
        @OptionGroup var target: KVTargetOptions
        @Flag(help: "Decode the value as UTF-8 text and end it with a newline.") var text = false
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let tool = KVTool(config: try options.load())
            guard let bytes = try await tool.get(key, binding: try target.binding(in: tool)) else {
                print("Value not found")
                return
            }
            if text {
                print(String(decoding: bytes, as: UTF8.self))
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    /// `kv key delete KEY --binding NAME`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a key.")

        @Argument(help: "The key.") var key: String
        @OptionGroup var target: KVTargetOptions
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let tool = KVTool(config: try options.load())
            print(try await tool.delete(key, binding: try target.binding(in: tool)))
        }
    }

    /// `kv key list --binding NAME [--prefix P]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Print the keys (JSON array of {name, expiration?, metadata?}).")

        @OptionGroup var target: KVTargetOptions
        @Option(help: "Only keys starting with this (literal) prefix.") var prefix: String?
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let tool = KVTool(config: try options.load())
            let keys = try await tool.list(binding: try target.binding(in: tool), prefix: prefix)
            print(keys.prettyPrinted)
        }
    }
}

/// `kv bulk …`.
struct KVBulkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk", abstract: "Many keys at once, from a JSON file.", subcommands: [Put.self, Delete.self])

    /// `kv bulk put FILE.json --binding NAME`.
    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "put",
            abstract: "Write [{key, value, expiration?, expiration_ttl?, metadata?, base64?}] from a JSON file.")

        @Argument(help: "The JSON file.") var filename: String
        @OptionGroup var target: KVTargetOptions
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let tool = KVTool(config: try options.load())
            let count = try await tool.bulkPut(
                try KVBulkCommand.read(filename), binding: try target.binding(in: tool))
            print("Success! Wrote \(count) key\(count == 1 ? "" : "s").")
        }
    }

    /// `kv bulk delete FILE.json --binding NAME`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Remove the keys of a JSON file: [\"key\", …] or [{key}, …].")

        @Argument(help: "The JSON file.") var filename: String
        @OptionGroup var target: KVTargetOptions
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let tool = KVTool(config: try options.load())
            let count = try await tool.bulkDelete(
                try KVBulkCommand.read(filename), binding: try target.binding(in: tool))
            print("Success! Deleted \(count) key\(count == 1 ? "" : "s").")
        }
    }

    static func read(_ filename: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: filename) else {
            throw ValidationError("cannot read \(filename)")
        }
        return Array(data)
    }
}

/// Which namespace a `kv key` / `kv bulk` command works on: `--binding` or `--namespace-id`, as in wrangler.
struct KVTargetOptions: ParsableArguments {
    @Option(help: "The KV namespace binding (e.g. KV).") var binding: String?
    @Option(name: .customLong("namespace-id"), help: "The KV namespace id (instead of --binding).")
    var namespaceID: String?
    @Flag(help: "Accepted for wrangler compatibility: Outpost's KV is always the local files.") var local = false
    @Flag(help: "Accepted for wrangler compatibility: the namespace's preview_id is not used locally.")
    var preview = false

    func validate() throws {
        guard (binding == nil) != (namespaceID == nil) else {
            throw ValidationError("give exactly one of --binding and --namespace-id")
        }
    }

    /// The binding name the options point at.
    func binding(in tool: KVTool) throws -> String {
        if let binding { return binding }
        return try tool.stores.entry(namespaceID: namespaceID ?? "").binding
    }
}
