import Connections
import Foundation
import ICalendar
import Store
import Testing

@Suite("Busy time of events read from another server")
struct ExternalEventBusyTests {
    static let window = Instant(rfc3339: "2026-03-02T00:00:00Z")!..<Instant(rfc3339: "2026-03-09T00:00:00Z")!
    static let reader = ExternalEventBusy(window: window, floatingZone: ZoneRules.iana("America/Sao_Paulo")!, ownAddresses: ["Ana@Example.org"])

    static func busy(_ event: String) -> [String] {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n\(event)END:VCALENDAR\r\n"
        return (reader.intervals(ofObject: text, connectionId: "c", calendarId: "k") ?? []).map {
            "\(Instant($0.start).description)–\(Instant($0.end).description) \($0.kind.rawValue)"
        }
    }

    static func event(_ lines: String) -> String { "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\n\(lines)END:VEVENT\r\n" }

    @Test("opaque events are busy; transparent, cancelled, declined and Outlook-free ones are not")
    func rules() {
        let times = "DTSTART:20260302T130000Z\r\nDTEND:20260302T140000Z\r\n"
        #expect(Self.busy(Self.event(times)) == ["2026-03-02T13:00:00Z–2026-03-02T14:00:00Z busy"])
        #expect(Self.busy(Self.event(times + "STATUS:TENTATIVE\r\n")) == ["2026-03-02T13:00:00Z–2026-03-02T14:00:00Z tentative"])
        #expect(Self.busy(Self.event(times + "TRANSP:TRANSPARENT\r\n")).isEmpty)
        #expect(Self.busy(Self.event(times + "STATUS:CANCELLED\r\n")).isEmpty)
        #expect(Self.busy(Self.event(times + "ATTENDEE;PARTSTAT=DECLINED:mailto:ana@example.org\r\n")).isEmpty)
        #expect(Self.busy(Self.event(times + "ATTENDEE;PARTSTAT=DECLINED:mailto:other@example.org\r\n")).count == 1)
        #expect(Self.busy(Self.event(times + "X-MICROSOFT-CDO-INTENDEDSTATUS:FREE\r\n")).isEmpty)
        #expect(Self.busy(Self.event(times + "X-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n")).isEmpty)
    }

    @Test("all-day and floating times are the calendar's zone; overrides and EXDATEs are honoured")
    func zonesAndRecurrence() {
        #expect(
            Self.busy(Self.event("DTSTART;VALUE=DATE:20260303\r\nDTEND;VALUE=DATE:20260304\r\n"))
                == ["2026-03-03T03:00:00Z–2026-03-04T03:00:00Z busy"])
        #expect(
            Self.busy(Self.event("DTSTART:20260302T100000\r\nDTEND:20260302T103000\r\n"))
                == ["2026-03-02T13:00:00Z–2026-03-02T13:30:00Z busy"])
        let master = Self.event("DTSTART:20260302T120000Z\r\nDTEND:20260302T123000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:20260303T120000Z\r\n")
        let moved = Self.event("RECURRENCE-ID:20260302T120000Z\r\nDTSTART:20260302T150000Z\r\nDTEND:20260302T153000Z\r\n")
        #expect(
            Self.busy(master + moved) == [
                "2026-03-02T15:00:00Z–2026-03-02T15:30:00Z busy", "2026-03-04T12:00:00Z–2026-03-04T12:30:00Z busy",
            ])
    }

    @Test("text that is not iCalendar adds nothing")
    func garbage() {
        #expect(Self.reader.intervals(ofObject: "<html>", connectionId: "c", calendarId: "k") == nil)
    }
}
