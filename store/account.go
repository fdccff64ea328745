package store

import (
	"context"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
)

// SetDisabled disables (or re-enables) the account username. A disabled
// account cannot sign in, and its sessions end in the same transaction.
// Nobody disables their own account, nor the last enabled administrator.
func (db *DB) SetDisabled(ctx context.Context, who Actor, username string, disabled bool) error {
	username = strings.ToLower(username)
	if staff.ValidateUsername(username) != nil {
		return chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var id int64
		var role string
		var was bool
		err := tx.queryRow(ctx, `SELECT id, role, disabled FROM users WHERE username = ?`, username).Scan(&id, &role, &was)
		if isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found")
		} else if err != nil {
			return err
		}
		if disabled && id == who.UserID {
			return chancery.Errorf(chancery.ECONFLICT, "error.disable_self")
		}
		if disabled && staff.Role(role) == staff.Admin && !was {
			var admins int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled`).Scan(&admins); err != nil {
				return err
			}
			if admins <= 1 {
				return chancery.Errorf(chancery.ECONFLICT, "error.last_admin")
			}
		}
		if _, err := tx.exec(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, id); err != nil {
			return err
		}
		action := "user.enable"
		if disabled {
			action = "user.disable"
			n, err := tx.endSessions(ctx, id, "")
			if err != nil {
				return err
			}
			if err := tx.auditAccount(ctx, who, "user.sessions_end", username, nil, map[string]int64{"sessions": n}); err != nil {
				return err
			}
		}
		return tx.auditAccount(ctx, who, action, username, map[string]bool{"disabled": was}, map[string]bool{"disabled": disabled})
	})
}

// ChangePassword sets the password of the signed-in account u to next,
// when current is its password now. The account's other sessions end;
// the one of keepToken (the session making the change) stays.
func (db *DB) ChangePassword(ctx context.Context, u staff.User, current, next, keepToken string) error {
	var hash string
	err := db.reader().queryRow(ctx, `SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash)
	if isNoRows(err) {
		return chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found")
	} else if err != nil {
		return err
	}
	if !staff.CheckPassword(hash, current) {
		return chancery.Errorf(chancery.EINVALID, "error.password_current_wrong", "Field", "current")
	}
	if err := staff.ValidateNewPassword(u.Username, next); err != nil {
		return err
	}
	if next == current {
		return chancery.Errorf(chancery.EINVALID, "error.password_unchanged", "Field", "password")
	}
	newHash, err := db.PasswordCost.Hash(next)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		// Conditional on the hash checked above: of two changes at once, one wins.
		res, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ? AND password_hash = ?`,
			newHash, false, u.ID, hash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return chancery.Errorf(chancery.ECONFLICT, "error.password_changed_meanwhile")
		}
		ended, err := tx.endSessions(ctx, u.ID, keepToken)
		if err != nil {
			return err
		}
		return tx.auditAccount(ctx, ActorOf(u), "user.password_change", u.Username, nil, map[string]int64{"other_sessions_ended": ended})
	})
}

// ResetPassword sets the password of another's account username to next
// (generated or typed by the administrator who), to be changed at the
// account's next sign-in; its sessions end.
func (db *DB) ResetPassword(ctx context.Context, who Actor, username, next string) error {
	username = strings.ToLower(username)
	if err := staff.ValidateNewPassword(username, next); err != nil {
		return err
	}
	hash, err := db.PasswordCost.Hash(next)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		id, err := tx.userID(ctx, username)
		if err != nil {
			return err
		}
		if id == who.UserID {
			return chancery.Errorf(chancery.ECONFLICT, "error.reset_self")
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?`, hash, true, id); err != nil {
			return err
		}
		n, err := tx.endSessions(ctx, id, "")
		if err != nil {
			return err
		}
		return tx.auditAccount(ctx, who, "user.password_reset", username, nil, map[string]int64{"sessions_ended": n})
	})
}
