import Auth
import Hummingbird
import Store

/// What every page's layout shows around its content: language, title, navigation, the
/// session's CSRF token for the forms, and a one-line notice after a redirect.
struct Chrome: Sendable {
    var lang: String
    var title: String
    var csrf: String
    var assetVersion: String
    var signedIn: Bool
    var userName: String
    var nav: [NavLink]
    var subnav: [NavLink]
    var notice: String?
    /// A notice that reports a refusal (`notice_…_refused`), drawn as an error.
    var noticeIsError: Bool
    /// Stored, not computed: templates read properties through reflection.
    var hasSubnav: Bool
    var subnavLabel: String
}

/// A navigation entry; `current` marks the page's own (`aria-current="page"`).
struct NavLink: Sendable {
    var label: String
    var href: String
    var current: Bool
}

/// The top-level sections (the specification's "Updated Navigation Structure").
enum Section: Sendable {
    case schedules, limits, calendars, troubleshooter, eventTypes, appointments, calendar, organizations, account, signIn, other
}

extension Chrome {
    /// The chrome of a page in `section`. A notice comes from `?notice=<key>`, and only keys
    /// of the catalog's `notice_` family are shown, so a link cannot make the page say anything.
    static func make(
        _ context: WebRequestContext<some ClientAddressRequestContext>, request: Request, section: Section, title: String,
        assetVersion: String, csrf: String? = nil
    ) -> Chrome {
        let t = context.catalog
        let notice = request.uri.queryParameters.get("notice").flatMap { key in
            key.hasPrefix("notice_") ? t.strings[key] : nil
        }
        var nav: [NavLink] = []
        var subnav: [NavLink] = []
        if context.user != nil {
            let availability: Set<Section> = [.schedules, .limits, .calendars, .troubleshooter]
            nav = [
                NavLink(label: t["nav_availability"], href: "/availability/schedules", current: availability.contains(section)),
                NavLink(label: t["nav_event_types"], href: "/event-types", current: section == .eventTypes),
                NavLink(label: t["nav_appointments"], href: "/appointments/calendar", current: section == .appointments || section == .calendar),
                NavLink(label: t["nav_organizations"], href: "/organizations", current: section == .organizations),
                NavLink(label: t["nav_account"], href: "/account", current: section == .account),
            ]
            if section == .appointments || section == .calendar {
                subnav = [
                    NavLink(label: t["nav_calendar"], href: "/appointments/calendar", current: section == .calendar),
                    NavLink(label: t["nav_appointment_list"], href: "/appointments", current: section == .appointments),
                ]
            }
            if availability.contains(section) {
                subnav = [
                    NavLink(label: t["nav_schedules"], href: "/availability/schedules", current: section == .schedules),
                    NavLink(label: t["nav_limits"], href: "/availability/limits", current: section == .limits),
                    NavLink(label: t["nav_calendars"], href: "/availability/calendars", current: section == .calendars),
                    NavLink(label: t["nav_troubleshooter"], href: "/troubleshoot", current: section == .troubleshooter),
                ]
            }
        }
        return Chrome(
            lang: context.language.rawValue, title: title, csrf: csrf ?? context.session?.csrfToken ?? "", assetVersion: assetVersion,
            signedIn: context.user != nil, userName: context.user?.displayName ?? "", nav: nav, subnav: subnav, notice: notice,
            noticeIsError: request.uri.queryParameters.get("notice")?.hasSuffix("_refused") ?? false,
            hasSubnav: !subnav.isEmpty, subnavLabel: section == .appointments || section == .calendar ? t["nav_appointments"] : t["nav_availability"])
    }
}
