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
///
/// Registration records; it never stops the process. ``PluginRegistryBuilder/build()`` checks what
/// was registered and refuses the plug-in, naming it and what to fix, so a mistake stops the host at
/// start-up and never meets a citizen's request. The order of the calls does not matter.
public struct PluginRegistrar: Sendable {
    /// The plug-in registering.
    public let pluginID: PluginID
    private(set) var workflows: [WorkflowDefinition] = []
    private(set) var eventHandlers: [EventHandlerRegistration] = []
    private(set) var operations: [PluginOperation] = []
    private(set) var learningValidators: [LearningValidatorRegistration] = []
    private(set) var attentionSources: [AttentionSourceRegistration] = []
    /// The settings declared with ``setting(_:)``; see ``settings`` for all of them.
    private(set) var declaredSettings: [any TenantSetting] = []
    private(set) var attentionKinds: [AttentionKind: LocalizedText] = [:]
    private(set) var eventTitles: [EventType: LocalizedText] = [:]
    private(set) var complaintPanels: [ComplaintPanel] = []
    private(set) var boards: [ConsoleBoard] = []
    /// Mistakes seen while registering (an attention kind declared twice, differently).
    private(set) var mistakes: [String] = []

    init(pluginID: PluginID) {
        self.pluginID = pluginID
    }

    /// Registers a workflow. Its id must start with the plug-in's id and a dot.
    ///
    /// A setting that its deadlines name (`DeadlineRule(…, setting: Self.answerDeadline, …)`) is
    /// declared with it; declaring it with ``setting(_:)`` too, before or after, is the same declaration.
    public mutating func workflow(_ definition: WorkflowDefinition) {
        workflows.append(definition)
    }

    /// Registers a handler called with the typed payload of an event after it is stored, for tenants
    /// that enable the plug-in.
    ///
    /// ```swift
    /// registrar.on(ContactRecorded.self) { recorded, context in
    ///     guard let agreement = try recorded.contact.fields[Triangle.agreement] else { return }
    ///     …
    /// }
    /// ```
    /// The handler runs in a ``PluginContext`` of the event's tenant, at least once per event: right
    /// after the commit, and again from the outbox (with back-off) until it succeeds. What it creates
    /// through the context is keyed by the event, so a second run for the same event writes nothing
    /// new. If it throws, the failure is logged and retried; what was stored stays stored.
    public mutating func on<Event: PluginEvent>(_ event: Event.Type, _ handler: @escaping @Sendable (Event, PluginContext) async throws -> Void) {
        eventHandlers.append(
            EventHandlerRegistration(pluginID: pluginID, type: Event.type, key: nextHookKey(for: Event.type)) { published, context in
                guard let payload = try await Event.payload(of: published, in: context) else { return }
                try await handler(payload, context)
            })
    }

    /// Registers a handler called after an event of `type` is stored, for tenants that enable the plug-in;
    /// for events without a typed payload (``PluginEvent``), e.g. `.complaintReceived` or `.deadlineMissed`.
    ///
    /// The handler runs at least once per event, like the typed `on(_:_:)` above: retried from the outbox, keyed by the event.
    public mutating func on(_ type: EventType, _ handler: @escaping @Sendable (DomainEvent, PluginContext) async throws -> Void) {
        eventHandlers.append(
            EventHandlerRegistration(pluginID: pluginID, type: type, key: nextHookKey(for: type)) { published, context in
                try await handler(published.event, context)
            })
    }

    /// The key of the next hook on `type`: the plug-in's id, then `#2`, `#3` for further hooks on the same event.
    private func nextHookKey(for type: EventType) -> String {
        let earlier = eventHandlers.filter { $0.type == type }.count
        return earlier == 0 ? pluginID.rawValue : "\(pluginID.rawValue)#\(earlier + 1)"
    }

    /// Declares a tenant setting: the kernel checks tenants' values of it on `tenant.create` and
    /// `tenant.update`, and the plug-in reads it typed with ``PluginContext/setting(_:)``.
    ///
    /// ```swift
    /// static let callbackDeadline = DeadlineSetting("borgerkontakt.callbackDeadline", default: .workingHours(8))
    /// registrar.setting(Self.callbackDeadline)
    /// ```
    /// Its key must start with the plug-in's id and a dot. The settings that a registered workflow's
    /// deadlines name are declared with them, whether this call comes before or after the workflow's;
    /// declaring a setting twice the same way is one declaration, two different ways a start-up error.
    public mutating func setting(_ setting: some TenantSetting) {
        declaredSettings.append(setting)
    }

