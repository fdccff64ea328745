package outbox

import (
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// EntryVerification asks a person who entered a lottery release to
// confirm their address: the entry counts in the draw only once confirmed.
const EntryVerification = "release_verification"

// EntryMail composes the message asking the applicant of a request in a
// lottery release to confirm their address before the release closes, in
// their language; link is the confirmation page's address with the code.
func (w *Writer) EntryMail(a booking.Applicant, svc booking.Service, m mission.Mission, r store.Release, link string) store.Message {
	lang := w.Lang(a.Lang)
	loc := mission.Zone(m.TimeZone)
	data := map[string]any{"Name": a.Name, "Service": svc.Name.In(lang), "Mission": m.Name.In(lang),
		"When":   mission.LongTime(mission.Words(w.words), lang, r.Start, loc),
		"Closes": mission.LongTime(mission.Words(w.words), lang, r.Closes, loc)}
	body := w.words(lang, "mail."+EntryVerification+".body", data) + "\n\n" + link + "\n\n" + w.words(lang, "mail.signature", data) + "\n"
	return store.Message{Kind: EntryVerification, To: a.Email, Subject: w.words(lang, "mail."+EntryVerification+".subject", data), Body: body}
}
