package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
)

// An application's steps each run in one transaction with the mail they
// queue and the history row they write; a step that depends on the stage
// is a conditional write on it, so two at once cannot both go through.

// ApplicationMail composes the messages a step queues, given the
// application as the step leaves it; nil queues none.
type ApplicationMail func(a casework.Application, t casework.CaseType) ([]Message, error)

// NewApplication is what starting an application needs: the case type,
// the address, the language, and the hashes of the private link's token
// and of the code the first mail carries (booking.NewToken gives both).
type NewApplication struct {
	Mission, CaseType, Email, Lang string
	TokenHash, VerifyHash          string

	// IdempotencyKey, when set, makes the application start at most once
	// per key (see StartApplication): RequestHash identifies the request,
	// and Render gives the answer stored with the key in the same
	// transaction.
	IdempotencyKey string
	RequestHash    string
	Render         func(casework.Application, casework.CaseType) (status int, body []byte, err error)

	// Limits, when set, are the rate limits the request counts against,
	// per LimitWindow, in the transaction (a replay counts against none).
	Limits      []Limit
	LimitWindow time.Duration
}

// CreateApplication starts a draft of the latest version of a case type
// that is not retired, and queues its first mail.
func (db *DB) CreateApplication(ctx context.Context, n NewApplication, mail ApplicationMail) (casework.Application, error) {
	app, _, err := db.StartApplication(ctx, n, mail)
	return app, err
}

// StartApplication is CreateApplication counted against n's Limits (over
// one: an ERATELIMIT error) and, with an idempotency key, done at most
// once per key: a retry gets the first answer back as a *Replay, and
// neither a second application nor a second mail (the bookings' pattern,
// idempotentWrite).
func (db *DB) StartApplication(ctx context.Context, n NewApplication, mail ApplicationMail) (casework.Application, *Replay, error) {
	var app casework.Application
	replay, err := db.idempotentWrite(ctx, n.IdempotencyKey, n.RequestHash, n.Limits, n.LimitWindow, func(ctx context.Context, tx *Tx) error {
		a, t, err := tx.createApplication(ctx, n, mail)
		app = a
		if err != nil || n.IdempotencyKey == "" {
			return err
		}
		status, body, err := n.Render(a, t)
		if err != nil {
			return err
		}
		return tx.storeAnswer(ctx, n.IdempotencyKey, n.RequestHash, status, body)
	})
	if err != nil || replay != nil {
		return casework.Application{}, replay, err
	}
	return app, nil, nil
}

// createApplication starts the application of n in tx, of the case
// type's version it returns.
func (tx *Tx) createApplication(ctx context.Context, n NewApplication, mail ApplicationMail) (casework.Application, casework.CaseType, error) {
	t, err := findCaseType(ctx, tx, n.Mission, n.CaseType, 0)
	if err != nil {
		return casework.Application{}, t, err
	}
	if t.Retired {
		return casework.Application{}, t, chancery.Errorf(chancery.ENOTFOUND, "error.casetype_not_found", "ID", chancery.Echo(n.CaseType))
	}
	app := casework.Application{Reference: booking.NewReference(), Mission: n.Mission, CaseType: t.ID, Version: t.Version,
		Email: n.Email, Lang: n.Lang, Stage: casework.Draft, Answers: casework.Answers{}, Created: tx.now, Updated: tx.now}
	err = tx.queryRow(ctx, `INSERT INTO applications (reference, mission_id, case_type, case_type_version, email, lang, token_hash,
		verify_hash, stage, answers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?) RETURNING id`,
		app.Reference, app.Mission, app.CaseType, app.Version, app.Email, app.Lang, n.TokenHash, n.VerifyHash, app.Stage,
		millis(tx.now), millis(tx.now)).Scan(&app.ID)
	if err != nil {
		return casework.Application{}, t, err
	}
	if err := tx.applicationStep(ctx, &app, t, "applicant", "", mail); err != nil {
		return casework.Application{}, t, err
	}
	app.DraftExpiry = app.Updated.Add(casework.DraftKept)
	return app, t, nil
}

