import Foundation
import TelaahCLI

exit(await TelaahCommand.execute(Array(CommandLine.arguments.dropFirst())))
