import Vapor

/// Serves the files of `Public/` (the stylesheet and the script) by their names; every other
/// request goes on without looking for a file.
///
/// `FileMiddleware` in front of every route would try to open a file for each page and each save.
struct PublicFiles: Middleware {
    let files: Set<String>
    let inner: FileMiddleware

    init(directory: String) throws {
        files = Set(try FileManager.default.contentsOfDirectory(atPath: directory).map { "/" + $0 })
        inner = FileMiddleware(publicDirectory: directory)
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if files.contains(request.url.path) { return inner.respond(to: request, chainingTo: next) }
        return next.respond(to: request)
    }
}
