package staff

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters of production: RFC 9106's second recommended option
// (64 MiB, 3 passes).
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
)

// PasswordCost is what one argon2id hash costs: passes, memory in KiB and
// threads. The zero value means production's cost; tests pass a cheaper one
// so that seeding accounts and signing in do not dominate their run time.
// CheckPassword reads the cost from the hash, so hashes of any cost verify.
type PasswordCost struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// params are the cost's argon2id parameters, production's for the zero value.
func (c PasswordCost) params() (time, memory uint32, threads uint8) {
	if c == (PasswordCost{}) {
		return argonTime, argonMemory, argonThreads
	}
	return max(c.Time, 1), c.Memory, max(c.Threads, 1)
}

// Hash returns the password's argon2id hash at this cost, in the PHC string
// format.
func (c PasswordCost) Hash(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	time, memory, threads := c.params()
	key := argon2.IDKey([]byte(pw), salt, time, memory, threads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, time, threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the PHC-encoded argon2id hash,
// reading the parameters from the hash so they can be raised later.
func CheckPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var mem, iter uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &iter, &threads); err != nil || threads == 0 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, iter, mem, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// RandomPassword returns a password of 20 URL-safe characters for a new account.
func RandomPassword() string {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
