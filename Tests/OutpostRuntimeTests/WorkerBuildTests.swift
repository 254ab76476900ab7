import Foundation
import OutpostTestSupport
import Testing

@testable import OutpostRuntime

/// What `dev --watch` builds: the running executable's product, configuration and build directory.
struct WorkerBuildTests {
    @Test func theProductConfigurationAndBuildDirectoryComeFromTheExecutablesPath() throws {
        let directory = try TemporaryDirectory(prefix: "outpost-build")
        let scratch = directory.path + "/.build"
        try directory.write(".build/workspace-state.json", "{}")
        let triple = WorkerBuild(
            executable: scratch + "/x86_64-unknown-linux-gnu/debug/kyx-checkin", packagePath: directory.path,
            swift: "/usr/bin/swift")
        #expect(triple.product == "kyx-checkin")
        #expect(triple.configuration == "debug")
        #expect(triple.scratchPath == scratch)
        #expect(
            triple.arguments == [
                "/usr/bin/swift", "build", "--package-path", directory.path, "--product", "kyx-checkin",
                "--scratch-path", scratch,
            ])
        let release = WorkerBuild(
            executable: scratch + "/release/app", packagePath: directory.path, product: "other",
            swift: "/usr/bin/swift")
        #expect(release.product == "other")
        #expect(release.configuration == "release")
        #expect(release.scratchPath == scratch)
        #expect(release.arguments.contains("-c"))
        let installed = WorkerBuild(
            executable: "/usr/local/bin/app", packagePath: directory.path, swift: "/usr/bin/swift")
        #expect(installed.scratchPath == nil)
        #expect(installed.configuration == "debug")
    }

    @Test func thePackageRootIsTheNearestPackageSwiftAbove() throws {
        let directory = try TemporaryDirectory(prefix: "outpost-root")
        try directory.write("Package.swift", "// root\n")
        try directory.write("Sources/app/inner/wrangler.toml", "name = \"x\"\n")
        #expect(PackageRoot.find(from: [directory.path + "/Sources/app/inner"]) == directory.path)
        #expect(PackageRoot.find(from: ["/proc/self", directory.path]) == directory.path)
        #expect(PackageRoot.find(from: ["/proc/self"]) == nil)
    }
}
