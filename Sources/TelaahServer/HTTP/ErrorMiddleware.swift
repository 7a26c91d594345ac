import TelaahCore
import Vapor

/// Errors as JSON under `/api` (`{"error": true, "reason": "..."}`) and as a short Indonesian
/// page elsewhere. Internal errors are logged and shown without detail.
struct TelaahErrorMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).flatMapErrorThrowing { error in Self.response(for: error, req) }
    }

    static func response(for error: any Error, _ req: Request) -> Response {
        let status: HTTPResponseStatus
        let reason: String
        var headers = HTTPHeaders()
        if let abort = error as? any AbortError {
            status = abort.status
            reason = abort.reason
            headers = abort.headers
        } else {
            status = .internalServerError
            reason = "Terjadi kesalahan pada server."
        }
        if status == .internalServerError {
            req.logger.error("\(String(reflecting: error))")
        } else {
            req.logger.debug("\(status.code) \(reason)")
        }
        let response: Response
        if req.url.path.hasPrefix("/api/") || req.url.path == "/openapi.json"
            || req.headers.accept.contains(where: {
                $0.mediaType.type == "application" && $0.mediaType.subType == "json"
            })
        {
            headers.contentType = .json
            let body = JSONValue.object([("error", .bool(true)), ("reason", .string(reason))]).rendered(pretty: false)
            response = Response(status: status, headers: headers, body: .init(string: body))
        } else if status == .unauthorized && req.method == .GET {
            return req.redirect(
                to: Site.signIn.path() + "?lanjut="
                    + (req.url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"))
        } else {
            headers.contentType = .html
            response = Response(
                status: status, headers: headers,
                body: .init(string: ErrorPage.html(status: status, reason: reason)))
        }
        return response
    }
}

enum ErrorPage {
    static func html(status: HTTPResponseStatus, reason: String) -> String {
        """
        <!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(status.code) · Telaah</title><link rel="stylesheet" href="/telaah.css"></head>
        <body><main class="narrow"><h1>\(status.code)</h1><p>\(escape(reason))</p><p><a href="/">Kembali ke beranda</a></p></main></body></html>
        """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
