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
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
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
        // Documents: LHE, LKE workbook, Laporan Kompilasi, follow-up letter, rencana aksi, as
        // DOCX/XLSX (Office Open XML written directly) and PDF through LibreOffice. No Vapor.
        .target(
            name: "TelaahDocuments",
            dependencies: [
                "TelaahCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [
                .embedInCode("Templates/laporan-kompilasi.yaml"),
                .embedInCode("Templates/lhe.yaml"),
                .embedInCode("Templates/tindak-lanjut.yaml"),
                .embedInCode("Templates/rencana-aksi.yaml"),
            ],
            swiftSettings: strict
        ),
        // Persistence and the web application: Fluent models and numbered migrations, the store
        // (SQLKit), the JSON API, the pages (type-checked Swift, `Views/`). Business rules stay in
        // TelaahCore.
        .target(
            name: "TelaahServer",
            dependencies: [
                "TelaahCore",
                "TelaahDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // The demo (Kabupaten Banyuasin, 51 PD) and the benchmarks that run on it: not part of the
        // production server.
        .target(
            name: "TelaahDemo",
            dependencies: [
                "TelaahCore",
                "TelaahDocuments",
                "TelaahServer",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // The command-line interface as a library, so tests can run every command in-process.
        .target(
            name: "TelaahCLI",
            dependencies: [
                "TelaahCore",
                "TelaahDocuments",
                "TelaahServer",
                "TelaahDemo",
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
            name: "TelaahDocumentsTests",
            dependencies: [
                "TelaahDocuments", "TelaahCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Golden XML parts, read through #filePath.
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TelaahServerTests",
            dependencies: [
                "TelaahServer",
                "TelaahDemo",
                "TelaahCore",
                "TelaahDocuments",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TelaahDemoTests",
            dependencies: ["TelaahDemo", "TelaahServer", "TelaahCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TelaahCLITests",
            dependencies: ["TelaahCLI", "TelaahCore"],
            swiftSettings: strict
        ),
    ]
)
