package store

import (
	"context"
	"strings"
	"sync"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
)

// CreateUser adds a staff account with an argon2id hash of password, which
// its owner chose (an operator's `chancery admin create-user`).
func (db *DB) CreateUser(ctx context.Context, who Actor, username, password string, role staff.Role) (staff.User, error) {
	return db.createUser(ctx, who, username, password, role, false)
}

// CreateUserTemporary adds a staff account whose password was made for it
// (first start, or an administrator on the desk): its owner must change it
// at the first sign-in.
func (db *DB) CreateUserTemporary(ctx context.Context, who Actor, username, password string, role staff.Role) (staff.User, error) {
	return db.createUser(ctx, who, username, password, role, true)
}

func (db *DB) createUser(ctx context.Context, who Actor, username, password string, role staff.Role, mustChange bool) (staff.User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	if err := staff.ValidateAccount(username, role); err != nil {
		return staff.User{}, err
	}
	if err := staff.ValidateNewPassword(username, password); err != nil {
		return staff.User{}, err
	}
	hash, err := db.PasswordCost.Hash(password)
	if err != nil {
		return staff.User{}, err
	}
	u := staff.User{Username: username, Role: role, MustChangePassword: mustChange}
	err = db.inTx(ctx, func(tx *Tx) error {
		u.CreatedAt = tx.now
		err := tx.queryRow(ctx, `INSERT INTO users (username, password_hash, role, created_at, must_change_password) VALUES (?,?,?,?,?)
			ON CONFLICT (username) DO NOTHING RETURNING id`, username, hash, string(role), millis(tx.now), mustChange).Scan(&u.ID)
		if isNoRows(err) {
			return chancery.Errorf(chancery.ECONFLICT, "error.username_taken", "Username", username)
		} else if err != nil {
			return err
		}
		if err := tx.grantEveryMission(ctx, u.ID); err != nil {
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
	rows, err := db.reader().query(ctx, `SELECT id, username, role, created_at, disabled, must_change_password FROM users ORDER BY username`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []staff.User
	for rows.Next() {
		var u staff.User
		var created int64
		if err := rows.Scan(&u.ID, &u.Username, &u.Role, &created, &u.Disabled, &u.MustChangePassword); err != nil {
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
		return chancery.Errorf(chancery.EINVALID, "error.role_unknown", "Field", "role")
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
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled`).Scan(&admins); err != nil {
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
	username = strings.ToLower(strings.TrimSpace(username))
	if staff.ValidateUsername(username) != nil {
		// No account has such a name; the query is not even asked (a NUL
		// byte would be an error on PostgreSQL, not an unknown name).
		staff.CheckPassword(db.decoy.of(db.PasswordCost), password)
		return staff.User{}, chancery.Errorf(chancery.EUNAUTHORIZED, "error.login_failed")
	}
	err := db.reader().queryRow(ctx, `SELECT id, username, role, created_at, disabled, must_change_password, password_hash FROM users WHERE username = ?`,
		username).Scan(&u.ID, &u.Username, &u.Role, &created, &u.Disabled, &u.MustChangePassword, &hash)
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
