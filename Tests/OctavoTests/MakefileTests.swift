// Runs targets of the Makefile with stand-in programs on the PATH, as a user's machine would have them.
import Foundation
import Testing

@Suite("Makefile: what make says on a fresh machine", .enabled(if: isInstalled("make")))
struct MakefileTests {
    /// Without libcmark or libdeflate and without root, `make site` says the command to run instead of letting
    /// apt-get fail on its lock file.
    @Test func depsAsANonRootUserWithoutLibcmarkSaysToUseSudo() throws {
        let folder = try TemporaryFolder()
        // Stand-ins: pkg-config finds nothing, id says a normal user, apt-get must not run.
        try folder.write(["pkg-config": "#!/bin/sh\nexit 1\n", "id": "#!/bin/sh\necho 1000\n",
                          "apt-get": "#!/bin/sh\necho apt-get ran >&2\nexit 100\n"], under: "bin")
        for name in ["pkg-config", "id", "apt-get"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.appendingPathComponent("bin/" + name).path)
        }
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["PATH=\(folder.url.path)/bin:/usr/bin:/bin", "make", "-s", "-C", packageRoot.path, "deps"])
        let message = result.stderr
        #expect(result.status != 0)
        #expect(message.hasPrefix("libcmark or libdeflate is missing: run `sudo apt-get install libcmark-dev libdeflate-dev pkg-config` (Debian/Ubuntu), then run make again\n"))
        #expect(!message.contains("apt-get ran"))
    }
}
