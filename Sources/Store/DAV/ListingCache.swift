import Synchronization

/// Calendar listings by calendar (shared by both stores), each as of the sync revision it was read at. Every write of
/// an object moves its calendar's revision in the same transaction (the change log of
/// sync-collection depends on it), so a listing read at the calendar's current revision is
/// exactly what the table holds; clients poll unchanged calendars, and such a poll then reads
/// one row instead of the whole calendar.
package final class ListingCache: Sendable {
    private struct State {
        var listings: [String: CalendarObjectListing] = [:]
        var objectCount = 0
    }

    /// Summaries kept in all (about 100 bytes each); past it the cache starts over.
    private let capacity: Int
    private let state = Mutex(State())

    package init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    /// The calendar's listing if it was read at `revision`.
    package func listing(of calendarId: String, at revision: Int) -> CalendarObjectListing? {
        state.withLock { state in
            guard let listing = state.listings[calendarId], listing.revision == revision else { return nil }
            return listing
        }
    }

    package func remember(_ listing: CalendarObjectListing, of calendarId: String) {
        guard listing.objects.count <= capacity else { return }
        state.withLock { state in
            if let old = state.listings.removeValue(forKey: calendarId) { state.objectCount -= old.objects.count }
            if state.objectCount + listing.objects.count > capacity { state = State() }
            state.listings[calendarId] = listing
            state.objectCount += listing.objects.count
        }
    }
}
