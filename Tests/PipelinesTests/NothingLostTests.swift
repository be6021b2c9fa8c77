import Foundation
import SluiceTestSupport
import Testing

/// Rule 1, nothing lost: in the whole ring over a week of real SPY minutes, each stage's input
/// lines and output records reconcile exactly. Every input line comes out as it was, or as what
/// the stage made of it (the order of a signal, a refusal that names it, a cut order with the
/// same id); every record a stage adds is one of the kinds it makes.
@Suite("nothing lost, stage by stage, in the ring")
struct NothingLostTests {
    /// What each stage may add to the stream.
    static let made: [String: Set<String>] = [
        "gate": ["reject"],
        "sizer": ["order", "reject"],
        "reconcile": ["order", "reject", "correction"],
        "exec": ["order", "reject", "order_status", "fill", "account"],
        "journal": [],
    ]

    @Test func everyLineOfEveryStageIsAccountedFor() throws {
        let scratch = try ScratchDirectory()
        let root = ProgramRunner.repositoryRoot.path
        let instruments = root + "/pipelines/samples/instruments.ndjson"
        let result = try ProgramRunner.shell("""
            cd '\(scratch.url.path)' && mkfifo ring
            sigsrc --sync --feedback ring --symbol SPY --strategy rsi \(instruments) \(root)/pipelines/samples/spy_1min_2013-10.csv | tee sigsrc.out \
              | gate --equity 100000 --instruments \(instruments) --session | tee gate.out \
              | sizer --equity 100000 --instruments \(instruments) --stop-atr 2 | tee sizer.out \
              | reconcile --equity 100000 --instruments \(instruments) --on-conflict close-only | tee reconcile.out \
              | env exec --feedback ring --equity 100000 --instruments \(instruments) | tee exec.out \
              | journal --ledger ledger.ndjson > journal.out
            """)
        #expect(result.status == 0, "\(result.stderr)")
        let stages = ["sigsrc", "gate", "sizer", "reconcile", "exec", "journal"]
        for (input, stage) in zip(stages, stages.dropFirst()) {
            let inLines = try String(contentsOf: scratch.url.appendingPathComponent(input + ".out"), encoding: .utf8).split(separator: "\n").map(String.init)
            let outLines = try String(contentsOf: scratch.url.appendingPathComponent(stage + ".out"), encoding: .utf8).split(separator: "\n").map(String.init)
            var unmatched: [String: Int] = [:]
            for line in outLines { unmatched[line, default: 0] += 1 }
            var outcomes: [String: Int] = [:]  // ids named by records the stage made: signal_id, order_id, id
            var added: [String: Int] = [:]
            for line in outLines {
                let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                for key in ["signal_id", "order_id", "id"] { if let id = record[key] as? String { outcomes[key + ":" + id, default: 0] += 1 } }
            }
            var lost: [String] = [], transformed = 0
            for line in inLines {
                if let count = unmatched[line], count > 0 {
                    unmatched[line] = count - 1
                    continue
                }
                let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                let id = record["id"] as? String ?? ""
                let type = record["type"] as? String
                // A signal becomes its order or a refusal naming it; an order is cut (same id) or refused.
                if (type == "signal" && outcomes["signal_id:" + id] != nil) || (type == "order" && (outcomes["order_id:" + id] != nil || outcomes["id:" + id] != nil)) {
                    transformed += 1
                } else {
                    lost.append(String(line.prefix(160)))
                }
            }
            for (line, count) in unmatched where count > 0 {
                let type = (try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["type"] as? String ?? "?"
                if Self.made[stage]!.contains(type) { added[type, default: 0] += count } else { lost.append("\(stage) wrote a \(type) of its own: \(line.prefix(120))") }
            }
            #expect(lost.isEmpty, "\(stage): \(lost.count) input lines not accounted for, e.g. \(lost.prefix(3))")
            if stage == "journal" { #expect(inLines == outLines, "journal must pass everything byte for byte") }
            if stage == "gate" || stage == "sizer" { #expect(transformed > 0, "\(stage) transformed nothing: the test would prove little") }
            if stage == "exec" { #expect(added["fill", default: 0] > 0 && added["account", default: 0] > 0, "exec made no fills or snapshots: \(added)") }
        }
    }
}
