import Testing
import VaporTesting

@Test func serverPlaceholder() { #expect(true) }