// applicationStep writes the history row of the step that left app at its
// stage, and queues the step's mail.
func (tx *Tx) applicationStep(ctx context.Context, app *casework.Application, t casework.CaseType, actor, note string, mail ApplicationMail) error {
	if _, err := tx.exec(ctx, `INSERT INTO application_history (application_id, at, stage, actor, note) VALUES (?, ?, ?, ?, ?)`,
		app.ID, millis(tx.now), app.Stage, actor, note); err != nil {
		return err
	}
	app.History = append(app.History, casework.Event{At: tx.now, Stage: app.Stage, Actor: actor, Note: note})
	if mail == nil {
		return nil
	}
	msgs, err := mail(*app, t)
	if err != nil {
		return err
	}
	return tx.enqueueEach(ctx, msgs)
}

const applicationColumns = `id, reference, mission_id, case_type, case_type_version, email, lang, token_hash, verify_hash,
	confirmed_at, stage, answers, created_at, updated_at, submitted_at, mrz, ` + workColumns

// scanApplication reads a row of applicationColumns: the application, its
// token's hash and its verification code's.
func scanApplication(row interface{ Scan(...any) error }) (casework.Application, string, string, error) {
	var a casework.Application
	var tokenHash, verifyHash, answers string
	var confirmed, submitted sql.NullInt64
	var created, updated int64
	var w workRow
	err := row.Scan(append([]any{&a.ID, &a.Reference, &a.Mission, &a.CaseType, &a.Version, &a.Email, &a.Lang, &tokenHash, &verifyHash,
		&confirmed, &a.Stage, &answers, &created, &updated, &submitted, &a.MRZ}, w.dest()...)...)
	if isNoRows(err) {
		return a, "", "", chancery.Errorf(chancery.ENOTFOUND, "error.application_not_found")
	}
	if err != nil {
		return a, "", "", err
	}
	if err := json.Unmarshal([]byte(answers), &a.Answers); err != nil {
		return a, "", "", err
	}
	a.Work = w.work()
	a.Created, a.Updated = fromMillis(created), fromMillis(updated)
	if confirmed.Valid {
		a.Confirmed = fromMillis(confirmed.Int64)
	}
	if submitted.Valid {
		a.Submitted = fromMillis(submitted.Int64)
	}
	if a.Stage == casework.Draft {
		a.DraftExpiry = a.Updated.Add(casework.DraftKept)
	}
	return a, tokenHash, verifyHash, nil
}

// applicationFor reads the application reference for whoever holds its
// token, with its case type's version; a wrong token and an unknown
// reference get the same answer.
func applicationFor(ctx context.Context, q queryer, reference, token string) (casework.Application, casework.CaseType, error) {
	a, hash, _, err := scanApplication(q.queryRow(ctx, `SELECT `+applicationColumns+` FROM applications WHERE reference = ?`, reference))
	if err == nil && !booking.TokenMatches(hash, token) {
		err = chancery.Errorf(chancery.ENOTFOUND, "error.application_not_found")
	}
	if err != nil {
		return casework.Application{}, casework.CaseType{}, err
	}
	return withTypeAndHistory(ctx, q, a)
}

// withTypeAndHistory is the application read with its case type's
// version and its history.
func withTypeAndHistory(ctx context.Context, q queryer, a casework.Application) (casework.Application, casework.CaseType, error) {
	t, err := findCaseType(ctx, q, a.Mission, a.CaseType, a.Version)
	if err != nil {
		return casework.Application{}, casework.CaseType{}, err
	}
	if a.History, err = applicationHistory(ctx, q, a.ID); err != nil {
		return casework.Application{}, casework.CaseType{}, err
	}
	if a.Documents, err = applicationDocuments(ctx, q, a.ID); err != nil {
		return casework.Application{}, casework.CaseType{}, err
	}
	return a, t, nil
}

