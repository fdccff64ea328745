package store

import (
	"context"
	"time"

	"github.com/chancery-platform/chancery"
)

// DraftKept is how long a form's answers are kept between the POST that
// sent them and the page it redirects to.
const DraftKept = time.Hour

// A draft is what a person typed into a form, kept so that the form's POST
// can answer with a redirect (post/redirect/get) and back, reload and
// "change" never send it again. Like an idempotent answer
// (idempotency.go), it is sealed under keys derived from a token the
// database never sees: the person's browser holds it, in a cookie. The
// database alone reveals nothing of it, and it goes after DraftKept
// (PruneExpired), or sooner when replaced.

// SaveDraft keeps body as the draft of token, replacing the one it had.
func (db *DB) SaveDraft(ctx context.Context, token string, body []byte) error {
	k, err := deriveKeys(token, "draft")
	if err != nil {
		return err
	}
	sealed, err := k.sealAnswer(0, body)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO form_drafts (key_hash, body, created_at) VALUES (?, ?, ?)
			ON CONFLICT (key_hash) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`,
			k.lookup, sealed, millis(tx.now))
		return err
	})
}

// Draft is the draft of token: ENOTFOUND when it has none, or none newer
// than DraftKept.
func (db *DB) Draft(ctx context.Context, token string) ([]byte, error) {
	notFound := chancery.Errorf(chancery.ENOTFOUND, "error.draft_not_found")
	if token == "" {
		return nil, notFound
	}
	k, err := deriveKeys(token, "draft")
	if err != nil {
		return nil, err
	}
	var sealed string
	err = db.reader().queryRow(ctx, `SELECT body FROM form_drafts WHERE key_hash = ? AND created_at >= ?`,
		k.lookup, millis(db.Now().Add(-DraftKept))).Scan(&sealed)
	if isNoRows(err) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	body, err := k.openAnswer(0, sealed)
	if err != nil {
		return nil, notFound // not this token's: as if none
	}
	return body, nil
}
