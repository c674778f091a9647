import KlageKernel

/// A request body as the parser read it: one element, or a batch of elements.
///
/// Each element keeps, beside its value, the literal text of its numeric `id` member, so that an id
/// such as `9007199254740993` or `1.5e3` is answered digit for digit rather than through a `Double`.
enum RPCBody {
    /// One element of a body: a request object, or anything else a caller sent in its place.
    struct Element {
        /// The element as a JSON value.
        let value: JSONValue
        /// The literal text of the element's `id` member when it is a number; `nil` otherwise.
        let idLiteral: String?
    }

    /// A body holding one element.
    case single(Element)
    /// A body holding a JSON array: a batch.
    case batch([Element])
}
