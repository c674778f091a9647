// The console's words, Danish by default, English selectable. Only the language choice is stored.
const words = {
  da: {
    skip: 'Gå til indhold', menu: 'Hovedmenu', loading: 'Indlæser …', signOut: 'Log ud', otherLanguage: 'English',
    signInTitle: 'Log ind', signInIntro: 'Log ind med din personlige nøgle. Nøglen gemmes ikke i browseren; du får en session, som udløber.',
    key: 'Personlig nøgle', signIn: 'Log ind', signInFailed: 'Nøglen blev ikke godkendt.', signInForbidden: 'Denne nøgles rolle kan ikke bruge konsollen.',
    signInWith: 'Log ind med', signInProviderIntro: 'Log ind med din kommunes login. Du får en session, som udløber.',
    breakGlass: 'Nødadgang med personlig nøgle', keysOff: 'Din kommune logger ind via sit eget login; nøgler er slået fra.',
    signedOut: 'Du er logget ud.', sessionEnded: 'Din session er udløbet. Log ind igen.',
    queue: 'Arbejdskø', leader: 'Overblik', reports: 'Evidens', 
    queueTitle: 'Arbejdskø', queueIntro: 'Åbne klager efter frist: den nærmeste først, så dagens tilbageringninger står øverst.',
    subject: 'Emne', citizen: 'Borger', state: 'Tilstand', due: 'Næste frist', received: 'Modtaget', none: 'Ingen',
    callbackToday: 'Ring tilbage i dag', missed: 'Overskredet', warn: 'Snart', onTime: 'I tide', met: 'Overholdt',
    ev_complaint_received: 'Klagen er modtaget', ev_complaint_actionTaken: 'Handling', ev_complaint_stateEntered: 'Ny tilstand',
    ev_deadline_started: 'Frist startet', ev_deadline_met: 'Frist overholdt', ev_deadline_metLate: 'Frist overholdt for sent', ev_deadline_stopped: 'Frist stoppet ved afslutning',
    ev_deadline_warned: 'Frist i fare', ev_deadline_missed: 'Frist overskredet', ev_deadline_escalated: 'Overskredet frist sendt til en leder',
    ev_deadline_paused: 'Fristerne er sat på pause', ev_deadline_resumed: 'Fristerne kører igen', ev_contact_recorded: 'Kontakt registreret',
    ev_complaint_confirmationOwed: 'Skriftlig bekræftelse af aftalen skal sendes', ev_complaint_reopened: 'Klagen er genåbnet',
    ev_complaint_writtenAnswerChosen: 'Borgerens valg af skriftligt svar er registreret', ev_complaint_confirmationWaived: 'Ingen skriftlig bekræftelse: borgeren ønsker ikke et skriftligt svar',
    ev_complaint_confirmationGiven: 'Skriftlig bekræftelse af aftalen sendt', ev_complaint_forwarded: 'Sendt videre', ev_contact_writtenRouteOpened: 'Skriftlig vej åbnet efter mislykkede opkald',
    ev_contact_writtenContactPreferred: 'Borgeren ønsker skriftlig kontakt', ev_complaint_retracked: 'Sporet er ændret', ev_complaint_assigned: 'Tildelt',
    ev_complaint_handedOff: 'Overdraget', ev_effort_recorded: 'Tidsforbrug registreret', ev_survey_issued: 'Tilfredshedsmåling sendt',
    ev_learning_created: 'Læringspunkt oprettet', ev_learning_acted: 'Læringspunkt behandlet', ev_privacy_anonymised: 'Personoplysninger anonymiseret', ev_privacy_restricted: 'Behandlingen er begrænset',
    channel_phone: 'Telefon', channel_email: 'E-mail', channel_letter: 'Brev', channel_web: 'Web', channel_meeting: 'Møde', channel_digital_post: 'Digital Post', channel_other: 'Andet',
    emptyQueue: 'Ingen åbne klager.', searchAndFilter: 'Søg og filtrér', searchWords: 'Søg', searchHint: 'Ord fra emne, beskrivelse eller borgerens navn, eller et sagsnummer.', allOpen: 'Alle åbne', receivedFrom: 'Modtaget fra', receivedTo: 'Modtaget til', overdueOnly: 'Kun overskredne frister', find: 'Søg', clearFilters: 'Nulstil', nextPage: 'Næste side', firstPage: 'Første side', pages: 'Sider', showing: 'Viser {from}–{to}', noMatches: 'Ingen klager passer til søgningen.', queueNew: '{n} ny klage i køen', complaintChanged: 'Klagen er ændret. Opdatér for at se ændringen; det, du har skrevet, forsvinder.', refresh: 'Opdatér', complaintUpdated: 'Klagen er opdateret',
    notFound: 'Ikke fundet', notFoundText: 'Klagen findes ikke, eller du har ikke adgang til den.',
    forbidden: 'Ingen adgang', forbiddenText: 'Din rolle giver ikke adgang til denne side.',
    deadlines: 'Frister', journey: 'Forløb', by: 'af', reference: 'Reference', printedAt: 'Udskrevet', printRecord: 'Udskriv sagen', assignTitle: 'Ansvarlig', assignedTo: 'Tildelt', nobody: 'ingen', assignTo: 'Tildel til', me: 'Mig', assign: 'Tildel', assignedDone: 'Sagen er tildelt', mine: 'Mine sager', everyone: 'Alle sager', contacts: 'Kontakter', actionsTitle: 'Handlinger',
    description: 'Beskrivelse', phone: 'Telefon', email: 'E-mail', channel: 'Kanal', department: 'Afdeling', workflow: 'Arbejdsgang',
    outcome: 'Udfald', version: 'Version', startCall: 'Registrér samtale', failedAttempt: 'Registrér mislykket opkaldsforsøg',
    failedRecorded: 'Mislykket opkaldsforsøg registreret.', noContacts: 'Ingen kontakter endnu.', 
    callTitle: 'Samtale med borgeren', document: 'Dokument', openDocument: 'Åbn og udskriv', printDocument: 'Udskriv dokumentet', backToComplaint: 'Tilbage til klagen', someone: 'en medarbejder', agreementTitle: 'Aftale', step: 'Trin', next: 'Næste', back: 'Tilbage', save: 'Gem samtalen', summary: 'Resumé af samtalen',
    duration: 'Varighed (minutter)', callSaved: 'Samtalen er gemt.', triangleDone: 'Trekanten er udfyldt: det er notatet efter § 13.',
    consent: 'Borgeren samtykker i at afslutte klagen', wantsWritten: 'Borgeren ønsker et skriftligt svar', note: 'Notat',
    run: 'Udfør', done: 'Udført.', addRow: 'Tilføj', removeRow: 'Fjern', chooseOne: 'Vælg …', required: 'skal udfyldes',
    attention: 'Kræver opmærksomhed', noAttention: 'Intet kræver opmærksomhed lige nu.', kind: 'Slags', title: 'Titel',
    series: 'Udvikling over tid', compare: 'Før og efter metoden', baseline: 'Baseline', before: 'Før', after: 'Efter',
    downloadCsv: 'Hent CSV', received_: 'Modtagne klager', receivedPerMonth: 'Modtagne klager pr. måned', annualReport: 'Årsberetning (udskriv)', stopped: 'Stoppet ved dialog (andel)', firstContactHours: 'Timer til første kontakt (median)',
    daysToClose: 'Dage til afslutning (median)', chartTable: 'Tallene som tabel', period: 'Periode',
    open: 'Åbne', closedLabel: 'Afsluttede',
    noItems: 'Ingen.', error: 'Der skete en fejl', language: 'Sprog', task: 'Opgave', dueAt: 'Frist',
    yes: 'Ja', no: 'Nej', notAsked: 'Ikke spurgt', contactKind: 'Slags kontakt', occurredAt: 'Hvornår (tomt: nu)', contactSaved: 'Kontakten er gemt.',
    kind_phone: 'Telefon', kind_meeting: 'Møde', kind_video: 'Video', kind_email: 'E-mail', kind_letter: 'Brev', kind_digital_post: 'Digital Post',
    kind_other: 'Andet', contactSummary: 'Resumé af kontakten',
  },
  en: {
    skip: 'Skip to content', menu: 'Main menu', loading: 'Loading …', signOut: 'Sign out', otherLanguage: 'Dansk',
    signInTitle: 'Sign in', signInIntro: 'Sign in with your personal key. The key is not kept in the browser; you get a session that expires.',
    key: 'Personal key', signIn: 'Sign in', signInFailed: 'The key was not accepted.', signInForbidden: "This key's role may not use the console.",
    signInWith: 'Sign in with', signInProviderIntro: "Sign in with your municipality's login. You get a session that expires.",
    breakGlass: 'Emergency access with a personal key', keysOff: "Your municipality signs in through its own login; keys are off.",
    signedOut: 'You are signed out.', sessionEnded: 'Your session has ended. Sign in again.',
    queue: 'Work queue', leader: 'Overview', reports: 'Evidence', 
    queueTitle: 'Work queue', queueIntro: "Open complaints by deadline, the nearest first, so today's call-backs lead.",
    subject: 'Subject', citizen: 'Citizen', state: 'State', due: 'Next deadline', received: 'Received', none: 'None',
    callbackToday: 'Call back today', missed: 'Missed', warn: 'Due soon', onTime: 'On time', met: 'Met',
    ev_complaint_received: 'Complaint received', ev_complaint_actionTaken: 'Action', ev_complaint_stateEntered: 'New state',
    ev_deadline_started: 'Deadline started', ev_deadline_met: 'Deadline met', ev_deadline_metLate: 'Deadline met late', ev_deadline_stopped: 'Deadline stopped at closing',
    ev_deadline_warned: 'Deadline at risk', ev_deadline_missed: 'Deadline missed', ev_deadline_escalated: 'Missed deadline escalated to a leader',
    ev_deadline_paused: 'Deadlines paused', ev_deadline_resumed: 'Deadlines resumed', ev_contact_recorded: 'Contact recorded',
    ev_complaint_confirmationOwed: 'Written confirmation of the agreement owed', ev_complaint_reopened: 'Complaint reopened',
    ev_complaint_writtenAnswerChosen: "The citizen's choice of a written answer recorded", ev_complaint_confirmationWaived: 'No written confirmation: the citizen wants no written answer',
    ev_complaint_confirmationGiven: 'Written confirmation of the agreement sent', ev_complaint_forwarded: 'Forwarded', ev_contact_writtenRouteOpened: 'Written route opened after failed calls',
    ev_contact_writtenContactPreferred: 'The citizen prefers written contact', ev_complaint_retracked: 'Track changed', ev_complaint_assigned: 'Assigned',
    ev_complaint_handedOff: 'Handed off', ev_effort_recorded: 'Effort recorded', ev_survey_issued: 'Satisfaction survey sent',
    ev_learning_created: 'Learning item created', ev_learning_acted: 'Learning item acted on', ev_privacy_anonymised: 'Personal data anonymised', ev_privacy_restricted: 'Processing restricted',
    channel_phone: 'Phone', channel_email: 'E-mail', channel_letter: 'Letter', channel_web: 'Web', channel_meeting: 'Meeting', channel_digital_post: 'Digital Post', channel_other: 'Other',
    emptyQueue: 'No open complaints.', searchAndFilter: 'Search and filter', searchWords: 'Search', searchHint: 'Words of the subject, description or citizen\'s name, or a case reference.', allOpen: 'All open', receivedFrom: 'Received from', receivedTo: 'Received until', overdueOnly: 'Overdue deadlines only', find: 'Search', clearFilters: 'Clear', nextPage: 'Next page', firstPage: 'First page', pages: 'Pages', showing: 'Showing {from}–{to}', noMatches: 'No complaints match the search.', queueNew: '{n} new in the queue', complaintChanged: 'The complaint has changed. Refresh to see the change; what you have typed will be lost.', refresh: 'Refresh', complaintUpdated: 'The complaint is updated',
    notFound: 'Not found', notFoundText: 'The complaint does not exist, or you have no access to it.',
    forbidden: 'No access', forbiddenText: 'Your role does not give access to this page.',
    deadlines: 'Deadlines', journey: 'Journey', by: 'by', reference: 'Reference', printedAt: 'Printed', printRecord: 'Print the complaint', assignTitle: 'Responsible', assignedTo: 'Assigned to', nobody: 'no one', assignTo: 'Assign to', me: 'Me', assign: 'Assign', assignedDone: 'The complaint is assigned', mine: 'My complaints', everyone: 'All complaints', contacts: 'Contacts', actionsTitle: 'Actions',
    description: 'Description', phone: 'Phone', email: 'E-mail', channel: 'Channel', department: 'Department', workflow: 'Workflow',
    outcome: 'Outcome', version: 'Version', startCall: 'Record a conversation', failedAttempt: 'Record a failed call attempt',
    failedRecorded: 'Failed call attempt recorded.', noContacts: 'No contacts yet.', 
    callTitle: 'Conversation with the citizen', document: 'Document', openDocument: 'Open and print', printDocument: 'Print the document', backToComplaint: 'Back to the complaint', someone: 'a colleague', agreementTitle: 'Agreement', step: 'Step', next: 'Next', back: 'Back', save: 'Save the conversation', summary: 'Summary of the conversation',
    duration: 'Duration (minutes)', callSaved: 'The conversation is saved.', triangleDone: 'The triangle is complete: it is the §13 note.',
    consent: 'The citizen consents to closing the complaint', wantsWritten: 'The citizen wants a written answer', note: 'Note',
    run: 'Run', done: 'Done.', addRow: 'Add', removeRow: 'Remove', chooseOne: 'Choose …', required: 'required',
    attention: 'Needs attention', noAttention: 'Nothing needs attention right now.', kind: 'Kind', title: 'Title',
    series: 'Over time', compare: 'Before and after the method', baseline: 'Baseline', before: 'Before', after: 'After',
    downloadCsv: 'Download CSV', received_: 'Complaints received', receivedPerMonth: 'Complaints received per month', annualReport: 'Annual report (print)', stopped: 'Stopped by dialogue (share)', firstContactHours: 'Hours to first contact (median)',
    daysToClose: 'Days to close (median)', chartTable: 'The figures as a table', period: 'Period',
    open: 'Open', closedLabel: 'Closed',
    noItems: 'None.', error: 'Something went wrong', language: 'Language', task: 'Task', dueAt: 'Due',
    yes: 'Yes', no: 'No', notAsked: 'Not asked', contactKind: 'Kind of contact', occurredAt: 'When (empty: now)', contactSaved: 'The contact is saved.',
    kind_phone: 'Phone', kind_meeting: 'Meeting', kind_video: 'Video', kind_email: 'E-mail', kind_letter: 'Letter', kind_digital_post: 'Digital Post',
    kind_other: 'Other', contactSummary: 'Summary of the contact',
  },
};

