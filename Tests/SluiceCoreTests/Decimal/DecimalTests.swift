import Testing
@testable import SluiceCore

private func d(_ text: String) -> Decimal { Decimal(text)! }

@Suite("Decimal: parsing and text")
struct DecimalTextTests {
    @Test("shortest exact text", arguments: [
        ("0.011000", "0.011"), ("1.750000", "1.75"), ("-0.5", "-0.5"), ("100", "100"), ("1e3", "1000"),
        ("1.5e-3", "0.0015"), ("-12.25E+1", "-122.5"), ("0.000", "0"), ("-0", "0"), ("+3", "3"), (".5", "0.5"),
        ("5.", "5"), ("123456789012345678901234567890.12345678", "123456789012345678901234567890.12345678"),
        ("0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"),
        // Either side of the 18 digits parsed in 64 bits, and the largest 64-bit magnitudes written.
        ("999999999999999999", "999999999999999999"), ("-99999999999999999.9", "-99999999999999999.9"),
        ("9999999999999999999", "9999999999999999999"), ("0.000000000000000001", "0.000000000000000001"),
        ("18446744073709551615", "18446744073709551615"), ("18446744073709551616", "18446744073709551616"),
        ("-18446744073709551616.5", "-18446744073709551616.5"), ("-.5", "-0.5"), ("-0.000", "0"),
    ])
    func shortest(_ input: String, _ expected: String) {
        #expect(d(input).description == expected)
        let output = OutputBuffer(destination: .standardOutput)
        output.append(decimal: d(input))
        #expect(output.contents == expected)
    }

    /// A coefficient of 64 bits at every scale: the digits before the point, none, and zeros after it.
    @Test func everyScaleOfOneCoefficientIsWrittenExactly() {
        for scale in 0...38 {
            let value = Decimal(coefficient: -123_456_789, scale: scale)
            let digits = "123456789"
            let expected = scale < 9 ? "-" + digits.dropLast(scale) + (scale > 0 ? "." + digits.suffix(scale) : "")
                                     : "-0." + String(repeating: "0", count: scale - 9) + digits
            let output = OutputBuffer(destination: .standardOutput)
            output.append(decimal: value)
            #expect(output.contents == expected, "scale \(scale)")
            #expect(value.description == expected, "scale \(scale)")
        }
    }

    /// The short writer (64-bit coefficients, digits counted first) against the general one, on
    /// seeded coefficients of every length, with trailing zeros, at scales 0 to 38.
    @Test func shortWriterAgreesWithTheGeneralOne() {
        for n in 0..<20_000 {
            let bits = StableRandom.bits(seed: 11, "decimal-text", number: Int64(n))
            let digits = Int(bits % 20)
            var magnitude = bits >> 8
            if digits < 19 { magnitude %= (0..<digits).reduce(UInt64(1)) { value, _ in value * 10 } }
            if n % 5 == 0 { magnitude = (magnitude / 1000) * 1000 }
            let value = Decimal(coefficient: n % 2 == 0 ? Int128(magnitude) : -Int128(magnitude), scale: n % 39)
            let output = OutputBuffer(destination: .standardOutput)
            output.append(decimal: value)
            let general = value.withText(minimumPlaces: 0) { String(decoding: $0, as: UTF8.self) }
            #expect(output.contents == general, "\(value.coefficient) scale \(value.scale)")
        }
    }

    @Test("not numbers", arguments: ["", "-", ".", "-.", "1-2", "abc", "1.2.3", "1e", "1,5", "NaN", "Infinity", "1 2", "0x10", "e5"])
    func notNumbers(_ text: String) {
        #expect(Decimal(text) == nil)
    }

    @Test("out of range", arguments: [
        "1234567890123456789012345678901234567890", "1e39", "1e-39", "1e99999",
    ])
    func outOfRange(_ text: String) {
        var text = text
        let error = text.withUTF8 { bytes -> DecimalError? in
            do throws(DecimalError) { _ = try Decimal(parsing: bytes); return nil } catch { return error }
        }
        guard case .outOfRange = error else { Issue.record("expected out of range for \(text), got \(String(describing: error))"); return }
    }

    @Test func zeroPadding() {
        #expect(d("1.5").text(minimumPlaces: 2) == "1.50")
        #expect(d("-0.5").text(minimumPlaces: 3) == "-0.500")
        #expect(d("12").text(minimumPlaces: 2) == "12.00")
        #expect(d("1.2345").text(minimumPlaces: 2) == "1.2345")
        #expect(d("0").text(minimumPlaces: 1) == "0.0")
    }
}