    /// Registers an operation, exposed as a JSON-RPC method. Its name must be `<plugin>.<noun>.<verb>`.
    public mutating func operation(_ operation: PluginOperation) {
        operations.append(operation)
    }

    /// Registers a check run on every new learning item before it is stored, for tenants that enable the plug-in.
    ///
    /// Throw ``KlageError/validation(field:reason:)`` to refuse the item; nothing is stored then.
    /// Tenants without the plug-in are unaffected. Without a registration, nothing is checked.
    ///
    /// ```swift
    /// registrar.validateLearningItem { draft, context in
    ///     guard let name = draft.department else { return }
    ///     guard try await context.records.first(Department.self, ref: name) != nil else {
    ///         throw KlageError.validation(field: "department", reason: "no department '\(name)'")
    ///     }
    /// }
    /// ```
    public mutating func validateLearningItem(_ validator: @escaping @Sendable (NewLearningItem, PluginContext) async throws -> Void) {
        learningValidators.append(LearningValidatorRegistration(pluginID: pluginID, validate: validator))
    }

    /// Registers a source of items for `attention.list`: the plug-in's overdue records, for tenants that enable it.
    ///
    /// The source returns items sorted or not, at most `query.limit` of them; the kernel merges them
    /// with the complaints' clocks, sorts by due time and cuts to the limit. Items must carry no
    /// citizen personal data. Without a registration, the plug-in contributes nothing.
    ///
    /// ```swift
    /// registrar.attention { query, context in
    ///     try await context.records.list(AgreedTask.self, state: .open, dueBefore: context.now, limit: query.limit)
    ///         .map { AttentionItem(kind: "borgerkontakt.taskOverdue", dueAt: $0.dueAt, title: "Agreed task") }
    /// }
    /// ```
    public mutating func attention(_ source: @escaping @Sendable (AttentionQuery, PluginContext) async throws -> [AttentionItem]) {
        attentionSources.append(AttentionSourceRegistration(pluginID: pluginID, items: source))
    }

    /// Declares a kind of attention item the plug-in's sources return, with the title the console
    /// shows for it in Danish and English. Its name must start with the plug-in's id and a dot.
    ///
    /// ```swift
    /// registrar.attentionKind(Self.taskOverdue, title: LocalizedText(da: "Aftalt opgave overskredet", en: "Agreed task overdue"))
    /// ```
    public mutating func attentionKind(_ kind: AttentionKind, title: LocalizedText) {
        if let earlier = attentionKinds.updateValue(title, forKey: kind), earlier != title {
            mistakes.append("attention kind '\(kind)' is declared twice, with different titles")
        }
    }

    /// Declares what the console's journey calls one of the plug-in's event types, in Danish and English
    /// (an event's own `summary` is English, for integrations). Its name must start with the plug-in's id and a dot.
    ///
    /// ```swift
    /// registrar.eventTitle(Self.note, title: LocalizedText(da: "Notat", en: "Note"))
    /// ```
    public mutating func eventTitle(_ type: EventType, title: LocalizedText) {
        if let earlier = eventTitles.updateValue(title, forKey: type), earlier != title {
            mistakes.append("event type '\(type)' is titled twice, differently")
        }
    }

    /// Adds a table to the console's page of a complaint, for tenants that enable the plug-in (see ``ComplaintPanel``).
    public mutating func panel(_ panel: ComplaintPanel) {
        complaintPanels.append(panel)
    }

    /// Adds a page of the plug-in's own to the console, for tenants that enable it (see ``ConsoleBoard``).
    public mutating func board(_ board: ConsoleBoard) {
        boards.append(board)
    }
}

/// One registered event handler (see ``PluginRegistrar``'s `on`).
public struct EventHandlerRegistration: Sendable {
    /// The plug-in that registered it.
    public let pluginID: PluginID
    /// The event type it handles.
    public let type: EventType
    /// Names the hook in the outbox: the plug-in's id (`#2`, `#3` for its further hooks on the same event type).
    public let key: String
    /// The handler, given the published event.
    public let handler: @Sendable (PublishedEvent, PluginContext) async throws -> Void
}

/// One registered learning-item check (see ``PluginRegistrar/validateLearningItem(_:)``).
public struct LearningValidatorRegistration: Sendable {
    /// The plug-in that registered it.
    public let pluginID: PluginID
    /// The check.
    public let validate: @Sendable (NewLearningItem, PluginContext) async throws -> Void
}

/// One registered attention source (see ``PluginRegistrar/attention(_:)``).
public struct AttentionSourceRegistration: Sendable {
    /// The plug-in that registered it.
    public let pluginID: PluginID
    /// The source.
    public let items: @Sendable (AttentionQuery, PluginContext) async throws -> [AttentionItem]
}
