// swift-tools-version: 6.1
import PackageDescription

/// Our own targets build in Swift 6 language mode with warnings as errors.
let strict: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"])
]

let package = Package(
    name: "Telaah",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "telaah", targets: ["telaah"]),
        .library(name: "TelaahCore", targets: ["TelaahCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The domain: framework model, scoring, compilation, checking. No Vapor, no database,
        // no file system: text in, values out.
        .target(
            name: "TelaahCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Frameworks/lke-murung-raya-2024.yaml")],
            swiftSettings: strict
        ),
        // The command-line interface as a library, so tests can run every command in-process.
        .target(
            name: "TelaahCLI",
            dependencies: [
                "TelaahCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "telaah", dependencies: ["TelaahCLI"], swiftSettings: strict),
        .testTarget(
            name: "TelaahCoreTests",
            dependencies: [
                "TelaahCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TelaahCLITests",
            dependencies: ["TelaahCLI", "TelaahCore"],
            swiftSettings: strict
        ),
    ]
)
