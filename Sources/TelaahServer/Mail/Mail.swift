import Foundation
import TelaahCore
import Vapor

/// One plain-text message, written as RFC 5322 with its UTF-8 subject and body encoded so that any
/// relay carries them (base64: no 8BITMIME needed).
struct MailMessage: Sendable {
    var from: String
    var fromName: String
    var to: String
    var subject: String
    var body: String
    var id = UUID()

    func rendered(date: Date = Date()) -> String {
        func word(_ text: String) -> String { "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?=" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Jakarta")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let domain = from.split(separator: "@").last.map(String.init) ?? "telaah.invalid"
        let encoded = Data(
            body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8
        )
        .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: \(word(fromName)) <\(from)>", "To: <\(to)>", "Subject: \(word(subject))",
            "Date: \(formatter.string(from: date))", "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated", "", encoded, "",
        ].joined(separator: "\r\n")
    }
}

/// Where a message goes: the machine's sendmail, or an SMTP relay. A failure throws with the
/// relay's words; nothing is retried here (the reminder stays unsent and the next run tries again).
protocol MailTransport: Sendable {
    var name: String { get }
    func send(_ message: MailMessage) async throws
}

struct MailFailure: Error, CustomStringConvertible {
    var description: String
}

/// `sendmail -t -i` (TELAAH_SENDMAIL names another program of the same interface).
struct SendmailTransport: MailTransport {
    var path: String
    var name: String { "sendmail" }

    func send(_ message: MailMessage) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-i", "-f", message.from]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw MailFailure(description: "\(path) tidak dapat dijalankan: \(error)") }
        input.fileHandleForWriting.write(Data(message.rendered().replacingOccurrences(of: "\r\n", with: "\n").utf8))
        try? input.fileHandleForWriting.close()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MailFailure(
                description:
                    "\(path) keluar dengan kode \(process.terminationStatus): \(String(decoding: said, as: UTF8.self))")
        }
    }
}

/// Plain SMTP to a relay that accepts this machine's mail (RFC 5321: EHLO, MAIL, RCPT, DATA),
/// on a thread of the pool with a timeout on every read.
struct SMTPTransport: MailTransport {
    var host: String
    var port: Int
    var threadPool: NIOThreadPool
    var name: String { "smtp \(host):\(port)" }

    func send(_ message: MailMessage) async throws {
        let (host, port) = (host, port)
        try await threadPool.runIfActive { try Self.deliver(message, host: host, port: port) }
    }

    private static func deliver(_ message: MailMessage, host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw MailFailure(description: "server SMTP \(host) tidak ditemukan")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw MailFailure(description: "soket tidak dapat dibuat") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw MailFailure(description: "server SMTP \(host):\(port) tidak menjawab")
        }
        var pending = [UInt8]()
        func reply() throws -> (Int, String) {
            var lines: [String] = []
            while true {
                while let nl = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[..<nl], as: UTF8.self).trimmingCharacters(in: .newlines)
                    pending.removeSubrange(...nl)
                    lines.append(line)
                    // A multi-line reply continues with "250-" and ends with "250 ".
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
                        return (Int(line.prefix(3)) ?? 0, lines.joined(separator: " "))
                    }
                }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = recv(fd, &buffer, buffer.count, 0)
                guard n > 0 else { throw MailFailure(description: "server SMTP memutus sambungan") }
                pending += buffer[..<n]
            }
        }
        func say(_ line: String, expect: ClosedRange<Int>) throws {
            let bytes = Array((line + "\r\n").utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw MailFailure(description: "server SMTP memutus sambungan") }
                sent += n
            }
            let (code, text) = try reply()
            guard expect.contains(code) else { throw MailFailure(description: "server SMTP menolak: \(text)") }
        }
        let (greeting, text) = try reply()
        guard greeting == 220 else { throw MailFailure(description: "server SMTP menolak: \(text)") }
        try say("EHLO \(ProcessInfo.processInfo.hostName)", expect: 250...250)
        try say("MAIL FROM:<\(message.from)>", expect: 250...250)
        try say("RCPT TO:<\(message.to)>", expect: 250...251)
        try say("DATA", expect: 354...354)
        // Dot-stuffing: a line that starts with "." gets another (the body is base64, the headers ours).
        let data = message.rendered().split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        try say(data + "\r\n.", expect: 250...250)
        try? say("QUIT", expect: 221...221)
    }
}
