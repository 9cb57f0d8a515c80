/// One labelled input as templates draw it (`partials/field`): its message, when there is one,
/// sits beside it and is linked by `aria-describedby`.
struct FieldView: Sendable {
    var id: String
    var name: String
    var label: String
    var value: String
    var type = "text"
    var error: String?
    var required = false
    var hint: String?
    var autocomplete: String?
}

/// An option of a `<select>` or a radio group.
struct OptionView: Sendable {
    var value: String
    var label: String
    var selected: Bool
}
