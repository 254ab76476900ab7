import OutpostConfig
import Testing

@Suite("Secrets: .dev.vars, .dev.vars.<env>, .env")
struct SecretsTests {
    @Test func dotenvSyntax() throws {
        let devVars = """
            # a comment
            PLAIN=value
            SPACED = spaced value   # trailing comment
            export EXPORTED=yes
            SINGLE='single # not a comment \\n'
            DOUBLE="line1\\nline2 \\"quoted\\" \\\\"
            MULTI="first
            second"
            EMPTY=
            HASH=abc#def

            URL=https://example.com/?a=b
            """
        let config = try loadConfig("name = \"w\"", files: [".dev.vars": devVars])
        #expect(
            config.secrets == [
                "PLAIN": "value",
                "SPACED": "spaced value",
                "EXPORTED": "yes",
                "SINGLE": "single # not a comment \\n",
                "DOUBLE": "line1\nline2 \"quoted\" \\",
                "MULTI": "first\nsecond",
                "EMPTY": "",
                "HASH": "abc#def",
                "URL": "https://example.com/?a=b",
            ])
        #expect(config.secretsFiles == [".dev.vars"])
        #expect(config.warnings.isEmpty)
    }

    @Test func malformedLinesWarnWithoutShowingValues() throws {
        let devVars = "GOOD=1\nthis is not an assignment\nBAD=\"never closed secret-value\n"
        let config = try loadConfig("name = \"w\"", files: [".dev.vars": devVars])
        #expect(config.secrets == ["GOOD": "1"])
        #expect(
            config.warnings.map(\.description) == [
                ".dev.vars:2: expected KEY=value, line ignored",
                ".dev.vars:3: the quoted value of BAD is never closed, ignored",
            ])
        #expect(!config.warnings.contains { $0.description.contains("secret-value") })
    }

    @Test func devVarsForTheEnvironmentIsPreferred() throws {
        let files = [".dev.vars": "A=base\nB=base", ".dev.vars.staging": "A=staging", ".env": "C=env"]
        let staging = try loadConfig("[env.staging]", environment: "staging", files: files)
        #expect(staging.secrets == ["A": "staging"])
        #expect(staging.secretsFiles == [".dev.vars.staging"])

        let other = try loadConfig("[env.staging]\n[env.qa]", environment: "qa", files: files)
        #expect(other.secrets == ["A": "base", "B": "base"])
        #expect(other.secretsFiles == [".dev.vars"])

        let none = try loadConfig("[env.staging]", files: files)
        #expect(none.secrets == ["A": "base", "B": "base"])
    }

    @Test func dotEnvFilesAreReadWhenThereIsNoDevVars() throws {
        let files = [".env": "A=env\nB=env", ".env.staging": "B=staging\nC=staging"]
        let staging = try loadConfig("[env.staging]", environment: "staging", files: files)
        #expect(staging.secrets == ["A": "env", "B": "staging", "C": "staging"])
        #expect(staging.secretsFiles == [".env", ".env.staging"])

        let top = try loadConfig("[env.staging]", files: files)
        #expect(top.secrets == ["A": "env", "B": "env"])
        #expect(top.secretsFiles == [".env"])
    }

    @Test func requiredSecretsFilterAndWarn() throws {
        let toml = "[vars]\nMODE = \"prod\"\n\n[secrets]\nrequired = [\"API_KEY\", \"DB_PASSWORD\"]\n"
        let files = [".dev.vars": "API_KEY=k\nMODE=dev\nEXTRA=x\n"]
        let config = try loadConfig(toml, files: files)
        #expect(config.requiredSecrets == ["API_KEY", "DB_PASSWORD"])
        #expect(config.secrets == ["API_KEY": "k", "MODE": "dev"])
        #expect(
            config.warnings.map(\.description) == [
                "wrangler-like.toml:5: secrets.required: required secret \"DB_PASSWORD\" is not set in .dev.vars"
            ])
    }

    @Test func noSecretFiles() throws {
        let config = try loadConfig("name = \"w\"")
        #expect(config.secrets.isEmpty)
        #expect(config.secretsFiles.isEmpty)
    }
}
