import Foundation
import KYXCheckin
import OutpostRuntime

let arguments = Array(CommandLine.arguments.dropFirst())
DevLoginWarning.check(arguments)
await OutpostCLI.main(worker: KYXWorker(), commands: [CreateAdminCommand.self])
