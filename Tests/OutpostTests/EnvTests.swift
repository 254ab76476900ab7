import Outpost
import Testing

struct EnvTests {
    struct Store: Sendable {}

    @Test func varsSecretsAndBindings() throws {
        let env = Env(
            vars: ["API_HOST": "example.com", "FEATURES": ["beta": true]],
            secrets: ["API_HOST": "secret-wins", "TOKEN": "t"],
            bindings: ["STORE": Env.Binding(kind: "KV namespace", value: Store())], configFile: "wrangler-like.toml")
        #expect(env["API_HOST"] == "secret-wins")
        #expect(env["FEATURES"] == #"{"beta":true}"#)
        #expect(env.vars["FEATURES"]?["beta"] == true)
        #expect(env["TOKEN"] == "t")
        _ = try env.binding("STORE", as: Store.self, kind: "KV namespace")
    }

    @Test func missingOrWrongBindingNamesTheBindingAndTheFile() {
        let env = Env(bindings: ["DB": Env.Binding(kind: "D1 database", value: 1)], configFile: "wrangler-like.toml")
        #expect(throws: BindingError.self) { try env.binding("KV", as: Store.self, kind: "KV namespace") }
        do {
            _ = try env.binding("KV", as: Store.self, kind: "KV namespace")
        } catch {
            #expect(
                error.description
                    == #"binding "KV" is not declared in wrangler-like.toml: declare a KV namespace named "KV""#)
        }
        do {
            _ = try env.binding("DB", as: Store.self, kind: "KV namespace")
        } catch {
            #expect(error.description == #"binding "DB" in wrangler-like.toml is a D1 database, not a KV namespace"#)
        }
    }
}
