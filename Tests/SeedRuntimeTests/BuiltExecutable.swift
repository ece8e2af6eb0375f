import Foundation
import Testing

/// A service executable built next to the test bundle, run as a child process.
struct BuiltExecutable {
    /// The executable's path, e.g. `.build/debug/seed-identity`.
    let url: URL

    /// Finds `name` in the build products folder that holds this test bundle.
    init(named name: String) throws {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent(name) }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        self.url = try #require(
            found,
            "\(name) is not built next to the tests (looked in \(candidates.map(\.path))); run `swift build` before `swift test`"
        )
    }

    /// What a finished child process left behind.
    struct Outcome {
        let exitCode: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Starts the executable with exactly `environment` (plus `PATH`) in a fresh temporary folder;
    /// output goes to files that ``Running/finish()`` reads back.
    func start(environment: [String: String]) throws -> Running {
        let process = Process()
        process.executableURL = self.url
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { given, _ in given }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seed-runtime-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let standardError = folder.appendingPathComponent("stderr")
        let standardOutput = folder.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: standardError.path, contents: nil)
        _ = FileManager.default.createFile(atPath: standardOutput.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: standardError)
        process.standardOutput = try FileHandle(forWritingTo: standardOutput)
        process.currentDirectoryURL = folder
        try process.run()
        return Running(process: process, folder: folder, standardErrorFile: standardError, standardOutputFile: standardOutput)
    }

    /// Runs the executable to completion with `environment`.
    func run(environment: [String: String]) async throws -> Outcome {
        try await self.start(environment: environment).finish()
    }

    /// A started child process.
    struct Running {
        let process: Process
        /// The child's working directory, a fresh temporary folder.
        let folder: URL
        let standardErrorFile: URL
        let standardOutputFile: URL

        /// Sends SIGTERM.
        func terminate() {
            self.process.terminate()
        }

        /// Waits for the process to exit and returns its exit code and output.
        func finish() async throws -> Outcome {
            while self.process.isRunning {
                try await Task.sleep(for: .milliseconds(20))
            }
            let standardOutput = try String(contentsOf: self.standardOutputFile, encoding: .utf8)
            let standardError = try String(contentsOf: self.standardErrorFile, encoding: .utf8)
            try? FileManager.default.removeItem(at: self.folder)
            return Outcome(exitCode: self.process.terminationStatus, standardOutput: standardOutput, standardError: standardError)
        }
    }
}
