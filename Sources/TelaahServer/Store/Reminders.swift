import Foundation
import SQLKit
import TelaahCore
import Vapor

/// The reminders of a government on a day, by account (`Reminders`): the period's deadlines of
/// every open period to whoever's turn the PD's stage is, and the open rencana aksi actions to the
/// PD's operators, as `ReminderMailer` mails them. (The home page finds an account's stage
/// reminders among the PD waiting for it, with the same `Reminders.stage`.)
struct ReminderList: Sendable {
    struct Account: Sendable {
        var id: UUID
        var displayName: String
        var email: String?
    }

    var accounts: [UUID: Account]
    var items: [UUID: [Reminders.Item]]

    static func load(governmentID: UUID, today: DocumentDate, store: Store) async throws -> ReminderList {
        var accounts: [UUID: Account] = [:]
        var facts: [(id: UUID, role: AccessRules.AccountRole, unit: UUID?)] = []
        for r in try await store.rows(
            """
            SELECT id, role, unit_id, display_name, email FROM users
            WHERE government_id = \(bind: governmentID) AND active = \(bind: true)
            """)
        {
            let id = try r.required(r.uuid, "id")
            guard let role = try r.string("role").flatMap(AccessRules.AccountRole.init(rawValue:)) else { continue }
            accounts[id] = Account(
                id: id, displayName: try r.required(r.string, "display_name"),
                email: try r.string("email").flatMap { $0.isEmpty ? nil : $0 })
            facts.append((id, role, try r.uuid("unit_id")))
        }
        var items: [UUID: [Reminders.Item]] = [:]
        let periods = try await store.rows(
            "SELECT id, status FROM periods WHERE government_id = \(bind: governmentID)")
        for p in periods {
            let periodID = try p.required(p.uuid, "id")
            let open = try p.string("status") == Period.Status.open.rawValue
            let rows = try await store.rows(
                """
                SELECT a.id, a.stage, u.id AS unit_id, u.name FROM assessments a JOIN units u ON u.id = a.unit_id
                WHERE a.period_id = \(bind: periodID) AND u.active = \(bind: true)
                """)
            if open {
                let cycle = try await store.periodCycle(periodID: periodID)
                var roles: [UUID: [UUID: Set<AccessRules.TeamRole>]] = [:]
                for r in try await store.rows(
                    """
                    SELECT s.unit_id, m.user_id, m.role FROM assignments s JOIN team_members m ON m.team_id = s.team_id
                    WHERE s.period_id = \(bind: periodID)
                    """)
                {
                    guard let role = try r.string("role").flatMap(AccessRules.TeamRole.init(rawValue:)) else {
                        continue
                    }
                    roles[try r.required(r.uuid, "unit_id"), default: [:]][
                        try r.required(r.uuid, "user_id"), default: []
                    ]
                    .insert(role)
                }
                for r in rows {
                    guard let stage = try r.string("stage").flatMap(Cycle.Stage.init(rawValue:)),
                        let due = cycle.due(at: stage).flatMap(DocumentDate.init(iso:))
                    else { continue }
                    let unit = try r.required(r.uuid, "unit_id")
                    guard
                        let item = Reminders.stage(
                            stage, unit: try r.required(r.string, "name"),
                            assessment: try r.required(r.uuid, "id").uuidString, due: due, today: today)
                    else { continue }
                    for f in facts {
                        let actor = Cycle.Actor(
                            role: f.role, teamRoles: f.role == .auditor ? roles[unit]?[f.id] ?? [] : [],
                            ownUnit: f.unit == unit)
                        if Cycle.isTurn(of: actor, at: stage, settings: cycle.settings) {
                            items[f.id, default: []].append(item)
                        }
                    }
                }
            }
            // Follow-up runs into the next year: the actions of every period's signed LHE.
            let names = Dictionary(
                try rows.map { (try $0.required($0.uuid, "id"), try $0.required($0.string, "name")) },
                uniquingKeysWith: { a, _ in a })
            let units = Dictionary(
                try rows.map { (try $0.required($0.uuid, "id"), try $0.required($0.uuid, "unit_id")) },
                uniquingKeysWith: { a, _ in a })
            for (assessment, register) in try await store.followUps(periodID: periodID) {
                guard let name = names[assessment], let unit = units[assessment] else { continue }
                for r in register.current {
                    let status = register.status(r)
                    for a in register.actions where a.recommendationID == r.id {
                        guard let due = DocumentDate(iso: a.due),
                            let item = Reminders.action(
                                a.action, id: a.id.uuidString, unit: name, due: due, status: status, today: today)
                        else { continue }
                        for f in facts where f.role == .operator && f.unit == unit {
                            items[f.id, default: []].append(item)
                        }
                    }
                }
            }
        }
        for (id, list) in items { items[id] = Reminders.inOrder(list) }
        return ReminderList(accounts: accounts, items: items)
    }
}

/// What one run of the mailer did.
package struct MailRun: Codable, Sendable, Equatable {
    /// Messages sent, one per account with reminders not sent to it before.
    package var sent = 0
    package var failed = 0
    /// Reminders in them.
    package var reminders = 0
    /// Accounts with reminders but no address.
    package var withoutAddress = 0
    package var dryRun = false
}

