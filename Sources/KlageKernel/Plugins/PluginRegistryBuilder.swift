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
    private var registeredTwice: [PluginID] = []

    public init() {}

    /// Registers a plug-in. Registering two plug-ins with one id is refused by ``build()``.
    public mutating func register(_ plugin: any KlagePlugin) {
        guard titles[plugin.id] == nil else { return registeredTwice.append(plugin.id) }
        var registrar = PluginRegistrar(pluginID: plugin.id)
        plugin.register(into: &registrar)
        titles[plugin.id] = plugin.title
        registrars.append(registrar)
    }

    /// Validates every plug-in and returns the frozen registry.
    ///
    /// - Throws: ``WorkflowDefinitionError`` naming the first broken workflow and what is wrong, or
    ///   ``PluginRegistrationError`` naming the plug-in and what to fix.
    public func build() throws -> PluginRegistry {
        if let plugin = registeredTwice.first {
            throw PluginRegistrationError(plugin: plugin, problem: "is registered twice: two plug-ins have this id")
        }
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
        for registrar in registrars {
            if let problem = registrar.problems.first { throw PluginRegistrationError(plugin: registrar.pluginID, problem: problem) }
        }
        return PluginRegistry(
            titles: titles,
            workflows: workflows,
            workflowOwners: owners,
            eventHandlers: registrars.flatMap(\.eventHandlers),
            operations: registrars.flatMap { registrar in registrar.operations.map { (registrar.pluginID, $0) } }.sorted { $0.1.name < $1.1.name },
            learningValidators: registrars.flatMap(\.learningValidators),
            attentionSources: registrars.flatMap(\.attentionSources),
            settings: registrars.flatMap(\.settings).sorted { $0.key < $1.key },
            consoles: Dictionary(uniqueKeysWithValues: registrars.map { ($0.pluginID, PluginConsole($0)) })
        )
    }
}

/// A workflow definition that cannot run: found at start-up, not by a caseworker.
public struct WorkflowDefinitionError: Error, CustomStringConvertible {
    public let workflow: WorkflowID
    public let problem: String
    public var description: String { "workflow '\(workflow)': \(problem)" }
}

/// A plug-in's mistake, found at start-up: it names the plug-in and what to fix.
public struct PluginRegistrationError: Error, CustomStringConvertible, Equatable {
    /// The plug-in.
    public let plugin: PluginID
    /// What is wrong, and what to do about it.
    public let problem: String
    public var description: String { "plug-in '\(plugin)': \(problem)" }

    public init(plugin: PluginID, problem: String) {
        self.plugin = plugin
        self.problem = problem
    }
}
