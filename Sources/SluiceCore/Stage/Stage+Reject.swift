extension Stage {
    /// Writes `{"type":"reject","id":"<stage>-reject-<id>","signal_id":…,"ts":…,"stage":…,"rule":…,
    /// "reason":…,"subject":{…}}` for the record in `document`. The subject's id is copied as it
    /// stands in the line: the text between a valid JSON string's quotes is valid inside another.
    /// `parentKey` names the field that carries the subject's id (`signal_id`, `order_id`).
    public func writeReject(_ refusal: Refusal, of document: JSONDocument, at ts: Timestamp?, parentKey: StaticString = "signal_id") {
        var reject = JSONObjectWriter(output)
        reject.word("type", "reject")
        if let id = document.member("id"), document[id].kind == .string {
            reject.key("id")
            output.append(UInt8(ascii: "\""))
            output.append(rejectIdPrefix)
            output.append(document.text(id))
            output.append(UInt8(ascii: "\""))
            reject.raw(parentKey, document.rawValue(id))
        }
        if let ts { reject.timestamp("ts", ts) }
        reject.key("stage")
        output.append(quotedName)
        reject.word("rule", refusal.rule)
        reject.string("reason", refusal.reason)
        reject.raw("subject", document.text(0))
        reject.close()
        output.append(UInt8(ascii: "\n"))
    }
}
