package seal_test

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/seal"
)

func sample() seal.Record {
	return seal.Record{Mission: "by-cg-chongqing", CaseType: "return-certificate", Result: "issued", Ref: "7F3K-9QXA",
		Holder: "ЛУКАШЭВІЧ А. М.", Issued: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), Expires: time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)}
}

// TestSealRoundTrip: a signed code is upper-case base32 (a QR code's
// alphanumeric mode), verifies with its key and gives back every field;
// typed in lower case with spaces it still reads.
func TestSealRoundTrip(t *testing.T) {
	k := seal.NewKey()
	code, err := seal.Sign(sample(), k.Private)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" || len(code) > 300 {
		t.Fatalf("code %q (%d) is not compact alphanumeric", code, len(code))
	}
	keys := map[string]ed25519.PublicKey{k.ID: k.Public}
	r, err := seal.Verify(code, keys)
	want := sample()
	want.Version, want.KeyID = seal.Version, k.ID
	if err != nil || r != want {
		t.Fatalf("verify: %+v %v, want %+v", r, err, want)
	}
	typed := strings.ToLower(code[:20]) + " " + code[20:40] + "-" + code[40:]
	if _, err := seal.Verify(typed, keys); err != nil {
		t.Errorf("typed with spaces and lower case: %v", err)
	}
}

// TestSealRefusals: a changed character, a code cut short, another key,
// a key nobody published and rubbish are each refused with their own error.
func TestSealRefusals(t *testing.T) {
	k, other := seal.NewKey(), seal.NewKey()
	code, err := seal.Sign(sample(), k.Private)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]ed25519.PublicKey{k.ID: k.Public}
	// Change one character of the holder's name (inside the signed part).
	b := []byte(code)
	i := len(code) / 3
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	forged, _ := seal.Sign(sample(), other.Private)
	_, _, sig, _ := seal.Decode(forged)
	for _, c := range []struct {
		name string
		code string
		keys map[string]ed25519.PublicKey
		want error
	}{
		{"tampered", string(b), keys, seal.ErrSignature},
		{"truncated", code[:len(code)-10], keys, seal.ErrTruncated},
		{"header only", code[:8], keys, seal.ErrTruncated},
		{"extra bytes", code + "AAAAAAAA", keys, seal.ErrMalformed},
		{"not base32", "HELLO WORLD!", keys, seal.ErrMalformed},
		{"empty", "", keys, seal.ErrTruncated},
		{"unknown key", forged, keys, seal.ErrUnknownKey},
		{"wrong key under the right id", code, map[string]ed25519.PublicKey{k.ID: other.Public}, seal.ErrSignature},
	} {
		if _, err := seal.Verify(c.code, c.keys); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if len(sig) != ed25519.SignatureSize {
		t.Errorf("signature of %d bytes", len(sig))
	}
}

// TestKeySet: a published set maps back to the keys; a key whose id does
// not match its bytes is left out; a seed reads in either base64.
func TestKeySet(t *testing.T) {
	k := seal.NewKey()
	bad := seal.NewKey().Publish("m")
	bad.ID = k.ID
	set := seal.KeySet{Keys: []seal.Published{k.Publish("m"), bad}}
	if m := set.Map(); len(m) != 1 || !m[k.ID].Equal(k.Public) {
		t.Errorf("map: %v", m)
	}
	seed := "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	a, err := seal.KeyFromSeed(seed)
	b, err2 := seal.KeyFromSeed(strings.TrimRight(seed, "="))
	if err != nil || err2 != nil || a.ID != b.ID {
		t.Errorf("seed: %v %v", err, err2)
	}
	if _, err := seal.KeyFromSeed("c2hvcnQ="); !errors.Is(err, seal.ErrSeed) {
		t.Errorf("short seed: %v", err)
	}
}

// FuzzDecode: no input panics the decoder, and whatever decodes has a
// whole signature and an issue date.
func FuzzDecode(f *testing.F) {
	k := seal.NewKey()
	code, _ := seal.Sign(sample(), k.Private)
	f.Add(code)
	f.Add(code[:30])
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		r, body, sig, err := seal.Decode(s)
		if err != nil {
			return
		}
		if len(sig) != ed25519.SignatureSize || len(body) < 11 || r.Issued.IsZero() {
			t.Fatalf("decoded %+v with %d-byte body", r, len(body))
		}
	})
}
