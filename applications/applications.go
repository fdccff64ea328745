// Package applications holds the workflows of a consular case as its
// applicant runs it: start an application (no account: an address, a
// private link and a reference), confirm the address, save answers,
// submit, withdraw. The public pages and the JSON API both call them, and
// each queues its mail in the same transaction as its change.
package applications

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mrz"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// Applications runs the applicant's workflows over one database.
type Applications struct {
	db    *store.DB
	mail  *outbox.Writer
	appts *appointments.Appointments // the site's address for links, and the rate limits' window
	// uploads is how files are checked and scanned (SetUploads).
	uploads Uploads
	// decision gives what deciding a case writes besides the decision (the
	// signed document), prepared before its transaction; nil: nothing.
	decision func(context.Context) (store.DecisionHook, error)
}

// New returns the workflows over db, composing mail with w.
func New(db *store.DB, w *outbox.Writer, appts *appointments.Appointments) *Applications {
	return &Applications{db: db, mail: w, appts: appts}
}

// Rate limits of starting applications, per client address and per
// address and email, in appointments.LimitWindow.
const (
	startsPerIP     = 20
	startsPerPerson = 5
)

// Start is what starting an application asks for.
type Start struct {
	Mission, CaseType, Email, Lang string
	IP                             string // the client's key (ui.ClientKey), for the rate limits
	// IdempotencyKey, when set, starts at most one application per key
	// and request: a retry gets the answer Render gave the first time
	// (Started.Replay), with no second application and no second mail.
	IdempotencyKey string
	// Render is the answer to keep with the key, given the application
	// as started and its private link's token; it runs in the start's
	// transaction.
	Render func(v View, token string) (status int, body []byte, err error)
}

// Started is a new application with the secret of its private link,
// which is never kept: the applicant's mail and this answer carry it.
// Replay, when not nil, is the first answer to a request retried with
// its idempotency key, and the rest is empty.
type Started struct {
	casework.Application
	Token  string
	Replay *store.Replay
}

// ManageLink is the path of an application's private page.
func ManageLink(reference, token string) string {
	return "/applications/" + url.PathEscape(reference) + "?token=" + url.QueryEscape(token)
}

// ConfirmLink is the path of the page confirming an application's
// address: the code proves the address, the token leads on to the
// application.
func ConfirmLink(reference, token, code string) string {
	return "/applications/" + url.PathEscape(reference) + "/confirm?token=" + url.QueryEscape(token) + "&code=" + url.QueryEscape(code)
}

// Start begins a draft of the mission's case type for the address, and
// mails the private link and the code confirming the address.
func (as *Applications) Start(ctx context.Context, in Start) (Started, error) {
	in.Email = strings.TrimSpace(in.Email)
	if err := booking.ValidateContact("-", in.Email); err != nil {
		return Started{}, err
	}
	if !as.mail.Speaks(in.Lang) {
		in.Lang = "en"
	}
	m, err := as.db.Mission(ctx, in.Mission)
	if err != nil {
		return Started{}, err
	}
	token, tokenHash := booking.NewToken()
	code, codeHash := booking.NewToken()
	n := store.NewApplication{Mission: in.Mission, CaseType: in.CaseType, Email: in.Email, Lang: in.Lang,
		TokenHash: tokenHash, VerifyHash: codeHash, LimitWindow: appointments.LimitWindow,
		Limits: []store.Limit{{Bucket: "apply-ip:" + in.IP, Max: startsPerIP},
			{Bucket: "apply-who:" + in.IP + " " + booking.NormalizeEmail(in.Email), Max: startsPerPerson}}}
	if in.IdempotencyKey != "" {
		sum := sha256.Sum256([]byte(strings.Join([]string{in.Mission, in.CaseType, booking.NormalizeEmail(in.Email), in.Lang}, "\x00")))
		n.IdempotencyKey, n.RequestHash = in.IdempotencyKey, hex.EncodeToString(sum[:])
		n.Render = func(a casework.Application, t casework.CaseType) (int, []byte, error) {
			return in.Render(view(a, t, as.db.Now()), token)
		}
	}
	app, replay, err := as.db.StartApplication(ctx, n, func(a casework.Application, t casework.CaseType) ([]store.Message, error) {
		a.DraftExpiry = a.Updated.Add(casework.DraftKept)
		return []store.Message{as.mail.ApplicationMail(a, t, m, as.appts.Base()+ManageLink(a.Reference, token),
			as.appts.Base()+ConfirmLink(a.Reference, token, code))}, nil
	})
	if chancery.ErrorCode(err) == chancery.ERATELIMIT {
		return Started{}, chancery.TooMany("error.application_rate_limited", chancery.RetryAfter(err))
	}
	if err != nil || replay != nil {
		return Started{Replay: replay}, err
	}
	return Started{Application: app, Token: token}, nil
}

