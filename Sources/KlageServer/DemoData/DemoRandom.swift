import Foundation

/// The demo data's deterministic random numbers (SplitMix64): one seed makes the same data again.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator fixed by `seed` and any number of further keys (tenant, batch), mixed in.
    init(seed: UInt64, _ keys: UInt64...) {
        state = seed
        for key in keys {
            state = Self.mix(state ^ (key &* 0x9E37_79B9_7F4A_7C15))
        }
    }

    /// A stable 64-bit key for a text (FNV-1a), e.g. a tenant's id.
    static func key(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        return hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// A log-normally distributed number with the given median, and `spread` the standard deviation of its logarithm.
    mutating func logNormal(median: Double, spread: Double) -> Double {
        let u1 = max(unit(), .leastNonzeroMagnitude)
        let u2 = unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return median * exp(spread * normal)
    }

    /// One of `choices`, picked with their weights.
    mutating func pick<T>(_ choices: [(T, Double)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var point = unit() * total
        for (choice, weight) in choices {
            if point < weight { return choice }
            point -= weight
        }
        return choices[choices.count - 1].0
    }

    /// One element of `elements` (not empty), uniformly.
    mutating func element<T>(_ elements: [T]) -> T {
        elements[Int(next() % UInt64(elements.count))]
    }
}
