extension Stage {
    /// Writes `{"type":"reject","id":"<stage>-reject-<id>","signal_id":…,"ts":…,"stage":…,"rule":…,
    /// "reason":…,"subject":{…}}` for the record in `document`. The subject's id is copied as it
    /// stands in the line: the text between a valid JSON string's quotes is valid inside another.
    /// `parentKey` names the field that carries the subject's id (`signal_id`, `order_id`).
    /// Written through one reservation of room for all of it: most records of a noisy stream
    /// become rejects.
    public func writeReject(_ refusal: Refusal, of document: JSONDocument, at ts: Timestamp?, parentKey: StaticString = "signal_id") {
        let id = document.member("id").flatMap { document[$0].kind == .string ? $0 : nil }
        writeReject(refusal, subject: document.text(0), idText: id.map { document.text($0) }, at: ts, parentKey: parentKey)
    }

    /// The same for a record whose line was never parsed: `subject` is the whole object and
    /// `idText` its `id` string's text as it stands in the line, between the quotes.
    public func writeReject(_ refusal: Refusal, subject: UnsafeBufferPointer<UInt8>, idText: UnsafeBufferPointer<UInt8>?,
                            at ts: Timestamp?, parentKey: StaticString = "signal_id") {
        refusal.reason.withBytes { reason in
            let maximum = 128 &+ rejectIdPrefix.count &+ (idText.map { $0.count &* 2 &+ 2 } ?? 0) &+ parentKey.utf8CodeUnitCount
                &+ quotedName.count &+ refusal.rule.utf8CodeUnitCount &+ ByteCursor.jsonStringLimit(reason.count) &+ subject.count
            output.appendInPlace(maximum: maximum) { start in
                var cursor = ByteCursor(start)
                cursor.put("{\"type\":\"reject\"")
                if let idText {
                    cursor.put(",\"id\":\"")
                    cursor.put(rejectIdPrefix)
                    cursor.put(idText)
                    cursor.put("\",\"")
                    cursor.put(parentKey)
                    cursor.put("\":")
                    cursor.putQuoted(idText)
                }
                if let ts {
                    cursor.put(",\"ts\":\"")
                    cursor.put { output.dates.write(ts, into: $0) }
                    cursor.put(UInt8(ascii: "\""))
                }
                cursor.put(",\"stage\":")
                cursor.put(quotedName)
                cursor.put(",\"rule\":\"")
                cursor.put(refusal.rule)
                cursor.put("\",\"reason\":")
                cursor.putJSONString(reason, escaping: refusal.reason.needsEscaping)
                cursor.put(",\"subject\":")
                cursor.put(subject)
                cursor.put("}\n")
                return start.distance(to: cursor.position)
            }
        }
    }
}
