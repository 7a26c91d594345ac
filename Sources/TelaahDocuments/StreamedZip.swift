import Foundation
import ZIPFoundation

/// A ZIP written as it is sent: every entry stored as it is (evidence is mostly PDF and images,
/// compressed already), its CRC-32 in a data descriptor after its bytes, so no entry is held in
/// memory or read twice. The sizes are known beforehand, and so is the length of the whole.
/// Classic ZIP only: up to 65 535 entries and 4 GiB in all (the PD's evidence limit is 2 GB).
public struct StreamedZip: Sendable {
    public struct Entry: Sendable {
        /// The path inside the ZIP, `/` between folders.
        public var path: String
        public var size: Int64
        public var modified: Date

        public init(path: String, size: Int64, modified: Date) {
            self.path = path
            self.size = size
            self.modified = modified
        }
    }

    public struct TooLarge: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let entries: [Entry]
    /// Where each entry's local header starts.
    let offsets: [Int64]
    /// Where the central directory starts: after the last entry's descriptor.
    let directoryStart: Int64
    /// The bytes of the whole ZIP.
    public let length: Int64

    static let limit: Int64 = 0xFFFF_FFFF

    public init(entries: [Entry]) throws {
        guard entries.count < 0xFFFF else {
            throw TooLarge(description: "Terlalu banyak berkas untuk satu ZIP (\(entries.count)).")
        }
        var offsets: [Int64] = []
        var at: Int64 = 0
        for e in entries {
            offsets.append(at)
            at += Int64(30 + Self.name(e.path).count) + e.size + 16
        }
        let directory = entries.reduce(Int64(0)) { $0 + Int64(46 + Self.name($1.path).count) }
        guard at + directory + 22 <= Self.limit else {
            throw TooLarge(description: "Bukti dukung ini lebih dari 4 GB: unduh berkasnya satu per satu.")
        }
        self.entries = entries
        self.offsets = offsets
        self.directoryStart = at
        self.length = at + directory + 22
    }

    static func name(_ path: String) -> Data { Data(path.utf8) }

    /// What precedes entry `i`'s bytes.
    public func localHeader(_ i: Int) -> Data {
        let e = entries[i]
        let name = Self.name(e.path)
        var d = Data()
        d.le32(0x0403_4b50)
        d.le16(20)
        d.le16(Self.flags)
        d.le16(0)
        d.dosTime(e.modified)
        d.le32(0)
        d.le32(0)
        d.le32(0)
        d.le16(UInt16(name.count))
        d.le16(0)
        d.append(name)
        return d
    }

    /// What follows entry `i`'s bytes: their CRC-32 and size.
    public func descriptor(_ i: Int, crc: UInt32) -> Data {
        var d = Data()
        d.le32(0x0807_4b50)
        d.le32(crc)
        d.le32(UInt32(entries[i].size))
        d.le32(UInt32(entries[i].size))
        return d
    }

    /// The central directory and its end, after the last entry.
    public func directory(crcs: [UInt32]) -> Data {
        var d = Data()
        for (i, e) in entries.enumerated() {
            let name = Self.name(e.path)
            d.le32(0x0201_4b50)
            d.le16(0x031E)  // made by: Unix, 3.0 (the permissions below are Unix ones)
            d.le16(20)
            d.le16(Self.flags)
            d.le16(0)
            d.dosTime(e.modified)
            d.le32(crcs[i])
            d.le32(UInt32(e.size))
            d.le32(UInt32(e.size))
            d.le16(UInt16(name.count))
            d.le16(0)
            d.le16(0)
            d.le16(0)
            d.le16(0)
            d.le32(0o100644 << 16)
            d.le32(UInt32(offsets[i]))
            d.append(name)
        }
        let size = d.count
        d.le32(0x0605_4b50)
        d.le16(0)
        d.le16(0)
        d.le16(UInt16(entries.count))
        d.le16(UInt16(entries.count))
        d.le32(UInt32(size))
        d.le32(UInt32(directoryStart))
        d.le16(0)
        return d
    }

    /// Sizes and CRC after the bytes (bit 3), names in UTF-8 (bit 11).
    static let flags: UInt16 = 0x0808

    /// CRC-32 of a stream, fed chunk by chunk.
    public struct Checksum: Sendable {
        public private(set) var value: UInt32 = 0

        public init() {}

        public mutating func update(_ data: Data) { value = data.crc32(checksum: value) }
    }
}

extension Data {
    fileprivate mutating func le16(_ v: UInt16) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    fileprivate mutating func le32(_ v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }

    /// MS-DOS time and date, in WIB: the clock of the people who open the ZIP.
    fileprivate mutating func dosTime(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = Swift.max(1980, Swift.min(2107, c.year ?? 1980))
        le16(UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2))
        le16(UInt16((year - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1)))
    }
}
