// Package documents holds the workflows of a decided case's document:
// the key it is signed with, checking a code (the verify page, the API,
// the offline check), printing the PDF for the applicant and for staff,
// and revocation by a consul. The decision itself signs the document in
// its own transaction with store.Tx.IssueDocument and SigningKey's key.
package documents

import (
	"context"
	"errors"
	"net/url"

	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/store"
)

// Words translates a message key in a language (ui.Server.Translate).
type Words func(lang, key string, data map[string]any) string

// Documents runs the document workflows over one database.
type Documents struct {
	db         *store.DB
	base       string // the site's public address: the QR code's verify link starts with it
	words      Words
	configured *seal.Key // -seal-key, nil when the database's key signs
}

// New returns the workflows over db; configured is the key -seal-key
// names, nil for the one kept in the database.
func New(db *store.DB, base string, words Words, configured *seal.Key) *Documents {
	return &Documents{db: db, base: base, words: words, configured: configured}
}

// VerifyLink is the path of a code's verify page.
func VerifyLink(code string) string { return "/verify/" + url.PathEscape(code) }

// SigningKey is the key documents are signed with now (see
// store.DB.SealKey). Read it before opening the decision's transaction:
// it opens one of its own.
func (ds *Documents) SigningKey(ctx context.Context) (seal.Key, error) {
	k, _, err := ds.db.SealKey(ctx, ds.configured)
	return k, err
}

// Keys is every public key the seal has had, as /verify/keys publishes
// them, for the missions the site serves.
func (ds *Documents) Keys(ctx context.Context) (seal.KeySet, error) {
	ks, err := ds.db.SealKeys(ctx)
	if err != nil {
		return seal.KeySet{}, err
	}
	ms, err := ds.db.Missions(ctx)
	if err != nil {
		return seal.KeySet{}, err
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	set := seal.KeySet{Keys: []seal.Published{}}
	for _, k := range ks {
		set.Keys = append(set.Keys, k.Publish(ids...))
	}
	return set, nil
}

// The outcomes of checking a code.
const (
	Valid      = "valid"       // the signature holds and the document stands
	Revoked    = "revoked"     // the signature holds, but a consul revoked the document
	Invalid    = "invalid"     // the signature does not hold, or the code is no code
	UnknownKey = "unknown_key" // signed by a key the mission never published
)

// Verification is what checking a code found: the outcome, the record
// when the code decodes, and the document when it is on file.
type Verification struct {
	Status   string
	Err      error // why it is invalid or unknown
	Record   seal.Record
	Document seal.Document // zero when not on file
}

// Verify checks code against every key the seal has had and, when the
// signature holds, whether the document was revoked. Only a failure to
// read the database is an error.
func (ds *Documents) Verify(ctx context.Context, code string) (Verification, error) {
	set, err := ds.Keys(ctx)
	if err != nil {
		return Verification{}, err
	}
	r, err := seal.Verify(code, set.Map())
	switch {
	case errors.Is(err, seal.ErrUnknownKey):
		return Verification{Status: UnknownKey, Err: err, Record: r}, nil
	case err != nil:
		return Verification{Status: Invalid, Err: err}, nil
	}
	v := Verification{Status: Valid, Record: r}
	d, err := ds.db.IssuedDocument(ctx, code)
	if err != nil && !errors.Is(err, seal.ErrNoDocument) {
		return Verification{}, err
	}
	v.Document = d
	if !d.Revoked.IsZero() {
		v.Status = Revoked
	}
	return v, nil
}

// Show is the document whose code is code, for the desk.
func (ds *Documents) Show(ctx context.Context, code string) (seal.Document, error) {
	return ds.db.IssuedDocument(ctx, code)
}

// Of is the application's document that stands (issued or refused, not
// revoked), for the desk's case page to lead to; seal.ErrNoDocument when
// there is none.
func (ds *Documents) Of(ctx context.Context, reference string) (seal.Document, error) {
	return ds.db.DocumentOf(ctx, reference)
}

// Revoke revokes a document for a reason, once; audited.
func (ds *Documents) Revoke(ctx context.Context, who store.Actor, code, reason string) (seal.Document, error) {
	return ds.db.RevokeDocument(ctx, who, code, reason)
}

// ForApplicant prints the application's document in lang ("" for the
// applicant's own) for whoever holds its private link; refused until a
// document is issued.
func (ds *Documents) ForApplicant(ctx context.Context, reference, token, lang string) ([]byte, seal.Document, error) {
	a, _, err := ds.db.ApplicationByToken(ctx, reference, token)
	if err != nil {
		return nil, seal.Document{}, err
	}
	d, err := ds.db.DocumentOf(ctx, a.Reference)
	if err != nil {
		return nil, seal.Document{}, err
	}
	pdf, err := ds.print(ctx, d, lang)
	return pdf, d, err
}

// ForStaff prints the application's document in lang ("" for the
// applicant's) for a staff member, and records the read in the audit
// log.
func (ds *Documents) ForStaff(ctx context.Context, who store.Actor, reference, lang string) ([]byte, seal.Document, error) {
	d, err := ds.db.DocumentOf(ctx, reference)
	if err != nil {
		return nil, seal.Document{}, err
	}
	pdf, err := ds.print(ctx, d, lang)
	if err != nil {
		return nil, seal.Document{}, err
	}
	return pdf, d, ds.db.DocumentRead(ctx, who, d)
}

// DecisionHook prepares, before a decision's transaction, what the
// decision writes inside it (applications.Applications.OnDecision): the
// document of an issued case or the letter of a refused one, signed with
// the key in use, naming the holder by surname and initials.
func (ds *Documents) DecisionHook(ctx context.Context) (store.DecisionHook, error) {
	key, err := ds.SigningKey(ctx)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, tx *store.Tx, a casework.Application, t casework.CaseType) error {
		_, err := tx.IssueDocument(ctx, key, a, t, store.DocumentFacts{Result: a.Result, Reasons: a.Reasons, Holder: t.Holder(a.Answers)})
		return err
	}, nil
}
