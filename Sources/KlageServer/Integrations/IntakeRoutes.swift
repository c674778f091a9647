import Foundation
import HTTPTypes
import Hummingbird
import KlageKernel
import KlageRPC
import KlageStorage
import Logging
import NIOCore

/// The citizen's way in: `GET /klage/{tenant}` shows the intake form, `POST /klage/{tenant}` files it
/// (an HTML receipt), and `POST /klage/{tenant}/api` does the same for JSON.
///
/// A tenant takes complaints this way when its setting `intake.workflow` names one of its workflows;
/// otherwise, as for an unknown tenant, the page is not found. A complaint filed here has channel
/// `web` and its receipt number as external reference; the answer never shows anything of a stored
/// complaint. Abuse is limited by a body of at most 16 KiB, field lengths, a honeypot field (a robot
/// that fills it gets a receipt, and nothing is filed), and ``IntegrationSettings/intakePerAddressPerHour``.
enum IntakeRoutes {
    /// The largest submission accepted.
    static let maxBodyBytes = 16 * 1024

    static func register(on router: Router<KlageRequestContext>, host: KlageHost) {
        let limiter = IntakeLimiter(perHour: host.configuration.integrations.intakePerAddressPerHour)
        router.get("klage/:tenant") { _, context -> Response in
            guard let (tenant, _) = try await intakeTenant(context, host: host) else { return notFound() }
            return html(.ok, IntakePage.form(tenant: tenant))
        }
        router.post("klage/:tenant") { request, context -> Response in
            guard let (tenant, workflow) = try await intakeTenant(context, host: host) else { return notFound() }
            guard let body = try? await request.body.collect(upTo: maxBodyBytes) else {
                return html(
                    .contentTooLarge, IntakePage.message(title: "For meget tekst", text: "Klagen er for lang. Gør den kortere, og prøv igen."))
            }
            let submission = IntakeSubmission(form: String(buffer: body))
            switch await file(submission, tenant: tenant, workflow: workflow, address: context.clientAddress, host: host, limiter: limiter) {
            case .filed(let receipt): return html(.ok, IntakePage.receipt(tenant: tenant, number: receipt))
            case .invalid(let error): return html(.unprocessableContent, IntakePage.form(tenant: tenant, submission: submission, error: error))
            case .limited:
                return html(
                    .tooManyRequests, IntakePage.message(title: "Prøv igen senere", text: "Der er sendt mange klager herfra. Prøv igen om en time."))
            case .unavailable:
                return html(.serviceUnavailable, IntakePage.message(title: "Prøv igen senere", text: "Klagen kunne ikke gemmes lige nu."))
            }
        }
        router.post("klage/:tenant/api") { request, context -> Response in
            guard let (tenant, workflow) = try await intakeTenant(context, host: host) else {
                return json(.notFound, ["error": ["reason": "not found"]])
            }
            guard let body = try? await request.body.collect(upTo: maxBodyBytes) else {
                return json(.contentTooLarge, ["error": ["reason": "the body is larger than 16 KiB"]])
            }
            guard let submission = try? JSONDecoder().decode(IntakeSubmission.self, from: Data(body.readableBytesView)) else {
                return json(.badRequest, ["error": ["reason": "the body is not a JSON object of the intake's fields"]])
            }
            switch await file(submission, tenant: tenant, workflow: workflow, address: context.clientAddress, host: host, limiter: limiter) {
            case .filed(let receipt): return json(.created, ["receipt": .string(receipt)])
            case .invalid(let error):
                return json(
                    .unprocessableContent, ["error": ["field": .string(error.field ?? ""), "reason": .string(error.reason ?? error.message)]])
            case .limited: return json(.tooManyRequests, ["error": ["reason": "too many complaints from this address; try again in an hour"]])
            case .unavailable: return json(.serviceUnavailable, ["error": ["reason": "the complaint could not be stored now; try again"]])
            }
        }
    }

    /// What became of a submission.
    enum Outcome {
        case filed(String)
        case invalid(KlageError)
        case limited
        case unavailable
    }

    /// Files a submission as a complaint, unless it is a robot's, invalid or over the address's limit.
    static func file(
        _ submission: IntakeSubmission, tenant: Tenant, workflow: WorkflowID, address: String, host: KlageHost, limiter: IntakeLimiter
    ) async -> Outcome {
        guard limiter.admit(address) else { return .limited }
        let receipt = IntakeSubmission.newReceipt()
        if submission.isRobot { return .filed(receipt) }
        do {
            let draft = try submission.draft(workflow: workflow, receipt: receipt)
            let actor = Principal(id: "web-intake", tenant: tenant.id, role: .integration, label: "Web intake")
            _ = try await host.services.complaints.create(draft, in: tenant, by: actor)
            return .filed(receipt)
        } catch let error as KlageError where error.code == .validation {
            return .invalid(error)
        } catch {
            host.logger.warning("intake failed", metadata: ["error": .string((error as? KlageError)?.description ?? "storage")])
            return .unavailable
        }
    }

    /// The tenant named in the path and its intake workflow, or `nil` when it has none.
    private static func intakeTenant(_ context: KlageRequestContext, host: KlageHost) async throws -> (Tenant, WorkflowID)? {
        guard let id = context.parameters.get("tenant"), (1...64).contains(id.utf8.count),
            let tenant = try await host.store.tenant(TenantID(id)),
            let workflow = tenant.settings["intake.workflow"]?.stringValue
        else { return nil }
        return (tenant, WorkflowID(workflow))
    }

    private static func notFound() -> Response {
        html(.notFound, IntakePage.message(title: "Siden findes ikke", text: "Der er ingen klageformular her."))
    }

    private static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .cacheControl: "no-store", HTTPField.Name("X-Content-Type-Options")!: "nosniff", HTTPField.Name("Referrer-Policy")!: "no-referrer",
    ]

    private static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    private static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "application/json"
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
