import Foundation
import Outpost
import OutpostSQLite
import Testing

/// `d1 migrations create|list|apply` through the real executable in temporary project folders, against
/// wrangler's own behaviour (packages/wrangler/src/d1/migrations/*.ts and helpers.test.ts, whose cases
/// are ported here as data).
@Suite struct D1MigrationsCommandLineTests {
    static let autoYes = "🤖 Using fallback value in non-interactive context: yes\n"

    /// Files laid out under the project, the `migrations_dir` / `migrations_pattern` lines, and the
    /// names `apply` records, in order.
    @Test(arguments: [
        // wrangler: "returns top-level .sql files sorted ... with the default pattern", non-SQL ignored
        (
            ["migrations/0003_c.sql", "migrations/0001_a.sql", "migrations/0002_b.sql", "migrations/README.md"], "",
            ["0001_a.sql", "0002_b.sql", "0003_c.sql"]
        ),
        // "does not pick up nested .sql files with the default pattern"
        (["migrations/0001_a.sql", "migrations/test_data/destroy.sql"], "", ["0001_a.sql"]),
        // drizzle's nested layout with its pattern
        (
            [
                "migrations/0001_users/migration.sql", "migrations/0000_init/migration.sql",
                "migrations/0000_init/snapshot.json", "migrations/meta/_journal.json",
            ],
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/*/migration.sql\"",
            ["0000_init/migration.sql", "0001_users/migration.sql"]
        ),
        // "recursively finds .sql files 3 levels deep when migrations_pattern uses **"; dot files skipped
        (
            [
                "migrations/feature_b/sub/0003_deep.sql", "migrations/0001_top.sql",
                "migrations/feature_a/0002_mid.sql",
                "migrations/.hidden/0000_x.sql", "migrations/.0000_dot.sql",
            ],
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/**/*.sql\"",
            ["0001_top.sql", "feature_a/0002_mid.sql", "feature_b/sub/0003_deep.sql"]
        ),
        // "matches files by whatever extension `migrations_pattern` specifies"
        (
            ["migrations/0001_init.up.sql", "migrations/0002_users.up.sql", "migrations/0099_legacy.sql"],
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/*.up.sql\"",
            ["0001_init.up.sql", "0002_users.up.sql"]
        ),
        // "returns names relative to migrations_dir ... literal sub-segment"
        (
            ["migrations/sub/0002_y.sql", "migrations/sub/0001_x.sql", "migrations/should_be_ignored.sql"],
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/sub/*.sql\"",
            ["sub/0001_x.sql", "sub/0002_y.sql"]
        ),
        // a nested migrations_dir, written with ./ and a trailing /
        (
            ["db/migrations/0002_b.sql", "db/migrations/0001_a.sql"],
            "migrations_dir = \"./db/migrations/\"\nmigrations_pattern = \"./db/migrations/*.sql\"",
            ["0001_a.sql", "0002_b.sql"]
        ),
        // ordering: numeric not lexicographic, ties and unnumbered lexicographic, numbered first
        (
            [
                "migrations/10_c.sql", "migrations/9_b.sql", "migrations/1_a.sql", "migrations/setup.sql",
                "migrations/cleanup.sql", "migrations/0001_beta.sql", "migrations/0001_alpha.sql",
            ],
            "", ["0001_alpha.sql", "0001_beta.sql", "1_a.sql", "9_b.sql", "10_c.sql", "cleanup.sql", "setup.sql"]
        ),
        // "uses the directory's numeric prefix for nested drizzle-style layouts"
        (
            ["migrations/10_c/migration.sql", "migrations/2_b/migration.sql", "migrations/1_a/migration.sql"],
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/*/migration.sql\"",
            ["1_a/migration.sql", "2_b/migration.sql", "10_c/migration.sql"]
        ),
    ])
    func patternDecidesWhatIsAMigration(files: [String], settings: String, expected: [String]) throws {
        let project = try CLIProject(config: CLIProject.config(settings))
        for file in files {
            let table = "t_" + file.filter { $0.isLetter || $0.isNumber }
            try project.write(file, "CREATE TABLE \(table) (a);\n")
        }
        let list = try project.d1(["migrations", "list", "DB"])
        #expect(list.code == 0, "\(list.stderr)")
        for name in expected { #expect(list.stdout.contains("│ \(name) ")) }
        let apply = try project.d1(["migrations", "apply", "DB"])
        #expect(apply.code == 0, "\(apply.stderr)")
        #expect(try project.appliedMigrations() == expected)
        let again = try project.d1(["migrations", "list", "DB"])
        #expect(again.stdout == "✅ No migrations to apply!\n")
    }

    @Test func applyPrintsWranglersConfirmationWhenNotInteractive() throws {
        let project = try CLIProject()
        try project.write("migrations/0001_a.sql", "CREATE TABLE a (x);")
        try project.write("migrations/0002_it's.sql", "INSERT INTO a VALUES (1);\r\n-- done\r\n")
        let run = try project.d1(["migrations", "apply", "DB", "--local"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "? About to apply 2 migration(s)\nYour database may not be available to serve requests during the "
                    + "migration, continue?\n" + Self.autoYes))
        #expect(
            run.stdout.hasSuffix("│ 0001_a.sql    │ ✅      │\n│ 0002_it's.sql │ ✅      │\n└───────────────┴────────┘\n")
        )
        #expect(try project.appliedMigrations() == ["0001_a.sql", "0002_it's.sql"])
        #expect(try project.query("SELECT x FROM a") == [[.integer(1)]])
        let yes = try project.d1(["migrations", "apply", "DB", "-y"])
        #expect(yes.stdout == "✅ No migrations to apply!\n")
    }

