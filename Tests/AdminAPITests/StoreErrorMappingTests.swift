import AdminAPI
import HTTPTypes
import Store
import Testing

/// How store refusals reach API clients: in particular `busy` (a lock another instance held
/// too long), which must say "send it again", not "taken".
struct StoreErrorMappingTests {
    typealias Problems = ProblemDetailsMiddleware<AppRequestContext>

    @Test("a busy store is a 503 with Retry-After; conflicts stay 409, unknown records 404")
    func busyIsServiceUnavailable() {
        let busy = Problems.problem(for: StoreError.busy("the record is busy with another write; try again"))
        #expect(busy.status == .serviceUnavailable)
        #expect(busy.headers[.retryAfter] == "1")
        #expect(busy.detail == "the record is busy with another write; try again")
        #expect(Problems.problem(for: StoreError.conflict("taken")).status == .conflict)
        #expect(Problems.problem(for: StoreError.notFound("booking b1")).status == .notFound)
    }
}
