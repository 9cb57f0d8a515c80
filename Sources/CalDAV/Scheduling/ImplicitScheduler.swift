import CalDAVQuery
import Foundation
import ICalendar
import Logging
import Store

/// The server's side of implicit scheduling (RFC 6638 §3.2): when a user stores or deletes an
/// event they organize, each attendee who is a user here gets the request or cancellation in
/// their inbox and their copy of the event updated; attendees elsewhere get it by e-mail
/// (iMIP). When a user changes their participation in an event someone else organizes, the
/// organizer gets the reply and, when a user here, their copy shows it.
///
/// A write is planned before it is stored (the organizer's text gains SCHEDULE-STATUS) and
/// carried out after; a failed delivery is logged and shows as the attendee's status, never
/// undoes the organizer's write.
struct ImplicitScheduler: Sendable {
    let store: any HorarioStore & DAVStore

    /// One thing to do once the write is stored.
    enum Step: Sendable {
        case deliver(SchedulingDelivery)
        /// An attendee's reply to an organizer who is a user here: their inbox, and their copy
        /// merged with the attendee's participation.
        case reply(organizerId: String, attendee: CalendarUserAddress, participation: [String: String], uid: String, message: String)
        case mail(recipients: [String], method: String, uid: String, ics: String)
    }

    struct Plan: Sendable {
        var uid: String
        /// What to store: the client's text, with SCHEDULE-STATUS where messages go.
        var text: String
        var steps: [Step]
    }

    /// The plan for a PUT of `new` over `old` (nil = created) by `user`; nil when the object is
    /// no scheduling object resource or nothing needs saying.
    func planWrite(user: User, old: String?, new: String) async throws -> Plan? {
        guard let event = SchedulingEvent(new) else { return nil }
        let previous = old.flatMap(SchedulingEvent.init)
        let directory = try await CalendarUserDirectory(store: store)
        if event.organizer.names(user) {
            return try organizerPlan(user: user, event: event, previous: previous, oldText: old, newText: new, directory: directory)
        }
        guard let me = event.attendees.first(where: { $0.address.names(user) }),
            SchedulingEvent.serverSchedules(event.organizerProperty)
        else { return nil }
        let before = previous?.participation(of: me.address) ?? [:]
        let after = event.participation(of: me.address)
        guard before != after, previous != nil || after.values.contains(where: { $0 != "NEEDS-ACTION" }),
            let reply = event.reply(from: me.address)
        else { return nil }
        return Plan(
            uid: event.uid, text: new,
            steps: replySteps(event: event, attendee: me.address, participation: after, message: reply, directory: directory))
    }

    /// The plan for a DELETE of `old` by `user`: the organizer cancels for everyone; an
    /// attendee declines (unless the client sent `Schedule-Reply: F`, RFC 6638 §8.1).
    func planDelete(user: User, old: String, scheduleReply: Bool) async throws -> Plan? {
        guard let event = SchedulingEvent(old) else { return nil }
        let directory = try await CalendarUserDirectory(store: store)
        if event.organizer.names(user) {
            guard !event.isCancelled else { return nil }
            let scheduled = event.attendees.filter { SchedulingEvent.serverSchedules($0.property) }.map(\.address)
            return Plan(uid: event.uid, text: old, steps: try cancelSteps(event: event, to: scheduled, user: user, directory: directory))
        }
        guard scheduleReply, let me = event.attendees.first(where: { $0.address.names(user) }),
            SchedulingEvent.serverSchedules(event.organizerProperty),
            let reply = event.reply(from: me.address, declining: true)
        else { return nil }
        let declined = event.participation(of: me.address).mapValues { _ in "DECLINED" }
        return Plan(
            uid: event.uid, text: old,
            steps: replySteps(event: event, attendee: me.address, participation: declined, message: reply, directory: directory))
    }

    /// Delivers and queues everything the plan says; failures are logged, not thrown.
    func carryOut(_ plan: Plan, sender: User, logger: Logger) async {
        for step in plan.steps {
            do {
                switch step {
                case .deliver(let delivery):
                    try await store.deliver(delivery)
                case .reply(let organizerId, let attendee, let participation, let uid, let message):
                    try await deliverReply(organizerId: organizerId, attendee: attendee, participation: participation, uid: uid, message: message)
                case .mail(let recipients, let method, let uid, let ics):
                    try await store.queueSchedulingMail(senderId: sender.id, recipients: recipients, method: method, uid: uid, ics: ics)
                }
            } catch {
                logger.warning("scheduling: a message about \(plan.uid) was not delivered: \(error)")
            }
        }
    }

    // MARK: - Planning

