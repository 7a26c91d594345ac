import SQLKit

/// Sign-in attempts counted in the database, so every app process counts the same ones.
enum SignInAttempts {
    struct Attempt: Decodable {
        var failures: Int
        var locked_until: Double?
    }

    /// Counts one attempt for `key` (atomically: one statement on every engine) and returns how
    /// many seconds the caller must wait when the key is locked or this attempt is one too many.
    static func reserve(_ key: String, allowed: Int, now: Double, window: Double, in tx: StoreTransaction)
        async throws -> Int?
    {
        let windowStart = now - window
        let row = try await tx.sql.raw(
            #"""
            INSERT INTO login_attempts ("key", failures, window_start, locked_until)
            VALUES (\#(bind: key), 1, \#(bind: now), NULL)
            ON CONFLICT ("key") DO UPDATE SET
              failures = CASE WHEN login_attempts.window_start > \#(bind: windowStart)
                THEN login_attempts.failures + 1 ELSE 1 END,
              window_start = CASE WHEN login_attempts.window_start > \#(bind: windowStart)
                THEN login_attempts.window_start ELSE \#(bind: now) END
            RETURNING failures, locked_until
            """#
        ).first(decoding: Attempt.self)
        if let until = row?.locked_until, until > now { return Int((until - now).rounded(.up)) }
        guard let failures = row?.failures, failures > allowed else { return nil }
        try await tx.sql.update("login_attempts").set("locked_until", to: SQLBind(now + window))
            .where("key", .equal, SQLBind(key)).run()
        return Int(window.rounded(.up))
    }

    /// A right password: the name's attempts from this address start again, and it was not one of
    /// the address's failures either.
    static func succeeded(pair: String, address: String, in tx: StoreTransaction) async throws {
        try await tx.sql.delete(from: "login_attempts").where("key", .equal, SQLBind(pair)).run()
        try await tx.sql.raw(
            #"UPDATE login_attempts SET failures = failures - 1 WHERE "key" = \#(bind: address) AND failures > 0"#
        ).run()
    }
}
