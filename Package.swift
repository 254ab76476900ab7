// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Outpost",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Outpost", targets: ["Outpost"]),
        .library(name: "OutpostRuntime", targets: ["OutpostRuntime"]),
        .library(name: "OutpostTesting", targets: ["OutpostTesting"]),
        .executable(name: "hello", targets: ["hello"]),
        .executable(name: "kyx-checkin", targets: ["kyx-checkin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CFastCGI",
            pkgConfig: "fcgi",
            providers: [.apt(["libfcgi-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CDqlite",
            pkgConfig: "dqlite",
            providers: [.apt(["libdqlite-dev"])]
        ),
        .target(
            name: "Outpost",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OutpostSQLite",
            dependencies: ["Outpost", "CSQLite"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OutpostDqlite",
            dependencies: ["Outpost", "OutpostSQLite", "CSQLite", "CDqlite"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OutpostRedis",
            dependencies: [
                "Outpost", "CHiredis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "OutpostConfig", swiftSettings: swiftSettings),
        .target(
            name: "OutpostCron",
            dependencies: ["Outpost", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OutpostFastCGI",
            dependencies: ["Outpost", "CFastCGI", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OutpostRuntime",
            dependencies: [
                "Outpost", "OutpostSQLite", "OutpostRedis", "OutpostConfig", "OutpostCron", "OutpostFastCGI", "OutpostDqlite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OutpostTesting",
            dependencies: [
                "Outpost", "OutpostRuntime", "OutpostConfig", "OutpostCron",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Helpers for this package's own tests (nginx stacks, HTTP and WebDriver clients): not a product.
        .target(
            name: "OutpostTestSupport",
            dependencies: ["Outpost", "OutpostRuntime", "OutpostRedis", "OutpostDqlite"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "hello",
            dependencies: ["Outpost", "OutpostRuntime"],
            exclude: ["migrations", "wrangler.toml"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "outpost-bench",
            dependencies: [
                "Outpost", "OutpostSQLite", "OutpostRedis", "OutpostDqlite", "OutpostRuntime", "OutpostTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutpostTests",
            dependencies: ["Outpost", "OutpostTesting", "OutpostTestSupport", "OutpostSQLite", "OutpostRedis"],
            swiftSettings: swiftSettings),
        .target(
            name: "KYXCheckin",
            dependencies: ["Outpost", .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "kyx-checkin",
            dependencies: [
                "KYXCheckin", "OutpostRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KYXCheckinTests",
            dependencies: [
                "KYXCheckin", "OutpostTesting", "OutpostTestSupport", "OutpostRuntime", "OutpostSQLite", "OutpostRedis",
                "OutpostDqlite", "kyx-checkin", .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutpostConfigTests",
            dependencies: ["OutpostConfig", "OutpostTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutpostSQLiteTests",
            dependencies: ["OutpostSQLite", "OutpostTesting", "OutpostTestSupport", "OutpostDqlite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutpostFastCGITests",
            dependencies: ["OutpostFastCGI", "OutpostTestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutpostRuntimeTests",
            dependencies: [
                "OutpostRuntime", "OutpostCron", "OutpostTesting", "OutpostTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["OutpostTesting", "OutpostTestSupport", "hello"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
