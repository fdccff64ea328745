package outbox

import (
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// The kinds of an application's messages.
const (
	ApplicationStarted = "application_started" // the private link, and the code confirming the address
	ApplicationStage   = "application_stage"   // the case reached a stage its type marks as informing
)

// ApplicationMail composes the message about an application in its
// applicant's language: the first (links to the application and to
// confirm the address: confirmURL non-empty), or word of the stage it has
// reached, named as its case type names it.
func (w *Writer) ApplicationMail(a casework.Application, t casework.CaseType, m mission.Mission, manageURL, confirmURL string) store.Message {
	lang := w.Lang(a.Lang)
	st, _ := t.Stage(a.Stage)
	data := map[string]any{"Reference": a.Reference, "CaseType": t.Name.In(lang), "Mission": m.Name.In(lang),
		"Status": st.Name.In(lang), "Manage": manageURL, "Confirm": confirmURL,
		"Until": mission.LongDate(mission.Words(w.words), lang, calendar.DateOf(a.DraftExpiry, mission.Zone(m.TimeZone)))}
	kind, key := ApplicationStage, "case.mail.stage"
	if confirmURL != "" {
		kind, key = ApplicationStarted, "case.mail.started"
	}
	body := w.words(lang, key+".body", data) + "\n\n" + w.words(lang, "mail.signature", data) + "\n"
	return store.Message{Kind: kind, To: a.Email, Subject: w.words(lang, key+".subject", data), Body: body}
}