    private func organizerPlan(
        user: User, event: SchedulingEvent, previous: SchedulingEvent?, oldText: String?, newText: String, directory: CalendarUserDirectory
    ) throws -> Plan {
        // Attendees hear of a change that matters to them (the tag moved), of a cancellation,
        // or of being added; SCHEDULE-FORCE-SEND asks for a message anyway.
        let significant = oldText == nil || ScheduleTag.of(oldText!) != ScheduleTag.of(newText) || event.isCancelled != previous?.isCancelled
        let known = Set(previous?.attendees.map(\.address) ?? [])
        let method = event.isCancelled ? "CANCEL" : "REQUEST"
        let message = event.request(method: method)
        let copy = try copyObject(event.attendeeCopy(cancelled: event.isCancelled), uid: event.uid)
        var statuses: [CalendarUserAddress: String] = [:]
        var steps: [Step] = []
        var mailed: [String] = []
        for (address, property) in event.attendees where SchedulingEvent.serverSchedules(property) {
            let forced = property.parameter("SCHEDULE-FORCE-SEND") != nil
            guard significant || !known.contains(address) || forced else { continue }
            if let recipient = directory.user(address) {
                guard recipient.id != user.id else { continue }
                steps.append(
                    .deliver(
                        SchedulingDelivery(
                            recipientId: recipient.id, uid: event.uid, method: method, message: message, copy: copy, replaceOnly: event.isCancelled)))
                statuses[address] = "1.2"
            } else if let email = address.email {
                mailed.append(email)
                statuses[address] = "1.1"
            } else {
                statuses[address] = "3.7"
            }
        }
        if !mailed.isEmpty { steps.append(.mail(recipients: mailed, method: method, uid: event.uid, ics: message)) }
        // Attendees taken off the event are told it is cancelled for them.
        if let previous {
            let remaining = Set(event.attendees.map(\.address))
            let removed = previous.attendees.filter { !remaining.contains($0.address) && SchedulingEvent.serverSchedules($0.property) }
            steps += try cancelSteps(event: previous, to: removed.map(\.address), user: user, directory: directory)
        }
        return Plan(uid: event.uid, text: statuses.isEmpty ? newText : event.annotated(statuses), steps: steps)
    }

    private func cancelSteps(
        event: SchedulingEvent, to addresses: [CalendarUserAddress], user: User, directory: CalendarUserDirectory
    ) throws
        -> [Step]
    {
        guard !addresses.isEmpty else { return [] }
        let message = event.request(method: "CANCEL")
        let copy = try copyObject(event.attendeeCopy(cancelled: true), uid: event.uid)
        var steps: [Step] = []
        var mailed: [String] = []
        for address in addresses {
            if let recipient = directory.user(address) {
                guard recipient.id != user.id else { continue }
                steps.append(
                    .deliver(
                        SchedulingDelivery(
                            recipientId: recipient.id, uid: event.uid, method: "CANCEL", message: message, copy: copy, replaceOnly: true)
                    ))
            } else if let email = address.email {
                mailed.append(email)
            }
        }
        if !mailed.isEmpty { steps.append(.mail(recipients: mailed, method: "CANCEL", uid: event.uid, ics: message)) }
        return steps
    }

    private func replySteps(
        event: SchedulingEvent, attendee: CalendarUserAddress, participation: [String: String], message: String, directory: CalendarUserDirectory
    ) -> [Step] {
        if let organizer = directory.user(event.organizer) {
            return [.reply(organizerId: organizer.id, attendee: attendee, participation: participation, uid: event.uid, message: message)]
        }
        if let email = event.organizer.email { return [.mail(recipients: [email], method: "REPLY", uid: event.uid, ics: message)] }
        return []
    }

    // MARK: - Carrying out

    /// The reply merged into the organizer's copy as it is now; a write between the read and
    /// the merge (the organizer's client, another reply) makes it read and merge again.
    private func deliverReply(
        organizerId: String, attendee: CalendarUserAddress, participation: [String: String], uid: String, message: String
    )
        async throws
    {
        for attempt in 1...5 {
            var delivery = SchedulingDelivery(recipientId: organizerId, uid: uid, method: "REPLY", message: message, copy: nil, replaceOnly: true)
            if let current = try await store.calendarObjects(uid: uid, ownedBy: organizerId).first, current.bookingId == nil,
                let merged = SchedulingEvent(current.ics)?.merging(participation, of: attendee)
            {
                delivery.copy = try copyObject(merged, uid: uid, name: current.name)
                delivery.ifMatch = current.etag
            }
            do {
                try await store.deliver(delivery)
                return
            } catch DAVStoreError.preconditionFailed where attempt < 5 {
                continue
            }
        }
    }

    private func copyObject(_ text: String, uid: String, name: String? = nil) throws -> NewCalendarObject {
        let facts = try CalendarObjectFacts.read(text)
        return NewCalendarObject(
            name: name ?? UUID().uuidString.lowercased() + ".ics", uid: uid, componentType: facts.componentType, ics: text,
            firstStart: facts.firstStart, lastEnd: facts.lastEnd, eventStart: facts.eventStart, eventEnd: facts.eventEnd)
    }
}
