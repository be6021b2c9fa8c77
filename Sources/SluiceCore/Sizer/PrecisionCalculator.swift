/// `sizer --round VALUE`: one number rounded the way an exchange wants it, following the
/// conventions of the ccxt library (half away from zero, truncation toward zero, never `-0`).
public struct PrecisionCalculator {
    enum Precision {
        case step(Decimal)
        case places(Int)
        case digits(Int)
    }

    let value: Decimal
    let precision: Precision
    let mode: RoundingMode
    let pad: Bool

    public init(_ arguments: ParsedArguments) throws(CommandLineError) {
        let text = arguments.value("round") ?? ""
        guard let value = Decimal(text) else { throw .usage("--round: expected a number, got '\(text)'") }
        self.value = value
        var given: [Precision] = []
        if let step = try arguments.decimal("step") {
            guard step.signum > 0 else { throw .usage("--step: must be above 0, got '\(step)'") }
            given.append(.step(step))
        }
        if let places = try arguments.integer("places", in: -38...38) { given.append(.places(places)) }
        if let digits = try arguments.integer("digits", in: 1...38) { given.append(.digits(digits)) }
        guard given.count == 1 else { throw .usage("--round: give exactly one of --step, --places or --digits") }
        precision = given[0]
        switch arguments.value("mode") {
        case "truncate": mode = .truncate
        case "round": mode = .halfAwayFromZero
        case "up": mode = .up
        case "down": mode = .down
        default: throw .usage("--mode: expected truncate, round, up or down, got '\(arguments.value("mode") ?? "")'")
        }
        pad = arguments.flag("pad")
    }

    public var result: String {
        switch precision {
        case let .step(step):
            let rounded = (try? value.rounded(step: step, mode)) ?? .zero
            return rounded.text(minimumPlaces: pad ? step.decimalPlaces : 0)
        case let .places(places):
            return value.rounded(places: places, mode).text(minimumPlaces: pad ? max(places, 0) : 0)
        case let .digits(digits):
            let rounded = value.rounded(significantDigits: digits, mode)
            guard pad, !rounded.isZero else { return rounded.description }
            // Decimals that make `digits` significant ones: 1234 with 5 → 1234.0.
            let normalized = rounded.normalized
            let leadingExponent = normalized.digitCount - 1 - normalized.scale
            return rounded.text(minimumPlaces: max(digits - 1 - leadingExponent, 0))
        }
    }
}
