/// The id of a plug-in, used as the prefix of its RPC methods and in tenants' `plugins` lists.
public typealias PluginID = Identifier<any KlagePlugin>

/// A municipal method packaged as a plug-in: it registers workflows and event hooks with the kernel.
///
/// Plug-ins are values listed in the composition root; there is no runtime discovery.
///
/// ```swift
/// public struct MyMethod: KlagePlugin {
///     public let id: PluginID = "mymethod"
///     public let title = "My municipality's method"
///     public func register(into registrar: inout PluginRegistrar) {
///         registrar.workflow(Self.workflow)
///     }
/// }
/// ```
public protocol KlagePlugin: Sendable {
    /// A short lowercase id, unique on the host, e.g. `borgerkontakt`.
    var id: PluginID { get }
    /// A human title, e.g. "Styrket Borgerkontakt (Copenhagen)".
    var title: String { get }
    /// Registers everything the plug-in contributes. Called once, at start-up.
    func register(into registrar: inout PluginRegistrar)
}

/// What a plug-in registers into; collected by ``PluginRegistryBuilder``.
public struct PluginRegistrar: Sendable {
    /// The plug-in registering.
    public let pluginID: PluginID
    private(set) var workflows: [WorkflowDefinition] = []
    private(set) var eventHandlers: [EventHandlerRegistration] = []
    private(set) var operations: [PluginOperation] = []

    init(pluginID: PluginID) {
        self.pluginID = pluginID
    }

    /// Registers a workflow. Its id must start with the plug-in's id and a dot.
    public mutating func workflow(_ definition: WorkflowDefinition) {
        workflows.append(definition)
    }

    /// Registers a handler called after an event of `type` is stored, for tenants that enable the plug-in.
    ///
    /// The handler runs in a ``PluginContext`` of the event's tenant; if it throws, the failure is
    /// logged and what was stored stays stored.
    public mutating func on(_ type: EventType, _ handler: @escaping @Sendable (DomainEvent, PluginContext) async throws -> Void) {
        eventHandlers.append(EventHandlerRegistration(pluginID: pluginID, type: type, handler: handler))
    }

    /// Registers an operation, exposed as a JSON-RPC method. Its name must be `<plugin>.<noun>.<verb>`.
    public mutating func operation(_ operation: PluginOperation) {
        let parts = operation.name.split(separator: ".", omittingEmptySubsequences: false)
        precondition(parts.count == 3 && parts[0] == pluginID.rawValue && parts.allSatisfy { !$0.isEmpty },
                     "operation \(operation.name) must be named \(pluginID).<noun>.<verb>")
        operations.append(operation)
    }
}

/// One registered event handler.
public struct EventHandlerRegistration: Sendable {
    public let pluginID: PluginID
    public let type: EventType
    public let handler: @Sendable (DomainEvent, PluginContext) async throws -> Void
}
