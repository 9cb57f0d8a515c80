/// The rule every new password meets, wherever it is set (CLI, API): long enough that an
/// online guesser gets nowhere. Length is counted in characters as a person sees them.
public enum PasswordPolicy {
    /// The fewest characters a password may have.
    public static let minimumLength = 8

    /// Why `password` is refused, or nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.isEmpty { return "the password is empty" }
        if password.count < minimumLength { return "the password must have at least \(minimumLength) characters" }
        return nil
    }
}
