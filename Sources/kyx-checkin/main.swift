import KYXCheckin
import OutpostRuntime

await OutpostCLI.main(worker: KYXWorker())