func applicationHistory(ctx context.Context, q queryer, id int64) ([]casework.Event, error) {
	rows, err := q.query(ctx, `SELECT at, stage, actor, note FROM application_history WHERE application_id = ? ORDER BY at, stage`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []casework.Event
	for rows.Next() {
		var e casework.Event
		var at int64
		if err := rows.Scan(&at, &e.Stage, &e.Actor, &e.Note); err != nil {
			return nil, err
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ApplicationByToken is the application and its case type's version, for
// whoever holds its private link.
func (db *DB) ApplicationByToken(ctx context.Context, reference, token string) (casework.Application, casework.CaseType, error) {
	return applicationFor(ctx, db.reader(), reference, token)
}

// SaveAnswers keeps the applicant's answers, checked and cleaned by the
// case type's version (a draft may be half done; every fault at once),
// while the application is editable.
func (db *DB) SaveAnswers(ctx context.Context, reference, token string, answers casework.Answers) (casework.Application, error) {
	return db.EditApplication(ctx, reference, token, &answers, nil)
}

// EditApplication keeps the answers (as SaveAnswers does) unless answers
// is nil, and the machine-readable zone the applicant typed ("" for none;
// the caller has read it with mrz.Parse) unless zone is nil, in one write.
func (db *DB) EditApplication(ctx context.Context, reference, token string, answers *casework.Answers, zone *string) (casework.Application, error) {
	var app casework.Application
	err := db.inTx(ctx, func(tx *Tx) error {
		a, t, err := applicationFor(ctx, tx, reference, token)
		if err != nil {
			return err
		}
		if !a.Editable() {
			return casework.ErrNotEditable
		}
		if answers != nil {
			if err := t.CheckAnswers(*answers, false); err != nil {
				return err
			}
			a.Answers = t.Clean(*answers)
		}
		body, err := json.Marshal(a.Answers)
		if err != nil {
			return err
		}
		if zone != nil {
			a.MRZ = *zone
		}
		res, err := tx.exec(ctx, `UPDATE applications SET answers = ?, mrz = ?, updated_at = ? WHERE id = ? AND stage IN ('draft', 'waiting')`,
			string(body), a.MRZ, millis(tx.now), a.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return casework.ErrNotEditable
		}
		a.Updated = tx.now
		if a.Stage == casework.Draft {
			a.DraftExpiry = tx.now.Add(casework.DraftKept)
		}
		app = a
		return nil
	})
	return app, err
}

// ConfirmApplication marks the application's address as its applicant's,
// for whoever holds the code its first mail carried. Confirming again
// changes nothing; a wrong code and an unknown reference are one answer.
func (db *DB) ConfirmApplication(ctx context.Context, reference, code string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		a, _, verifyHash, err := scanApplication(tx.queryRow(ctx, `SELECT `+applicationColumns+` FROM applications WHERE reference = ?`, reference))
		if err != nil {
			return err
		}
		if !a.Confirmed.IsZero() {
			return nil
		}
		if subtle.ConstantTimeCompare([]byte(verifyHash), []byte(booking.HashToken(code))) != 1 {
			return chancery.Errorf(chancery.ENOTFOUND, "error.application_not_found")
		}
		_, err = tx.exec(ctx, `UPDATE applications SET confirmed_at = ?, verify_hash = '' WHERE id = ? AND confirmed_at IS NULL`, millis(tx.now), a.ID)
		return err
	})
}

// SubmitApplication sends a complete draft from a confirmed address to
// the mission: refused, with every missing answer and document named,
// unless casework.CaseType.CanSubmit allows it, counting the files the
// application holds in the same transaction (casework.FilesOf).
func (db *DB) SubmitApplication(ctx context.Context, reference, token string, mail ApplicationMail) (casework.Application, error) {
	return db.moveApplication(ctx, reference, token, casework.Submitted, func(a casework.Application, t casework.CaseType) error {
		return t.CanSubmit(a, casework.FilesOf(a.Documents))
	}, mail)
}

// WithdrawApplication withdraws an application that still runs, for its
// applicant.
func (db *DB) WithdrawApplication(ctx context.Context, reference, token string, mail ApplicationMail) (casework.Application, error) {
	return db.moveApplication(ctx, reference, token, casework.Withdrawn, func(a casework.Application, _ casework.CaseType) error {
		if !a.Open() {
			return casework.ErrClosed
		}
		return nil
	}, mail)
}

// moveApplication takes the applicant's application to stage if may
// allows it, written only if its stage is still the one may saw.
func (db *DB) moveApplication(ctx context.Context, reference, token, stage string, may func(casework.Application, casework.CaseType) error,
	mail ApplicationMail) (casework.Application, error) {
	var app casework.Application
	err := db.inTx(ctx, func(tx *Tx) error {
		a, t, err := applicationFor(ctx, tx, reference, token)
		if err != nil {
			return err
		}
		if err := may(a, t); err != nil {
			return err
		}
		var submitted any
		if stage == casework.Submitted && a.Stage == casework.Waiting {
			// The applicant answered what the mission asked for: the case
			// goes back to its officer, and its clock runs again.
			return tx.resumeApplication(ctx, &a, t, mail, &app)
		}
		if stage == casework.Submitted {
			submitted = millis(tx.now)
			a.Submitted = tx.now
			if err := tx.setDue(ctx, &a, t); err != nil {
				return err
			}
		}
		res, err := tx.exec(ctx, `UPDATE applications SET stage = ?, updated_at = ?, submitted_at = COALESCE(?, submitted_at)
			WHERE id = ? AND stage = ?`, stage, millis(tx.now), submitted, a.ID, a.Stage)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return casework.ErrNotEditable
		}
		a.Stage, a.Updated, a.DraftExpiry = stage, tx.now, time.Time{}
		if stage == casework.Withdrawn {
			if err := tx.endApplication(ctx, a, t, casework.ResultWithdrawn); err != nil {
				return err
			}
		}
		if err := tx.applicationStep(ctx, &a, t, "applicant", "", mail); err != nil {
			return err
		}
		app = a
		return nil
	})
	return app, err
}

// ResendApplicationLink gives the application reference a new private
// link when email is the address it was started with (compared as
// booking.NormalizeEmail compares addresses): the token's hash is
// replaced by tokenHash in a write conditional on the old one, so the old
// link stops working and of two requests at once one wins; while the
// address is unconfirmed, the confirmation code's hash is replaced by
// codeHash too. mail composes the message carrying them. A reference or
// address that does not match is ENOTFOUND, which the caller must not
// reveal.
func (db *DB) ResendApplicationLink(ctx context.Context, reference, email, tokenHash, codeHash string, mail func(a casework.Application, t casework.CaseType, confirm bool) ([]Message, error)) error {
	return db.inTx(ctx, func(tx *Tx) error {
		a, oldHash, _, err := scanApplication(tx.queryRow(ctx, `SELECT `+applicationColumns+` FROM applications WHERE reference = ?`, reference))
		if err != nil {
			return err
		}
		if booking.NormalizeEmail(a.Email) != booking.NormalizeEmail(email) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.application_not_found")
		}
		confirm := a.Confirmed.IsZero()
		res, err := tx.exec(ctx, `UPDATE applications SET token_hash = ?, verify_hash = CASE WHEN confirmed_at IS NULL THEN ? ELSE verify_hash END
			WHERE id = ? AND token_hash = ?`, tokenHash, codeHash, a.ID, oldHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return chancery.Errorf(chancery.ECONFLICT, "error.application_not_editable")
		}
		t, err := findCaseType(ctx, tx, a.Mission, a.CaseType, a.Version)
		if err != nil {
			return err
		}
		msgs, err := mail(a, t, confirm)
		if err != nil {
			return err
		}
		return tx.enqueueEach(ctx, msgs)
	})
}
