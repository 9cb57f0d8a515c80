// swift-tools-version:6.0
import PackageDescription

// MARK: - Settings

/// One set of compiler settings for every target.
let swiftSettings: [SwiftSetting] = [
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
    .enableUpcomingFeature("ExistentialAny"),
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
    .enableUpcomingFeature("MemberImportVisibility"),
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0409-access-level-on-imports.md
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// MARK: - Dependencies

let asyncHTTPClient: Target.Dependency = .product(name: "AsyncHTTPClient", package: "async-http-client")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting: Target.Dependency = .product(name: "HummingbirdTesting", package: "hummingbird")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let mustache: Target.Dependency = .product(name: "Mustache", package: "swift-mustache")
let metrics: Target.Dependency = .product(name: "Metrics", package: "swift-metrics")
let nioHTTP1: Target.Dependency = .product(name: "NIOHTTP1", package: "swift-nio")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")
let postgresNIO: Target.Dependency = .product(name: "PostgresNIO", package: "postgres-nio")

let package = Package(
    name: "horario",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "horario", targets: ["horario"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        // Already there through Hummingbird; named for HTTPParserError (broken framing is a 400).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Already there through AsyncHTTPClient; named for the SMTP client's TLS.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        // Already there through Hummingbird; named for `Service` (the connection workers run beside the server).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // PostgreSQL's wire protocol with a connection pool (`PostgresClient`), for the shared store.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
    ],
    targets: [
        // MARK: - Domain
        .target(name: "ICalendar", swiftSettings: swiftSettings),
        .target(name: "Availability", dependencies: ["ICalendar"], swiftSettings: swiftSettings),

        // MARK: - System libraries
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // MARK: - XML
        .target(name: "DAVXML", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),

        // MARK: - Storage
        .target(name: "Store", dependencies: ["ICalendar", "Availability"], swiftSettings: swiftSettings),
        .target(
            name: "SQLiteStore", dependencies: ["Store", "Availability", "ICalendar", grdb, .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // The same store on PostgreSQL, so several instances share one database.
        .target(
            name: "PostgresStore",
            dependencies: ["Store", "Availability", "ICalendar", postgresNIO, logging, .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings),

        // MARK: - HTTP
        .target(name: "Auth", dependencies: ["Store", "CLibCrypto", hummingbird, logging], swiftSettings: swiftSettings),
        .target(
            name: "AdminAPI",
            dependencies: [
                "Store", "Auth", "Availability", "BookingFlow", "Connections", "ICalendar", hummingbird, logging, metrics, nioHTTP1, prometheus,
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),

        .target(
            name: "BookingFlow", dependencies: ["Store", "Availability", "ICalendar", "CalDAVQuery"], swiftSettings: swiftSettings),
        .target(name: "WebDAV", dependencies: ["DAVXML", hummingbird, logging, nioHTTP1], swiftSettings: swiftSettings),
        .target(name: "CalDAVQuery", dependencies: ["DAVXML", "ICalendar"], swiftSettings: swiftSettings),
        .target(
            name: "CalDAV",
            dependencies: ["WebDAV", "DAVXML", "CalDAVQuery", "ICalendar", "Availability", "Store", "Auth", hummingbird, logging],
            swiftSettings: swiftSettings),

        // The web UI: server-rendered pages, sign-in sessions, the two language catalogs.
        .target(
            name: "WebUI",
            dependencies: ["Store", "Auth", "Availability", "BookingFlow", "Connections", "ICalendar", "Mail", hummingbird, logging, mustache],
            resources: [.copy("Templates"), .copy("Static"), .copy("Catalogs")],
            swiftSettings: swiftSettings),

        // Calendar connections: provider drivers (CalDAV), the busy-time refresher and the
        // destination outbox worker.
        .target(
            name: "Connections",
            dependencies: [
                "Store", "Auth", "BookingFlow", "DAVXML", "CalDAVQuery", "ICalendar", "Availability", asyncHTTPClient, logging,
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),

        // E-mail: MIME building (RFC 2045–2047), iMIP invitations, an SMTP client on SwiftNIO.
        .target(
            name: "Mail",
            dependencies: [
                "Store", "Auth", "ICalendar", logging, .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings),

        // MARK: - Application
        // The composition root: one router, the HTTP server's limits, `run` for `horario serve`.
        .target(
            name: "HorarioApp",
            dependencies: [
                "Store", "SQLiteStore", "PostgresStore", "Auth", "AdminAPI", "CalDAV", "WebUI", "Connections", "Mail", hummingbird,
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                logging, metrics, nioHTTP1,
            ],
            swiftSettings: swiftSettings),

        // MARK: - Executable
        .executableTarget(
            name: "horario",
            dependencies: [
                "ICalendar", "Availability", "Store", "SQLiteStore", "PostgresStore", "Auth", "Connections", "Mail", "HorarioApp", argumentParser,
                logging,
            ],
            swiftSettings: swiftSettings),

        // MARK: - Benchmarks
        .target(name: "BenchSupport", path: "bench/BenchSupport", swiftSettings: swiftSettings),
        .executableTarget(name: "ical-bench", dependencies: ["ICalendar", "BenchSupport"], path: "bench/ical-bench", swiftSettings: swiftSettings),
        .executableTarget(
            name: "availability-bench", dependencies: ["Availability", "ICalendar", "BenchSupport"], path: "bench/availability-bench",
            swiftSettings: swiftSettings),

        // A contract server for Google Calendar and Microsoft Graph, started by the connection tests.
        .executableTarget(name: "provider-fake", dependencies: ["Auth", hummingbird], path: "Tests/ProviderFake", swiftSettings: swiftSettings),

        // MARK: - Tests
        // test targets
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"], swiftSettings: swiftSettings),
        .testTarget(name: "AvailabilityTests", dependencies: ["Availability", "ICalendar"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "Store", "Availability", "ICalendar", grdb], swiftSettings: swiftSettings),
        // The store tests, run against SQLite and (with HORARIO_TEST_POSTGRES, or under CI) PostgreSQL.
        .testTarget(
            name: "StoreContractTests", dependencies: ["SQLiteStore", "PostgresStore", "Store", "Availability", "ICalendar", postgresNIO, grdb],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AuthTests", dependencies: ["Auth", "Store", "SQLiteStore", hummingbird, hummingbirdTesting], swiftSettings: swiftSettings),
        .testTarget(
            name: "AdminAPITests",
            dependencies: ["AdminAPI", "HorarioApp", "Auth", "Store", "SQLiteStore", "Availability", "ICalendar", hummingbird, hummingbirdTesting],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ConnectionsTests", dependencies: ["Connections", "Auth", "BookingFlow", "Store", "ICalendar"], swiftSettings: swiftSettings),
        .testTarget(name: "MailTests", dependencies: ["Mail", "Store"], swiftSettings: swiftSettings),
        .testTarget(name: "DAVXMLTests", dependencies: ["DAVXML"], swiftSettings: swiftSettings),
        .testTarget(name: "CalDAVQueryTests", dependencies: ["CalDAVQuery", "DAVXML", "ICalendar"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CalDAVTests",
            dependencies: [
                "CalDAV", "WebDAV", "DAVXML", "CalDAVQuery", "AdminAPI", "HorarioApp", "BookingFlow", "Auth", "Store", "SQLiteStore", "ICalendar",
                "Availability",
                hummingbird, hummingbirdTesting,
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "WebUITests",
            dependencies: ["WebUI", "HorarioApp", "AdminAPI", "Auth", "Store", "SQLiteStore", "Availability", hummingbird, hummingbirdTesting],
            swiftSettings: swiftSettings),
        // Runs the built `horario` binary; `swift build --build-tests` builds it first.
        .testTarget(name: "HorarioCLITests", swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
