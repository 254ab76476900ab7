import Foundation
import KYXCheckin
import OutpostRuntime

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "create-admin" {
    exit(await CreateAdmin.run(Array(arguments.dropFirst())))
}
DevLoginWarning.check(arguments)
await OutpostCLI.main(worker: KYXWorker())
