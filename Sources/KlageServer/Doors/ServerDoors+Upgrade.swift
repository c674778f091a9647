import HTTPTypes
import NIOCore

extension ServerDoors {
    /// The client of a WebSocket upgrade, named as for the router's doors (a trusted proxy's
    /// `X-Forwarded-For`), when it may have `credential` looked up; `nil`, counted as refused, when it is
    /// past its budget of failed credentials.
    func upgradeClient(presenting credential: String, _ request: HTTPRequest, channel: any Channel, host: KlageHost) -> String? {
        let client = clientAddress.client(
            peer: channel.remoteAddress?.ipAddress, forwardedFor: request.headerFields[values: ClientAddressMiddleware.forwardedFor])
        guard credentials.mayLookUp(credential, for: client) else {
            host.metrics.load.refusedFailedCredentials()
            return nil
        }
        return client
    }
}