/// Mails each account the reminders not yet sent to it, in one message a run. A reminder is
/// claimed for its account in the same transaction that logs the message (`reminders_sent`,
/// unique per account and reminder: two processes, or a run after a crash, never send it again);
/// a failed send gives the claims back and logs the failure, so the next run tries again.
package enum ReminderMailer {
    static func transport(_ g: Government, app: Application) -> (any MailTransport)? {
        switch g.mailTransport.flatMap(MailSettings.Transport.init(rawValue:)) {
        case .sendmail:
            return SendmailTransport(
                path: ProcessInfo.processInfo.environment["TELAAH_SENDMAIL"] ?? "/usr/sbin/sendmail")
        case .smtp:
            guard let host = g.smtpHost else { return nil }
            return SMTPTransport(host: host, port: g.smtpPort ?? 25, threadPool: app.threadPool)
        case .none: return nil
        }
    }

    package static func run(_ app: Application, today: DocumentDate = .today(), dryRun: Bool) async throws -> MailRun {
        var run = MailRun(dryRun: dryRun)
        for g in try await Government.query(on: app.db).all() {
            guard let transport = transport(g, app: app), let from = g.mailFrom, let gid = g.id else { continue }
            let list = try await ReminderList.load(governmentID: gid, today: today, store: app.store)
            let sent = Set(
                try await app.store.rows(
                    """
                    SELECT r.user_id, r.key FROM reminders_sent r JOIN users u ON u.id = r.user_id
                    WHERE u.government_id = \(bind: gid)
                    """
                ).map { "\(try $0.required($0.uuid, "user_id"))|\(try $0.required($0.string, "key"))" })
            for (user, items) in list.items.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                let fresh = items.filter { !sent.contains("\(user)|\($0.key)") }
                guard !fresh.isEmpty, let account = list.accounts[user] else { continue }
                guard let address = account.email else {
                    run.withoutAddress += 1
                    continue
                }
                let message = MailMessage(
                    from: from, fromName: "Telaah · \(g.inspektoratName ?? "Inspektorat \(g.name)")", to: address,
                    subject: "Pengingat batas waktu Evaluasi AKIP (\(fresh.count)) · \(g.name)",
                    body: body(account.displayName, fresh, government: g.name, today: today))
                run.reminders += fresh.count
                if dryRun {
                    run.sent += 1
                    continue
                }
                let claimed = try await claim(message, user: user, keys: fresh.map(\.key), gid, transport, app)
                guard claimed else { continue }
                do {
                    try await transport.send(message)
                    run.sent += 1
                } catch {
                    run.failed += 1
                    try await release(message, user: user, error: "\(error)", app)
                    app.logger.warning("pengingat ke \(address): \(error)")
                }
            }
        }
        return run
    }

    static func body(_ name: String, _ items: [Reminders.Item], government: String, today: DocumentDate) -> String {
        (["Yth. \(name),", "", "Pengingat Evaluasi AKIP \(government) per \(today.indonesian):", ""]
            + items.map { "- \($0.line)" }
            + ["", "Buka Telaah untuk menindaklanjuti. Surel ini dikirim otomatis; tidak perlu dibalas."])
            .joined(separator: "\n")
    }

    /// Claims the reminders for the account and logs the message as sent, in one transaction;
    /// false when another run claimed one of them first.
    private static func claim(
        _ m: MailMessage, user: UUID, keys: [String], _ gid: UUID, _ transport: any MailTransport, _ app: Application
    ) async throws -> Bool {
        do {
            try await app.store.writeSQL { tx in
                let at = UTCTimestamp.string(Date())
                try await tx.sql.raw(
                    """
                    INSERT INTO mail_log (id, government_id, at, to_address, subject, body, transport, status)
                    VALUES (\(bind: m.id), \(bind: gid), \(bind: at), \(bind: m.to), \(bind: m.subject), \(bind: m.body),
                      \(bind: transport.name), 'terkirim')
                    """
                ).run()
                for key in keys {
                    try await tx.sql.raw(
                        """
                        INSERT INTO reminders_sent (id, user_id, key, mail_id, sent_at)
                        VALUES (\(bind: UUID()), \(bind: user), \(bind: key), \(bind: m.id), \(bind: at))
                        """
                    ).run()
                }
            }
            return true
        } catch let abort as Abort where abort.status == .conflict {
            return false
        }
    }

    /// Gives back the reminders of a message that could not be sent, and logs why.
    private static func release(_ m: MailMessage, user: UUID, error: String, _ app: Application) async throws {
        try await app.store.writeSQL { tx in
            try await tx.sql.raw("DELETE FROM reminders_sent WHERE mail_id = \(bind: m.id)").run()
            try await tx.sql.raw(
                "UPDATE mail_log SET status = 'gagal', error = \(bind: String(error.prefix(500))) WHERE id = \(bind: m.id)"
            ).run()
        }
    }
}

extension Store {
    /// The latest messages of the government's sent-mail log, newest first.
    func mailLog(governmentID: UUID, limit: Int = 20) async throws -> [(
        at: String, to: String, subject: String, failure: String?
    )] {
        try await rows(
            """
            SELECT at, to_address, subject, status, error FROM mail_log WHERE government_id = \(bind: governmentID)
            ORDER BY at DESC LIMIT \(bind: limit)
            """
        ).map { r in
            (
                try r.required(r.string, "at"), try r.required(r.string, "to_address"),
                try r.required(r.string, "subject"),
                try r.string("status") == "gagal" ? try r.string("error") ?? "" : nil
            )
        }
    }
}
