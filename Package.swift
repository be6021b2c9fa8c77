// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sluice",
    products: [
        .executable(name: "sigsrc", targets: ["sigsrc"]),
    ],
    targets: [
        .target(name: "SluiceCore"),
        .executableTarget(name: "sigsrc", dependencies: ["SluiceCore"]),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
        .testTarget(name: "sigsrcTests", dependencies: ["SluiceCore", "sigsrc"]),
    ]
)
