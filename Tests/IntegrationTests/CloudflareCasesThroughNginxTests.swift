import Foundation
import OutpostConfig
import OutpostRuntime
import OutpostTestSupport
import Testing

/// Every one of Cloudflare's html_handling cases through a real nginx running the generated site: one
/// site per case (its own assets folder, `html_handling`, host `c<N>.test`), all in one nginx.
struct CloudflareCasesThroughNginxTests {
    @Test func cloudflaresHTMLHandlingCasesHoldThroughNginx() throws {
        let cases = CloudflareHTMLHandlingCases.all
        let directory = try TestDirectory.make(prefix: "outpost-cf-cases")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var sites: [NginxSite.Site] = []
        for (index, testCase) in cases.enumerated() {
            let folder = "\(directory)/c\(index)"
            for file in testCase.files {
                let url = URL(fileURLWithPath: folder + file)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.utf8).write(to: url)
            }
            var config = WorkerConfig(file: "wrangler.toml", directory: directory)
            var assets = AssetsConfig(directory: folder)
            assets.htmlHandling = try #require(AssetsConfig.HTMLHandling(rawValue: testCase.mode))
            config.assets = assets
            config.routes = ["c\(index).test/*"]
            sites.append(
                try NginxSite.Site(id: "c\(index)", config: config, fastcgiAddress: "unix:\(directory)/none.sock"))
        }
        let port = try FreePort.find()
        let site = try NginxSite(sites: sites, listen: "127.0.0.1:\(port)", useRoutes: true).render()
        let prefix = directory + "/nginx"
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        try NginxSite.devConfig(prefix: prefix, site: site).write(
            toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        let nginx = try TestProcess(
            executable: try #require(NginxExecutable.find()),
            arguments: ["-p", prefix, "-c", prefix + "/nginx.conf", "-e", "stderr"], directory: directory, name: "nginx"
        )
        defer { nginx.stop() }
        try OutpostStack.waitFor { (try? HTTPTestClient(port: port, timeoutSeconds: 2)) != nil }

        for (index, testCase) in cases.enumerated() {
            var path = testCase.request
            var response = try HTTPTestClient(port: port).request("GET", path, host: "c\(index).test")
            for _ in 0..<5 where response.status == 307 {
                path = try #require(response.header("Location"))
                response = try HTTPTestClient(port: port).request("GET", path, host: "c\(index).test")
            }
            let label = "\(testCase.mode) \(testCase.title) [\(testCase.files)] → \(response.status) at \(path)"
            if let matched = testCase.matchedFile, let final = testCase.finalPath {
                #expect(response.status == 200, "\(label)")
                #expect(response.text == matched, "\(label)")
                #expect(path == final, "\(label)")
            } else {
                // Not an asset: the request goes on to the worker (no socket here, so nginx's 502).
                #expect(response.status == 502, "\(label): \(response.text)")
            }
        }
    }
}
