// Package seal is the signed record a decided case's document carries, so
// anyone can check it: modelled on the ICAO Visible Digital Seal (Doc 9303
// Part 13), a header naming who signed (the mission and the key), the
// document's kind, its few facts and an Ed25519 signature, encoded for a
// QR code's alphanumeric mode. Pure Go: no storage, no HTTP.
package seal

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
)

// Version is the record format this package writes.
const Version = 1

// magic opens every record, as 0xDC opens a Visible Digital Seal.
const magic = 0xDC

// Algorithm names the signature scheme in the published keys.
const Algorithm = "Ed25519"

// maxField is the longest a text field of a record may be, in bytes.
const maxField = 120

// Record is what a document's seal states: the least a reader needs to
// match the paper in front of them.
type Record struct {
	Version  int
	Mission  string // the mission's id, e.g. by-cg-chongqing
	KeyID    string // the signing key (KeyID of its public key)
	CaseType string // the document's kind: the case type ...
	Result   string // ... and its result (issued, refused)
	Ref      string // the application's reference
	Holder   string // surname and initials, as the consul wrote them
	Issued   time.Time
	Expires  time.Time // zero: does not expire
}

// The refusals of a code, each its own sentinel so callers can tell them
// apart; every one is a 4xx with a message.
var (
	ErrMalformed  = chancery.Errorf(chancery.EINVALID, "error.seal_malformed")
	ErrTruncated  = chancery.Errorf(chancery.EINVALID, "error.seal_truncated")
	ErrVersion    = chancery.Errorf(chancery.EINVALID, "error.seal_version")
	ErrSignature  = chancery.Errorf(chancery.EINVALID, "error.seal_signature")
	ErrUnknownKey = chancery.Errorf(chancery.ENOTFOUND, "error.seal_unknown_key")
)

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// epoch is day 0 of the record's dates.
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// KeyID names a public key: the first 5 bytes of its SHA-256, in base32
// (8 characters).
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return encoding.EncodeToString(sum[:5])
}

// Sign encodes r and signs it with key, whose id r.KeyID becomes; the
// result is the document's code. Dates keep only their day (UTC).
func Sign(r Record, key ed25519.PrivateKey) (string, error) {
	r.Version = Version
	r.KeyID = KeyID(key.Public().(ed25519.PublicKey))
	body, err := r.marshal()
	if err != nil {
		return "", err
	}
	return encoding.EncodeToString(append(body, ed25519.Sign(key, body)...)), nil
}

// Canonical is a typed or pasted code as Decode reads it: upper case,
// without spaces, hyphens or padding.
func Canonical(code string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '-', '=':
			return -1
		}
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, code)
}

// Decode reads a code without checking its signature: the record, the
// bytes signed and the signature. Verify checks it.
func Decode(code string) (Record, []byte, []byte, error) {
	raw, err := encoding.DecodeString(Canonical(code))
	if err != nil {
		return Record{}, nil, nil, ErrMalformed
	}
	if len(raw) < 2 {
		return Record{}, nil, nil, ErrTruncated
	}
	if raw[0] != magic {
		return Record{}, nil, nil, ErrMalformed
	}
	if raw[1] != Version {
		return Record{}, nil, nil, ErrVersion
	}
	r, n, err := unmarshal(raw)
	if err != nil {
		return Record{}, nil, nil, err
	}
	switch rest := len(raw) - n; {
	case rest < ed25519.SignatureSize:
		return Record{}, nil, nil, ErrTruncated
	case rest > ed25519.SignatureSize:
		return Record{}, nil, nil, ErrMalformed
	}
	return r, raw[:n], raw[n:], nil
}

// Verify decodes code and checks its signature with the public key of the
// id it names; keys maps key ids to public keys. It returns the record
// whenever the code decodes, so a page can say which key is unknown.
func Verify(code string, keys map[string]ed25519.PublicKey) (Record, error) {
	r, body, sig, err := Decode(code)
	if err != nil {
		return Record{}, err
	}
	pub, ok := keys[r.KeyID]
	if !ok || len(pub) != ed25519.PublicKeySize {
		return r, ErrUnknownKey.With("Key", r.KeyID)
	}
	if !ed25519.Verify(pub, body, sig) {
		return r, ErrSignature
	}
	return r, nil
}

// marshal writes the record's fields in their fixed order: magic,
// version, key id (5 bytes), issue and expiry day (2 bytes each, days
// since 1970; 0 for no expiry), then mission, case type, result,
// reference and holder, each a length byte and UTF-8.
func (r Record) marshal() ([]byte, error) {
	id, err := encoding.DecodeString(r.KeyID)
	if err != nil || len(id) != 5 {
		return nil, ErrMalformed
	}
	var b bytes.Buffer
	b.WriteByte(magic)
	b.WriteByte(byte(r.Version))
	b.Write(id)
	b.Write(binary.BigEndian.AppendUint16(nil, day(r.Issued)))
	b.Write(binary.BigEndian.AppendUint16(nil, day(r.Expires)))
	for _, f := range []string{r.Mission, r.CaseType, r.Result, r.Ref, r.Holder} {
		if len(f) > maxField || !utf8.ValidString(f) {
			return nil, ErrMalformed
		}
		b.WriteByte(byte(len(f)))
		b.WriteString(f)
	}
	return b.Bytes(), nil
}

func day(t time.Time) uint16 {
	if t.IsZero() {
		return 0
	}
	return uint16(t.UTC().Sub(epoch).Hours() / 24)
}

func fromDay(d uint16) time.Time {
	if d == 0 {
		return time.Time{}
	}
	return epoch.AddDate(0, 0, int(d))
}

// unmarshal reads the fields marshal writes and says how many bytes they
// took.
func unmarshal(raw []byte) (Record, int, error) {
	const fixed = 2 + 5 + 2 + 2
	if len(raw) < fixed {
		return Record{}, 0, ErrTruncated
	}
	r := Record{Version: int(raw[1]), KeyID: encoding.EncodeToString(raw[2:7]),
		Issued: fromDay(binary.BigEndian.Uint16(raw[7:9])), Expires: fromDay(binary.BigEndian.Uint16(raw[9:11]))}
	if r.Issued.IsZero() {
		return Record{}, 0, ErrMalformed
	}
	n := fixed
	for _, f := range []*string{&r.Mission, &r.CaseType, &r.Result, &r.Ref, &r.Holder} {
		if n >= len(raw) {
			return Record{}, 0, ErrTruncated
		}
		l := int(raw[n])
		n++
		if l > maxField {
			return Record{}, 0, ErrMalformed
		}
		if n+l > len(raw) {
			return Record{}, 0, ErrTruncated
		}
		if !utf8.Valid(raw[n : n+l]) {
			return Record{}, 0, ErrMalformed
		}
		*f = string(raw[n : n+l])
		n += l
	}
	return r, n, nil
}
