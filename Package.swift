// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Octavo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "octavo", targets: ["OctavoCLI"]),
        // `octavo serve` runs this binary, installed beside `octavo` (see Sources/OctavoServe/).
        .executable(name: "octavo-serve", targets: ["OctavoServe"]),
        .library(name: "Octavo", targets: ["Octavo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Deflates the zip bundle's and the EPUB's files that fit in memory whole (see WholeDeflate).
        .systemLibrary(
            name: "CLibdeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
        ),
        .target(
            name: "Octavo",
            dependencies: [
                "CCmark",
                "CLibdeflate",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The preview server's HTTP side. FlyingFox links Foundation's networking and so libcurl
        // and its twenty-odd shared libraries, which every start of a binary that holds it loads:
        // only `octavo-serve` does, so that `octavo build` starts without them.
        .target(
            name: "OctavoServer",
            dependencies: [
                "Octavo",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // What both executables parse: the site's folders and `serve`'s options.
        .target(
            name: "OctavoCommandLine",
            dependencies: [
                "Octavo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "OctavoCLI",
            dependencies: [
                "Octavo",
                "OctavoCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "OctavoServe",
            dependencies: [
                "Octavo",
                "OctavoServer",
                "OctavoCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "OctavoTests",
            dependencies: [
                "Octavo",
                "OctavoServer",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
