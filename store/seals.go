package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/seal"
)

// The seal's keys are shared by every instance through the database: one
// key is in use (a unique column), the first instance to start inserts it
// and the others read it. A key configured with -seal-key never enters the
// database but its public half and validity do, so it is published.

// SealKey returns the key this instance signs with. With configured (from
// -seal-key) that key, made the one in use if it is not (the key in use
// before is retired); without, the key in use, generated and inserted by
// whichever instance comes first. created says this call generated it.
func (db *DB) SealKey(ctx context.Context, configured *seal.Key) (key seal.Key, created bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		created = false
		if configured != nil {
			key, err = tx.useSealKey(ctx, *configured, nil)
			return err
		}
		fresh := seal.NewKey()
		res, err := tx.exec(ctx, `INSERT INTO seal_keys (id, public_key, private_key, in_use, valid_from) VALUES (?, ?, ?, 1, ?)
			ON CONFLICT DO NOTHING`, fresh.ID, []byte(fresh.Public), []byte(fresh.Private.Seed()), millis(tx.now))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		created = n == 1
		key, err = sealKeyInUse(ctx, tx)
		if err == nil && key.Private == nil {
			err = seal.ErrNoSigningKey.With("Key", key.ID)
		}
		return err
	})
	return key, created, err
}

// RotateSealKey retires the key in use and puts a new generated one in
// its place; documents the old one signed still verify.
func (db *DB) RotateSealKey(ctx context.Context) (seal.Key, error) {
	var key seal.Key
	err := db.inTx(ctx, func(tx *Tx) error {
		k := seal.NewKey()
		var err error
		key, err = tx.useSealKey(ctx, k, k.Private.Seed())
		return err
	})
	return key, err
}

// useSealKey makes k the key in use, retiring the one before; seed is
// kept only for a generated key.
func (tx *Tx) useSealKey(ctx context.Context, k seal.Key, seed []byte) (seal.Key, error) {
	if cur, err := sealKeyInUse(ctx, tx); err == nil && cur.ID == k.ID {
		k.ValidFrom = cur.ValidFrom
		return k, nil
	}
	if _, err := tx.exec(ctx, `UPDATE seal_keys SET in_use = NULL, valid_to = ? WHERE in_use = 1`, millis(tx.now)); err != nil {
		return seal.Key{}, err
	}
	var priv any
	if seed != nil {
		priv = seed
	}
	if _, err := tx.exec(ctx, `INSERT INTO seal_keys (id, public_key, private_key, in_use, valid_from) VALUES (?, ?, ?, 1, ?)
		ON CONFLICT (id) DO UPDATE SET in_use = 1, valid_to = NULL`, k.ID, []byte(k.Public), priv, millis(tx.now)); err != nil {
		return seal.Key{}, err
	}
	cur, err := sealKeyInUse(ctx, tx)
	cur.Private = k.Private
	return cur, err
}

const sealKeyColumns = `id, public_key, private_key, valid_from, valid_to`

func scanSealKey(row interface{ Scan(...any) error }) (seal.Key, error) {
	var k seal.Key
	var pub, seed []byte
	var from int64
	var to sql.NullInt64
	if err := row.Scan(&k.ID, &pub, &seed, &from, &to); err != nil {
		return k, err
	}
	k.Public, k.ValidFrom = ed25519.PublicKey(pub), fromMillis(from)
	if len(seed) == ed25519.SeedSize {
		k.Private = ed25519.NewKeyFromSeed(seed)
	}
	if to.Valid {
		k.ValidTo = fromMillis(to.Int64)
	}
	return k, nil
}

func sealKeyInUse(ctx context.Context, q queryer) (seal.Key, error) {
	return scanSealKey(q.queryRow(ctx, `SELECT `+sealKeyColumns+` FROM seal_keys WHERE in_use = 1`))
}