@Suite("Decimal: arithmetic")
struct DecimalArithmeticTests {
    @Test func exactSums() {
        #expect(d("0.1") + d("0.2") == d("0.3"))
        #expect((d("0.1") + d("0.2")).description == "0.3")
        #expect(d("1") - d("0.001") == d("0.999"))
        #expect(d("-5.5") + d("5.5") == .zero)
    }

    @Test func exactProducts() throws {
        #expect((d("0.011") * d("3")).description == "0.033")
        #expect((d("20000.12345678") * d("0.00012345")).description == "2.469015240739491")
        #expect((d("-1.5") * d("2")).description == "-3")
        // Moving the point is exact; past the scale asked for, it rounds like a division.
        #expect(try d("12.5").dividedByPowerOfTen(2, scale: 12).description == "0.125")
        #expect(try d("12.5").dividedByPowerOfTen(4, scale: 12, rounding: .truncate) == d("12.5").divided(by: d("10000"), scale: 12, rounding: .truncate))
        #expect(try d("0.00000000019").dividedByPowerOfTen(2, scale: 12, rounding: .truncate).description == "0.000000000001")
        #expect(try d("0.00000000019").dividedByPowerOfTen(2, scale: 12).description == "0.000000000002")
    }

    /// Either side of the 64-bit coefficient, where products and quotients change method.
    @Test func productsAndQuotientsAcrossSixtyFourBits() throws {
        #expect((d("9223372036854775807") * d("9223372036854775807")).description == "85070591730234615847396907784232501249")
        #expect((d("-9223372036854775808") * d("-9223372036854775808")).description == "85070591730234615865843651857942052864")
        #expect((d("-9223372036854775808") * d("0.5")).description == "-4611686018427387904")
        #expect((d("92233720368547758.08") * d("3")).description == "276701161105643274.24")
        #expect(try d("-9223372036854775808").divided(by: d("-1"), scale: 0).description == "9223372036854775808")
        #expect(try d("-9223372036854775808").divided(by: d("3"), scale: 0).description == "-3074457345618258603")
        #expect(try d("9223372036854775807").divided(by: d("-2"), scale: 0, rounding: .truncate).description == "-4611686018427387903")
        #expect(try d("9223372036854775807").divided(by: d("-2"), scale: 0, rounding: .down).description == "-4611686018427387904")
        #expect(try d("-7").divided(by: d("2"), scale: 0).description == "-4")
        #expect(try d("7").divided(by: d("-2"), scale: 0, rounding: .up).description == "-3")
        // Comparing across scales multiplies the smaller scale up: within 64 bits and past them.
        #expect(d("9223372036854775807") < d("9223372036854775807.5"))
        #expect(d("0.000000000000000001") > d("0"))
        #expect(d("92233720368547758070") > d("9223372036854775807.9"))
    }

    @Test func coefficientIsKeptExactlyInTwoWords() {
        let coefficients: [Int128] = [0, 1, -1, Int128(Int64.max) + 1, Int128(Int64.min) - 1, Int128(UInt64.max), -Int128(UInt64.max), .max, .min]
        for coefficient in coefficients {
            #expect(Decimal(coefficient: coefficient, scale: 38).coefficient == coefficient)
            #expect(Decimal(coefficient: coefficient, scale: 0).scale == 0)
        }
        // The point of the two words: a record's optional prices take 24 bytes each, not 48.
        #expect(MemoryLayout<Decimal>.size <= 24 && MemoryLayout<Decimal?>.stride == 24)
    }

    @Test func comparisonIgnoresTrailingZeros() {
        #expect(d("1.50") == d("1.5"))
        #expect(d("1.50").hashValue == d("1.5").hashValue)
        #expect(d("0.1") < d("0.11"))
        #expect(d("-2") < d("-1.999"))
        #expect(max(d("3"), d("3.0001")) == d("3.0001"))
    }

    @Test("division rounds at the scale asked for", arguments: [
        ("1", "3", 4, RoundingMode.halfAwayFromZero, "0.3333"),
        ("2", "3", 4, .halfAwayFromZero, "0.6667"),
        ("2", "3", 4, .truncate, "0.6666"),
        ("-2", "3", 4, .truncate, "-0.6666"),
        ("-2", "3", 4, .down, "-0.6667"),
        ("-2", "3", 4, .up, "-0.6666"),
        ("2", "3", 4, .up, "0.6667"),
        ("1", "8", 2, .halfAwayFromZero, "0.13"),
        ("-1", "8", 2, .halfAwayFromZero, "-0.13"),
        ("10", "4", 0, .halfAwayFromZero, "3"),
        ("1.5", "0.5", 0, .truncate, "3"),
    ])
    func division(_ a: String, _ b: String, _ scale: Int, _ mode: RoundingMode, _ expected: String) throws {
        #expect(try d(a).divided(by: d(b), scale: scale, rounding: mode).description == expected)
    }

