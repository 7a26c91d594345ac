/// The Admin Inspektorat's pages share their tabs and the status line their forms write to.
enum AdminTabs {
    static let all: [(URLPattern, String)] = [
        (Site.admin, "Pengaturan"), (Site.adminPeriods, "Periode dan kerangka LKE"),
        (Site.adminUnits, "Perangkat Daerah"), (Site.adminUsers, "Pengguna"), (Site.adminTemplates, "Naskah dokumen"),
    ]

    static func write(_ html: inout HTML, current: URLPattern) {
        html.el(.nav, [.class("tabs"), .aria("label", "Administrasi")]) { nav in
            for (url, title) in all {
                nav.el(.a, [.href(url.path()), .aria("current", url == current ? "page" : nil)], text: title)
            }
        }
        html.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
    }
}
