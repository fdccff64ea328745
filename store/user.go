package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
)

// CreateUser adds a staff account with an argon2id hash of password.
func (db *DB) CreateUser(ctx context.Context, who Actor, username, password string, role staff.Role) (staff.User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	if err := staff.ValidateUsername(username); err != nil {
		return staff.User{}, err
	}
	if !staff.ValidRole(role) {
		return staff.User{}, chancery.Errorf(chancery.EINVALID, "error.role_unknown")
	}
	if err := staff.ValidatePassword(password); err != nil {
		return staff.User{}, err
	}
	hash, err := db.PasswordCost.Hash(password)
	if err != nil {
		return staff.User{}, err
	}
	u := staff.User{Username: username, Role: role}
	err = db.inTx(ctx, func(tx *Tx) error {
		u.CreatedAt = tx.now
		err := tx.queryRow(ctx, `INSERT INTO users (username, password_hash, role, created_at) VALUES (?,?,?,?)
			ON CONFLICT (username) DO NOTHING RETURNING id`, username, hash, string(role), millis(tx.now)).Scan(&u.ID)
		if isNoRows(err) {
			return chancery.Errorf(chancery.ECONFLICT, "error.username_taken", "Username", username)
		} else if err != nil {
			return err
		}
		return tx.audit(ctx, who, "user.create", "user", username, nil, u)
	})
	return u, err
}

// CountUsers returns how many staff accounts exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.reader().queryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// Users returns every staff account.
func (db *DB) Users(ctx context.Context) ([]staff.User, error) {
	rows, err := db.reader().query(ctx, `SELECT id, username, role, created_at, disabled FROM users ORDER BY username`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []staff.User
	for rows.Next() {
		var u staff.User
		var created int64
		if err := rows.Scan(&u.ID, &u.Username, &u.Role, &created, &u.Disabled); err != nil {
			return nil, err
		}
		u.CreatedAt = fromMillis(created)
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetRole changes a staff member's role, refusing to demote the last admin.
func (db *DB) SetRole(ctx context.Context, who Actor, username string, role staff.Role) error {
	if !staff.ValidRole(role) {
		return chancery.Errorf(chancery.EINVALID, "error.role_unknown")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var old string
		if err := tx.queryRow(ctx, `SELECT role FROM users WHERE username = ?`, username).Scan(&old); isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found")
		} else if err != nil {
			return err
		}
		if staff.Role(old) == staff.Admin && role != staff.Admin {
			var admins int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin'`).Scan(&admins); err != nil {
				return err
			}
			if admins <= 1 {
				return chancery.Errorf(chancery.ECONFLICT, "error.last_admin")
			}
		}
		if _, err := tx.exec(ctx, `UPDATE users SET role = ? WHERE username = ?`, string(role), username); err != nil {
			return err
		}
		return tx.audit(ctx, who, "user.role", "user", username, map[string]string{"role": old}, map[string]string{"role": string(role)})
	})
}

// Authenticate checks a username and password. Unknown names cost as much
// time as wrong passwords, so the answer does not reveal which accounts exist.
func (db *DB) Authenticate(ctx context.Context, username, password string) (staff.User, error) {
	var u staff.User
	var hash string
	var created int64
	err := db.reader().queryRow(ctx, `SELECT id, username, role, created_at, disabled, password_hash FROM users WHERE username = ?`,
		strings.ToLower(strings.TrimSpace(username))).Scan(&u.ID, &u.Username, &u.Role, &created, &u.Disabled, &hash)
	if isNoRows(err) {
		staff.CheckPassword(db.decoy.of(db.PasswordCost), password)
		return staff.User{}, chancery.Errorf(chancery.EUNAUTHORIZED, "error.login_failed")
	} else if err != nil {
		return staff.User{}, err
	}
	if !staff.CheckPassword(hash, password) || u.Disabled {
		return staff.User{}, chancery.Errorf(chancery.EUNAUTHORIZED, "error.login_failed")
	}
	u.CreatedAt = fromMillis(created)
	return u, nil
}

// decoyHash is checked against when the username is unknown. It is made
// at the database's password cost, so that an unknown name costs as much
// as a wrong password.
type decoyHash struct {
	once sync.Once
	hash string
}

func (d *decoyHash) of(cost staff.PasswordCost) string {
	d.once.Do(func() { d.hash, _ = cost.Hash("decoy password that matches nothing") })
	return d.hash
}

// Session is a signed-in staff member's session.
type Session struct {
	Token     string // only known right after creation; the store keeps a hash
	CSRF      string
	User      staff.User
	ExpiresAt time.Time
}

// SessionLifetime is how long a session lasts after sign-in.
const SessionLifetime = 12 * time.Hour

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

// CreateSession starts a session for u and returns its secret token.
func (db *DB) CreateSession(ctx context.Context, u staff.User) (Session, error) {
	s := Session{Token: randomToken(), CSRF: randomToken(), User: u}
	err := db.inTx(ctx, func(tx *Tx) error {
		s.ExpiresAt = tx.now.Add(SessionLifetime)
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, millis(tx.now)); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?,?,?,?,?)`,
			tokenHash(s.Token), u.ID, s.CSRF, millis(tx.now), millis(s.ExpiresAt))
		return err
	})
	return s, err
}

// SessionByToken returns the live session for a token, or EUNAUTHORIZED.
func (db *DB) SessionByToken(ctx context.Context, token string) (Session, error) {
	var s Session
	var expires, created int64
	err := db.reader().queryRow(ctx, `SELECT s.csrf, s.expires_at, u.id, u.username, u.role, u.created_at, u.disabled
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
		tokenHash(token), millis(db.Now())).Scan(&s.CSRF, &expires, &s.User.ID, &s.User.Username, &s.User.Role, &created, &s.User.Disabled)
	if isNoRows(err) || (err == nil && s.User.Disabled) {
		return Session{}, chancery.Errorf(chancery.EUNAUTHORIZED, "error.signin_required")
	} else if err != nil {
		return Session{}, err
	}
	s.ExpiresAt, s.User.CreatedAt = fromMillis(expires), fromMillis(created)
	return s, nil
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token))
		return err
	})
}
