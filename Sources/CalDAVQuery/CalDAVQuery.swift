// Typed CalDAV queries (RFC 4791 §9): filters, calendar-data selection, evaluation.
