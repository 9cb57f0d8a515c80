/// An error a command reports as one line, `Error: <description>`, with exit status 1: for
/// mistakes of the operator (unknown user, weak password), where usage help would be noise.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
