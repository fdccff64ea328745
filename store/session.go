package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
	"unicode"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
)

// Session is a signed-in staff member's session. It ends after the
// policy's idle timeout without a request, or its lifetime after sign-in,
// whichever comes first; both are judged from the sessions table, so every
// instance ends it at the same moment.
type Session struct {
	Token     string // only known right after creation; the store keeps a hash
	CSRF      string
	User      staff.User
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time // the absolute end: sign-in plus the lifetime
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// SignIn checks a username and password and, when they match an enabled
// account, starts a session under policy p. Both outcomes are audited: a
// failed sign-in with the username tried (never the password) and the
// client's address ip.
func (db *DB) SignIn(ctx context.Context, username, password, ip string, p staff.SessionPolicy) (Session, error) {
	u, err := db.Authenticate(ctx, username, password)
	if chancery.ErrorCode(err) == chancery.EUNAUTHORIZED {
		tried := auditableName(username)
		if err := db.inTx(ctx, func(tx *Tx) error {
			return tx.auditAccount(ctx, Actor{Name: tried}, "user.signin_failed", tried, nil, map[string]string{"ip": ip})
		}); err != nil {
			return Session{}, err
		}
		return Session{}, err
	} else if err != nil {
		return Session{}, err
	}
	var s Session
	err = db.inTx(ctx, func(tx *Tx) error {
		var err error
		if s, err = tx.createSession(ctx, u, p); err != nil {
			return err
		}
		return tx.auditAccount(ctx, ActorOf(u), "user.signin", u.Username, nil, map[string]string{"ip": ip})
	})
	return s, err
}

// auditableName is a username someone typed, made safe to keep: valid
// UTF-8 without control characters (which PostgreSQL's text refuses or a
// reader's terminal obeys), at most 64 bytes.
func auditableName(name string) string {
	name = strings.ToLower(strings.TrimSpace(strings.ToValidUTF8(name, "\uFFFD")))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, name)
	for len(name) > 64 {
		_, size := lastRune(name)
		name = name[:len(name)-size]
	}
	return name
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			return rune(s[i]), len(s) - i
		}
	}
	return 0, 1
}

// CreateSession starts a session for u under policy p and returns its
// secret token.
func (db *DB) CreateSession(ctx context.Context, u staff.User, p staff.SessionPolicy) (Session, error) {
	var s Session
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		s, err = tx.createSession(ctx, u, p)
		return err
	})
	return s, err
}

func (tx *Tx) createSession(ctx context.Context, u staff.User, p staff.SessionPolicy) (Session, error) {
	p = p.OrDefault()
	now := fromMillis(millis(tx.now)) // as stored
	s := Session{Token: randomToken(), CSRF: randomToken(), User: u, CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(p.Lifetime)}
	// Sessions past either timeout are of no more use to anyone.
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ? OR last_seen < ?`,
		millis(tx.now), millis(tx.now.Add(-p.Idle))); err != nil {
		return Session{}, err
	}
	_, err := tx.exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, last_seen) VALUES (?,?,?,?,?,?)`,
		tokenHash(s.Token), u.ID, s.CSRF, millis(tx.now), millis(s.ExpiresAt), millis(tx.now))
	return s, err
}

// SessionByToken returns the live session for a token under policy p, or
// EUNAUTHORIZED when there is none, it has been idle or lived too long, or
// its account is disabled. It records that the session was seen, with a
// write at most once per staff.SessionTouchEvery.
func (db *DB) SessionByToken(ctx context.Context, token string, p staff.SessionPolicy) (Session, error) {
	p = p.OrDefault()
	now := db.Now()
	var s Session
	var expires, created, seen, userCreated int64
	err := db.reader().queryRow(ctx, `SELECT s.csrf, s.created_at, s.last_seen, s.expires_at,
			u.id, u.username, u.role, u.created_at, u.disabled, u.must_change_password
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.created_at > ? AND s.last_seen > ?`,
		tokenHash(token), millis(now.Add(-p.Lifetime)), millis(now.Add(-p.Idle))).Scan(
		&s.CSRF, &created, &seen, &expires, &s.User.ID, &s.User.Username, &s.User.Role, &userCreated, &s.User.Disabled, &s.User.MustChangePassword)
	if isNoRows(err) || (err == nil && s.User.Disabled) {
		return Session{}, chancery.Errorf(chancery.EUNAUTHORIZED, "error.signin_required")
	} else if err != nil {
		return Session{}, err
	}
	s.CreatedAt, s.LastSeen, s.User.CreatedAt = fromMillis(created), fromMillis(seen), fromMillis(userCreated)
	s.ExpiresAt = s.CreatedAt.Add(p.Lifetime)
	if now.Sub(s.LastSeen) >= staff.SessionTouchEvery {
		// Conditional, so that of several instances seeing the session in
		// the same minute one writes.
		err := db.inTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?`,
				millis(tx.now), tokenHash(token), millis(tx.now.Add(-staff.SessionTouchEvery)))
			return err
		})
		if err != nil {
			return Session{}, err
		}
		s.LastSeen = now
	}
	return s, nil
}

// SignOut ends the session of token, signed in as who.
func (db *DB) SignOut(ctx context.Context, who Actor, token string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.auditAccount(ctx, who, "user.signout", who.Name, nil, nil)
	})
}

// EndSessions ends every session of the account username, but the one of
// keepToken ("" keeps none), and returns how many ended. who is an
// administrator, or the account's owner signing out everywhere.
func (db *DB) EndSessions(ctx context.Context, who Actor, username, keepToken string) (int, error) {
	var n int64
	err := db.inTx(ctx, func(tx *Tx) error {
		id, err := tx.userID(ctx, username)
		if err != nil {
			return err
		}
		if n, err = tx.endSessions(ctx, id, keepToken); err != nil {
			return err
		}
		return tx.auditAccount(ctx, who, "user.sessions_end", username, nil, map[string]int64{"sessions": n})
	})
	return int(n), err
}

func (tx *Tx) endSessions(ctx context.Context, userID int64, keepToken string) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, tokenHash(keepToken))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (tx *Tx) userID(ctx context.Context, username string) (int64, error) {
	var id int64
	username = strings.ToLower(username)
	if staff.ValidateUsername(username) != nil {
		return 0, chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found")
	}
	err := tx.queryRow(ctx, `SELECT id FROM users WHERE username = ?`, username).Scan(&id)
	if isNoRows(err) {
		return 0, chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found")
	}
	return id, err
}
