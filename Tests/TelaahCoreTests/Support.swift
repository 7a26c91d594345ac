import Foundation
import TelaahCore

/// The repository's `Tests/Fixtures` folder, found from this source file so the tests run on a
/// fresh clone without bundling resources.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
}

func loadFixtureFramework(_ name: String) throws -> (framework: Framework, warnings: [FrameworkProblem]) {
    try FrameworkLoader.load(yaml: fixture(name), source: name)
}

/// `"19.50"` → ExactDecimal; traps on a typo in a test.
func d(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text)! }

let defaultFramework = BundledFrameworks.default
