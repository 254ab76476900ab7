import Outpost
import Testing

struct JSONValueTests {
    @Test func parsingKeepsObjectKeyOrder() throws {
        let value = try JSONValue(parsing: #"{"zeta":1,"alpha":{"b":true,"a":null},"mid":[1,"two",3.5]}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(value["alpha"]?.objectValue?.keys == ["b", "a"])
        #expect(value.serialized == #"{"zeta":1,"alpha":{"b":true,"a":null},"mid":[1,"two",3.5]}"#)
    }

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("1.5", "1.5"), ("1e21", "1e+21"), ("1e-7", "1e-7"), ("123456789012", "123456789012"),
        ("0.1", "0.1"), ("2e3", "2000"), ("9007199254740993", "9007199254740992"),
    ])
    func numbersAreWrittenAsJavaScriptWritesThem(input: String, expected: String) throws {
        #expect(try JSONValue(parsing: input).serialized == expected)
    }

    @Test func stringsAreEscapedAndUnescaped() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\n\u00e9\ud83d\ude00\/""#)
        #expect(value == .string("a\"b\\c\né😀/"))
        #expect(JSONValue.string("line\nquote\"tab\t\u{01}").serialized == #""line\nquote\"tab\t\u0001""#)
    }

    /// As `JSON.stringify`: the five short escapes, `\u00xx` (lowercase) for the other control characters,
    /// every other character (multi-byte ones included) as itself; nested values compact, or indented by two.
    @Test func everyControlCharacterIsEscapedAsJavaScriptDoes() {
        let controls = String(decoding: Array(0x00...0x1F) as [UInt8], as: UTF8.self)
        let expected =
            #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#
        #expect(JSONValue.string(controls).serialized == expected)
        #expect(JSONValue.string("é😀\u{7F}/\u{2028}").serialized == "\"é😀\u{7F}/\u{2028}\"")
        let nested: JSONValue = ["a": [1, "x\"y", ["b": .null]], "c": true]
        #expect(nested.serialized == #"{"a":[1,"x\"y",{"b":null}],"c":true}"#)
        let pretty = [
            "{", #"  "a": ["#, "    1,", #"    "x\"y","#, "    {", #"      "b": null"#, "    }", "  ],",
            #"  "c": true"#, "}",
        ]
        #expect(nested.prettyPrinted == pretty.joined(separator: "\n"))
        #expect(JSONValue.array([]).prettyPrinted == "[]" && JSONValue.object([:]).prettyPrinted == "{}")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "\"\\x\"", "[1] 2", "{\"a\":1,}", "\"\u{01}\""])
    func malformedJSONIsRejected(input: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: input) }
    }

    @Test func settingAnExistingKeyKeepsItsPlace() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = 3
        object["c"] = 4
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(JSONValue.object(object).serialized == #"{"a":3,"c":4}"#)
    }

    @Test func decodableAndEncodableRoundTrip() throws {
        struct User: Codable, Equatable {
            let id: Int
            let name: String
        }
        let value = try JSONValue(encoding: User(id: 7, name: "Ada"))
        #expect(value["id"] == 7)
        #expect(try value.decode(as: User.self) == User(id: 7, name: "Ada"))
    }

    @Test func deeplyNestedInputIsRefusedInsteadOfCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
    }
}
