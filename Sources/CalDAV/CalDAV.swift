// The CalDAV server (RFC 4791, 6578, 6638): principals, homes, calendars, reports.
