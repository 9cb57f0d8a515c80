// The WebDAV layer (RFC 4918); it knows nothing about calendars.
