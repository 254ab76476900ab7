import Foundation
import Outpost
import OutpostRuntime

@main
struct HelloMain {
    static func main() async {
        await OutpostCLI.main(worker: HelloWorker())
    }
}