    @Test func divisionByZeroIsAnError() {
        #expect(throws: DecimalError.divisionByZero) { try d("1").divided(by: .zero, scale: 2) }
    }
}

@Suite("Decimal: rounding")
struct DecimalRoundingTests {
    // Every mode on a positive and a negative value, below, at and above the half.
    @Test("to decimal places", arguments: [
        ("1.24", RoundingMode.truncate, "1.2"), ("1.25", .truncate, "1.2"), ("1.29", .truncate, "1.2"),
        ("-1.29", .truncate, "-1.2"),
        ("1.24", .halfAwayFromZero, "1.2"), ("1.25", .halfAwayFromZero, "1.3"), ("1.26", .halfAwayFromZero, "1.3"),
        ("-1.25", .halfAwayFromZero, "-1.3"), ("-1.24", .halfAwayFromZero, "-1.2"),
        ("1.21", .up, "1.3"), ("1.20", .up, "1.2"), ("-1.29", .up, "-1.2"),
        ("1.29", .down, "1.2"), ("-1.21", .down, "-1.3"), ("-1.20", .down, "-1.2"),
    ])
    func places(_ value: String, _ mode: RoundingMode, _ expected: String) {
        #expect(d(value).rounded(places: 1, mode).description == expected)
    }

    @Test func placesNeverAddDigits() {
        #expect(d("1.5").rounded(places: 4, .up).description == "1.5")
        #expect(d("1234.5").rounded(places: -2, .halfAwayFromZero).description == "1200")
        #expect(d("1250").rounded(places: -2, .halfAwayFromZero).description == "1300")
    }

    @Test("to significant digits", arguments: [
        ("0.0012345", 3, RoundingMode.truncate, "0.00123"), ("0.0012355", 4, .halfAwayFromZero, "0.001236"),
        ("12345", 3, .truncate, "12300"), ("12355", 4, .halfAwayFromZero, "12360"), ("-12345", 2, .down, "-13000"),
        ("-12345", 2, .up, "-12000"), ("999.9", 3, .halfAwayFromZero, "1000"), ("0.5", 1, .truncate, "0.5"),
        ("123.456", 5, .up, "123.46"), ("0", 3, .up, "0"),
    ])
    func significant(_ value: String, _ digits: Int, _ mode: RoundingMode, _ expected: String) {
        #expect(d(value).rounded(significantDigits: digits, mode).description == expected)
    }

    @Test("to a step (tick or lot)", arguments: [
        ("1.237", "0.01", RoundingMode.truncate, "1.23"), ("1.237", "0.05", .truncate, "1.2"),
        ("1.237", "0.05", .halfAwayFromZero, "1.25"), ("1.225", "0.05", .halfAwayFromZero, "1.25"),
        ("1.224", "0.05", .halfAwayFromZero, "1.2"), ("1.201", "0.05", .up, "1.25"), ("1.249", "0.05", .down, "1.2"),
        ("-1.201", "0.05", .up, "-1.2"), ("-1.201", "0.05", .down, "-1.25"), ("0.00012345", "0.0001", .truncate, "0.0001"),
        ("17", "5", .truncate, "15"), ("17", "5", .up, "20"), ("0.123456789", "0.00000001", .truncate, "0.12345678"),
    ])
    func step(_ value: String, _ step: String, _ mode: RoundingMode, _ expected: String) throws {
        #expect(try d(value).rounded(step: d(step), mode).description == expected)
    }

    @Test func stepMustBePositive() {
        #expect(throws: DecimalError.invalidStep("0")) { try d("1").rounded(step: .zero, .truncate) }
        #expect(throws: DecimalError.invalidStep("-0.1")) { try d("1").rounded(step: d("-0.1"), .truncate) }
    }

    @Test func decimalPlacesOfASize() {
        #expect(d("0.010").decimalPlaces == 2)
        #expect(d("1").decimalPlaces == 0)
        #expect(d("0.00000001").decimalPlaces == 8)
    }

    @Test func paddedToATickSize() throws {
        let price = try d("101.2").rounded(step: d("0.01"), .down)
        #expect(price.text(minimumPlaces: d("0.01").decimalPlaces) == "101.20")
    }
}
