import Foundation
import KlageKernel

extension RPCDispatcher {
    /// The caller of one HTTP request, authenticated at most once, and only when a method needs it.
    struct Caller {
        let authorization: String?
        /// A console session's key, by its stored hash: used instead of `authorization` when set.
        var sessionKeyHash: String?
        let keys: APIKeyService
        var resolved: Result<(Principal?, Tenant?), KlageError>?

        init(authorization: String?, keys: APIKeyService) {
            self.authorization = authorization
            self.keys = keys
        }

        init(sessionKeyHash: String, keys: APIKeyService) {
            self.init(authorization: nil, keys: keys)
            self.sessionKeyHash = sessionKeyHash
        }

        /// A caller already known: a console session's person.
        init(actor: Principal, tenant: Tenant, keys: APIKeyService) {
            self.init(authorization: nil, keys: keys)
            self.resolved = .success((actor, tenant))
        }

        /// The caller of a valid key, else `nil` (no key, a wrong one, or storage unavailable).
        /// Whether a key or session was looked up and found unknown or revoked.
        var refused: Bool {
            if case .failure(let error) = resolved { return error.code == .unauthenticated }
            return false
        }

        mutating func actorIfAny() async -> Principal? {
            (try? await resolve(required: false))?.0
        }

        mutating func resolve(required: Bool) async throws -> (Principal?, Tenant?) {
            if resolved == nil, let sessionKeyHash {
                do {
                    let (actor, tenant) = try await keys.authenticate(keyHash: sessionKeyHash)
                    resolved = .success((actor, tenant))
                } catch let error as KlageError {
                    resolved = .failure(error)
                }
            }
            if resolved == nil {
                if let header = authorization, header.hasPrefix("Bearer ") {
                    do {
                        let (actor, tenant) = try await keys.authenticate(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
                        resolved = .success((actor, tenant))
                    } catch let error as KlageError {
                        resolved = .failure(error)
                    }
                } else if authorization == nil {
                    resolved = .success((nil, nil))
                } else {
                    resolved = .failure(.unauthenticated("the Authorization header must be 'Bearer <api key>'"))
                }
            }
            switch resolved! {
            case .success(let value):
                if required, value.0 == nil { throw KlageError.unauthenticated() }
                return value
            case .failure(let error):
                if required || error.code != .unauthenticated { throw error }
                return (nil, nil)
            }
        }
    }
}
