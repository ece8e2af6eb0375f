@testable import SeedBus
import SeedContracts
import Testing

@Suite struct ThreadNameTests {
    /// `pthread_setname_np` refuses names over 15 bytes on Linux; a refused name leaves the connection
    /// thread indistinguishable from the thread pool's in `top -H` and `perf`.
    @Test func everyServiceConnectionThreadNameFitsLinuxLimit() {
        for service in ServiceName.allCases {
            let name = Bus.threadName(of: service)
            #expect(name.utf8.count <= 15, "\(name) is longer than Linux keeps")
            #expect(name.hasSuffix(service.rawValue))
        }
    }
}
