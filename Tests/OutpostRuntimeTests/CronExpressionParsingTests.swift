import Testing

@testable import OutpostCron
@testable import OutpostRuntime

@Suite("Cron expression parsing")
struct CronExpressionParsingTests {
    @Test(
        "equivalent spellings parse to the same schedule",
        arguments: [
            ("0 17 * * sun", "0 17 * * 1"),
            ("0 17 * * SUN", "0 17 * * Sun"),
            ("10 7 * * mon-fri", "10 7 * * 2-6"),
            ("0 0 1 jan,JUL *", "0 0 1 1,7 *"),
            ("0 0 1 * *", "0 0 1 * ?"),
            ("*/15 * * * *", "0,15,30,45 * * * *"),
            ("5/20 * * * *", "5,25,45 * * * *"),
            ("0 22-2 * * *", "0 22,23,0,1,2 * * *"),
            ("0 0 * * sat-sun", "0 0 * * 7,1"),
            ("0 0 * * fri-mon/2", "0 0 * * 6,1"),
            ("0 0 * * L", "0 0 * * 7"),
            ("0 18 * * FRIL", "0 18 * * 6L"),
            ("0 9 * * mon#1", "0 9 * * 2#1"),
            ("0  9\t* * *", "0 9 * * *"),
        ])
    func equivalent(_ pair: (String, String)) throws {
        let lhs = try CronExpression(parsing: pair.0)
        let rhs = try CronExpression(parsing: pair.1)
        #expect(lhs.schedule == rhs.schedule)
        #expect(lhs.text == pair.0)
    }

    @Test(
        "each error names the field and the value",
        arguments: [
            ("61 * * * *", CronField.minute, "minute 61 is out of range 0-59"),
            ("* 24 * * *", .hour, "hour 24 is out of range 0-23"),
            ("* * 0 * *", .dayOfMonth, "day-of-month 0 is out of range 1-31"),
            ("* * 32 * *", .dayOfMonth, "day-of-month 32 is out of range 1-31"),
            ("* * * 13 *", .month, "month 13 is out of range 1-12"),
            ("* * * * 0", .dayOfWeek, "day-of-week 0 is out of range 1-7 (1 = Sunday)"),
            ("* * * * 8", .dayOfWeek, "day-of-week 8 is out of range 1-7 (1 = Sunday)"),
            ("x * * * *", .minute, "minute \"x\" is not a number"),
            ("* * * foo *", .month, "month \"foo\" is not a number or a month name (JAN-DEC)"),
            ("* * * * funday", .dayOfWeek, "day-of-week \"funday\" is not a number or a day name (SUN-SAT)"),
            ("*/0 * * * *", .minute, "minute step 0 must be at least 1"),
            ("*/x * * * *", .minute, "minute step \"x\" is not a number"),
            ("1/2/3 * * * *", .minute, "minute \"1/2/3\" has more than one /"),
            ("1,,2 * * * *", .minute, "minute \"1,,2\" has an empty list item"),
            ("/5 * * * *", .minute, "minute \"/5\" is missing a value"),
            ("1- * * * *", .minute, "minute \"1-\" is missing a value"),
            ("* 5L * * *", .hour, "hour \"5L\": L, W, # and ? are only allowed in day-of-month and day-of-week"),
            ("? * * * *", .minute, "? is only allowed in day-of-month and day-of-week"),
            ("* * 1#2 * *", .dayOfMonth, "# is only allowed in day-of-week (\"1#2\")"),
            ("* * * * 5W", .dayOfWeek, "W is only allowed in day-of-month (\"5W\")"),
            ("* * 32W * *", .dayOfMonth, "day-of-month 32 is out of range 1-31"),
            ("* * 1-5W * *", .dayOfMonth, "day-of-month \"1-5W\": W takes a single day, as in 15W"),
            ("* * L-31 * *", .dayOfMonth, "day-of-month \"L-31\": offset 31 is out of range 0-30"),
            ("* * L-x * *", .dayOfMonth, "day-of-month \"L-x\": \"x\" is not a number"),
            ("* * * * 2#6", .dayOfWeek, "day-of-week \"2#6\": occurrence 6 is out of range 1-5"),
            ("* * * * 2#x", .dayOfWeek, "day-of-week \"2#x\": \"x\" is not a number"),
            ("* * * * 8L", .dayOfWeek, "day-of-week 8 is out of range 1-7 (1 = Sunday)"),
        ])
    func fieldError(_ example: (String, CronField, String)) {
        #expect(throws: CronParseError(field: example.1, message: example.2)) {
            try CronExpression(parsing: example.0)
        }
    }

    @Test("the wrong number of fields is an error", arguments: ["", "* * * *", "* * * * * *", "   "])
    func fieldCount(_ text: String) {
        let count = text.split(separator: " ").count
        #expect(
            throws: CronParseError(
                field: nil, message: "expected 5 fields (minute hour day-of-month month day-of-week), found \(count)")
        ) {
            try CronExpression(parsing: text)
        }
    }
}
