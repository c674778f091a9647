extension PluginRegistrar {
    /// Every setting of the plug-in, in any order of registration: those declared with
    /// ``setting(_:)`` (once each), then those that only its workflows' deadlines name, with the
    /// rule's duration as the default.
    var settings: [any TenantSetting] {
        var keys: Set<String> = []
        var all = declaredSettings.filter { keys.insert($0.key).inserted }
        for rule in workflows.flatMap(\.deadlines) {
            if let key = rule.setting, keys.insert(key).inserted { all.append(DeadlineSetting(key, default: rule.duration)) }
        }
        return all
    }

    /// What is wrong with what the plug-in registered, each said so that its author knows what to fix;
    /// ``PluginRegistryBuilder/build()`` refuses the plug-in with the first.
    var problems: [String] {
        mistakes + namingProblems + settingProblems + fieldProblems + workflows.compactMap(WorkflowValidator.appealProblem)
            + consoleProblems
    }

    private var prefix: String { pluginID.rawValue + "." }

    /// Operations named `<plugin>.<noun>.<verb>`, once each; settings and attention kinds in the plug-in's namespace.
    private var namingProblems: [String] {
        var problems: [String] = []
        var names: Set<String> = []
        for operation in operations {
            let parts = operation.name.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count != 3 || parts[0] != pluginID.rawValue || parts.contains(where: \.isEmpty) {
                problems.append("operation '\(operation.name)' must be named \(prefix)<noun>.<verb>")
            }
            if !names.insert(operation.name).inserted { problems.append("operation '\(operation.name)' is registered twice") }
        }
        for setting in settings where !setting.key.hasPrefix(prefix) {
            problems.append("setting '\(setting.key)' must start with '\(prefix)'")
        }
        for kind in attentionKinds.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !kind.rawValue.hasPrefix(prefix) {
            problems.append("attention kind '\(kind)' must start with '\(prefix)'")
        }
        for type in eventTitles.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !type.rawValue.hasPrefix(prefix) {
            problems.append("event type '\(type)' must start with '\(prefix)'")
        }
        if !attentionSources.isEmpty, attentionKinds.isEmpty {
            problems.append(
                "it registers an attention source but declares no attention kind: declare each kind its items carry with "
                    + "registrar.attentionKind(_:title:), so that the console can title them")
        }
        return problems
    }

    /// A setting declared twice differently, a declaration its own default breaks, or a deadline that
    /// names a declared setting but runs for another default.
    private var settingProblems: [String] {
        var problems = declaredSettings.compactMap(\.declarationProblem)
        var first: [String: any TenantSetting] = [:]
        for setting in declaredSettings {
            guard let earlier = first[setting.key] else {
                first[setting.key] = setting
                continue
            }
            if !Self.same(earlier, setting) {
                problems.append("setting '\(setting.key)' is declared twice, differently: declare it once, as a static let, and register that")
            }
        }
        for definition in workflows {
            for rule in definition.deadlines {
                guard let key = rule.setting, let declared = first[key] else { continue }
                guard let deadline = declared as? DeadlineSetting else {
                    problems.append("deadline '\(rule.name)' of workflow '\(definition.id)' reads setting '\(key)', which is not a DeadlineSetting")
                    continue
                }
                if deadline.defaultValue != rule.duration {
                    problems.append(
                        "deadline '\(rule.name)' of workflow '\(definition.id)' runs for \(rule.duration) by default, but setting '\(key)' "
                            + "says \(deadline.defaultValue): give the rule the setting itself, DeadlineRule(…, setting: <the setting>, …)")
                }
            }
        }
        return problems
    }

    /// Typed fields whose declared kind their Swift type cannot hold, and operations that declare a param twice.
    private var fieldProblems: [String] {
        operations.flatMap(\.problems) + workflows.flatMap { definition in definition.fieldTypeProblems.map { "workflow '\(definition.id)': \($0)" } }
    }

    /// Panels and boards named in the plug-in's namespace, listing through its own operations with declared params.
    private var consoleProblems: [String] {
        var problems: [String] = []
        let own = Dictionary(operations.map { ($0.name, $0) }) { first, _ in first }
        for panel in complaintPanels {
            if !panel.id.hasPrefix(prefix) { problems.append("complaint panel '\(panel.id)' must start with '\(prefix)'") }
            guard let operation = own[panel.method] else {
                problems.append("complaint panel '\(panel.id)' lists '\(panel.method)', which is not one of the plug-in's operations: register it")
                continue
            }
            if !operation.params.contains(where: { $0.name == panel.complaintParam }) {
                problems.append(
                    "complaint panel '\(panel.id)' passes the complaint as '\(panel.complaintParam)', which '\(panel.method)' does not declare")
            }
            if let document = panel.document,
                document.sections.isEmpty || document.sections.contains(where: { ($0.format == .table) == $0.columns.isEmpty })
            {
                problems.append("complaint panel '\(panel.id)' declares a document without sections, or a table section without columns")
            }
        }
        for board in boards {
            if !board.id.hasPrefix(prefix) { problems.append("board '\(board.id)' must start with '\(prefix)'") }
            if board.sections.isEmpty || Set(board.sections.map(\.id)).count != board.sections.count {
                problems.append("board '\(board.id)' needs sections, each with its own id")
            }
            for section in board.sections where section.method.hasPrefix(prefix) && own[section.method] == nil {
                problems.append("board '\(board.id)' lists '\(section.method)', which is not one of the plug-in's operations: register it")
            }
        }
        return problems
    }

    /// Whether two declarations of one key are the same declaration.
    private static func same(_ one: any TenantSetting, _ other: any TenantSetting) -> Bool {
        type(of: one) == type(of: other) && String(describing: one) == String(describing: other)
    }
}
