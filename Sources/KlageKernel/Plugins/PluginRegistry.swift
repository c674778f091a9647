/// The frozen, validated set of plug-ins compiled into this host, with their workflows and hooks.
public struct PluginRegistry: Sendable {
    /// Every plug-in's title, by id.
    public let titles: [PluginID: String]
    private let workflows: [WorkflowID: [Int: WorkflowDefinition]]
    private let workflowOwners: [WorkflowID: PluginID]
    private let eventHandlers: [EventHandlerRegistration]
    private let learningValidators: [LearningValidatorRegistration]
    private let attentionSources: [AttentionSourceRegistration]
    private let consoles: [PluginID: PluginConsole]
    /// Every setting the plug-ins declare, sorted by key.
    public let settings: [any TenantSetting]
    /// Every plug-in operation with its plug-in, sorted by name.
    public let operations: [(plugin: PluginID, operation: PluginOperation)]

    init(
        titles: [PluginID: String], workflows: [WorkflowID: [Int: WorkflowDefinition]],
        workflowOwners: [WorkflowID: PluginID], eventHandlers: [EventHandlerRegistration],
        operations: [(PluginID, PluginOperation)], learningValidators: [LearningValidatorRegistration] = [],
        attentionSources: [AttentionSourceRegistration] = [], settings: [any TenantSetting] = [], consoles: [PluginID: PluginConsole] = [:]
    ) {
        self.consoles = consoles
        self.settings = settings
        self.learningValidators = learningValidators
        self.attentionSources = attentionSources
        self.titles = titles
        self.workflows = workflows
        self.workflowOwners = workflowOwners
        self.eventHandlers = eventHandlers
        self.operations = operations.map { (plugin: $0.0, operation: $0.1) }
    }

    /// The ids of all plug-ins, sorted.
    public var pluginIDs: [PluginID] { titles.keys.sorted() }

    /// A workflow by id and version; the newest version when `version` is `nil`.
    public func workflow(_ id: WorkflowID, version: Int? = nil) -> WorkflowDefinition? {
        guard let versions = workflows[id] else { return nil }
        if let version { return versions[version] }
        return versions.max { $0.key < $1.key }?.value
    }

    /// The newest version of every workflow of the plug-ins `tenant` enables, sorted by id.
    public func workflows(for tenant: Tenant) -> [WorkflowDefinition] {
        workflows.keys.sorted()
            .filter { isEnabled($0, for: tenant) }
            .compactMap { workflow($0) }
    }

    /// Whether `tenant` enables the plug-in that owns `workflow`.
    public func isEnabled(_ workflow: WorkflowID, for tenant: Tenant) -> Bool {
        guard let owner = workflowOwners[workflow] else { return false }
        return tenant.plugins.contains(owner.rawValue)
    }

    /// Throws when `plugins` names a plug-in this host does not have.
    public func checkPlugins(_ plugins: [String], field: String = "plugins") throws {
        for plugin in plugins where titles[PluginID(plugin)] == nil {
            let known = pluginIDs.map(\.rawValue).joined(separator: ", ")
            throw KlageError.validation(field: field, reason: "unknown plug-in '\(plugin)'; this host has: \(known)")
        }
    }

    /// The handlers registered for `type` by plug-ins that `tenant` enables.
    public func handlers(for type: EventType, tenant: Tenant) -> [EventHandlerRegistration] {
        eventHandlers.filter { $0.type == type && tenant.plugins.contains($0.pluginID.rawValue) }
    }

    /// Every event type some plug-in hooks: stored events of these types get an outbox row.
    public var hookedEventTypes: Set<EventType> { Set(eventHandlers.map(\.type)) }

    /// The learning-item checks of plug-ins that `tenant` enables, in registration order.
    public func learningValidators(for tenant: Tenant) -> [LearningValidatorRegistration] {
        learningValidators.filter { tenant.plugins.contains($0.pluginID.rawValue) }
    }

    /// The attention sources of plug-ins that `tenant` enables, in registration order.
    public func attentionSources(for tenant: Tenant) -> [AttentionSourceRegistration] {
        attentionSources.filter { tenant.plugins.contains($0.pluginID.rawValue) }
    }

    /// What the console shows of the plug-ins `tenant` enables, to a signed-in `role`.
    public func console(for tenant: Tenant, role: Role) -> PluginConsole {
        PluginConsole(merging: tenant.plugins.compactMap { consoles[PluginID($0)] }, for: role)
    }

    /// Throws when a plug-in's console panel or board lists a method the host does not serve, e.g. a
    /// kernel method misspelt; checked at start-up, once the host's methods are known.
    public func checkConsoleMethods(served: Set<String>) throws {
        for plugin in consoles.keys.sorted() {
            let console = consoles[plugin]!
            let listed = console.complaintPanels.map(\.method) + console.boards.flatMap { $0.sections.map(\.method) }
            if let unknown = listed.first(where: { !served.contains($0) }) {
                throw PluginRegistrationError(plugin: plugin, problem: "its console lists '\(unknown)', which this host does not serve")
            }
        }
    }
}