// View is an application as its applicant sees it: where it stands, the
// questions its answers make the type ask, its checklist, and what it
// still lacks for submission.
type View struct {
	Application casework.Application
	Type        casework.CaseType
	Asked       []casework.Question
	Checklist   []casework.DocumentRule
	Missing     casework.Missing
	// MRZ is what the zone the applicant typed says, nil when none was;
	// Mismatches are where it and the answers differ (IdentityCheck).
	MRZ        *mrz.Document
	Mismatches []casework.Mismatch
}

// files counts an application's files per checklist item: clean, not
// scanned, or pending (being checked); an infected file does not count.
func files(a casework.Application) casework.Files { return casework.FilesOf(a.Documents) }

func view(a casework.Application, t casework.CaseType, today time.Time) View {
	v := View{Application: a, Type: t, Asked: t.Asked(a.Answers), Checklist: t.Checklist(a.Answers), Missing: t.Lacks(a.Answers, files(a))}
	v.identity(today)
	return v
}

// Show is the application for whoever holds its private link.
func (as *Applications) Show(ctx context.Context, reference, token string) (View, error) {
	a, t, err := as.db.ApplicationByToken(ctx, reference, token)
	if err != nil {
		return View{}, err
	}
	return view(a, t, as.db.Now()), nil
}

// SaveAnswers keeps the answers given (every fault reported at once; a
// draft may be half done).
func (as *Applications) SaveAnswers(ctx context.Context, reference, token string, answers casework.Answers) (View, error) {
	if _, err := as.db.SaveAnswers(ctx, reference, token, answers); err != nil {
		return View{}, err
	}
	return as.Show(ctx, reference, token)
}

// Confirm confirms the application's address with the code of its first mail.
func (as *Applications) Confirm(ctx context.Context, reference, code string) error {
	return as.db.ConfirmApplication(ctx, reference, code)
}

// Submit sends a complete draft to the mission; refused with every
// missing answer and document named.
func (as *Applications) Submit(ctx context.Context, reference, token string) (View, error) {
	return as.move(ctx, reference, token, func(_ casework.Application, mail store.ApplicationMail) error {
		_, err := as.db.SubmitApplication(ctx, reference, token, mail)
		return err
	})
}

// Withdraw withdraws an application that still runs.
func (as *Applications) Withdraw(ctx context.Context, reference, token string) (View, error) {
	return as.move(ctx, reference, token, func(_ casework.Application, mail store.ApplicationMail) error {
		_, err := as.db.WithdrawApplication(ctx, reference, token, mail)
		return err
	})
}

// move runs one of the applicant's steps with the mail it sends when the
// stage it reaches is one the case type marks as informing, and shows the
// application as the step left it.
func (as *Applications) move(ctx context.Context, reference, token string, step func(casework.Application, store.ApplicationMail) error) (View, error) {
	a, _, err := as.db.ApplicationByToken(ctx, reference, token)
	if err != nil {
		return View{}, err
	}
	m, err := as.db.Mission(ctx, a.Mission)
	if err != nil {
		return View{}, err
	}
	mail := func(a casework.Application, t casework.CaseType) ([]store.Message, error) {
		if st, ok := t.Stage(a.Stage); !ok || !st.Informs {
			return nil, nil
		}
		return []store.Message{as.mail.ApplicationMail(a, t, m, as.appts.Base()+ManageLink(a.Reference, token), "")}, nil
	}
	if err := step(a, mail); err != nil {
		return View{}, err
	}
	return as.Show(ctx, reference, token)
}
