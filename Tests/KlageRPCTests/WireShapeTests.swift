import Foundation
import KlageKernel
import Testing

@testable import KlageRPC

/// The records the API returns, byte for byte as the String-typed views wrote them before the
/// records became `Encodable`: same keys, nil optionals left out, RFC 3339 times with milliseconds
/// only when not zero, no `tenant` on tenant-owned records.
@Suite struct WireShapeTests {
    let t0 = Date(timeIntervalSince1970: 1_764_000_000.25)
    let t1 = Date(timeIntervalSince1970: 1_764_000_100)

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try RPCResponse.encode(value), as: UTF8.self)
    }

    /// Since contacts carry `reached` (a failed call attempt is told from a call) and `durationMinutes`.
    @Test func contacts() throws {
        let failed = Contact(
            id: "k1", tenant: "kbh", complaintId: "c1", kind: .phone, reached: false, occurredAt: t0, recordedBy: "key1",
            summary: "s", agreement: nil, fields: ["a": [1, "x", nil]], createdAt: t1)
        #expect(
            try json(failed)
                == #"{"complaintId":"c1","createdAt":"2025-11-24T16:01:40Z","fields":{"a":[1,"x",null]},"id":"k1","kind":"phone","occurredAt":"2025-11-24T16:00:00.250Z","reached":false,"recordedBy":"key1","summary":"s"}"#
        )
        let letter = Contact(
            id: "k2", tenant: "kbh", complaintId: "c1", kind: .letter, occurredAt: t1, recordedBy: "key1", summary: "s",
            agreement: "ag", durationMinutes: 12, fields: [:], createdAt: t0)
        #expect(
            try json(letter)
                == #"{"agreement":"ag","complaintId":"c1","createdAt":"2025-11-24T16:00:00.250Z","durationMinutes":12,"fields":{},"id":"k2","kind":"letter","occurredAt":"2025-11-24T16:01:40Z","reached":true,"recordedBy":"key1","summary":"s"}"#
        )
    }

    @Test func learningItems() throws {
        let bare = LearningItem(
            id: "l1", tenant: "kbh", complaintId: nil, title: "t", insight: "i", department: nil, tags: [],
            state: "proposed", createdAt: t0, updatedAt: t1)
        #expect(
            try json(bare)
                == #"{"createdAt":"2025-11-24T16:00:00.250Z","id":"l1","insight":"i","state":"proposed","tags":[],"title":"t","updatedAt":"2025-11-24T16:01:40Z","version":1}"#
        )
        let full = LearningItem(
            id: "l2", tenant: "kbh", complaintId: "c1", title: "t", insight: "i", department: "d", tags: ["a"],
            state: "accepted", version: 3, createdAt: t1, updatedAt: t0)
        #expect(
            try json(full)
                == #"{"complaintId":"c1","createdAt":"2025-11-24T16:01:40Z","department":"d","id":"l2","insight":"i","state":"accepted","tags":["a"],"title":"t","updatedAt":"2025-11-24T16:00:00.250Z","version":3}"#
        )
    }

    @Test func eventsTenantsAndReads() throws {
        let event = DomainEvent(
            id: "e1", tenant: "kbh", complaintId: "c1", learningItemId: "l1", at: t0, type: .actionTaken, actor: "a",
            summary: "s", data: ["x": 1.5])
        #expect(
            try json(event)
                == #"{"actor":"a","at":"2025-11-24T16:00:00.250Z","data":{"x":1.5},"id":"e1","summary":"s","type":"complaint.actionTaken"}"#)
        let tenant = Tenant(id: "kbh", name: "K", plugins: ["a"], settings: ["n": 3], createdAt: t0)
        #expect(try json(tenant) == #"{"createdAt":"2025-11-24T16:00:00.250Z","id":"kbh","name":"K","plugins":["a"],"settings":{"n":3}}"#)
        let read = AccessRecord(tenant: "kbh", complaintId: "c1", actor: "k", actorLabel: "AB", at: t0, purpose: "complaint.get")
        #expect(try json(read) == #"{"actor":"k","actorLabel":"AB","at":"2025-11-24T16:00:00.250Z","purpose":"complaint.get"}"#)
    }

    @Test func complaints() throws {
        var complaint = Complaint(
            id: "c1", tenant: "kbh", workflowVersion: 2, state: "s",
            intake: NewComplaint(
                workflow: "w", track: .appeal, channel: .digitalPost, subject: "su", description: "de", citizen: Citizen(name: "N", phone: "1"),
                externalRef: "x"),
            receivedAt: t0, createdAt: t0, updatedAt: t1
        )
        var paused = Deadline(name: "first", dueAt: t1, warnAt: t0)
        paused.pausedAt = t0
        complaint.deadlines = [paused, Deadline(name: "b", dueAt: t0, metAt: t1, working: true)]
        complaint.outcome = .partlyUpheld
        complaint.closedAt = t1
        #expect(
            try json(ComplaintView(complaint, now: t1, for: .system(tenant: "kbh")))
                == #"{"channel":"digital_post","citizen":{"name":"N","phone":"1"},"closedAt":"2025-11-24T16:01:40Z","createdAt":"2025-11-24T16:00:00.250Z","deadlines":[{"dueAt":"2025-11-24T16:01:40Z","missed":false,"name":"first","pausedAt":"2025-11-24T16:00:00.250Z","warnAt":"2025-11-24T16:00:00.250Z"},{"dueAt":"2025-11-24T16:00:00.250Z","metAt":"2025-11-24T16:01:40Z","missed":true,"name":"b"}],"description":"de","externalRef":"x","fields":{},"handoffs":0,"id":"c1","outcome":"partly_upheld","paused":true,"receivedAt":"2025-11-24T16:00:00.250Z","state":"s","subject":"su","tenant":"kbh","track":"appeal","updatedAt":"2025-11-24T16:01:40Z","version":1,"workflow":"w","workflowVersion":2}"#
        )
    }
}
