public import Foundation
import ICalendar
import Logging
import Store

extension ConnectionEngine {
    /// Runs the refresher and the outbox worker until the task is cancelled.
    public func runWorkers() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.runRefresher() }
            group.addTask { await self.runOutbox() }
        }
    }

    /// Every tick, refreshes the connections that are due, at most four at a time; each
    /// connection is in one tick's batch at a time, so never read twice at once.
    func runRefresher() async {
        while !Task.isCancelled {
            await refreshDue(now: Date())
            try? await Task.sleep(for: .seconds(settings.tick))
        }
    }

    /// One refresher tick.
    public func refreshDue(now: Date) async {
        guard let due = try? await store.connectionsDue(at: now, limit: 64), !due.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for connection in due {
                if running == 4 {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.sync(connection, relist: self.shouldRelist(connection, now: now), now: now) }
                running += 1
            }
        }
    }

    /// Calendars are listed again hourly: a renamed or new calendar shows up without a click.
    func shouldRelist(_ connection: CalendarConnection, now: Date) -> Bool {
        guard let lastSync = connection.lastSyncAt else { return true }
        return Int(now.timeIntervalSince1970 / 3600) != Int(lastSync.timeIntervalSince1970 / 3600)
    }

    func runOutbox() async {
        while !Task.isCancelled {
            await pushDueWrites(now: Date())
            try? await Task.sleep(for: .seconds(settings.outboxTick))
        }
    }

    /// One outbox tick: every due write, one at a time (writes of one booking stay in order).
    public func pushDueWrites(now: Date) async {
        guard let due = try? await store.externalWritesDue(at: now, limit: 32) else { return }
        for write in due { await push(write, now: now) }
    }

    /// Brings the booking's external copy to its current state: written while confirmed,
    /// deleted once cancelled. Retries are safe: the object's name is the booking's UID, a
    /// create is conditional (`If-None-Match: *`) and an update carries the ETag.
    func push(_ write: ExternalWrite, now: Date) async {
        var result = write
        result.attempts += 1
        do {
            guard let connectionId = write.connectionId, let connection = try await store.connection(id: connectionId) else {
                result.state = .orphaned
                result.nextAttemptAt = nil
                try await store.recordExternalWrite(result)
                return
            }
            guard let booking = try await store.booking(id: write.bookingId, ownedBy: connection.userId),
                let expert = try await store.user(id: connection.userId)
            else { return }
            let driver = try requireDriver(for: connection.provider)
            let eventType = try await store.eventType(id: booking.eventTypeId, ownedBy: booking.userId)
            let title = eventType?.title ?? "Booking"
            let calendar = connection.calendar(id: write.calendarId)
            // The expert is the ORGANIZER, never an ATTENDEE: the account's own address as
            // an attendee made servers send invitations and duplicate events (Cal.com #5588).
            let event = BookingEvent(
                booking: booking, title: title, expertName: expert.displayName, expertEmail: expert.email,
                ics: BookingCalendarEvent.render(booking, eventTypeTitle: title, expertName: expert.displayName, expertEmail: expert.email),
                wantsConference: eventType?.calendarDestination.createMeetLink == true && calendar?.conference != nil)
            if booking.status == .cancelled {
                try await authorized(connection, now: now) { auth throws(ProviderError) in
                    try await driver.delete(event, calendarId: write.calendarId, existing: write, auth: auth)
                }
                result.state = .deleted
                result.etag = nil
            } else {
                let written = try await authorized(connection, now: now) { auth throws(ProviderError) in
                    try await driver.write(event, calendarId: write.calendarId, existing: write, auth: auth)
                }
                result.href = written.href
                result.etag = written.etag
                result.conferenceURL = written.conferenceURL
                result.state = .written
            }
            result.lastError = nil
            result.nextAttemptAt = nil
            try await store.recordExternalWrite(result)
        } catch {
            let message = (error as? ProviderError)?.description ?? "\(error)"
            logger.warning("writing booking \(write.bookingId) to its external calendar failed (attempt \(result.attempts)): \(message)")
            result.lastError = message
            if result.attempts >= settings.maxWriteAttempts {
                result.state = .failed
                result.nextAttemptAt = nil
            } else {
                var retryAfter: TimeInterval?
                if case .rateLimited(_, let seconds) = error as? ProviderError { retryAfter = seconds }
                result.nextAttemptAt = now.addingTimeInterval(
                    Backoff(base: 5, cap: 1800).delay(afterFailures: result.attempts, retryAfter: retryAfter))
            }
            try? await store.recordExternalWrite(result)
        }
    }
}
