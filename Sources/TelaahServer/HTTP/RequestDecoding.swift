import Vapor

/// Vapor's answer to a request body that does not decode: name the field in Indonesian.
extension Request {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try content.decode(T.self)
        } catch let DecodingError.keyNotFound(key, _) {
            throw Abort(.badRequest, reason: "Kolom \"\(key.stringValue)\" wajib diisi.")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Abort(.badRequest, reason: "Kolom \"\(path)\" berjenis salah.")
        } catch let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Abort(.badRequest, reason: "Kolom \"\(path)\" wajib diisi.")
        } catch {
            throw Abort(.badRequest, reason: "Isi permintaan tidak dapat dibaca.")
        }
    }
}
