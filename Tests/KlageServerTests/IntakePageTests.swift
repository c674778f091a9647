import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The intake page a citizen meets, on both engines: its style sheet (allowed by its own policy, and
/// served), the tenant's accessibility statement linked on every page, and how the tenant processes
/// the citizen's data (the tenant's own notice, or a plain one naming it as controller).
@Suite struct IntakePageTests {
    static let tenants: [ServerConfiguration.TenantSeed] = [
        .init(
            id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt"],
            settings: [
                "intake.workflow": "borgerkontakt.dialogue", "intake.accessibilityStatement": "https://www.kk.dk/tilgaengelighedserklaering",
                "intake.privacyNotice": "Københavns Kommune behandler dine oplysninger efter databeskyttelsesforordningen.\nSkriv til <dpo@kk.dk>.",
                "intake.privacyPolicy": "https://www.kk.dk/persondata",
            ]),
        .init(id: "roskilde", name: "Roskilde Kommune", plugins: ["roskilde"], settings: ["intake.workflow": "roskilde.abc"]),
    ]

    @Test(arguments: StorageBackend.available)
    func thePageIsStyledLinksTheAccessibilityStatementAndTellsHowDataIsProcessed(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, tenants: Self.tenants) { server in
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/klage/kobenhavn")!)
            request.httpMethod = "GET"
            let (data, response) = try await URLSession.shared.data(for: request)
            let html = String(decoding: data, as: UTF8.self)
            let policy = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Security-Policy") ?? ""
            #expect(policy.contains("style-src 'self'") && policy.contains("default-src 'none'") && !policy.contains("unsafe-inline"))
            #expect(html.contains(#"<link rel="stylesheet" href="/console/intake.css">"#))
            #expect(
                html.contains(#"<a href="https://www.kk.dk/tilgaengelighedserklaering" id="accessibility-statement">Tilgængelighedserklæring</a>"#))
            #expect(html.contains("Sådan behandler vi dine oplysninger"))
            #expect(html.contains("efter databeskyttelsesforordningen.\nSkriv til &lt;dpo@kk.dk&gt;."), "the tenant's words, escaped")
            #expect(html.contains(#"<a href="https://www.kk.dk/persondata">"#))

            let css = try await server.get("/console/intake.css")
            #expect(css.status == 200 && String(decoding: css.body, as: UTF8.self).contains(":focus-visible"))

            // Without its own settings: the plain notice names the tenant as controller; no statement link is made up.
            let roskilde = String(decoding: try await server.get("/klage/roskilde").body, as: UTF8.self)
            #expect(roskilde.contains("Roskilde Kommune er dataansvarlig"))
            #expect(!roskilde.contains("accessibility-statement"))
        }
    }

    @Test func theSettingsTakeOnlyHttpsLinksAndPlainText() throws {
        let link = TenantSettings.accessibilityStatement
        #expect(link.parse("https://www.kk.dk/tilgaengelighed") == "https://www.kk.dk/tilgaengelighed")
        for bad: JSONValue in [
            "http://www.kk.dk", "javascript:alert(1)", "https://", "https://www.kk.dk/a b", 5,
            .string("https://x.dk/" + String(repeating: "a", count: 500)),
        ] {
            #expect(link.parse(bad) == nil, "\(bad)")
        }
        let notice = TenantSettings.privacyNotice
        #expect(notice.parse("Linje et\nLinje to") == "Linje et\nLinje to")
        #expect(notice.parse("bell\u{07}") == nil)
        #expect(notice.parse(.string(String(repeating: "a", count: 4_001))) == nil)
        #expect(throws: KlageError.self) { try TenantSettings.validate(["intake.accessibilityStatement": "ftp://kk.dk"]) }
        #expect(throws: KlageError.self) { try TenantSettings.validate(["intake.privacyPolicy": "http://kk.dk"]) }
        try TenantSettings.validate(["intake.accessibilityStatement": "https://kk.dk/a", "intake.privacyNotice": "Tekst"])
    }
}
