import KlageKernel

/// The citizen's intake page, server-rendered HTML that needs no JavaScript (and reads well without its
/// style sheet, `/console/intake.css`): every field has a label, errors are listed at the top with links
/// to their fields and repeated beside them, and the honeypot sits in a `hidden` block that browsers and
/// screen readers never show. Below the form, how the tenant processes the citizen's data (its setting
/// `intake.privacyNotice`, with `intake.privacyPolicy`), and on every page the link to its accessibility
/// statement (`intake.accessibilityStatement`).
enum IntakePage {
    /// The form, with what the citizen wrote and the error to fix, if any; `token` is the form's
    /// ``IntakeFormToken``, sent back as a hidden field.
    static func form(tenant: Tenant, token: String, submission: IntakeSubmission = IntakeSubmission(), error: KlageError? = nil) -> String {
        let name = escape(tenant.name)
        let problem = error.map { (field: $0.field ?? "subject", text: message(for: $0)) }
        func described(_ field: String) -> String {
            problem?.field == field ? " aria-invalid=\"true\" aria-describedby=\"\(field)-error\"" : ""
        }
        func inline(_ field: String) -> String {
            guard let problem, problem.field == field else { return "" }
            return "<br><strong id=\"\(field)-error\">\(escape(problem.text))</strong>"
        }
        let summary =
            problem.map {
                "<div role=\"alert\"><h2>Der er en fejl</h2><ul><li><a href=\"#\($0.field)\">\(escape($0.text))</a></li></ul></div>\n"
            } ?? ""
        return page(
            tenant: tenant, title: "Klag til \(name)",
            body: """
                <h1>Klag til \(name)</h1>
                <p>Er du utilfreds med noget, vi har gjort? Skriv det her, så ringer vi dig op og taler med dig om det.</p>
                \(summary)<form method="post" action="/klage/\(escape(tenant.id.rawValue))">
                <input type="hidden" name="token" value="\(escape(token))">
                <p><label for="subject">Hvad drejer det sig om? (skal udfyldes)</label>\(inline("subject"))<br>
                <input id="subject" name="subject" required maxlength="200" size="60" value="\(escape(submission.subject))"\(described("subject"))></p>
                <p><label for="description">Fortæl hvad der skete (skal udfyldes)</label>\(inline("description"))<br>
                <textarea id="description" name="description" required maxlength="5000" rows="8" cols="60"\(described("description"))>\(escape(submission.description))</textarea></p>
                <p><label for="name">Dit navn (skal udfyldes)</label>\(inline("name"))<br>
                <input id="name" name="name" required maxlength="200" autocomplete="name" value="\(escape(submission.name))"\(described("name"))></p>
                <fieldset><legend>Klager du over en afgørelse?</legend>
                <p>En afgørelse er fx et afslag på en ansøgning. En klage over en afgørelse har en frist: vi ser på afgørelsen igen \
                og sender klagen videre til klageinstansen inden for 4 uger, hvis vi ikke giver dig ret.</p>
                <p><input type="radio" id="aboutDecision-yes" name="aboutDecision" value="yes"\(submission.aboutDecision ? " checked" : "")>
                <label for="aboutDecision-yes">Ja, jeg klager over en afgørelse</label><br>
                <input type="radio" id="aboutDecision-no" name="aboutDecision" value="no"\(submission.aboutDecision ? "" : " checked")>
                <label for="aboutDecision-no">Nej, jeg er utilfreds med noget andet (fx service eller sagsbehandling)</label></p>
                </fieldset>
                <fieldset><legend>Hvordan og hvornår skal vi ringe dig op?</legend>
                <p><label for="phone">Telefonnummer</label>\(inline("phone"))<br>
                <input id="phone" name="phone" type="tel" maxlength="40" autocomplete="tel" value="\(escape(submission.phone))"\(described("phone"))></p>
                <p><label for="email">E-mail, hvis du hellere vil skrives til</label>\(inline("email"))<br>
                <input id="email" name="email" type="email" maxlength="200" autocomplete="email" value="\(escape(submission.email))"\(described("email"))></p>
                <p><label for="callbackWhen">Hvornår passer det dig bedst at blive ringet op?</label>\(inline("callbackWhen"))<br>
                <input id="callbackWhen" name="callbackWhen" maxlength="200" value="\(escape(submission.callbackWhen))"\(described("callbackWhen"))></p>
                </fieldset>
                <div hidden><label for="website">Lad dette felt være tomt</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
                <p><input type="checkbox" id="consent" name="consent" value="yes" required\(submission.consent ? " checked" : "")\(described("consent"))>
                <label for="consent">Jeg giver samtykke til, at \(name) behandler oplysningerne i klagen for at kunne tale med mig om den og behandle den.</label>\(inline("consent"))</p>
                <p><button type="submit">Send klagen</button></p>
                </form>
                \(privacy(tenant))
                """)
    }

