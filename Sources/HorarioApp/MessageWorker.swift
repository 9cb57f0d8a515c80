import Mail
import ServiceLifecycle

/// The booking messages' sender as a service beside the HTTP server.
struct MessageWorker: Service {
    let messenger: BookingMessenger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await messenger.run()
        }
    }
}
