/// A box-drawn table, as wrangler prints query results and migration lists.
package enum TextTable {
    /// `columns` as the header and `rows` below, each cell padded to its column's width.
    package static func render(columns: [String], rows: [[String]]) -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        }
        func cells(_ values: [String]) -> String {
            "│"
                + widths.indices.map { index in
                    let value = index < values.count ? values[index] : ""
                    return " " + value + String(repeating: " ", count: widths[index] - value.count) + " "
                }.joined(separator: "│") + "│"
        }
        var lines = [line("┌", "┬", "┐"), cells(columns), line("├", "┼", "┤")]
        lines += rows.map(cells)
        lines.append(line("└", "┴", "┘"))
        return lines.joined(separator: "\n")
    }
}
