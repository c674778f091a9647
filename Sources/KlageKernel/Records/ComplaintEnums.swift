/// The legal track of a complaint (DOMAIN.md "Two legal tracks").
///
/// Dissatisfaction with service or conduct is handled freely by dialogue; an appeal of a decision keeps
/// its statutory steps and deadlines whatever the dialogue achieves.
public enum ComplaintTrack: String, Sendable, Hashable, Codable, CaseIterable {
    /// Dissatisfaction with service, conduct or process: the dialogue track.
    case dissatisfaction
    /// An appeal of a decision (afgørelse): reconsider, then forward within the statutory deadline.
    case appeal
}

/// How the complaint reached the municipality.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    case phone, email, letter, web, meeting
    case digitalPost = "digital_post"
    case other
}

/// How a complaint ended: the fixed list of DOMAIN.md ("richer closing states").
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The citizen was found right (medhold).
    case upheld
    /// The citizen was found partly right.
    case partlyUpheld = "partly_upheld"
    /// The complaint was rejected (afslag).
    case rejected
    /// The case was forwarded, e.g. to Ankestyrelsen.
    case forwarded
    /// The citizen withdrew the complaint after dialogue; needs the citizen's recorded consent.
    case withdrawn
    /// Resolved to the citizen's satisfaction; needs the citizen's recorded confirmation.
    case resolved

    /// Whether closing with this outcome needs the citizen's recorded consent: the municipality does not close
    /// a complaint by agreement on the citizen's behalf (DomainAndLaw "Closing").
    public var needsCitizenConsent: Bool { self == .withdrawn || self == .resolved }

    /// What the outcome is called, in each language.
    public var title: LocalizedText {
        switch self {
        case .upheld: LocalizedText(da: "Medhold", en: "Upheld")
        case .partlyUpheld: LocalizedText(da: "Delvis medhold", en: "Partly upheld")
        case .rejected: LocalizedText(da: "Afslag", en: "Rejected")
        case .forwarded: LocalizedText(da: "Sendt videre", en: "Forwarded")
        case .withdrawn: LocalizedText(da: "Trukket tilbage", en: "Withdrawn")
        case .resolved: LocalizedText(da: "Løst", en: "Resolved")
        }
    }
}

/// The kind of a recorded contact. Oral kinds are two-way conversations and meet first-contact deadlines.
public enum ContactKind: String, Sendable, Hashable, Codable, CaseIterable {
    case phone, meeting, video, email, letter
    /// A letter sent by Digital Post (the public sector's digital mailbox): written, like `letter`.
    case digitalPost = "digital_post"
    case other

    /// Whether this is an oral, two-way conversation (phone, meeting, video).
    public var isOral: Bool { self == .phone || self == .meeting || self == .video }

    /// Whether this is a written contact (letter, e-mail, Digital Post): a written answer, or the written route
    /// to an unreachable citizen.
    public var isWritten: Bool { self == .letter || self == .email || self == .digitalPost }
}
