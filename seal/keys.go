package seal

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/chancery-platform/chancery"
)

// Key is one signing key of a mission's seal over its life: it signs from
// ValidFrom until ValidTo (zero while it is the current key); once
// retired it still verifies what it signed.
type Key struct {
	ID        string
	Public    ed25519.PublicKey
	Private   ed25519.PrivateKey // nil where only the public half is known
	ValidFrom time.Time
	ValidTo   time.Time
}

// NewKey makes a fresh key.
func NewKey() Key {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return Key{ID: KeyID(pub), Public: pub, Private: priv}
}

// ErrSeed refuses a configured key that is not a base64 Ed25519 seed.
var ErrSeed = chancery.Errorf(chancery.EINVALID, "error.seal_seed")

// KeyFromSeed reads a configured key: the base64 of a 32-byte Ed25519
// seed (standard or URL alphabet, padded or not).
func KeyFromSeed(b64 string) (Key, error) {
	var seed []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if seed, err = enc.DecodeString(b64); err == nil {
			break
		}
	}
	if err != nil || len(seed) != ed25519.SeedSize {
		return Key{}, ErrSeed
	}
	priv := ed25519.NewKeyFromSeed(seed)
	pub := priv.Public().(ed25519.PublicKey)
	return Key{ID: KeyID(pub), Public: pub, Private: priv}, nil
}

// Published is a public key as /verify/keys lists it, for checking codes
// offline.
type Published struct {
	ID        string   `json:"id"`
	Algorithm string   `json:"algorithm"`
	PublicKey string   `json:"public_key"` // base64 of the 32 raw bytes
	ValidFrom string   `json:"valid_from"` // RFC 3339
	ValidTo   string   `json:"valid_to,omitempty"`
	Missions  []string `json:"missions"` // the missions whose documents it signs
}

// Publish is k as published for the missions whose documents it signs.
func (k Key) Publish(missions ...string) Published {
	p := Published{ID: k.ID, Algorithm: Algorithm, PublicKey: base64.StdEncoding.EncodeToString(k.Public),
		ValidFrom: k.ValidFrom.UTC().Format(time.RFC3339), Missions: append([]string{}, missions...)}
	if !k.ValidTo.IsZero() {
		p.ValidTo = k.ValidTo.UTC().Format(time.RFC3339)
	}
	return p
}

// KeySet is the published keys as a document: what `/verify/keys` serves
// and `chancery verify-seal -keys` reads.
type KeySet struct {
	Keys []Published `json:"keys"`
}

// Map is the set's public keys by id, for Verify; a key whose id does not
// match its bytes, or of another algorithm, is left out.
func (s KeySet) Map() map[string]ed25519.PublicKey {
	out := make(map[string]ed25519.PublicKey, len(s.Keys))
	for _, p := range s.Keys {
		pub, err := base64.StdEncoding.DecodeString(p.PublicKey)
		if err != nil || len(pub) != ed25519.PublicKeySize || p.Algorithm != Algorithm || KeyID(pub) != p.ID {
			continue
		}
		out[p.ID] = pub
	}
	return out
}

// ParseKeySet reads a published key set.
func ParseKeySet(b []byte) (KeySet, error) {
	var s KeySet
	if err := json.Unmarshal(b, &s); err != nil {
		return KeySet{}, chancery.Errorf(chancery.EINVALID, "error.seal_keys_invalid")
	}
	return s, nil
}
