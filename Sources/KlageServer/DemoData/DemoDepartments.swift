/// The municipal departments demo complaints are spread over, with how often each is complained about
/// and what complaints to it and lessons from it sound like.
struct DemoDepartment: Sendable {
    let name: String
    /// Relative share of the complaints.
    let weight: Double
    let subjects: [String]
    let lessons: [String]

    /// Seven departments of a Danish municipality.
    static let all: [DemoDepartment] = [
        DemoDepartment(
            name: "Borgerservice", weight: 22,
            subjects: ["Lang ventetid på pas", "Fejl i adresseændring", "Ingen svar på henvendelse", "Afvist ved skranken"],
            lessons: ["Tydeligere besked om ventetid", "Tjekliste til adresseændringer"]),
        DemoDepartment(
            name: "Teknik og Miljø", weight: 18,
            subjects: ["Affald ikke afhentet", "Byggesag trækker ud", "Huller i vejen", "Støj fra vejarbejde"],
            lessons: ["Varsling før vejarbejde", "Status på byggesager hver fjortende dag"]),
        DemoDepartment(
            name: "Socialforvaltningen", weight: 15,
            subjects: ["Sagsbehandlingstid på bostøtte", "Uklar afgørelse", "Skiftende sagsbehandlere", "Manglende partshøring"],
            lessons: ["Fast kontaktperson i sagen", "Afgørelser i klart sprog"]),
        DemoDepartment(
            name: "Børn og Unge", weight: 14,
            subjects: ["Ventetid på pladsanvisning", "Utilfreds med PPR-forløb", "Skolebuskørsel", "Manglende opfølgning"],
            lessons: ["Ring forældre op inden brevet", "Fælles overblik over ventelister"]),
        DemoDepartment(
            name: "Beskæftigelse", weight: 12,
            subjects: ["Sanktion uden forklaring", "Aflyst samtale", "Fejl i udbetaling", "Krav om dokumentation"],
            lessons: ["Forklar sanktioner mundtligt", "Bekræft samtaletider på sms"]),
        DemoDepartment(
            name: "Ældre og Sundhed", weight: 13,
            subjects: ["Hjemmehjælp udeblev", "Ventetid på genoptræning", "Hjælpemiddel forsinket", "Uvenlig medarbejder"],
            lessons: ["Besked til borgeren ved aflysning", "Faste hold i hjemmeplejen"]),
        DemoDepartment(
            name: "Kultur og Fritid", weight: 6,
            subjects: ["Booking af lokaler", "Lukket svømmehal", "Bibliotekets åbningstider"],
            lessons: ["Opdater åbningstider på hjemmesiden"]),
    ]

    /// The departments as weighted choices.
    static let choices: [(DemoDepartment, Double)] = all.map { ($0, $0.weight) }
}
