// The kernel speaks in KlageValues' types (`JSONValue`, `Timestamp`, `NotEncoded`), so whoever imports
// the kernel sees them too.
@_exported public import KlageValues
