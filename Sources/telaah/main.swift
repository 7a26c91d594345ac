import Foundation
import TelaahCLI
import TelaahServer

// Measurement switch (A/B of the executor, docs/performance.md); removed once decided.
if ProcessInfo.processInfo.environment["TELAAH_GLOBAL_EXECUTOR"] != "0" { ServerRunner.runTasksOnEventLoops() }
exit(await TelaahCommand.execute(Array(CommandLine.arguments.dropFirst())))
