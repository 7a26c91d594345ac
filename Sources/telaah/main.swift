import Foundation
import TelaahCLI

exit(TelaahCommand.execute(Array(CommandLine.arguments.dropFirst())))
