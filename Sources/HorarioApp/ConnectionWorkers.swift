import Connections
import ServiceLifecycle

/// The calendar connections' background work (busy-time refresher, destination outbox) as a
/// service beside the HTTP server: started with it, stopped on SIGTERM with it.
struct ConnectionWorkers: Service {
    let engine: ConnectionEngine

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await engine.runWorkers()
        }
    }
}
