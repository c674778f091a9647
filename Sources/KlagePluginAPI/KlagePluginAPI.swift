// The plug-in face: the kernel's declarations a plug-in under `Plugins/` may name, and nothing else.
//
// A plug-in imports this module only (and Foundation): `import KlagePluginAPI`. Each line below
// re-exports one kernel declaration (a scoped `@_exported import`), so a plug-in sees these names and
// their members, and none of the kernel's other types: its services, stores, views and reports stay
// out of reach. A declaration joins the face when a plug-in needs to name it; `PluginFaceTests`
// fails on a re-export no plug-in and no guide snippet uses.

// Attention.
@_exported public import struct KlageKernel.AttentionItem
@_exported public import struct KlageKernel.AttentionKind
@_exported public import struct KlageKernel.AttentionQuery
@_exported public import struct KlageKernel.AttentionRecordRef
@_exported public import enum KlageKernel.ClientTime
@_exported public import struct KlageKernel.ComplaintDocument
@_exported public import typealias KlageKernel.ComplaintID
@_exported public import struct KlageKernel.ComplaintPanel
@_exported public import struct KlageKernel.ConsoleBoard
@_exported public import struct KlageKernel.Contact
@_exported public import typealias KlageKernel.ContactID
// Hooks and checks.
@_exported public import struct KlageKernel.ContactRecorded
@_exported public import struct KlageKernel.DeadlineRule
@_exported public import struct KlageKernel.DeadlineSetting
@_exported public import typealias KlageKernel.EventID
@_exported public import struct KlageKernel.EventType
@_exported public import struct KlageKernel.ExplicitNull
// Declared values: fields, settings, workflows.
@_exported public import struct KlageKernel.Field
@_exported public import protocol KlageKernel.FieldDeclaration
@_exported public import struct KlageKernel.FieldSpec
// Identifiers of what a plug-in refers to.
@_exported public import struct KlageKernel.Identifier
@_exported public import struct KlageKernel.ItemList
@_exported public import enum KlageKernel.KernelActionFields
@_exported public import struct KlageKernel.KlageError
// The plug-in and what it registers into.
@_exported public import protocol KlageKernel.KlagePlugin
@_exported public import struct KlageKernel.LearningItemCreated
@_exported public import typealias KlageKernel.LearningItemID
// The console: panels on a complaint's page, boards of the plug-in's own, titles in Danish and English.
@_exported public import struct KlageKernel.LocalizedText
@_exported public import struct KlageKernel.NewLearningItem
@_exported public import struct KlageKernel.NoState
@_exported public import struct KlageKernel.NumberSetting
@_exported public import struct KlageKernel.PanelColumn
@_exported public import struct KlageKernel.PluginContext
@_exported public import typealias KlageKernel.PluginID
// Operations: JSON-RPC methods and their results.
@_exported public import struct KlageKernel.PluginOperation
@_exported public import struct KlageKernel.PluginRegistrar
@_exported public import struct KlageKernel.RecordIndex
@_exported public import protocol KlageKernel.RecordState
// Records a plug-in keeps.
@_exported public import protocol KlageKernel.StorableRecord
@_exported public import struct KlageKernel.StoredRecord
@_exported public import enum KlageKernel.Validate
@_exported public import struct KlageKernel.WorkflowAction
@_exported public import struct KlageKernel.WorkflowDefinition
@_exported public import struct KlageKernel.WorkflowGuard
@_exported public import struct KlageKernel.WorkflowState
@_exported public import enum KlageKernel.WrittenRoute
// Values beneath the kernel.
@_exported public import enum KlageValues.JSONValue
