/// Up to `capacity` points of a curve, in constant memory: when it fills, every other point goes
/// and from then on only every second point offered is kept, so the points stay evenly spread
/// over the whole run, however long.
struct CurveSampler {
    struct Point: Equatable {
        var ts: Timestamp
        var value: Decimal
    }

    let capacity: Int
    private(set) var points: [Point] = []
    private var stride = 1
    private var offered = 0
    /// The latest point offered, kept so that the curve always ends where the run did.
    private(set) var last: Point?

    init(capacity: Int) { self.capacity = capacity }

    mutating func add(_ value: Decimal, at ts: Timestamp) {
        last = Point(ts: ts, value: value)
        defer { offered += 1 }
        guard offered % stride == 0 else { return }
        points.append(Point(ts: ts, value: value))
        if points.count >= capacity {
            points = points.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            stride *= 2
        }
    }

    /// The points kept, ending with the latest offered.
    var curve: [Point] {
        guard let last, points.last != last else { return points }
        return points + [last]
    }
}
