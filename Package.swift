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

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "horario",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "horario", targets: ["horario"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0")
    ],
    targets: [
        // MARK: - Domain
        .target(name: "ICalendar", swiftSettings: swiftSettings),
        .target(name: "Availability", dependencies: ["ICalendar"], swiftSettings: swiftSettings),

        // MARK: - Executable
        .executableTarget(name: "horario", dependencies: ["ICalendar", "Availability", argumentParser], swiftSettings: swiftSettings),

        // MARK: - Benchmarks
        .executableTarget(name: "ical-bench", dependencies: ["ICalendar"], path: "bench/ical-bench", swiftSettings: swiftSettings),
        .executableTarget(
            name: "availability-bench", dependencies: ["Availability", "ICalendar"], path: "bench/availability-bench", swiftSettings: swiftSettings),

        // MARK: - Tests
        // test targets
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"], swiftSettings: swiftSettings),
        .testTarget(name: "AvailabilityTests", dependencies: ["Availability", "ICalendar"], swiftSettings: swiftSettings),
        // Runs the built `horario` binary; `swift build --build-tests` builds it first.
        .testTarget(name: "HorarioCLITests", swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