    @Test func aFailedMigrationIsReportedOnStderrAndEarlierOnesStay() throws {
        let project = try CLIProject()
        try project.write("migrations/0001_a.sql", "CREATE TABLE a (x);")
        try project.write("migrations/0002_bad.sql", "INSERT INTO a VALUES (1);\nINSERT INTO missing VALUES (1);")
        try project.write("migrations/0003_later.sql", "INSERT INTO a VALUES (3);")
        let run = try project.d1(["migrations", "apply", "DB"])
        #expect(run.code == 1)
        #expect(
            run.stderr
                == "Error: Migration 0002_bad.sql failed with the following errors:\n"
                + "Error: no such table: missing: SQLITE_ERROR\n")
        #expect(run.stdout.contains("│ 0002_bad.sql   │ ❌      │\n│ 0003_later.sql │ 🕒️"))
        #expect(try project.appliedMigrations() == ["0001_a.sql"])
        #expect(try project.query("SELECT count(*) FROM a") == [[.integer(0)]])
    }

    /// `list` and `apply` without the migrations folder: wrangler's warning and error, non-zero.
    @Test(arguments: [
        ("", "migrations", " Set `migrations_dir` in your wrangler.toml file to choose a different path."),
        ("migrations_dir = \"db/missing\"", "db/missing", ""),
    ])
    func missingFolderIsAnError(settings: String, folder: String, hint: String) throws {
        let project = try CLIProject(config: CLIProject.config(settings))
        for command in ["list", "apply"] {
            let run = try project.d1(["migrations", command, "DB"])
            #expect(run.code == 1)
            #expect(
                run.stderr
                    == "▲ [WARNING] No migrations folder found.\(hint)\n"
                    + "Error: No migrations present at \(project.directory)/\(folder).\n")
            #expect(run.stdout == "")
        }
    }

    @Test func drizzleLayoutWithTheDefaultPatternGetsWranglersHint() throws {
        let project = try CLIProject()
        try project.write("migrations/0000_init/migration.sql", "CREATE TABLE a (x);")
        let run = try project.d1(["migrations", "list", "DB"])
        #expect(run.code == 0)
        #expect(run.stdout == "✅ No migrations to apply!\n")
        #expect(
            run.stderr
                == "▲ [WARNING] Could not find any migration files matching `migrations/*.sql`. It looks like there are "
                + "migration files matching `migrations/*/migration.sql` though. If you are using drizzle to manage your "
                + "migrations, please set `migrations_pattern` to `migrations/*/migration.sql` in wrangler.toml.\n")
    }

    static func mustStart(_ raw: String, _ dir: String = "migrations") -> String {
        "Error: The configured `migrations_pattern: \"\(raw)\"` in your wrangler.toml file must start with `\(dir)/` to "
            + "match `\"migrations_dir\": \"\(dir)\"`.\n\nEither change `migrations_pattern` so it starts with `\(dir)/` "
            + "(for example, `\"\(dir)/*.sql\"`), or change `migrations_dir` to match the start of your pattern.\n"
    }

    /// Patterns wrangler refuses, with its messages, for every migrations command.
    @Test(arguments: [
        (
            "migrations_pattern = \"migrations/*.sql\"",
            "Error: You have set `migrations_pattern: \"migrations/*.sql\"` in your wrangler.toml file but have not set "
                + "`migrations_dir` for this D1 binding.\n\nWhen `migrations_pattern` is set, `migrations_dir` must also "
                + "be set, and `migrations_pattern` must start with `${migrations_dir}/`. Add a `migrations_dir` entry to "
                + "your wrangler.toml file (for example, `\"migrations_dir\": \"migrations\"`).\n"
        ),
        ("migrations_dir = \"migrations\"\nmigrations_pattern = \"schema/*.sql\"", mustStart("schema/*.sql")),
        ("migrations_dir = \"migrations\"\nmigrations_pattern = \"*.sql\"", mustStart("*.sql")),
        ("migrations_dir = \"migrations\"\nmigrations_pattern = \"**/*.sql\"", mustStart("**/*.sql")),
        (
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrationsfoo/*.sql\"",
            mustStart("migrationsfoo/*.sql")
        ),
        (
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"/abs/migrations/*.sql\"",
            mustStart("/abs/migrations/*.sql")
        ),
        (
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"../migrations/*.sql\"",
            mustStart("../migrations/*.sql")
        ),
        (
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/../../etc/*.sql\"",
            mustStart("migrations/../../etc/*.sql")
        ),
        ("migrations_dir = \"./db/\"\nmigrations_pattern = \"migrations/*.sql\"", mustStart("migrations/*.sql", "db")),
    ])
    func badPatternsAreRefused(settings: String, expected: String) throws {
        let project = try CLIProject(config: CLIProject.config(settings))
        try project.write("migrations/0001_a.sql", "CREATE TABLE a (x);")
        for command in [["list", "DB"], ["apply", "DB"], ["create", "DB", "next"]] {
            let run = try project.d1(["migrations"] + command)
            #expect(run.code == 1)
            #expect(run.stderr == expected)
        }
        #expect(!project.exists("migrations/0002_next.sql"))
        #expect(!FileManager.default.fileExists(atPath: project.databasePath()))
    }

    /// `create` numbers from the files the pattern matches and nothing else in the folder.
    @Test(arguments: [
        ([String](), "", "0001_add_users.sql"),
        (["migrations/0001_create.sql", "migrations/0002_users.sql"], "", "0003_add_users.sql"),
        (
            ["migrations/0001_create.sql", "migrations/0099_drizzle/migration.sql", "migrations/0050_x.txt"], "",
            "0002_add_users.sql"
        ),
        (
            ["migrations/0001_create.sql", "migrations/README.md", "migrations/test_data/destroy.sql"], "",
            "0002_add_users.sql"
        ),
        (
            ["migrations/0001_create.sql", "migrations/0099_nested/migration.sql"],
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/**/*.sql\"", "0100_add_users.sql"
        ),
        (
            ["migrations/0001_init/01.sql", "migrations/0001_init/02.sql"],
            "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/**/*.sql\"", "0002_add_users.sql"
        ),
        (["migrations/setup.sql", "migrations/9_b.sql", "migrations/10_c.sql"], "", "0011_add_users.sql"),
    ])
    func createNumbersFromMatchedFiles(files: [String], settings: String, expected: String) throws {
        let project = try CLIProject(config: CLIProject.config(settings))
        for file in files { try project.write(file, "SELECT 1;") }
        try FileManager.default.createDirectory(
            atPath: project.directory + "/migrations", withIntermediateDirectories: true)
        let run = try project.d1(["migrations", "create", "DB", "add users"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "✅ Successfully created Migration '\(expected)'!\n\nThe migration is available for editing here\n"
                + "\(project.directory)/migrations/\(expected)\n")
        let contents = try String(contentsOfFile: project.directory + "/migrations/" + expected, encoding: .utf8)
        #expect(contents.hasPrefix("-- Migration number: \(expected.prefix(4)) \t 20") && contents.hasSuffix("Z\n"))
    }

    @Test func createMakesTheMissingFolderAfterWranglersQuestion() throws {
        let project = try CLIProject()
        let run = try project.d1(["migrations", "create", "DB", "first"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix(
                "? No migrations folder found. Set `migrations_dir` in your wrangler.toml file to choose a different "
                    + "path.\nOk to create \(project.directory)/migrations?\n" + Self.autoYes))
        #expect(project.exists("migrations/0001_first.sql"))
    }

    @Test func createRefusesWhatThePatternWouldNotMatch() throws {
        let project = try CLIProject(
            config: CLIProject.config(
                "migrations_dir = \"migrations\"\nmigrations_pattern = \"migrations/*/migration.sql\""))
        try project.write("migrations/0000_init/migration.sql", "SELECT 1;")
        let run = try project.d1(["migrations", "create", "DB", "add users"])
        #expect(run.code == 1)
        #expect(
            run.stderr
                == "Error: Wrangler would like to make a new migration called `migrations/0001_add_users.sql` but it does "
                + "not match the configured `migrations_pattern: \"migrations/*/migration.sql\"` in your wrangler.toml "
                + "file, so `wrangler d1 migrations apply` would not pick it up. `wrangler d1 migrations create` only "
                + "writes top-level files inside `migrations_dir`.\n\nIf you are using an ORM like drizzle to manage "
                + "migrations, use the ORM's command (e.g. `drizzle-kit generate`) instead of `wrangler d1 migrations "
                + "create` — it will create files in the nested layout your `migrations_pattern` expects.\n\nOtherwise, "
                + "change `migrations_pattern` in your wrangler.toml file to match top-level `.sql` files (for example, "
                + "`migrations/*.sql`).\n")
        #expect(!project.exists("migrations/0001_add_users.sql"))
        let separator = try project.d1(["migrations", "create", "DB", "a/b"])
        #expect(
            separator.stderr
                == "Error: The migration name \"a/b\" contains a path separator (\"/\" or \"\\\"). Please remove this "
                + "and try again.\n")
    }

    /// Arguments after `d1 migrations`, and the exact stderr.
    @Test(arguments: [
        (["list", "DB", "--local", "--remote"], "Error: can't use --local and --remote at the same time\n"),
        (["apply", "DB", "--local", "--remote"], "Error: can't use --local and --remote at the same time\n"),
        (["apply", "DB", "--preview"], "Error: \(D1ExecuteCommandLineTests.previewRule)\n"),
        (["list", "DB", "--persist-to", "state"], "Error: \(D1ExecuteCommandLineTests.persistRule)\n"),
        (
            ["apply", "DB", "--remote"],
            "Error: Outpost has no remote D1 databases: its d1 commands always act on the database its own backend "
                + "holds (the one the server uses). Run the command without --remote (and without --preview).\n"
        ),
        (
            ["list", "nope"],
            "Error: Couldn't find a D1 DB with the name or binding 'nope' in your wrangler.toml file.\n"
        ),
    ])
    func flagsAreCheckedAsWranglerDoes(arguments: [String], expected: String) throws {
        let project = try CLIProject()
        try project.write("migrations/0001_a.sql", "CREATE TABLE a (x);")
        let run = try project.d1(["migrations"] + arguments)
        #expect(run.code == 1)
        #expect(run.stderr == expected)
        #expect(!FileManager.default.fileExists(atPath: project.databasePath()))
    }

    @Test func localAndPersistToPickTheDatabase() throws {
        let project = try CLIProject()
        try project.write("migrations/0001_a.sql", "CREATE TABLE a (x);")
        let run = try project.d1(["migrations", "apply", "main-db", "--local", "--persist-to", "other"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(try project.query("SELECT name FROM d1_migrations", stateDir: "other") == [[.text("0001_a.sql")]])
        #expect(!FileManager.default.fileExists(atPath: project.databasePath()))
    }

    @Test(arguments: [["list", "DB"], ["apply", "DB"], ["create", "DB", "x"]])
    func noConfigFileIsWranglersMessageOnce(arguments: [String]) throws {
        let project = try CLIProject(config: nil)
        let run = try project.d1(["migrations"] + arguments)
        #expect(run.code == 1)
        #expect(
            run.stderr
                == "Error: No configuration file found. Create a wrangler.jsonc file to define your D1 database.\n")
    }
}
