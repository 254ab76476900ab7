import KYXCheckin
import OutpostRuntime

await OutpostCLI.main(
    worker: KYXWorker(), commands: [CreateAdminCommand.self], startupWarnings: DevLoginWarning.messages)