    /// The receipt: the number to quote when calling, and nothing else about the complaint.
    static func receipt(tenant: Tenant, number: String) -> String {
        page(
            tenant: tenant, title: "Tak for din klage",
            body: """
                <h1>Tak for din klage</h1>
                <p role="status">\(escape(tenant.name)) har modtaget din klage. Dit kvitteringsnummer er <strong>\(escape(number))</strong>.</p>
                <p>Vi ringer dig op så hurtigt som muligt. Oplys kvitteringsnummeret, hvis du kontakter os om klagen.</p>
                """)
    }

    /// A plain page for what the form cannot handle: an unknown tenant, too many submissions, a fault.
    static func message(title: String, text: String, tenant: Tenant? = nil) -> String {
        page(tenant: tenant, title: title, body: "<h1>\(escape(title))</h1>\n<p>\(escape(text))</p>")
    }

    /// How the tenant processes what the citizen writes: its own notice, or a plain one naming it as controller.
    static func privacy(_ tenant: Tenant) -> String {
        let notice = TenantSettings.privacyNotice.value(in: tenant.settings)
        let text =
            notice.isEmpty
            ? "\(tenant.name) er dataansvarlig for oplysningerne i din klage. Vi bruger dem til at tale med dig om klagen og behandle den, "
                + "og vi gemmer dem, så længe reglerne for journalisering kræver det. Du har ret til at se oplysningerne, få forkerte oplysninger "
                + "rettet og klage til Datatilsynet over, hvordan vi behandler dem."
            : notice
        let policy = TenantSettings.privacyPolicy.value(in: tenant.settings)
        let more = policy.isEmpty ? "" : "\n<p><a href=\"\(escape(policy))\">Læs mere om, hvordan vi behandler personoplysninger</a></p>"
        return """
            <section class="privacy" aria-labelledby="privacy"><h2 id="privacy">Sådan behandler vi dine oplysninger</h2>
            <p>\(escape(text))</p>\(more)</section>
            """
    }

    private static func page(tenant: Tenant?, title: String, body: String) -> String {
        let statement = tenant.map { TenantSettings.accessibilityStatement.value(in: $0.settings) } ?? ""
        let footer =
            statement.isEmpty ? "" : "<footer><a href=\"\(escape(statement))\" id=\"accessibility-statement\">Tilgængelighedserklæring</a></footer>\n"
        return """
            <!doctype html>
            <html lang="da">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(title)</title>
            <link rel="stylesheet" href="/console/intake.css"></head>
            <body>
            <main>
            \(body)
            </main>
            \(footer)</body>
            </html>

            """
    }

    /// The Danish message for an error on a field of the form.
    private static func message(for error: KlageError) -> String {
        switch error.field {
        case "subject": error.reason?.hasPrefix("at most") == true ? "Emnet må højst være 200 tegn." : "Skriv hvad klagen drejer sig om."
        case "description": error.reason?.hasPrefix("at most") == true ? "Beskrivelsen må højst være 5.000 tegn." : "Fortæl hvad der skete."
        case "name": "Skriv dit navn."
        case "phone", "citizen.phone": "Skriv et telefonnummer, vi kan ringe dig op på (eller en e-mail)."
        case "email", "citizen.email": "Skriv en gyldig e-mail-adresse."
        case "callbackWhen": "Tidspunktet må højst være 200 tegn."
        case "consent": "Sæt kryds, hvis du giver samtykke. Uden det kan vi ikke behandle klagen."
        default: "Et af felterne er ikke udfyldt rigtigt."
        }
    }

    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
