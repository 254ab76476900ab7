import OutpostConfig
import Testing

@testable import OutpostRuntime

/// What `dev --watch` makes of a changed path.
struct WatchPlanTests {
    private func plan() -> WatchPlan {
        var config = WorkerConfig(file: "/p/Sources/app/wrangler.toml", directory: "/p/Sources/app")
        config.d1Databases = [D1DatabaseConfig(binding: "DB", migrationsDir: "/p/Sources/app/migrations")]
        return WatchPlan(packageRoot: "/p", config: config)
    }

    @Test func sourcesAndTheManifestRebuild() {
        #expect(plan().classify("/p/Sources/app/Main.swift") == .sources)
        #expect(plan().classify("/p/Sources/lib/deep/er/File.swift") == .sources)
        #expect(plan().classify("/p/Package.swift") == .sources)
    }

    @Test func theConfigSecretsAndMigrationsAreNotSources() {
        #expect(plan().classify("/p/Sources/app/wrangler.toml") == .config)
        #expect(plan().classify("/p/Sources/app/.dev.vars") == .secrets)
        #expect(plan().classify("/p/Sources/app/.dev.vars.staging") == .secrets)
        #expect(plan().classify("/p/Sources/app/migrations/0002_more.sql") == .migrations(database: "DB"))
    }

    @Test func aConfigFoundByNameIsMatchedByItsFullPath() {
        let config = WorkerConfig(file: "wrangler.toml", directory: "/p")
        let plan = WatchPlan(packageRoot: "/p", config: config)
        #expect(plan.configFile == "/p/wrangler.toml")
        #expect(plan.classify("/p/wrangler.toml") == .config)
        #expect(plan.classify("/p/.dev.vars") == .secrets)
        #expect(plan.directories.map(\.path) == ["/p", "/p/Sources"])
    }

    @Test func editorScratchFilesBuildOutputAndOtherFilesAreIgnored() {
        for path in [
            "/p/Sources/app/.Main.swift.swp", "/p/Sources/app/Main.swift~", "/p/Sources/app/4913",
            "/p/Sources/app/.#Main.swift", "/p/Sources/app/.build/x.o", "/p/.build/debug/app", "/p/README.md",
            "/p/Tests/AppTests/T.swift", "/p/Package.resolved",
        ] {
            #expect(plan().classify(path) == nil, "\(path)")
        }
    }

    @Test func theWatchedDirectoriesAreTheRootSourcesConfigDirectoryAndMigrations() {
        let directories = plan().directories
        #expect(directories.map(\.path) == ["/p", "/p/Sources", "/p/Sources/app", "/p/Sources/app/migrations"])
        #expect(directories.map(\.recursive) == [false, true, false, true])
        #expect(WatchPlan.isSkippedDirectory(".build"))
        #expect(WatchPlan.isSkippedDirectory(".git"))
        #expect(!WatchPlan.isSkippedDirectory("app"))
    }
}
