/// Suggests the known key an unknown key was probably meant to be.
enum KeySuggester {
    /// The closest of `candidates` to `key`, if it is close enough to be a typo.
    static func suggestion(for key: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, key.count / 3))
        var best: (key: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(key.lowercased()), Array(candidate))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.key
    }

    /// The edit distance between `a` and `b`, counting a swap of neighbours as one edit (so `mian` is one
    /// edit from `main`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in a.indices {
            for j in b.indices {
                let cost = a[i] == b[j] ? 0 : 1
                var best = min(table[i][j + 1] + 1, table[i + 1][j] + 1, table[i][j] + cost)
                if i > 0, j > 0, a[i] == b[j - 1], a[i - 1] == b[j] { best = min(best, table[i - 1][j - 1] + 1) }
                table[i + 1][j + 1] = best
            }
        }
        return table[a.count][b.count]
    }
}
