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
/// otherwise, as for an unknown tenant, the page is not found (both answered from the in-memory
/// ``TenantDirectory``, without a query). A complaint filed here has channel `web` and its receipt
/// number as external reference; the answer never shows anything of a stored complaint.
///
/// What keeps the door safe to leave open, in the order it is checked:
/// - a body of at most 16 KiB, read within the request deadline before any work;
/// - the form must come from this host's page: a foreign `Origin` or `Sec-Fetch-Site` other than
///   `same-origin` is refused, and the form carries a signed, time-limited token bound to the client's
///   address (``IntakeFormToken``). The JSON twin
///   needs `Content-Type: application/json`, which no other site can send from a browser without a
///   CORS preflight that Klage never grants;
/// - one strict read: the form by ``IntakeSubmission/form(_:)``, JSON by ``KlageRPC/StrictJSON``;
/// - ``IntegrationSettings/intakePerAddressPerHour`` per client address, and a ceiling per tenant
///   (`intake.maxPerHour`, else ``IntegrationSettings/intakePerTenantPerHour``) that puts an item on the
///   tenant's attention list when reached;
/// - field lengths, no NUL or control characters, and a honeypot field (a robot that fills it gets a
///   receipt, and nothing is filed).
enum IntakeRoutes {
    /// The largest submission accepted.
    static let maxBodyBytes = 16 * 1024
    /// The attention item's kind when a tenant's intake reaches its ceiling.
    static let ceilingReached: AttentionKind = "intake.ceilingReached"

    static func register(on router: Router<KlageRequestContext>, host: KlageHost, doors: ServerDoors) {
        let guards = IntakeGuards(host: host)
        router.get("klage/:tenant") { _, context -> Response in
            guard let (tenant, _) = try await intakeTenant(context, doors: doors) else { return notFound() }
            return html(.ok, IntakePage.form(tenant: tenant, token: guards.tokens.issue(tenant: tenant.id, client: context.clientAddress)))
        }
        router.post("klage/:tenant") { request, context -> Response in
            guard let (tenant, workflow) = try await intakeTenant(context, doors: doors) else { return notFound() }
            guard let body = try? await request.body.collect(upTo: maxBodyBytes) else {
                return html(
                    .contentTooLarge,
                    IntakePage.message(title: "For meget tekst", text: "Klagen er for lang. Gør den kortere, og prøv igen.", tenant: tenant))
            }
            let read: (submission: IntakeSubmission, token: String?)
            do {
                read = try IntakeSubmission.form(body.readableBytesView)
            } catch {
                return html(
                    .badRequest,
                    IntakePage.message(title: "Formularen kunne ikke læses", text: "Gå tilbage til formularen, og prøv igen.", tenant: tenant))
            }
            guard sameSite(request), let token = read.token, guards.tokens.verify(token, tenant: tenant.id, client: context.clientAddress) else {
                return html(
                    .forbidden,
                    IntakePage.message(
                        title: "Formularen er udløbet", text: "Hent formularen igen på kommunens side, og send klagen derfra.", tenant: tenant))
            }
            let fresh = guards.tokens.issue(tenant: tenant.id, client: context.clientAddress)
            switch await guards.file(read.submission, tenant: tenant, workflow: workflow, address: context.clientAddress) {
            case .filed(let receipt): return html(.ok, IntakePage.receipt(tenant: tenant, number: receipt))
            case .invalid(let error):
                return html(.unprocessableContent, IntakePage.form(tenant: tenant, token: fresh, submission: read.submission, error: error))
            case .limited:
                return html(
                    .tooManyRequests,
                    IntakePage.message(title: "Prøv igen senere", text: "Der er sendt mange klager herfra. Prøv igen om en time.", tenant: tenant))
            case .unavailable:
                return html(
                    .serviceUnavailable, IntakePage.message(title: "Prøv igen senere", text: "Klagen kunne ikke gemmes lige nu.", tenant: tenant))
            }
        }
        router.post("klage/:tenant/api") { request, context -> Response in
            guard let (tenant, workflow) = try await intakeTenant(context, doors: doors) else {
                return json(.notFound, ["error": ["reason": "not found"]])
            }
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                return json(.unsupportedMediaType, ["error": ["reason": "send Content-Type: application/json"]])
            }
            guard let body = try? await request.body.collect(upTo: maxBodyBytes) else {
                return json(.contentTooLarge, ["error": ["reason": "the body is larger than 16 KiB"]])
            }
            let submission: IntakeSubmission
            do {
                submission = try StrictJSON.decode(IntakeSubmission.self, from: Data(body.readableBytesView))
            } catch let error as StrictJSON.Failure {
                return json(.badRequest, ["error": ["reason": .string("the body is not a JSON object of the intake's fields: \(error.reason)")]])
            }
            switch await guards.file(submission, tenant: tenant, workflow: workflow, address: context.clientAddress) {
            case .filed(let receipt): return json(.created, ["receipt": .string(receipt)])
            case .invalid(let error):
                return json(
                    .unprocessableContent, ["error": ["field": .string(error.field ?? ""), "reason": .string(error.reason ?? error.message)]])
            case .limited: return json(.tooManyRequests, ["error": ["reason": "too many complaints from here now; try again in an hour"]])
            case .unavailable: return json(.serviceUnavailable, ["error": ["reason": "the complaint could not be stored now; try again"]])
            }
        }
    }

    /// The tenant named in the path and its intake workflow, or `nil` when it has none; from memory.
    private static func intakeTenant(_ context: KlageRequestContext, doors: ServerDoors) async throws -> (Tenant, WorkflowID)? {
        guard let id = context.parameters.get("tenant"), (1...64).contains(id.utf8.count),
            let tenant = try await doors.tenants.tenant(TenantID(id)),
            let workflow = tenant.settings["intake.workflow"]?.stringValue
        else { return nil }
        return (tenant, WorkflowID(workflow))
    }

    /// Whether a form post comes from a page of this host: `Sec-Fetch-Site` (sent by current browsers)
    /// is `same-origin` or `none` when present, and an `Origin` is this host's. `Origin: null` is what a
    /// browser sends from our own page, whose `Referrer-Policy` is `no-referrer`; the token decides then.
    static func sameSite(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(), site != "same-origin", site != "none" { return false }
        if request.headers[ConsoleHeaders.origin] == "null" { return true }
        return ConsoleRoutes.originAllowed(request)
    }

    private static func notFound() -> Response {
        html(.notFound, IntakePage.message(title: "Siden findes ikke", text: "Der er ingen klageformular her."))
    }

    private static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
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
