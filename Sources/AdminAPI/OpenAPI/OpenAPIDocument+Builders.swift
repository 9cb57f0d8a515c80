/// Small constructors for the recurring parts of the document, so each path and schema reads as
/// what it says rather than as nested dictionaries.
extension OpenAPIDocument {
    // MARK: - Schemas

    /// `{"$ref": "#/components/schemas/<name>"}`.
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func arrayOf(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static func string(_ description: String? = nil, format: String? = nil, pattern: String? = nil, example: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string"]
        if let description { schema["description"] = .string(description) }
        if let format { schema["format"] = .string(format) }
        if let pattern { schema["pattern"] = .string(pattern) }
        if let example { schema["examples"] = [.string(example)] }
        return .object(schema)
    }

    static func integer(_ description: String? = nil, minimum: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer"]
        if let description { schema["description"] = .string(description) }
        if let minimum { schema["minimum"] = .int(minimum) }
        return .object(schema)
    }

    static func boolean(_ description: String? = nil) -> JSONValue {
        guard let description else { return ["type": "boolean"] }
        return ["type": "boolean", "description": .string(description)]
    }

    /// A string with one of `values`.
    static func oneOfStrings(_ values: [String], _ description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string", "enum": .array(values.map(JSONValue.string))]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// An RFC 3339 UTC timestamp.
    static func timestamp(_ description: String? = nil) -> JSONValue { string(description, format: "date-time") }

    /// `schema` or `null`: a `type` list for plain types, `anyOf` for references.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        if let members = schema.members, case .string(let type)? = members["type"] {
            return schema.merging(["type": [.string(type), "null"]])
        }
        return ["anyOf": [schema, ["type": "null"]]]
    }

    /// An object schema; `required` lists the members that are always present (responses) or
    /// must be sent (requests). Closed: the API refuses members a request schema does not name
    /// (`RequestBodyShape`) and answers none beyond its response schemas.
    static func object(_ description: String, required: [String] = [], _ properties: [String: JSONValue]) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "object", "description": .string(description), "properties": .object(properties), "additionalProperties": false,
        ]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    // MARK: - Operations

    /// One operation. Authenticated operations (the default) list 401 among their errors
    /// automatically; `errors` are the other problem statuses it can answer.
    static func operation(
        _ operationId: String, tag: String, summary: String, description: String? = nil, parameters: [JSONValue] = [], body: JSONValue? = nil,
        success: (status: String, response: JSONValue), errors: [Int] = [], authenticated: Bool = true
    ) -> JSONValue {
        var responses: [String: JSONValue] = [success.status: success.response]
        for status in (authenticated ? [401] : []) + errors { responses[String(status)] = problem(status) }
        var operation: [String: JSONValue] = [
            "operationId": .string(operationId), "tags": [.string(tag)], "summary": .string(summary), "responses": .object(responses),
        ]
        if let description { operation["description"] = .string(description) }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body { operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]] }
        if !authenticated { operation["security"] = [] }
        return .object(operation)
    }

    /// A 200/201 answer whose body is JSON of `schema`.
    static func json(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    /// A 201 answer: JSON of `schema`, with the new object's URL in `Location`.
    static func created(_ description: String, _ schema: JSONValue) -> JSONValue {
        json(description, schema).merging(["headers": ["Location": ["description": "The URL of the new object.", "schema": ["type": "string"]]]])
    }

    /// `{ "success": true }`, the spec's answer to DELETE.
    static let deleted = json("Deleted.", ref("Success"))

    /// A path item: its operations by method, and the path parameters they share.
    static func pathItem(parameters: [String] = [], _ operations: [String: JSONValue]) -> JSONValue {
        var item = operations
        if !parameters.isEmpty { item["parameters"] = .array(parameters.map { ["$ref": .string("#/components/parameters/\($0)")] }) }
        return .object(item)
    }

    /// An optional query parameter.
    static func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    // MARK: - Problems

    /// The shared problem answers, by name.
    static let problemResponses: [String: JSONValue] = [
        "MalformedJSON": problemResponse("The body is not valid JSON."),
        "Unauthorized": problemResponse("Credentials are missing or wrong.").merging([
            "headers": [
                "WWW-Authenticate": ["description": "`Basic realm=\"Horario\"` (and Bearer).", "schema": ["type": "string"]]
            ]
        ]),
        "Forbidden": problemResponse("The caller's role in the organization does not allow the action."),
        "NotFound": problemResponse("No such object, or it belongs to someone else (the API does not say which)."),
        "Conflict": problemResponse("The request breaks a rule of the data (a duplicate, the last owner, a schedule in use, …)."),
        "ContentTooLarge": problemResponse("The body is larger than 1 MiB."),
        "InvalidRequest": problemResponse("A field is missing or invalid; `errors` names each one by its path."),
        "BadGateway": problemResponse("The calendar server could not be reached or answered too slowly; nothing was stored."),
        "CalendarUnavailable": problemResponse(
            "A connected calendar of the expert could not be checked and its cached busy time is too old to book on "
                + "(`title` `calendar_unavailable`); `Retry-After` says when to try again."),
    ]

    static func problem(_ status: Int) -> JSONValue {
        let names = [
            400: "MalformedJSON", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 413: "ContentTooLarge",
            422: "InvalidRequest", 502: "BadGateway", 503: "CalendarUnavailable",
        ]
        guard let name = names[status] else { preconditionFailure("no shared problem response for \(status)") }
        return ["$ref": .string("#/components/responses/\(name)")]
    }

    static func problemResponse(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/problem+json": ["schema": ref("Problem")]]]
    }

    /// The path parameters, by name.
    static let pathParameters: [String: JSONValue] = [
        "id": ["name": "id", "in": "path", "required": true, "description": "The object's id.", "schema": ["type": "string"]],
        "username": [
            "name": "username", "in": "path", "required": true, "description": "The member's username (`@` may be sent as `%40`).",
            "schema": ["type": "string"],
        ],
        "slug": ["name": "slug", "in": "path", "required": true, "description": "The event type's slug.", "schema": ["type": "string"]],
        "uid": ["name": "uid", "in": "path", "required": true, "description": "The booking's UID.", "schema": ["type": "string"]],
        "scheduleId": [
            "name": "scheduleId", "in": "path", "required": true, "description": "The schedule's id.", "schema": ["type": "string"],
        ],
        "provider": [
            "name": "provider", "in": "path", "required": true, "description": "The calendar provider.",
            "schema": ["type": "string", "enum": ["google", "outlook", "office365", "apple", "caldav"]],
        ],
    ]
}
