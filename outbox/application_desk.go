package outbox

import (
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// ApplicationDesk is the kind of the message a desk step sends: the case
// reached a stage its type marks as informing, by the mission's hand.
const ApplicationDesk = "application_desk"

// ApplicationDeskMail composes the message of a step staff took on an
// application, in its applicant's language: the status the case reached
// and, while it waits, what the mission asked for and by when. Staff hold
// no private link, so it points to the applicant's first mail for it.
func (w *Writer) ApplicationDeskMail(a casework.Application, t casework.CaseType, m mission.Mission) store.Message {
	lang := w.Lang(a.Lang)
	st, _ := t.Stage(a.Stage)
	data := map[string]any{"Reference": a.Reference, "CaseType": t.Name.In(lang), "Mission": m.Name.In(lang), "Status": st.Name.In(lang),
		"Request": a.Request, "By": mission.LongDate(mission.Words(w.words), lang, a.RequestBy)}
	key := "case.mail.desk"
	if a.Stage == casework.Waiting {
		key = "case.mail.request"
	}
	body := w.words(lang, key+".body", data) + "\n\n" + w.words(lang, "mail.signature", data) + "\n"
	return store.Message{Kind: ApplicationDesk, To: a.Email, Subject: w.words(lang, "case.mail.stage.subject", data), Body: body}
}
