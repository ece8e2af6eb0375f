import Foundation
import SeedAuth

// seed-bench-identity: the raw bcrypt baseline of the identity benchmark (scripts/bench-identity).
//
//   seed-bench-identity bcrypt [SECONDS]
//
// Verifies one cost-12 `$2b$` hash from as many concurrent callers as the machine has cores, through
// the same `BcryptPasswordHasher` identity uses, for SECONDS (default 15), and prints
//   bcrypt.verify.throughput N ops/s
//   bcrypt.verify.p50 X ms
//   bcrypt.verify.p99 X ms

let arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "bcrypt" else {
    FileHandle.standardError.write(Data("usage: seed-bench-identity bcrypt [SECONDS]\n".utf8))
    exit(64)
}
let seconds = arguments.dropFirst().first.flatMap(Double.init) ?? 15
let hasher = BcryptPasswordHasher()
let hash = await hasher.hash("correct horse battery")
let workers = ProcessInfo.processInfo.activeProcessorCount
let clock = ContinuousClock()
let started = clock.now
let deadline = started.advanced(by: .seconds(seconds))

let latencies = await withTaskGroup(of: [Double].self) { group in
    for _ in 0..<workers {
        group.addTask {
            var samples: [Double] = []
            while clock.now < deadline {
                let begin = clock.now
                guard await hasher.verify("correct horse battery", against: hash) else { fatalError("the hash does not verify") }
                samples.append(begin.duration(to: clock.now) / .milliseconds(1))
            }
            return samples
        }
    }
    var all: [Double] = []
    for await samples in group { all += samples }
    return all
}.sorted()
let elapsed = started.duration(to: clock.now) / .seconds(1)
func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
print(String(format: "bcrypt.verify.throughput %.2f ops/s", Double(latencies.count) / elapsed))
print(String(format: "bcrypt.verify.p50 %.1f ms", percentile(0.50)))
print(String(format: "bcrypt.verify.p99 %.1f ms", percentile(0.99)))
