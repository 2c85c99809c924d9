/// The version of Plainsite, its one place: part of every cache key, printed by --version, in
/// SARIF reports, and read by the Makefile for the release packages' names.
public enum PlainsiteVersion {
    public static let current = "0.2.0"
}
