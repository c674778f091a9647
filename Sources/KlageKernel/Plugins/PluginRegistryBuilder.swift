/// Collects plug-ins, then validates everything once and freezes it into a ``PluginRegistry``.
///
/// ```swift
/// var builder = PluginRegistryBuilder()
/// builder.register(StyrketBorgerkontakt())
/// let registry = try builder.build()
/// ```
public struct PluginRegistryBuilder: Sendable {
    private var registrars: [PluginRegistrar] = []
    private var titles: [PluginID: String] = [:]

    public init() {}

    /// Registers a plug-in. Registering two plug-ins with one id is a programmer mistake.
    public mutating func register(_ plugin: any KlagePlugin) {
        precondition(titles[plugin.id] == nil, "plug-in '\(plugin.id)' is registered twice")
        var registrar = PluginRegistrar(pluginID: plugin.id)
        plugin.register(into: &registrar)
        titles[plugin.id] = plugin.title
        registrars.append(registrar)
    }

    /// Validates every workflow and returns the frozen registry.
    ///
    /// - Throws: ``WorkflowDefinitionError`` naming the first broken workflow and what is wrong.
    public func build() throws -> PluginRegistry {
        var workflows: [WorkflowID: [Int: WorkflowDefinition]] = [:]
        var owners: [WorkflowID: PluginID] = [:]
        for registrar in registrars {
            for definition in registrar.workflows {
                guard definition.id.rawValue.hasPrefix(registrar.pluginID.rawValue + ".") else {
                    throw WorkflowDefinitionError(workflow: definition.id, problem: "its id must start with '\(registrar.pluginID).'")
                }
                guard workflows[definition.id]?[definition.version] == nil else {
                    throw WorkflowDefinitionError(workflow: definition.id, problem: "version \(definition.version) is registered twice")
                }
                try WorkflowValidator.validate(definition)
                workflows[definition.id, default: [:]][definition.version] = definition
                owners[definition.id] = registrar.pluginID
            }
        }
        var operations: [String: (PluginID, PluginOperation)] = [:]
        for registrar in registrars {
            for operation in registrar.operations {
                precondition(operations[operation.name] == nil, "operation \(operation.name) is registered twice")
                operations[operation.name] = (registrar.pluginID, operation)
            }
        }
        var settings: [String: any TenantSetting] = [:]
        for registrar in registrars {
            for setting in registrar.settings {
                precondition(settings[setting.key] == nil, "setting \(setting.key) is declared twice")
                settings[setting.key] = setting
            }
        }
        return PluginRegistry(
            titles: titles,
            workflows: workflows,
            workflowOwners: owners,
            eventHandlers: registrars.flatMap(\.eventHandlers),
            operations: operations.values.sorted { $0.1.name < $1.1.name },
            learningValidators: registrars.flatMap(\.learningValidators),
            attentionSources: registrars.flatMap(\.attentionSources),
            settings: settings.values.sorted { $0.key < $1.key }
        )
    }
}

/// A workflow definition that cannot run: found at start-up, not by a caseworker.
public struct WorkflowDefinitionError: Error, CustomStringConvertible {
    public let workflow: WorkflowID
    public let problem: String
    public var description: String { "workflow '\(workflow)': \(problem)" }
}
