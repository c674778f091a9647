import Foundation
import KlageKernel
import Testing

/// Hex text as ids, key hashes and tokens are written.
@Suite struct HexTests {
    @Test func bytesAreTwoLowercaseDigitsEachAndAUUIDHasItsFourDashes() {
        #expect(Hex.string([0x00, 0xAB, 0x0F, 0xF0]) == "00ab0ff0")
        #expect(Hex.string([UInt8]()) == "")
        #expect(Hex.uuid(Array(0..<16)) == "00010203-0405-0607-0809-0a0b0c0d0e0f")
    }

    @Test func aNewIDIsAVersion7UUIDThatSortsAfterTheOneBefore() {
        let first = IDGenerator.uuidV7(at: .now)
        let second = IDGenerator.uuidV7(at: .now)
        #expect(first < second)
        #expect(first.count == 36)
        #expect(first.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(first.dropFirst(14).first == "7")
        #expect("89ab".contains(first.dropFirst(19).first!))
    }
}
