import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// glibc's malloc gives threads that allocate at the same time arenas of their own, up to
/// eight per core, and freed memory stays in the arena that held it: a server whose requests
/// hop between NIO's and Swift concurrency's threads ends up keeping pages in many of them.
/// One arena per core (at least two) keeps contention low and the resident size about 10 MiB
/// smaller under the CalDAV benchmark (`bench/caldav.sh`), at the same speed.
enum MallocArenas {
    /// `M_ARENA_MAX` of glibc's `<malloc.h>`, which Swift's Glibc module does not include.
    private static let arenaMaxOption: Int32 = -8

    static func limitToCores() {
        #if canImport(Glibc)
            // mallopt is looked up rather than declared: <malloc.h> is not part of the module.
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            _ = mallopt(arenaMaxOption, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        #endif
    }
}
