import Testing

@testable import TelaahCore

/// Reminders at every border: three days ahead, the day itself, the day after; nothing earlier.
@Suite("Reminders of due dates")
struct RemindersTests {
    let due = DocumentDate(year: 2026, month: 12, day: 18)
    func on(_ day: Int, month: Int = 12) -> DocumentDate { DocumentDate(year: 2026, month: month, day: day) }

    @Test("the moment of a due date: four days ahead nothing, three soon, the day today, after it late")
    func moments() {
        #expect(Reminders.moment(due: due, today: on(14)) == nil)
        #expect(Reminders.moment(due: due, today: on(15))! == (.soon, 3))
        #expect(Reminders.moment(due: due, today: on(17))! == (.soon, 1))
        #expect(Reminders.moment(due: due, today: on(18))! == (.today, 0))
        #expect(Reminders.moment(due: due, today: on(19))! == (.late, -1))
        // Across a month and a year.
        #expect(Reminders.moment(due: DocumentDate(year: 2027, month: 1, day: 2), today: on(30))! == (.soon, 3))
        #expect(
            Reminders.moment(
                due: DocumentDate(year: 2024, month: 3, day: 1), today: DocumentDate(year: 2024, month: 2, day: 29))!
                == (.soon, 1))
    }

    @Test("a stage's reminder names the deadline, the PD and the stage; its key differs per moment")
    func stage() throws {
        let soon = try #require(
            Reminders.stage(.selfAssessment, unit: "Dinas Kesehatan", assessment: "A1", due: due, today: on(15)))
        #expect(
            soon.line
                == "Penilaian mandiri dikirim: Dinas Kesehatan (tahap Penilaian mandiri), batas 18 Desember 2026 (3 hari lagi)"
        )
        let today = try #require(
            Reminders.stage(.selfAssessment, unit: "Dinas Kesehatan", assessment: "A1", due: due, today: on(18)))
        #expect(today.key != soon.key && today.line.hasSuffix("(hari ini)"))
        #expect(Reminders.stage(.final, unit: "x", assessment: "A1", due: due, today: on(18)) == nil)
        #expect(Reminders.stage(.preparation, unit: "x", assessment: "A1", due: due, today: on(18)) == nil)
    }

    @Test("an action's reminder only while its recommendation is open")
    func action() {
        #expect(
            Reminders.action("Menyusun IKU", id: "X", unit: "Bapenda", due: due, status: .open, today: on(19))?.moment
                == .late)
        #expect(
            Reminders.action("Menyusun IKU", id: "X", unit: "Bapenda", due: due, status: .compliant, today: on(19))
                == nil)
        #expect(
            Reminders.action("Menyusun IKU", id: "X", unit: "Bapenda", due: due, status: .impossible, today: on(18))
                == nil)
    }
}

@Suite("Mail settings")
struct MailSettingsTests {
    @Test("addresses and transports: none is fine, a bad one says why")
    func settings() {
        #expect(MailSettings.addressProblem("inspektorat@banyuasinkab.go.id") == nil)
        for bad in ["inspektorat", "a@b", "a b@c.id", "a@c.id\r\nBcc: x@y.id", "<a@b.id>", "@b.id", "a@.id"] {
            #expect(MailSettings.addressProblem(bad) != nil, "\(bad)")
        }
        #expect(MailSettings.problem(transport: nil, from: nil, host: nil, port: nil) == nil)
        #expect(MailSettings.problem(transport: "pos", from: "a@b.id", host: nil, port: nil) != nil)
        #expect(MailSettings.problem(transport: "sendmail", from: nil, host: nil, port: nil) != nil)
        #expect(MailSettings.problem(transport: "sendmail", from: "a@b.id", host: nil, port: nil) == nil)
        #expect(MailSettings.problem(transport: "smtp", from: "a@b.id", host: nil, port: 25) != nil)
        #expect(MailSettings.problem(transport: "smtp", from: "a@b.id", host: "127.0.0.1", port: 0) != nil)
        #expect(MailSettings.problem(transport: "smtp", from: "a@b.id", host: "127.0.0.1", port: 65535) == nil)
    }
}
