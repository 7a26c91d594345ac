import Testing

@testable import TelaahCore

@Suite("The head of a PD as letters address them")
struct UnitHeadTests {
    @Test("the default title follows the kind of PD (seed 002: 'Camat …')")
    func defaults() {
        #expect(UnitHead.defaultTitle(for: "Kecamatan Betung") == "Camat Betung")
        #expect(UnitHead.defaultTitle(for: "Kelurahan Sukajadi") == "Lurah Sukajadi")
        #expect(UnitHead.defaultTitle(for: "Sekretariat Daerah") == "Sekretaris Daerah")
        #expect(UnitHead.defaultTitle(for: "Sekretariat Dewan Perwakilan Rakyat Daerah") == "Sekretaris DPRD")
        #expect(UnitHead.defaultTitle(for: "Inspektorat") == "Inspektur")
        #expect(UnitHead.defaultTitle(for: "Dinas Kesehatan") == "Kepala Dinas Kesehatan")
        #expect(
            UnitHead.defaultTitle(for: "Badan Kesatuan Bangsa dan Politik")
                == "Kepala Badan Kesatuan Bangsa dan Politik")
    }

    @Test("a title the PD was given wins; an empty one falls back to the default")
    func given() {
        #expect(UnitHead.title("Direktur RSUD Banyuasin", unit: "RSUD Banyuasin") == "Direktur RSUD Banyuasin")
        #expect(UnitHead.title("  ", unit: "Kecamatan Betung") == "Camat Betung")
        #expect(UnitHead.title(nil, unit: "Kecamatan Betung") == "Camat Betung")
    }

    @Test("a letter addresses a kecamatan at itself (seed 002: 'di- Kecamatan Kutasari'), other PD in the town")
    func place() {
        #expect(UnitHead.place(nil, unit: "Kecamatan Betung", town: "Pangkalan Balai") == "Kecamatan Betung")
        #expect(UnitHead.place(nil, unit: "Dinas Kesehatan", town: "Pangkalan Balai") == "Pangkalan Balai")
        #expect(UnitHead.place(" Betung ", unit: "Kecamatan Betung", town: "Pangkalan Balai") == "Betung")
        #expect(UnitHead.place("", unit: "Dinas Kesehatan", town: "Pangkalan Balai") == "Pangkalan Balai")
    }
}
