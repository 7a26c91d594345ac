/// The frameworks shipped inside the binary.
public enum BundledFrameworks {
    /// The id of the default framework: the LKE of Peraturan Bupati Murung Raya No. 5/2024,
    /// which adopts PermenPAN-RB 88/2021 (seed 001).
    public static let defaultID = "lke-murung-raya-2024"

    /// The YAML text of the default framework, exactly as in `Frameworks/lke-murung-raya-2024.yaml`.
    public static var defaultYAML: String {
        String(decoding: PackageResources.lke_murung_raya_2024_yaml, as: UTF8.self)
    }

    /// The default framework, loaded and validated (a bundled file is valid by test).
    public static let `default`: Framework = {
        do {
            return try FrameworkLoader.load(yaml: defaultYAML, source: "\(defaultID).yaml").framework
        } catch {
            fatalError("the bundled framework is invalid: \(error)")
        }
    }()

    /// A bundled framework by id, or nil.
    public static func framework(id: String) -> Framework? { id == defaultID ? self.default : nil }
}
