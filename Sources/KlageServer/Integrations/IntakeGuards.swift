import Foundation
import KlageKernel
import KlageRPC
import Logging

/// What the intake checks before and as it files a submission: the form tokens, the limit per client
/// address and the ceiling per tenant (see ``IntakeRoutes``).
struct IntakeGuards: Sendable {
    let host: KlageHost
    let tokens: IntakeFormToken
    let perAddress = IntakeLimiter()
    let perTenant = IntakeLimiter(capacity: 10_000)

    init(host: KlageHost) {
        self.host = host
        let settings = host.configuration.integrations
        tokens = IntakeFormToken(secret: (try? settings.intakeFormSecret()) ?? IntakeFormToken.randomSecret())
    }

    /// What became of a submission.
    enum Outcome {
        case filed(String)
        case invalid(KlageError)
        case limited
        case unavailable
    }

    /// Files a submission as a complaint, unless it is a robot's, invalid, or over a limit.
    func file(_ submission: IntakeSubmission, tenant: Tenant, workflow: WorkflowID, address: String) async -> Outcome {
        let settings = host.configuration.integrations
        guard perAddress.admit(address, ceiling: settings.intakePerAddressPerHour) else { return .limited }
        let receipt = IntakeSubmission.newReceipt()
        if submission.isRobot { return .filed(receipt) }
        do {
            let draft = try submission.draft(workflow: workflow, receipt: receipt)
            let ceiling = tenant.settings["intake.maxPerHour"]?.numberValue.map { Int($0) } ?? settings.intakePerTenantPerHour
            guard perTenant.admit(tenant.id.rawValue, ceiling: ceiling) else {
                noteCeiling(ceiling, tenant: tenant.id)
                return .limited
            }
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

    /// Puts "the intake reached its ceiling" on the tenant's attention list for the next hour.
    private func noteCeiling(_ ceiling: Int, tenant: TenantID) {
        let now = host.services.env.clock.now()
        let item = AttentionItem(
            kind: IntakeRoutes.ceilingReached, dueAt: now,
            title: LocalizedText(
                da: "Webformularen har nået sit loft på \(ceiling) klager i timen; flere afvises, til timen er gået",
                en: "The web intake reached its ceiling of \(ceiling) complaints an hour; more are refused until the hour has passed"))
        host.services.env.notices.post(item, tenant: tenant, until: now.addingTimeInterval(3600))
    }
}
