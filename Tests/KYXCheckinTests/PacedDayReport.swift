import Foundation
import KYXCheckin
import Outpost

/// The paced day's figures beside the brief's budget (checkin-app.md §6), as markdown, with a verdict
/// per figure. A KV delete is billed as a write on Cloudflare, so the write budget counts puts and
/// deletes together.
struct PacedDayReport {
    let day: PacedDay
    let on: PacedDay.Figures
    let off: PacedDay.Figures

    static let readsBudget = 20_000
    static let writesBudget = 2_000
    /// The brief's D1 reductions with caching on against off.
    static let reductionTargets: [(CacheFamily, Double)] = [(.sessions, 0.80), (.userStats, 0.70), (.config, 0.95)]
    /// KV writes of a Linux.Do login that the dev login of the simulation does not make: the
    /// `oauth_state:<state>` entry (written once, left to its 10-minute TTL).
    static let oauthWritesPerLogin = 1

    /// The D1 queries avoided in `family`, from 0 to 1.
    func reduction(_ family: CacheFamily) -> Double {
        let baseline = Double(off.d1[family] ?? 0)
        return baseline == 0 ? 0 : 1 - Double(on.d1[family] ?? 0) / baseline
    }

    /// KV writes the budget counts: puts and deletes.
    var billedWrites: Int { on.writes + on.deletes }

    /// Whether every figure is within the brief's budget.
    var met: Bool {
        on.reads <= Self.readsBudget && billedWrites <= Self.writesBudget
            && Self.reductionTargets.allSatisfy { reduction($0.0) >= $0.1 }
    }

    var markdown: String {
        func verdict(_ ok: Bool) -> String { ok ? "met" : "NOT met" }
        func percent(_ value: Double) -> String { String(format: "%.1f %%", 100 * value) }
        var lines = [
            "# KYX paced day (simulated clock) — \(day.users) users × \(day.requestsPerUser) requests, "
                + "\(day.visits) sitting(s) a user"
                + (day.vars.isEmpty
                    ? ""
                    : ", "
                        + day.vars.keys.sorted().map { "\($0)=\(day.vars[$0]?.stringValue ?? "")" }.joined(
                            separator: " ")),
            "",
            "Requests \(on.requests) (+ \(on.logins) logins, \(on.adminVisits) admin dashboard visits, "
                + "\(on.cronRuns) cron runs); check-ins \(on.checkIns); errors \(on.errors) on / \(off.errors) off.",
            "",
            "| KV for the day (caching on) | measured | brief | verdict |",
            "|---|---:|---:|---|",
            "| reads (get) | \(on.reads) | ≤ \(Self.readsBudget) | \(verdict(on.reads <= Self.readsBudget)) |",
            "| writes (put) | \(on.writes) | | |",
            "| deletes (billed as writes) | \(on.deletes) | | |",
            "| **writes + deletes** | **\(billedWrites)** | ≤ \(Self.writesBudget) "
                + "| \(verdict(billedWrites <= Self.writesBudget)) |",
            "",
            "| D1 queries | caching on | caching off | reduction | brief | verdict |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for (family, target) in Self.reductionTargets {
            lines.append(
                "| \(family.rawValue) | \(on.d1[family] ?? 0) | \(off.d1[family] ?? 0) | −\(percent(reduction(family))) "
                    + "| ≥ −\(percent(target)) | \(verdict(reduction(family) >= target)) |")
        }
        lines += [
            "", "| family | KV reads | KV writes | KV deletes | D1 on | D1 off |", "|---|---:|---:|---:|---:|---:|",
        ]
        for family in CacheFamily.allCases {
            let kv = on.kv[family] ?? (0, 0, 0)
            lines.append(
                "| \(family.rawValue) | \(kv.reads) | \(kv.writes) | \(kv.deletes) | \(on.d1[family] ?? 0) "
                    + "| \(off.d1[family] ?? 0) |")
        }
        let oauth = on.logins * Self.oauthWritesPerLogin
        lines += [
            "",
            "The simulation logs in through the dev identity provider; with Linux.Do logins the day adds "
                + "\(oauth) `oauth_state` KV write(s) (\(Self.oauthWritesPerLogin) per login, outside the families): "
                + "\(billedWrites + oauth) writes + deletes, \(verdict(billedWrites + oauth <= Self.writesBudget)).",
            "",
            "Overall: \(met ? "within the brief's budget" : "NOT within the brief's budget").",
        ]
        return lines.joined(separator: "\n")
    }
}