let language = (() => {
  try { return localStorage.getItem('klage.language') === 'en' ? 'en' : 'da'; } catch { return 'da'; }
})();

/**
 * Notes a word the page shows without its current-language form, as `data-untranslated` on the page's
 * root (the browser journey fails on any): a console key with no word, a plug-in's title with no translation.
 */
function untranslated(name) {
  const root = document.documentElement;
  const known = new Set((root.dataset.untranslated ?? '').split(' ').filter(Boolean));
  known.add(name.replace(/\s+/g, '_'));
  root.dataset.untranslated = [...known].join(' ');
}

/** The word for `key` in the current language. */
export function t(key) {
  const word = words[language][key];
  if (word !== undefined) return word;
  untranslated(key);
  return words.da[key] ?? key;
}

/** Whether the console has a word for `key`. */
export function hasWord(key) {
  return words[language][key] !== undefined;
}

/** Declared words ({da, en}) in the current language; `fallback` (noted as untranslated) when there are none. */
export function localized(text, fallback = '') {
  const word = text?.[language];
  if (word) return word;
  untranslated(`title:${fallback || '?'}`);
  return text?.da || text?.en || fallback;
}

/** The current language: 'da' or 'en'. */
export function currentLanguage() { return language; }

/** Switches language and remembers the choice (only the choice). */
export function setLanguage(next) {
  language = next === 'en' ? 'en' : 'da';
  try { localStorage.setItem('klage.language', language); } catch { /* private mode */ }
  document.documentElement.lang = language;
}