// SealKeys are every key the seal has had, oldest first, without their
// private halves: what /verify/keys publishes.
func (db *DB) SealKeys(ctx context.Context) ([]seal.Key, error) {
	rows, err := db.reader().query(ctx, `SELECT `+sealKeyColumns+` FROM seal_keys ORDER BY valid_from, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []seal.Key
	for rows.Next() {
		k, err := scanSealKey(rows)
		if err != nil {
			return nil, err
		}
		k.Private = nil
		out = append(out, k)
	}
	return out, rows.Err()
}

// DocumentFacts is what a consul's decision states on the document.
type DocumentFacts struct {
	Result  string   // issued or refused: one of the case type's results
	Reasons []string // for a refusal: ids of the case type's Refusals
	// Holder is the least of the holder's name the document needs,
	// surname and initials as in the passport ("IVANOV I. I."); may be "".
	Holder  string
	Expires time.Time // zero: the document does not expire
}

// IssueDocument signs and records the document of a decided application,
// inside the transaction that decides it: the application must be
// decided in tx already. One document per application and result: a
// second is refused (seal.ErrAlreadyIssued).
func (tx *Tx) IssueDocument(ctx context.Context, key seal.Key, app casework.Application, t casework.CaseType, f DocumentFacts) (seal.Document, error) {
	if key.Private == nil {
		return seal.Document{}, seal.ErrNoSigningKey.With("Key", key.ID)
	}
	if _, ok := t.Result(f.Result); !ok || !slices.Contains(seal.Results, f.Result) {
		return seal.Document{}, seal.ErrResult
	}
	for _, r := range f.Reasons {
		if f.Result != "refused" || !slices.ContainsFunc(t.Refusals, func(x casework.Reason) bool { return x.ID == r }) {
			return seal.Document{}, seal.ErrReason
		}
	}
	f.Holder = strings.Join(strings.Fields(f.Holder), " ")
	if utf8.RuneCountInString(f.Holder) > 60 || len(f.Holder) > 120 {
		return seal.Document{}, seal.ErrHolder
	}
	var stage string
	if err := tx.queryRow(ctx, `SELECT stage FROM applications WHERE id = ?`, app.ID).Scan(&stage); err != nil || stage != casework.Decided {
		if err != nil && !isNoRows(err) {
			return seal.Document{}, err
		}
		return seal.Document{}, seal.ErrNotDecided
	}
	d := seal.Document{ApplicationID: app.ID, Reference: app.Reference, Mission: app.Mission, CaseType: t.ID, Result: f.Result,
		Reasons: f.Reasons, Holder: f.Holder, KeyID: key.ID, Issued: tx.now, Expires: f.Expires}
	if d.Reasons == nil {
		d.Reasons = []string{}
	}
	code, err := seal.Sign(d.Record(), key.Private)
	if err != nil {
		return seal.Document{}, err
	}
	d.Code = code
	reasons, _ := json.Marshal(d.Reasons)
	var expires any
	if !d.Expires.IsZero() {
		expires = millis(d.Expires)
	}
	err = tx.queryRow(ctx, `INSERT INTO issued_documents (code, application_id, reference, mission_id, case_type, result, reasons, holder,
		key_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (application_id, result) DO NOTHING RETURNING id`,
		d.Code, d.ApplicationID, d.Reference, d.Mission, d.CaseType, d.Result, string(reasons), d.Holder, d.KeyID, millis(d.Issued), expires).Scan(&d.ID)
	if isNoRows(err) {
		return seal.Document{}, seal.ErrAlreadyIssued
	}
	return d, err
}

const issuedColumns = `id, code, application_id, reference, mission_id, case_type, result, reasons, holder, key_id, issued_at,
	expires_at, revoked_at, COALESCE(revoked_by, ''), COALESCE(revoke_reason, '')`

func scanIssued(row interface{ Scan(...any) error }) (seal.Document, error) {
	var d seal.Document
	var reasons string
	var issued int64
	var expires, revoked sql.NullInt64
	err := row.Scan(&d.ID, &d.Code, &d.ApplicationID, &d.Reference, &d.Mission, &d.CaseType, &d.Result, &reasons, &d.Holder, &d.KeyID,
		&issued, &expires, &revoked, &d.RevokedBy, &d.RevokeReason)
	if isNoRows(err) {
		return d, seal.ErrNoDocument
	}
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal([]byte(reasons), &d.Reasons); err != nil {
		return d, err
	}
	d.Issued = fromMillis(issued)
	if expires.Valid {
		d.Expires = fromMillis(expires.Int64)
	}
	if revoked.Valid {
		d.Revoked = fromMillis(revoked.Int64)
	}
	return d, nil
}

// IssuedDocument is the issued document whose code is code (as seal.Canonical
// gives it).
func (db *DB) IssuedDocument(ctx context.Context, code string) (seal.Document, error) {
	return scanIssued(db.reader().queryRow(ctx, `SELECT `+issuedColumns+` FROM issued_documents WHERE code = ?`, seal.Canonical(code)))
}

// DocumentOf is the latest document issued for the application reference
// that is not revoked.
func (db *DB) DocumentOf(ctx context.Context, reference string) (seal.Document, error) {
	return scanIssued(db.reader().queryRow(ctx, `SELECT `+issuedColumns+` FROM issued_documents
		WHERE reference = ? AND revoked_at IS NULL ORDER BY issued_at DESC, id DESC LIMIT 1`, reference))
}

// RevokeDocument revokes a document for a reason, once: the verify page
// says so from then on. Audited.
func (db *DB) RevokeDocument(ctx context.Context, who Actor, code, reason string) (seal.Document, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return seal.Document{}, seal.ErrRevokeReason
	}
	var d seal.Document
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		d, err = scanIssued(tx.queryRow(ctx, `SELECT `+issuedColumns+` FROM issued_documents WHERE code = ?`, seal.Canonical(code)))
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE issued_documents SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL`,
			millis(tx.now), who.Name, reason, d.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return seal.ErrAlreadyRevoked
		}
		d.Revoked, d.RevokedBy, d.RevokeReason = tx.now, who.Name, reason
		return tx.audit(ctx, who, "document.revoke", "document", d.Reference,
			map[string]any{"code": d.Code, "result": d.Result}, map[string]any{"code": d.Code, "revoked": true, "reason": reason})
	})
	return d, err
}

// DocumentRead records in the audit log that a staff member downloaded
// an application's document.
func (db *DB) DocumentRead(ctx context.Context, who Actor, d seal.Document) error {
	return db.inTx(ctx, func(tx *Tx) error {
		return tx.auditOnly(ctx, who, "document.download", "document", d.Reference, nil, map[string]any{"code": d.Code})
	})
}

// DocumentCase is the case type (the version its application follows)
// and the applicant's language of an issued document.
func (db *DB) DocumentCase(ctx context.Context, d seal.Document) (casework.CaseType, string, error) {
	var version int
	var lang string
	if err := db.reader().queryRow(ctx, `SELECT case_type_version, lang FROM applications WHERE id = ?`, d.ApplicationID).Scan(&version, &lang); err != nil {
		if isNoRows(err) {
			return casework.CaseType{}, "", seal.ErrNoDocument
		}
		return casework.CaseType{}, "", err
	}
	t, err := findCaseType(ctx, db.reader(), d.Mission, d.CaseType, version)
	return t, lang, err
}
