import TelaahCore
import Vapor

/// A response whose body is a core `JSONValue` (exact decimals, stable key order).
struct JSONBody: AsyncResponseEncodable {
    var value: JSONValue
    var status: HTTPResponseStatus = .ok

    init(_ value: JSONValue, status: HTTPResponseStatus = .ok) {
        self.value = value
        self.status = status
    }

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(string: JSONValueBody.render(value)))
    }
}

enum JSONValueBody {
    static func render(_ value: JSONValue) -> String { value.rendered(pretty: false) }
}

extension JSONValue {
    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func uuid(_ id: UUID?) -> JSONValue { id.map { .string($0.uuidString) } ?? .null }
}

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
