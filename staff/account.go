package staff

import (
	"errors"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
)

// Session timeouts, when the operator sets none.
const (
	DefaultSessionIdle     = 30 * time.Minute
	DefaultSessionLifetime = 12 * time.Hour
)

// SessionTouchEvery is how stale a session's last-seen time may get before a
// request writes it again: a signed-in page view costs a write at most once
// a minute, not once a request. The idle timeout is therefore kept to
// within this much.
const SessionTouchEvery = time.Minute

// SessionPolicy is how long a staff session lasts: it ends after Idle
// without a request, and Lifetime after sign-in whatever happens.
type SessionPolicy struct {
	Idle     time.Duration
	Lifetime time.Duration
}

// OrDefault returns the policy with each zero duration replaced by its default.
func (p SessionPolicy) OrDefault() SessionPolicy {
	if p.Idle <= 0 {
		p.Idle = DefaultSessionIdle
	}
	if p.Lifetime <= 0 {
		p.Lifetime = DefaultSessionLifetime
	}
	return p
}

// ValidateNewPassword checks a password someone chooses for the account
// username: long enough, not too long, and not the username itself.
func ValidateNewPassword(username, pw string) error {
	if err := ValidatePassword(pw); err != nil {
		return err
	}
	if strings.EqualFold(strings.TrimSpace(pw), username) {
		return chancery.Errorf(chancery.EINVALID, "error.password_is_username", "Field", "password")
	}
	return nil
}

// ValidatePasswordChange checks the own-password form of the account
// username before any password is compared: the current password given,
// the new one acceptable and other than it, and confirmed. Every problem
// is an EINVALID error naming its field ("current", "password",
// "confirm"), joined; whether current is right is the store's to say.
func ValidatePasswordChange(username, current, next, confirm string) error {
	var errs []error
	if current == "" {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.password_current_required", "Field", "current"))
	}
	if err := ValidateNewPassword(username, next); err != nil {
		errs = append(errs, err)
	} else if next == current {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.password_unchanged", "Field", "password"))
	}
	if confirm != next {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.password_mismatch", "Field", "confirm"))
	}
	return errors.Join(errs...)
}
