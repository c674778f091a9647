import Foundation
import KlageKernel

extension RPCServices {
    /// `apiKey.list` and `apiKey.rotate`: host operators for every key, tenant admins for their own tenant's.
    var keyMethods: [RPCMethod] {
        let tenant = Field<TenantID?>("tenant", .text(max: 64), "only this tenant's keys; an admin sees their own tenant's in any case")
        let key = Field<APIKeyID>("id", .text(max: 64))
        let overlap = Field<Int?>(
            "overlapSeconds", .integer(min: 0, max: Int(APIKeyService.longestOverlap)),
            "how long the old secret keeps working (at most 30 days); 24 hours when neither this nor oldSecretValidUntil is given")
        let until = Field<Date?>("oldSecretValidUntil", .time, "when the old secret stops working, instead of overlapSeconds")
        return [
            RPCMethod(
                "apiKey.list", summary: "The API keys the caller manages, with expiry, revocation and last use; never a secret.",
                access: .hostOperatorOrTenant([.admin]), params: [tenant]
            ) { input, context in
                let now = env.clock.now()
                return ItemsView(items: try await keys.list(tenant: input[tenant], by: try context.requireActor()).map { APIKeyView($0, now: now) })
            },
            RPCMethod(
                "apiKey.rotate",
                summary: "Gives a live API key a new secret, shown only here; the old secret keeps working for overlapSeconds, then is refused.",
                access: .hostOperatorOrTenant([.admin]), params: [key, overlap, until]
            ) { input, context in
                let seconds: TimeInterval
                switch (input[overlap], input[until]) {
                case (.some, .some): throw KlageError.validation(field: "oldSecretValidUntil", reason: "give it or overlapSeconds, not both")
                case (let given?, nil): seconds = TimeInterval(given)
                case (nil, let time?): seconds = max(0, time.timeIntervalSince(env.clock.now()))
                case (nil, nil): seconds = 86_400
                }
                let (rotated, secret) = try await keys.rotate(input[key], overlap: seconds, by: try context.requireActor())
                return RotatedKeyView(id: rotated.id.rawValue, key: secret, previousSecretValidUntil: rotated.previousValidUntil ?? env.clock.now())
            },
        ]
    }
}
