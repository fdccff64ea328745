package outbox

import (
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// ApplicationLink is the mail carrying an application's new private link,
// for an applicant who asked for it again ("send me my link again").
const ApplicationLink = "application_link"

// ApplicationLinkMail composes the mail carrying an application's new
// private link, and a new link confirming the address when confirmURL is
// not "", in its applicant's language.
func (w *Writer) ApplicationLinkMail(a casework.Application, t casework.CaseType, m mission.Mission, manageURL, confirmURL string) store.Message {
	lang := w.Lang(a.Lang)
	st, _ := t.Stage(a.Stage)
	data := map[string]any{"Reference": a.Reference, "CaseType": t.Name.In(lang), "Mission": m.Name.In(lang),
		"Status": st.Name.In(lang), "Manage": manageURL}
	body := w.words(lang, "caseident.mail.link.body", data)
	if confirmURL != "" {
		body += "\n\n" + w.words(lang, "caseident.mail.link.confirm", map[string]any{"Confirm": confirmURL})
	}
	body += "\n\n" + w.words(lang, "mail.signature", data) + "\n"
	return store.Message{Kind: ApplicationLink, To: a.Email, Subject: w.words(lang, "caseident.mail.link.subject", data), Body: body}
}
