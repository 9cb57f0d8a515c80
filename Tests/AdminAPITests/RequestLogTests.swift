import Hummingbird
import Testing

@testable import HorarioApp

/// The request log's duration field, read by people and log tools alike.
struct RequestLogTests {
    @Test("durations read as milliseconds with two decimals, rounded down")
    func milliseconds() {
        typealias Log = RequestLogMiddleware<BasicRequestContext>
        #expect(Log.milliseconds(.zero) == "0.00")
        #expect(Log.milliseconds(.microseconds(420)) == "0.42")
        #expect(Log.milliseconds(.microseconds(1_059)) == "1.05")
        #expect(Log.milliseconds(.nanoseconds(9_999)) == "0.00")
        #expect(Log.milliseconds(.milliseconds(1_234_567) + .microseconds(80)) == "1234567.08")
    }
}
