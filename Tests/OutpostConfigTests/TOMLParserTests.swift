import OutpostConfig
import Testing

@Suite("TOML parser")
struct TOMLParserTests {
    @Test(
        "scalar values",
        arguments: [
            ("a = \"hi\\tthere \\u00e9 \\U0001F600\"", ConfigValue.Kind.string("hi\tthere é 😀")),
            ("a = 'C:\\path\\n'", .string("C:\\path\\n")),
            ("a = \"\"\"\nline one\nline two\"\"\"", .string("line one\nline two")),
            ("a = \"\"\"\\\n   trimmed \\\n   text\"\"\"", .string("trimmed text")),
            ("a = \"\"\"quote \"\" inside\"\"\"\"\"", .string("quote \"\" inside\"\"")),
            ("a = '''\nraw \\n ''text'''''", .string("raw \\n ''text''")),
            ("a = 42", .integer(42)),
            ("a = +17", .integer(17)),
            ("a = -1_000", .integer(-1000)),
            ("a = 0", .integer(0)),
            ("a = 0xDEAD_beef", .integer(0xDEAD_BEEF)),
            ("a = 0o755", .integer(0o755)),
            ("a = 0b1101", .integer(13)),
            ("a = 9223372036854775807", .integer(Int.max)),
            ("a = 3.25", .float(3.25)),
            ("a = -2E-2", .float(-0.02)),
            ("a = 6.626e-34", .float(6.626e-34)),
            ("a = 1_000.5", .float(1000.5)),
            ("a = inf", .float(.infinity)),
            ("a = -inf", .float(-.infinity)),
            ("a = true", .boolean(true)),
            ("a = false", .boolean(false)),
            ("a = 1979-05-27T07:32:00Z", .offsetDateTime("1979-05-27T07:32:00Z")),
            ("a = 1979-05-27 00:32:00.999-07:00", .offsetDateTime("1979-05-27 00:32:00.999-07:00")),
            ("a = 1979-05-27T07:32:00", .localDateTime("1979-05-27T07:32:00")),
            ("a = 2024-02-29", .localDate("2024-02-29")),
            ("a = 07:32:00.5", .localTime("07:32:00.5")),
        ])
    func scalar(source: String, expected: ConfigValue.Kind) throws {
        let table = try TOMLParser.parse(source)
        #expect(table["a"]?.kind == expected)
        #expect(table["a"]?.line == 1)
    }

    @Test func nanIsAFloat() throws {
        let value = try #require(try TOMLParser.parse("a = nan")["a"])
        guard case .float(let number) = value.kind else { Issue.record("not a float"); return }
        #expect(number.isNaN)
    }

    @Test func keysCommentsAndLines() throws {
        let source = """
            # comment
            bare_key-1 = 1 # trailing comment
            "quoted key" = 2
            'literal' = 3
            site."google.com".ok = true
            a . b = 4

            """
        let table = try TOMLParser.parse(source)
        #expect(table.keys == ["bare_key-1", "quoted key", "literal", "site", "a"])
        #expect(table["bare_key-1"]?.line == 2)
        #expect(table["quoted key"]?.integerValue == 2)
        #expect(table["literal"]?.line == 4)
        #expect(table["site"]?.tableValue?["google.com"]?.tableValue?["ok"]?.boolValue == true)
        #expect(table["site"]?.line == 5)
        #expect(table["a"]?.tableValue?["b"]?.line == 6)
    }

    @Test func tablesAndArraysOfTables() throws {
        let source = """
            [server]
            host = "x"

            [server.tls]
            on = true

            [[fruit]]
            name = "apple"
            [fruit.physical]
            color = "red"
            [[fruit.variety]]
            name = "red delicious"

            [[fruit]]
            name = "banana"
            """
        let table = try TOMLParser.parse(source)
        let server = try #require(table["server"])
        #expect(server.line == 1)
        #expect(server.tableValue?["tls"]?.tableValue?["on"]?.line == 5)
        let fruit = try #require(table["fruit"]?.arrayValue)
        #expect(fruit.count == 2)
        #expect(fruit[0].line == 7)
        #expect(fruit[1].line == 14)
        #expect(fruit[0].tableValue?["physical"]?.tableValue?["color"]?.stringValue == "red")
        #expect(fruit[0].tableValue?["variety"]?.arrayValue?.first?.tableValue?["name"]?.line == 12)
        #expect(fruit[1].tableValue?["name"]?.stringValue == "banana")
    }

    @Test func arraysAndInlineTables() throws {
        let source = """
            crons = [
              "*/5 * * * *",  # every five minutes
              "0 0 * * *",
            ]
            mixed = [1, "two", [3.0], { four = 4 }]
            point = { x = 1, y.z = 2 }
            empty = {}
            """
        let table = try TOMLParser.parse(source)
        let crons = try #require(table["crons"]?.arrayValue)
        #expect(crons.map(\.stringValue) == ["*/5 * * * *", "0 0 * * *"])
        #expect(crons.map(\.line) == [2, 3])
        #expect(table["mixed"]?.arrayValue?.count == 4)
        #expect(table["mixed"]?.arrayValue?[3].tableValue?["four"]?.integerValue == 4)
        #expect(table["point"]?.tableValue?["y"]?.tableValue?["z"]?.integerValue == 2)
        #expect(table["empty"]?.tableValue?.isEmpty == true)
    }

