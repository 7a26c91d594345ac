import Foundation
import TelaahCLI
import TelaahServer

ServerRunner.runTasksOnEventLoops()
exit(await TelaahCommand.execute(Array(CommandLine.arguments.dropFirst())))
