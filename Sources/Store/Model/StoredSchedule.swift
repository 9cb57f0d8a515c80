public import Availability
public import Foundation

/// A schedule as stored: the spec's `Schedule` with its timestamps.
public struct StoredSchedule: Hashable, Sendable {
    public var schedule: Schedule
    public var createdAt: Date
    public var updatedAt: Date

    public init(schedule: Schedule, createdAt: Date, updatedAt: Date) {
        self.schedule = schedule
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var id: String { schedule.id ?? "" }
}