    @Test func subTablesOfDottedTablesAndImplicitTables() throws {
        let source = """
            [fruit]
            apple.color = "red"
            [fruit.apple.texture]
            smooth = true
            [x.y.z]
            [x]
            w = 1
            """
        let table = try TOMLParser.parse(source)
        #expect(table["fruit"]?.tableValue?["apple"]?.tableValue?["texture"]?.tableValue?["smooth"]?.boolValue == true)
        #expect(table["x"]?.tableValue?["w"]?.integerValue == 1)
        #expect(table["x"]?.line == 6)
    }

    @Test func emptyDocumentsAndByteOrderMark() throws {
        #expect(try TOMLParser.parse("").isEmpty)
        #expect(try TOMLParser.parse("\n# only a comment\n\n").isEmpty)
        #expect(try TOMLParser.parse("\u{FEFF}a = 1")["a"]?.integerValue == 1)
    }

    @Test func headersWithSpacesAndQuotedParts() throws {
        let table = try TOMLParser.parse("[ dog . \"tater.man\" ]\ntype = 'pug'\n[[ a.b ]]\n[[a.b]]\n")
        #expect(table["dog"]?.tableValue?["tater.man"]?.tableValue?["type"]?.stringValue == "pug")
        #expect(table["a"]?.tableValue?["b"]?.arrayValue?.map(\.line) == [3, 4])
    }

    @Test func crlfLineEnds() throws {
        let table = try TOMLParser.parse("a = 1\r\nb = \"\"\"x\r\ny\"\"\"\r\nc = 3\r\n")
        #expect(table["b"]?.stringValue == "x\ny")
        #expect(table["c"]?.line == 4)
    }

    @Test(
        "errors carry their line",
        arguments: [
            ("a = 1\na = 2", 2, "duplicate key `a` (first set on line 1)"),
            ("[t]\nx = 1\n\n[t]", 4, "table `t` is already defined on line 1"),
            ("a = { b = 1 }\n[a]", 2, "cannot define table `a`: the key is already set on line 1"),
            ("a = { b = 1 }\na.c = 2", 2, "`a` is not a table that can be extended (set on line 1)"),
            (
                "[a.b]\nc = 1\n[a]\nb.d = 1", 4,
                "cannot add to table `a.b` with a dotted key: it is defined by a [table] header"
            ),
            ("[fruit]\napple.color = 1\n[fruit.apple]", 3, "table `fruit.apple` is already defined on line 2"),
            ("[[a]]\n[a]", 2, "cannot define table `a`: the key is already set on line 1"),
            ("[a]\n[[a]]", 2, "cannot define array of tables `a`: the key is already set on line 1"),
            ("[a.b]\n[[a]]", 2, "cannot define array of tables `a`: the key is already set on line 1"),
            ("a = 1\n[a.b]", 2, "`a` is not a table that can be extended (set on line 1)"),
            ("[\"a.b\"]\nx = 1\n[\"a.b\"]", 3, "table `\"a.b\"` is already defined on line 1"),
            ("a = [1]\n[[a]]", 2, "cannot define array of tables `a`: the key is already set on line 1"),
            ("\n\na = ", 3, "expected a value, found the end of the file"),
            ("a = \"open\nb = 1", 1, "unterminated string"),
            ("a = \"\"\"never closed\n\n", 3, "unterminated multi-line string"),
            ("a = \"bad \\q\"", 1, "invalid escape `\\q` in a string"),
            ("a = \"\\uD800\"", 1, "\\uD800 is not a Unicode scalar value"),
            ("a = \"\\u12\"", 1, "a \\u escape needs 4 hexadecimal digits"),
            ("x = 1\na = hello", 2, "invalid value `hello` (strings must be quoted)"),
            ("a = 007", 1, "invalid value `007` (leading zeros are not allowed)"),
            ("a = 1__0", 1, "invalid value `1__0`"),
            ("a = 99999999999999999999", 1, "integer `99999999999999999999` does not fit in 64 bits"),
            ("a = 2023-02-30", 1, "invalid date `2023-02-30`"),
            ("a = 25:00:00", 1, "invalid time `25:00:00`"),
            ("a = 1 2", 1, "expected the end of the line, found `2`"),
            ("a 1", 1, "expected `=` after the key `a`"),
            ("= 1", 1, "expected a key, found `=`"),
            ("[table\nx = 1", 1, "expected `]` to close the table header"),
            ("[[arr]\n", 1, "expected `]]` to close the array of tables header"),
            ("a = [1, 2\nb = 3", 2, "expected `,` or `]` in the array, found `b`"),
            ("a = { b = 1,\n c = 2 }", 1, "expected a key, found the end of the line"),
            (
                "a = { b = 1\n }", 1,
                "expected `,` or `}` in the inline table, found the end of the line (an inline table must be on one line)"
            ),
            ("a = { b = 1, }", 1, "an inline table cannot end with a comma"),
            ("a = { b = 1, b = 2 }", 1, "duplicate key `b` (first set on line 1)"),
            ("a = \"tab\tok\" # bell \u{07}", 1, "control character U+0007 in a comment"),
            ("a = 1\rb = 2", 1, "a carriage return must be followed by a newline"),
            ("\"\"\"k\"\"\" = 1", 1, "a key cannot be a multi-line string"),
        ])
    func error(source: String, line: Int, message: String) {
        #expect(throws: TOMLSyntaxError(line: line, message: message)) {
            try TOMLParser.parse(source)
        }
    }
}
