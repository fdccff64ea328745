package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

// AnswerKept is how long the first answer to a request with an
// Idempotency-Key is kept: a retry within it gets that answer back, a
// request after it with the same key is a new request.
const AnswerKept = 24 * time.Hour

// The first answer to a request with an idempotency key carries a manage
// token and the person's details, which the database must not keep in
// clear. So the table holds a hash of the key (to find the row), a MAC of
// the request under a key derived from the idempotency key (to tell a
// retry from another request), and the answer sealed with AES-256-GCM
// under another key derived from it (HKDF-SHA-256). Whoever holds the
// Idempotency-Key gets the answer back; the database alone reveals
// neither the answer nor whom it was for. The secrecy rests on the key
// being unguessable, as the API asks of it (a random UUID).

// answerKeys are the keys derived from one idempotency key.
type answerKeys struct {
	lookup string // hex, the row's primary key
	mac    []byte // for the request's MAC
	seal   []byte // for the answer's AES-GCM
}

func deriveAnswerKeys(key string) (answerKeys, error) { return deriveKeys(key, "idempotency") }

// deriveKeys derives the keys of a secret held outside the database, for
// one purpose ("idempotency", "draft"): keys of one purpose never open
// another's rows.
func deriveKeys(key, purpose string) (answerKeys, error) {
	derive := func(info string) ([]byte, error) {
		return hkdf.Key(sha256.New, []byte(key), nil, "chancery "+purpose+" "+info, 32)
	}
	lookup, err := derive("lookup")
	if err != nil {
		return answerKeys{}, err
	}
	mac, err := derive("request")
	if err != nil {
		return answerKeys{}, err
	}
	seal, err := derive("answer")
	if err != nil {
		return answerKeys{}, err
	}
	return answerKeys{lookup: hex.EncodeToString(lookup), mac: mac, seal: seal}, nil
}

// requestMAC identifies a request (by its hash) to the holder of the key.
func (k answerKeys) requestMAC(requestHash string) string {
	m := hmac.New(sha256.New, k.mac)
	m.Write([]byte(requestHash))
	return hex.EncodeToString(m.Sum(nil))
}

func (k answerKeys) aead() (cipher.AEAD, error) {
	block, err := aes.NewCipher(k.seal)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// sealAnswer encrypts an answer, bound to its row, as base64 text.
func (k answerKeys) sealAnswer(status int, body []byte) (string, error) {
	gcm, err := k.aead()
	if err != nil {
		return "", err
	}
	nonce := make([]byte, gcm.NonceSize())
	rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(gcm.Seal(nonce, nonce, body, k.additional(status))), nil
}

// openAnswer decrypts what sealAnswer gave.
func (k answerKeys) openAnswer(status int, sealed string) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return nil, err
	}
	gcm, err := k.aead()
	if err != nil {
		return nil, err
	}
	if len(raw) < gcm.NonceSize() {
		return nil, errors.New("a stored answer too short to open")
	}
	return gcm.Open(nil, raw[:gcm.NonceSize()], raw[gcm.NonceSize():], k.additional(status))
}

// additional binds the sealed body to its row and status, so that neither
// can be swapped for another's.
func (k answerKeys) additional(status int) []byte {
	return []byte(k.lookup + "\x00" + strconv.Itoa(status))
}

// storedAnswer is the first answer to a request with an idempotency key,
// nil when the key is new or its answer older than AnswerKept; the key
// reused for another request is an ECONFLICT error.
func (tx *Tx) storedAnswer(ctx context.Context, key, requestHash string) (*Replay, error) {
	k, err := deriveAnswerKeys(key)
	if err != nil {
		return nil, err
	}
	var mac, sealed string
	var r Replay
	err = tx.queryRow(ctx, `SELECT request_mac, status, body FROM idempotency_keys WHERE key_hash = ? AND created_at >= ?`,
		k.lookup, millis(tx.now.Add(-AnswerKept))).Scan(&mac, &r.Status, &sealed)
	switch {
	case isNoRows(err):
		return nil, nil
	case err != nil:
		return nil, err
	case !hmac.Equal([]byte(mac), []byte(k.requestMAC(requestHash))):
		return nil, chancery.Errorf(chancery.ECONFLICT, "error.idempotency_key_reused")
	}
	if r.Body, err = k.openAnswer(r.Status, sealed); err != nil {
		return nil, err
	}
	return &r, nil
}

// storeAnswer keeps the answer to a request with an idempotency key, in
// the transaction of its change (over an expired answer to the same key);
// errReplayRace when a concurrent request with the same key stored its
// answer first.
func (tx *Tx) storeAnswer(ctx context.Context, key, requestHash string, status int, body []byte) error {
	k, err := deriveAnswerKeys(key)
	if err != nil {
		return err
	}
	sealed, err := k.sealAnswer(status, body)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `INSERT INTO idempotency_keys (key_hash, request_mac, status, body, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (key_hash) DO UPDATE SET request_mac = excluded.request_mac, status = excluded.status, body = excluded.body,
		created_at = excluded.created_at WHERE idempotency_keys.created_at < ?`,
		k.lookup, k.requestMAC(requestHash), status, sealed, millis(tx.now), millis(tx.now.Add(-AnswerKept)))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errReplayRace
	}
	return nil
}

// pruneBatch is how many rows one statement of a prune deletes, so that
// no prune holds the write lock for long.
const pruneBatch = 500

// PruneExpired deletes, in batches, the idempotency keys whose answers
// are older than AnswerKept, the rate-limit counts no limit reads again
// (older than two of the longest limit's windows), the form drafts and the
// applications left as drafts past their keeping, and returns how many
// rows it deleted.
func (db *DB) PruneExpired(ctx context.Context) (int, error) {
	now := db.Now()
	keys, err := db.pruneWhile(ctx, `DELETE FROM idempotency_keys WHERE key_hash IN
		(SELECT key_hash FROM idempotency_keys WHERE created_at < ? LIMIT ?)`, millis(now.Add(-AnswerKept)))
	if err != nil {
		return keys, err
	}
	counts, err := db.pruneWhile(ctx, `DELETE FROM rate_limits WHERE (bucket, window_start) IN
		(SELECT bucket, window_start FROM rate_limits WHERE window_start < ? LIMIT ?)`,
		millis(now.Add(-2*LongestLimitWindow)))
	if err != nil {
		return keys + counts, err
	}
	drafts, err := db.pruneWhile(ctx, `DELETE FROM form_drafts WHERE key_hash IN
		(SELECT key_hash FROM form_drafts WHERE created_at < ? LIMIT ?)`, millis(now.Add(-DraftKept)))
	if err != nil {
		return keys + counts + drafts, err
	}
	// Applications never submitted, past the date their page promised to
	// keep them until (their history and files go with them).
	apps, err := db.pruneWhile(ctx, `DELETE FROM applications WHERE id IN
		(SELECT id FROM applications WHERE stage = 'draft' AND updated_at < ? LIMIT ?)`, millis(now.Add(-casework.DraftKept)))
	return keys + counts + drafts + apps, err
}

// pruneWhile runs a delete of at most pruneBatch rows older than cutoff,
// each in its own transaction, until one deletes fewer.
func (db *DB) pruneWhile(ctx context.Context, q string, cutoff int64) (int, error) {
	total := 0
	for {
		var n int64
		err := db.inTx(ctx, func(tx *Tx) error {
			res, err := tx.exec(ctx, q, cutoff, pruneBatch)
			if err != nil {
				return err
			}
			n, err = res.RowsAffected()
			return err
		})
		total += int(n)
		if err != nil || n < pruneBatch {
			return total, err
		}
	}
}
