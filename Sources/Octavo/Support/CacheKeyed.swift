/// A value that writes every stored property into a ``CacheKey``, in declaration order.
///
/// Written by hand for speed (a key is made for every page of every rebuild); `keyedFields` names
/// the properties written, and a test holds it to the type's stored properties (`Mirror`), so that
/// a property added later cannot be left out of the key.
protocol CacheKeyed {
    /// Writes every stored property into `key`.
    func append(to key: inout CacheKey)
    /// The names of the properties ``append(to:)`` writes, in its order.
    static var keyedFields: [String] { get }
}
